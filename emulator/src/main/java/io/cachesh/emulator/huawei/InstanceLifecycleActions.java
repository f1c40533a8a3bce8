package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.client.auth.Secret;
import io.cachesh.emulator.dataplane.MemcachedProcess;
import io.cachesh.emulator.fleet.Fleet;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.InstanceStatus;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The instance lifecycle: create, list, show, update, delete, batch delete and resize, in v2 (5.1) and v1.0 (4.x).
 * Creation answers at once with the instance CREATING; after the task delay it is RUNNING with a redis-server
 * ({@code ip} 127.0.0.1, {@code port} the real one, {@code requirepass} the password, {@code maxmemory} the capacity).
 */
final class InstanceLifecycleActions extends HuaweiActionGroup {

    /** Statuses in which an instance cannot be deleted ({@code DCS.4099}). */
    private static final Set<String> UNDELETABLE = Set.of("CREATING", "RESTARTING", "STARTING", "FLUSHING", "EXTENDING",
            "RESTORING");

    InstanceLifecycleActions(HuaweiContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(HuaweiDcsProvider.Registry actions) {
        actions.v2("CreateInstance", this::createV2);
        actions.v2("ListInstances", this::listV2);
        actions.v2("ShowInstance", r -> showV2(instance(r.requireString("instance_id"))));
        actions.v2("UpdateInstance", this::update);
        actions.v2("DeleteSingleInstance", this::delete);
        actions.v2("BatchDeleteInstances", this::batchDelete);
        actions.v2("ResizeInstance", this::resizeV2);
        actions.v1("CreateInstance", this::createV1);
        actions.v1("ListInstances", this::listV1);
        actions.v1("ShowInstance", r -> showV1(instance(r.requireString("instance_id"))));
        actions.v1("UpdateInstance", this::update);
        actions.v1("DeleteInstance", this::delete);
        actions.v1("BatchDeleteInstances", this::batchDelete);
        actions.v1("ExtendInstance", this::extendV1);
    }

    // ---- create ---------------------------------------------------------------------------------------------------

    private ObjectNode createV2(HuaweiRequest r) {
        String name = r.requireString("name");
        int count = (int) r.integer("instance_num", 1);
        checkName(name);
        if (count > 1 && name.length() > 56) {
            throw new HuaweiException("DCS.4010", "111400010", 400, "Invalid DCS instance name: when creating several "
                    + "instances the name must be 4 to 56 characters long (it gets a -NNN suffix).");
        }
        checkEngine(r.string("engine"));
        HuaweiFlavors.Flavor flavor = flavors.bySpecCode(r.requireString("spec_code"))
                .orElseThrow(() -> new HuaweiException("DCS.4927", "111400009", 400, "The param spec_code is invalid: `"
                        + r.string("spec_code") + "` is not a flavor of this emulator (see ListFlavors)."));
        double capacity = r.number("capacity");
        if (!HuaweiFlavors.sameCapacity(flavor, capacity)) {
            throw new HuaweiException("DCS.4012", "111400012", 400, "Invalid capacity parameter in the request: "
                    + new BigDecimal(Double.toString(capacity)).stripTrailingZeros().toPlainString() + " GB does not match "
                    + flavor.specCode() + " (" + flavor.capacityText() + " GB).");
        }
        String version = r.string("engine_version", "5.0");
        if (!HuaweiFlavors.ENGINE_VERSIONS.contains(version)) {
            throw new HuaweiException("DCS.4008", "111400008", 400, "The selected cache engine version is not supported: `"
                    + version + "`; supported: " + HuaweiFlavors.ENGINE_VERSIONS + ".");
        }
        List<String> azs = zones(r.strings("az_codes"));
        boolean noPassword = Boolean.TRUE.equals(r.bool("no_password_access"));
        Secret password = password(r.string("password"), noPassword, 64);
        boolean prepaid = r.input().path("bss_param").path("charging_mode").asText("postPaid").equals("prePaid");
        String orderId = prepaid ? "CS" + ctx.hexId().substring(0, 16).toUpperCase(Locale.ROOT) : "";
        ObjectNode out = object();
        if (prepaid) out.put("order_id", orderId);
        ArrayNode created = out.putArray("instances");
        for (int n = 0; n < count; n++) {
            String instanceName = count > 1 ? String.format(Locale.ROOT, "%s-%03d", name, n) : name;
            Instance i = create(r, instanceName, flavor, version, azs, password, noPassword, orderId, (int) r.integer("port", 6379),
                    r.string("description"), r.string("security_group_id"), "v2");
            for (JsonNode tag : r.list("tags")) i.tag(tag.path("key").asText(), tag.path("value").asText(""));
            created.addObject().put("instance_id", i.id()).put("instance_name", i.name());
        }
        fleet.changed();
        return out;
    }

    private ObjectNode createV1(HuaweiRequest r) {
        String name = r.requireString("name");
        checkName(name);
        if (Fleet.MEMCACHED.equalsIgnoreCase(r.string("engine"))) return createMemcachedV1(r, name);
        checkEngine(r.string("engine"));
        if (flavors.isMemcachedProduct(r.string("product_id"))) throw engineMismatch("Redis", r.string("product_id"));
        String version = r.requireString("engine_version");
        if (!Set.of("3.0", "4.0", "5.0", "6.0").contains(version)) {
            throw new HuaweiException("DCS.4008", "111400008", 400, "The selected cache engine version is not supported: `"
                    + version + "`.");
        }
        HuaweiFlavors.Flavor flavor = flavors.byProductId(r.requireString("product_id"))
                .orElseThrow(() -> new HuaweiException("DCS.4009", "111400009", 400, "Invalid product ID in the request: `"
                        + r.string("product_id") + "` (see ListProducts)."));
        long capacity = r.integer("capacity", -1);
        if (!HuaweiFlavors.sameCapacity(flavor, capacity) && !(capacity == 0 && flavor.capacityGb().compareTo(BigDecimal.ONE) < 0)) {
            throw new HuaweiException("DCS.4012", "111400012", 400, "Invalid capacity parameter in the request: " + capacity
                    + " GB does not match product " + flavor.productId() + " (" + flavor.capacityText() + " GB).");
        }
        List<String> azs = zones(r.strings("available_zones"));
        Secret password = password(r.string("password"), false, 32);
        Instance i = create(r, name, flavor, version, azs, password, false, "", 6379, r.string("description"),
                r.string("security_group_id"), "v1");
        fleet.changed();
        ObjectNode out = object();
        out.put("instance_id", i.id());
        out.putObject("instances").put("instance_id", i.id()).put("instance_name", i.name());
        return out;
    }

    /**
     * v1 Memcached (the 2025 seed's historical 8.1.1, l.43095-43522): {@code engine} "Memcached", no (or an empty)
     * {@code engine_version}, a {@code dcs.single_node-h} / {@code dcs.master_standby-h} product and a capacity of 2,
     * 4, 8, 16, 32 or 64 GB. Without a password the instance is password-free (the seed's example 5). A real memcached
     * runs behind it once it is RUNNING.
     */
    private ObjectNode createMemcachedV1(HuaweiRequest r, String name) {
        String version = r.string("engine_version", "");
        if (!version.isEmpty()) {
            throw new HuaweiException("DCS.4008", "111400008", 400, "The selected cache engine version is not supported: "
                    + "Memcached takes no engine_version (leave it empty), got `" + version + "`.");
        }
        String product = r.requireString("product_id");
        if (!flavors.isMemcachedProduct(product)) {
            if (flavors.byProductId(product).isPresent()) throw engineMismatch("Memcached", product);
            throw new HuaweiException("DCS.4009", "111400009", 400, "Invalid product ID in the request: `" + product
                    + "` (Memcached: dcs.single_node-h or dcs.master_standby-h, see ListProducts).");
        }
        long capacity = r.integer("capacity", -1);
        HuaweiFlavors.Flavor flavor = flavors.memcached(product, BigDecimal.valueOf(capacity))
                .orElseThrow(() -> new HuaweiException("DCS.4012", "111400012", 400, "Invalid capacity parameter in the "
                        + "request: Memcached product " + product + " has " + String.join(", ",
                        HuaweiFlavors.MEMCACHED_CAPACITIES) + " GB, got " + capacity + "."));
        List<String> azs = zones(r.strings("available_zones"));
        String given = r.string("password");
        boolean noPassword = given == null || given.isEmpty();
        Secret password = noPassword ? Secret.of("") : Secret.of(checkPassword(given, 32));
        Instance i = create(r, name, flavor, "", azs, password, noPassword, "", 11211, r.string("description"),
                r.string("security_group_id"), "v1");
        fleet.changed();
        ObjectNode out = object();
        out.put("instance_id", i.id());
        out.putObject("instances").put("instance_id", i.id()).put("instance_name", i.name());
        return out;
    }

    /** {@code DCS.4022} / {@code 111400022} "Engine does not match the product id." (2020 seed l.2467). */
    private static HuaweiException engineMismatch(String engine, String product) {
        return new HuaweiException("DCS.4022", "111400022", 400, "Engine does not match the product id: " + engine
                + " with product `" + product + "`" + ("Redis".equals(engine)
                ? " (the emulator sells dcs.* products for Memcached only)." : " (a Redis product)."));
    }

    private Instance create(HuaweiRequest r, String name, HuaweiFlavors.Flavor flavor, String version, List<String> azs,
                            Secret password, boolean noPassword, String orderId, int port, String description,
                            String securityGroupId, String apiVersion) {
        Instant now = ctx.clock().instant();
        Instance i = Instance.builder().id(newId()).vendor(VENDOR).engine(flavor.memcached() ? Fleet.MEMCACHED : "redis")
                .region(HuaweiContext.REGION)
                .createTime(now).name(name).version(version).memSizeMb(flavor.capacityMb()).shards(1)
                .replicas(flavor.replicaCount()).status(InstanceStatus.TO_BE_INITIALIZED).password(password)
                .noAuth(noPassword).vpcId(r.string("vpc_id", "")).subnetId(r.string("subnet_id", "")).vport(port)
                .billingMode(orderId.isEmpty() ? 0 : 1)
                .build();
        new HuaweiState("CREATING", flavor.specCode(), flavor.cacheMode(), flavor.capacityText(), description, azs,
                securityGroupId, r.string("maintain_begin", "18:00:00"), r.string("maintain_end", "19:00:00"), orderId,
                orderId.isEmpty() ? 0 : 1, "", flavor.cpuType(), apiVersion, 0).save(i);
        fleet.add(i);
        fleet.submit(i.id(), "CreateInstance", "CREATING", () -> {
            try {
                fleet.startDataPlane(i);
            } finally {
                i.transition(InstanceStatus.RUNNING);
                fleet.changed();
            }
            return "";
        });
        return i;
    }

    private String newId() {
        while (true) {
            String id = UUID.randomUUID().toString();
            if (!fleet.contains(id)) return id;
        }
    }

    private static void checkEngine(String engine) {
        if (!"redis".equalsIgnoreCase(engine)) {
            throw new HuaweiException("DCS.4006", "111400007", 400, "The selected cache engine type is not supported: `"
                    + engine + "` (the seed's CreateInstance takes Redis only).");
        }
    }

    private static List<String> zones(List<String> requested) {
        if (requested.isEmpty()) {
            throw new HuaweiException("DCS.4042", "111400042", 400, "This AZ does not exist: no availability zone given.");
        }
        List<String> codes = new ArrayList<>();
        for (String z : requested) {
            for (String one : z.split(",")) {
                codes.add(Zones.find(one.trim()).orElseThrow(() -> new HuaweiException("DCS.4042", "111400042", 400,
                        "This AZ does not exist: `" + one.trim() + "` (see ListAvailableZones).")).code());
            }
        }
        return codes;
    }

    private static Secret password(String password, boolean noPassword, int maxLength) {
        if (noPassword) {
            if (password != null && !password.isEmpty()) {
                throw new HuaweiException("DCS.4849", "111400849", 400, "The request parameter password should not exist "
                        + "when no_password_access is true.");
            }
            return Secret.of("");
        }
        if (password == null || password.isEmpty()) {
            throw new HuaweiException("DCS.4845", "111400845", 400, "The password parameter is missing or its value is "
                    + "invalid: a password is required unless no_password_access is true.");
        }
        return Secret.of(checkPassword(password, maxLength));
    }

    // ---- read -----------------------------------------------------------------------------------------------------

    private List<Instance> mine() {
        List<Instance> out = new ArrayList<>();
        for (Instance i : fleet.instances()) if (HuaweiDcsProvider.owns(i)) out.add(i);
        out.sort(Comparator.comparing(Instance::createTime).reversed().thenComparing(Instance::id));
        return out;
    }

    private ObjectNode listV2(HuaweiRequest r) {
        String id = r.string("instance_id");
        String name = r.string("name");
        boolean exact = "true".equals(r.string("name_equal"));
        String status = r.string("status");
        String ip = r.string("ip");
        String capacity = r.string("capacity");
        String tags = r.string("tags");
        List<Instance> matches = new ArrayList<>();
        for (Instance i : mine()) {
            if (id != null && !id.isEmpty() && !i.id().equals(id)) continue;
            if (name != null && !name.isEmpty() && !(exact ? i.name().equals(name) : i.name().contains(name))) continue;
            if (status != null && !status.isEmpty() && !status(i).equals(status)) continue;
            if (ip != null && !ip.isEmpty() && !"127.0.0.1".equals(ip)) continue;
            if (capacity != null && !capacity.isEmpty() && !state(i).capacity().equals(capacity)) continue;
            if (tags != null && !tags.isEmpty() && !hasTags(i, tags)) continue;
            matches.add(i);
        }
        long offset = r.integer("offset", 0);
        long limit = r.integer("limit", 10);
        ObjectNode out = object();
        out.put("instance_num", matches.size());
        ArrayNode items = out.putArray("instances");
        matches.stream().skip(offset).limit(limit).forEach(i -> items.add(showV2(i)));
        return out;
    }

    /** {@code tags=key1=value1,key2} (the seed: a tag key, optionally with its value). */
    private static boolean hasTags(Instance i, String filter) {
        for (String one : filter.split(",")) {
            String[] kv = one.split("=", 2);
            String value = i.tags().get(kv[0].trim());
            if (value == null || kv.length == 2 && !value.equals(kv[1].trim())) return false;
        }
        return true;
    }

    private ObjectNode listV1(HuaweiRequest r) {
        String id = r.string("id");
        String name = r.string("name");
        boolean exact = "true".equals(r.string("isExactMatchName"));
        String status = r.string("status");
        List<Instance> matches = new ArrayList<>();
        for (Instance i : mine()) {
            if (id != null && !id.isEmpty() && !i.id().equals(id)) continue;
            if (name != null && !name.isEmpty() && !(exact ? i.name().equals(name) : i.name().contains(name))) continue;
            if (status != null && !status.isEmpty() && !status(i).equals(status)) continue;
            matches.add(i);
        }
        long start = Math.max(1, r.integer("start", 1));
        long limit = r.integer("limit", 10);
        ObjectNode out = object();
        out.put("instance_num", matches.size());
        ArrayNode items = out.putArray("instances");
        matches.stream().skip(start - 1).limit(limit).forEach(i -> items.add(showV1(i)));
        return out;
    }

    /** ShowInstance (v2), also each item of ListInstances (the shaper keeps what InstanceListInfo defines). */
    private ObjectNode showV2(Instance i) {
        HuaweiState s = state(i);
        ObjectNode n = object();
        n.put("instance_id", i.id());
        n.put("name", i.name());
        n.put("engine", engineName(i));
        n.put("engine_version", i.version());
        BigDecimal gb = new BigDecimal(s.capacity());
        n.put("capacity", gb.intValue());
        if (gb.compareTo(BigDecimal.ONE) < 0) n.put("capacity_minor", s.capacity());
        else n.putNull("capacity_minor");
        n.put("spec_code", s.specCode());
        n.put("cache_mode", s.cacheMode());
        n.put("status", status(i));
        n.put("ip", "127.0.0.1");
        n.put("port", i.dataPort());
        n.put("domain_name", "127.0.0.1");
        n.put("max_memory", i.capacityMb());
        n.put("used_memory", usedMemoryMb(i));
        n.put("no_password_access", Boolean.toString(i.noAuth()));
        n.put("access_user", s.accessUser());
        n.put("description", s.description());
        n.put("vpc_id", i.vpcId());
        n.put("vpc_name", i.vpcId().isEmpty() ? "" : "vpc-" + shortId(i.vpcId()));
        n.put("subnet_id", i.subnetId());
        n.put("subnet_name", i.subnetId().isEmpty() ? "" : "subnet-" + shortId(i.subnetId()));
        n.put("subnet_cidr", "127.0.0.0/8");
        n.put("security_group_id", s.securityGroupId());
        n.put("security_group_name", s.securityGroupId().isEmpty() ? "" : "sg-" + shortId(s.securityGroupId()));
        n.put("charging_mode", s.chargingMode());
        n.put("order_id", s.orderId());
        n.put("created_at", time(i.createTime()));
        n.put("launched_at", time(i.createTime()));
        n.put("updated_at", time(i.createTime()));
        n.put("update_at", time(i.createTime()));
        n.put("maintain_begin", s.maintainBegin());
        n.put("maintain_end", s.maintainEnd());
        n.putArray("az_codes").addAll(s.azCodes().stream().map(n::textNode).toList());
        ArrayNode azIds = n.putArray("available_zones");
        s.azCodes().forEach(c -> Zones.find(c).ifPresent(z -> azIds.add(z.id())));
        n.put("user_id", ctx.projectId());
        n.put("user_name", "cachesh");
        n.put("enable_publicip", false);
        n.put("enable_ssl", false);
        n.put("service_upgrade", false);
        n.put("enterprise_project_id", "0");
        n.put("cpu_type", s.cpuType());
        n.put("product_type", "generic");
        n.put("storage_type", "DRAM");
        n.put("support_slow_log_flag", "true");
        n.put("db_number", 256);
        n.put("replica_count", i.replicas());
        HuaweiFlavors.Flavor flavor = flavors.of(s.specCode(), s.capacity()).orElse(null);
        n.put("sharding_count", flavor == null ? 1 : flavor.shardingCount());
        n.put("sub_status", "normal");
        n.put("transparent_client_ip_enable", false);
        n.put("cloud_service_type_code", "hws.service.type.dcs");
        n.put("cloud_resource_type_code", "hws.resource.type.dcs3");
        n.put("inquiry_spec_code", s.specCode());
        ObjectNode features = n.putObject("features");
        features.put("support_acl", false).put("support_transparent_client_ip", false).put("support_ssl", false)
                .put("support_audit_log", false);
        ArrayNode tags = n.putArray("tags");
        i.tags().forEach((k, v) -> tags.addObject().put("key", k).put("value", v));
        return n;
    }

    private ObjectNode showV1(Instance i) {
        HuaweiState s = state(i);
        ObjectNode n = object();
        n.put("instance_id", i.id());
        n.put("name", i.name());
        n.put("engine", engineName(i));
        n.put("engine_version", i.version());
        n.put("internal_version", i.version());
        BigDecimal gb = new BigDecimal(s.capacity());
        n.put("capacity", gb.intValue());
        if (gb.compareTo(BigDecimal.ONE) < 0) n.put("capacity_minor", s.capacity());
        n.put("ip", "127.0.0.1");
        n.put("port", i.dataPort());
        n.put("status", status(i));
        n.put("description", s.description());
        n.put("max_memory", i.capacityMb());
        n.put("used_memory", usedMemoryMb(i));
        n.put("charging_mode", s.chargingMode());
        n.put("vpc_id", i.vpcId());
        n.put("vpc_name", i.vpcId().isEmpty() ? "" : "vpc-" + shortId(i.vpcId()));
        n.put("subnet_id", i.subnetId());
        n.put("subnet_name", i.subnetId().isEmpty() ? "" : "subnet-" + shortId(i.subnetId()));
        n.put("subnet_cidr", "127.0.0.0/8");
        n.put("security_group_id", s.securityGroupId());
        n.put("security_group_name", s.securityGroupId().isEmpty() ? "" : "sg-" + shortId(s.securityGroupId()));
        n.put("created_at", time(i.createTime()));
        n.putNull("error_code");
        n.put("user_id", ctx.projectId());
        n.put("user_name", "cachesh");
        n.put("maintain_begin", s.maintainBegin());
        n.put("maintain_end", s.maintainEnd());
        ArrayNode azIds = n.putArray("available_zones");
        s.azCodes().forEach(c -> Zones.find(c).ifPresent(z -> azIds.add(z.id())));
        n.put("backend_addrs", "127.0.0.1:" + i.dataPort());
        n.put("product_id", s.specCode() + "-h");
        n.put("order_id", s.orderId());
        return n;
    }

    /** The seed's engine words: {@code Redis}, {@code Memcached}. */
    private static String engineName(Instance i) {
        return MemcachedRules.memcached(i) ? "Memcached" : "Redis";
    }

    private static String shortId(String id) {
        return id.length() > 4 ? id.substring(0, 4) : id;
    }

    // ---- change ---------------------------------------------------------------------------------------------------

    private ObjectNode update(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        if (i.status() == InstanceStatus.TO_BE_INITIALIZED) throw HuaweiException.wrongState(i.id(), status(i));
        HuaweiState s = state(i);
        if (r.has("name")) {
            checkName(r.string("name"));
            for (Instance other : mine()) {
                if (!other.id().equals(i.id()) && other.name().equals(r.string("name"))) {
                    throw new HuaweiException("DCS.4060", "111400060", 400, "This DCS instance name already exists: `"
                            + r.string("name") + "`.");
                }
            }
            i.name(r.string("name"));
        }
        String begin = r.string("maintain_begin", s.maintainBegin());
        String end = r.string("maintain_end", s.maintainEnd());
        if (r.has("maintain_begin") != r.has("maintain_end")) {
            throw new HuaweiException("DCS.4106", "111400106", 400, "The value of maintain time illegal: maintain_begin and "
                    + "maintain_end go together.");
        }
        s.describe(r.string("description", s.description()), r.string("security_group_id", s.securityGroupId()), begin, end)
                .save(i);
        fleet.changed();
        return null;
    }

    private ObjectNode delete(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        deleteOne(i);
        return null;
    }

    private void deleteOne(Instance i) {
        String status = status(i);
        if (UNDELETABLE.contains(status)) {
            throw new HuaweiException("DCS.4099", "111400099", 400, "DCS instances in the Creating, Starting, Stopping, or "
                    + "Restarting state cannot be deleted: " + i.id() + " is " + status + ".");
        }
        fleet.remove(i.id());
    }

    private ObjectNode batchDelete(HuaweiRequest r) {
        boolean allFailure = "true".equalsIgnoreCase(r.string(r.v1() ? "allFailure" : "all_failure"));
        List<String> ids = r.strings("instances");
        ObjectNode out = object();
        ArrayNode results = out.putArray("results");
        if (allFailure) return out;  // no instance of the emulator ever fails to be created
        if (ids.isEmpty()) {
            throw new HuaweiException("DCS.4065", "111400065", 400, "The instances parameter in the request cannot be a "
                    + "null value or left unspecified.");
        }
        if (ids.size() > 50) {
            throw new HuaweiException("DCS.4100", "111400100", 400, "The number of instance IDs in an instances array "
                    + "cannot exceed 50: got " + ids.size() + ".");
        }
        for (String id : ids) {
            String result = "success";
            try {
                deleteOne(instance(id));
            } catch (HuaweiException e) {
                result = "failed";
            }
            results.addObject().put("instance", id).put("result", result);
        }
        return out;
    }

    private ObjectNode resizeV2(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        if (MemcachedRules.memcached(i)) {
            long capacity = r.integer("new_capacity", -1);
            resize(i, flavors.memcached(r.requireString("spec_code"), BigDecimal.valueOf(capacity))
                    .orElseThrow(() -> new HuaweiException("DCS.4012", 400, "Invalid capacity parameter in the request: "
                            + "a Memcached instance takes spec_code dcs.single_node or dcs.master_standby with new_capacity "
                            + String.join(", ", HuaweiFlavors.MEMCACHED_CAPACITIES) + " GB, got " + r.string("spec_code")
                            + " with " + capacity + ".")));
            return null;
        }
        HuaweiFlavors.Flavor flavor = flavors.bySpecCode(r.requireString("spec_code"))
                .orElseThrow(() -> new HuaweiException("DCS.4927", 400, "The param spec_code is invalid: `"
                        + r.string("spec_code") + "` is not a flavor of this emulator (see ListFlavors)."));
        long capacity = r.integer("new_capacity", -1);
        if (!HuaweiFlavors.sameCapacity(flavor, capacity)) {
            throw new HuaweiException("DCS.4012", 400, "Invalid capacity parameter in the request: new_capacity " + capacity
                    + " GB does not match " + flavor.specCode() + " (" + flavor.capacityText() + " GB).");
        }
        resize(i, flavor);
        return null;
    }

    private ObjectNode extendV1(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        long capacity = r.integer("new_capacity", -1);
        HuaweiFlavors.Flavor current = flavors.of(state(i).specCode(), state(i).capacity()).orElseThrow();
        HuaweiFlavors.Flavor flavor = flavors.sameKind(current, BigDecimal.valueOf(capacity))
                .orElseThrow(() -> new HuaweiException("DCS.4012", "111400012", 400, "Invalid capacity parameter in the "
                        + "request: no " + current.cacheMode() + " product has " + capacity + " GB."));
        if (flavor.capacityGb().compareTo(current.capacityGb()) <= 0) {
            throw new HuaweiException("DCS.4103", "111400103", 400, "The new capacity must be larger than the old one: "
                    + "new_capacity " + capacity + " GB, the current " + current.capacityText() + " GB.");
        }
        resize(i, flavor);
        return null;
    }

    private void resize(Instance i, HuaweiFlavors.Flavor flavor) {
        requireRunning(i);
        busyTask(i, "EXTENDING", "ResizeInstance", () -> {
            i.resize(flavor.capacityMb(), 1, flavor.replicaCount());
            state(i).flavor(flavor.specCode(), flavor.capacityText()).save(i);
            MemcachedProcess memcached = fleet.memcached(i);
            if (memcached != null) {
                try {
                    memcached.setMemoryLimitMb(flavor.capacityMb());   // cache_memlimit: the items stay
                } catch (IOException e) {
                    throw new IllegalStateException("cache_memlimit failed: " + e.getMessage(), e);
                }
            }
            if (i.dataPlane() != null) {
                try {
                    i.dataPlane().setMaxmemory(flavor.capacityMb() * 1024L * 1024L);
                } catch (IOException e) {
                    throw new IllegalStateException("CONFIG SET maxmemory failed: " + e.getMessage(), e);
                }
            }
            return "";
        });
    }
}
