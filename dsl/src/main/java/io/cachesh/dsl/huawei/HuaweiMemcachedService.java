package io.cachesh.dsl.huawei;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.client.auth.Secret;
import io.cachesh.dsl.CacheService;
import io.cachesh.dsl.Capabilities;
import io.cachesh.dsl.DslException;
import io.cachesh.dsl.DslOutput;
import io.cachesh.dsl.Polling;
import io.cachesh.dsl.ProviderSettings;
import io.cachesh.dsl.RawApi;
import io.cachesh.dsl.UnsupportedVerbException;
import io.cachesh.dsl.Verb;
import io.cachesh.dsl.WaitOptions;
import io.cachesh.dsl.result.Backup;
import io.cachesh.dsl.result.Instance;
import io.cachesh.dsl.result.InstanceStatus;
import io.cachesh.dsl.result.Param;
import io.cachesh.dsl.result.Stats;
import io.cachesh.dsl.result.Task;
import io.cachesh.dsl.spec.ResolvedSpec;
import io.cachesh.dsl.spec.Spec;
import io.cachesh.dsl.spec.SpecCatalogue;
import io.cachesh.dsl.spec.SpecResolver;
import io.cachesh.dsl.ModelClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Huawei DCS Memcached, as seen by {@code provider huawei}: created by the v1.0 API (model {@code huawei-dcs-v1},
 * CreateInstance with engine {@code Memcached}, the only API that creates them), then listed, described, resized,
 * renamed, restarted and deleted by the same DCS v2 operations as Redis instances. {@link HuaweiCacheService} creates
 * through {@link #create} and hands verbs on Memcached instances to this adapter ({@link CacheService#forInstance}),
 * whose capabilities leave out what DCS refuses for Memcached (flush, backups, ACL, analyses) and what Memcached has
 * not (passwords on the wire).
 */
public final class HuaweiMemcachedService implements CacheService {

    /** The provider label of messages and of the support matrix column. */
    public static final String LABEL = "huawei memcached (DCS v1)";
    /** The provider settings' option with the security group new Memcached instances go into (v1 requires one). */
    public static final String SECURITY_GROUP_ID = "securityGroupId";

    public static final Capabilities CAPABILITIES = Capabilities.builder(LABEL)
            .verb(Verb.CREATE, "v1 CreateInstance (engine Memcached; dcs.single_node-h for replicas: 0, "
                    + "dcs.master_standby-h for 1; 2-64 GB; the settings' option securityGroupId)")
            .verb(Verb.LIST, "ListInstances (with the Redis instances of provider huawei; list(spec: 'memcached'))")
            .verb(Verb.DESCRIBE, "ShowInstance (engine Memcached)")
            .verb(Verb.RESIZE, "ResizeInstance (spec_code dcs.single_node / dcs.master_standby, new_capacity)")
            .verb(Verb.RENAME, "UpdateInstance (name)")
            .verb(Verb.RESTART, "RestartOrFlushInstances (action restart; memcached keeps no data over a restart)")
            .verb(Verb.PARAMS, "ListConfigurations, UpdateConfigurations (timeout, maxmemory-policy)")
            .verb(Verb.TAGS, "read-only: tags of ShowInstance")
            .verb(Verb.STATS, "ListStatisticsOfRunningInstances (gets and sets since start; span realtime only)")
            .verb(Verb.TASKS, "ListBackgroundTask")
            .verb(Verb.WAIT, "ShowInstance (HuaweiDcsWaiters)")
            .verb(Verb.DELETE, "DeleteSingleInstance (no recycle bin)")
            .verb(Verb.CONNECT, "memcached text protocol at ip:port")
            .build();

    private final HuaweiCacheService dcs;
    private final ModelClient v1;
    private final DslOutput output;
    private final Map<String, String> options;

    /**
     * @param dcs the provider's adapter: the v2 operations common to both engines
     * @param v1  the DCS v1.0 client (CreateInstance, ListAvailableZones); null when the session has none
     */
    HuaweiMemcachedService(HuaweiCacheService dcs, ModelClient v1, DslOutput output, Map<String, String> options) {
        this.dcs = dcs;
        this.v1 = v1;
        this.output = output;
        this.options = options;
    }

    @Override
    public String provider() {
        return "huawei";
    }

    @Override
    public String region() {
        return dcs.region();
    }

    @Override
    public SpecCatalogue catalogue() {
        return dcs.catalogue();
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public UnsupportedVerbException unsupported(Verb verb) {
        return new UnsupportedVerbException(verb, LABEL);
    }

    @Override
    public boolean looksLikeId(String ref) {
        return dcs.looksLikeId(ref);
    }

    // ---------------------------------------------------------------- create (v1)

    @Override
    public Instance create(String name, ResolvedSpec spec, Secret password, WaitOptions wait) {
        return create(name, spec, password, Map.of(), wait);
    }

    @Override
    public Instance create(String name, ResolvedSpec spec, Secret password, Map<String, String> tags, WaitOptions wait) {
        if (tags != null && !tags.isEmpty()) {
            throw new DslException("create: tags cannot be set on a huawei memcached instance at create (the v1 "
                    + "CreateInstance has no tags)");
        }
        if (password != null) {
            throw new DslException("create: memcached has no password on huawei in cachesh (created password-free)");
        }
        if (v1 == null) throw new DslException("create: this session has no Huawei DCS v1.0 client for memcached");
        String vpc = options.get(ProviderSettings.VPC_ID);
        String subnet = options.get(ProviderSettings.SUBNET_ID);
        String group = options.get(SECURITY_GROUP_ID);
        if (vpc == null || subnet == null || group == null) {
            throw new DslException("create: huawei memcached (v1 CreateInstance) needs the VPC, subnet and security "
                    + "group new instances go into: ProviderSettings.huawei(credentials, projectId, vpcId, subnetId)"
                    + ".withOption(\"" + SECURITY_GROUP_ID + "\", \"...\")");
        }
        String name0 = name == null ? dcs.generatedName(Spec.MEMCACHED) : name;
        HuaweiCacheService.checkName("create", name0);
        List<String> zones = dcs.catalogue().zones();
        String zone = spec.zone() != null ? spec.zone() : zones.isEmpty() ? region() + "a" : zones.get(0);
        String product = HuaweiCatalogue.memcachedProduct(spec.replicas());
        long capacity = (long) spec.capacityGb();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name0);
        p.put("engine", "Memcached");
        p.put("engine_version", "");
        p.put("capacity", capacity);
        p.put("product_id", product);
        p.put("vpc_id", vpc);
        p.put("subnet_id", subnet);
        p.put("security_group_id", group);
        p.put("available_zones", List.of(zoneId(zone)));
        JsonNode r = v1.call("CreateInstance", p);
        if (r == null) {
            return Instance.builder().id(InstanceStatus.DRY_RUN).name(name0).provider("huawei")
                    .spec(Spec.MEMCACHED.id()).version(spec.version()).capacityGb(spec.capacityGb()).shards(1)
                    .replicas(spec.replicas()).status(InstanceStatus.DRY_RUN).region(region()).zone(zone)
                    .vendor("specCode", product).build();
        }
        String id = r.path("instance_id").asText(null);
        if (id == null) throw new IllegalStateException("CreateInstance returned no instance id: " + r);
        String label = name0 + " (" + id + ")";
        output.info("create " + label + ": ordered " + product + " (memcached, " + SpecResolver.gb(spec.capacityGb())
                + " GB, " + zone + ")");
        if (!wait.enabled()) return dcs.find(id).orElseGet(() -> Instance.builder().id(id).name(name0)
                .provider("huawei").spec(Spec.MEMCACHED.id()).version(spec.version()).capacityGb(spec.capacityGb())
                .shards(1).replicas(spec.replicas()).status(InstanceStatus.CREATING).region(region()).zone(zone)
                .build());
        return dcs.waitRunning("create", id, label, wait.timeout());
    }

    /** v1 takes availability zone ids: the id of the zone code from v1 ListAvailableZones (a code it lacks as is). */
    private String zoneId(String code) {
        JsonNode z = v1.call("ListAvailableZones", Map.of());
        if (z != null) {
            for (JsonNode zone : z.path("available_zones")) {
                if (code.equals(zone.path("code").asText())) return zone.path("id").asText();
            }
        }
        return code;
    }

    // ---------------------------------------------------------------- resize (v2, dcs.* spec codes)

    @Override
    public Instance resize(Instance current, Double capacityGb, Integer shards, Integer replicas, WaitOptions wait) {
        String label = Polling.label(current);
        if (shards != null || replicas != null || capacityGb == null) {
            throw new DslException("resize: a huawei memcached instance changes capacity only (" + label + ")");
        }
        SpecResolver.checkCapacity("resize", dcs.catalogue().offer(Spec.MEMCACHED,
                HuaweiCatalogue.MEMCACHED_VERSION), capacityGb);
        if (Double.compare(capacityGb, current.getCapacityGb()) == 0) {
            output.info("resize " + label + ": nothing to change");
            return current;
        }
        String specCode = String.valueOf(current.getVendor().getOrDefault("specCode",
                HuaweiCatalogue.memcachedProduct(current.getReplicas()).replace("-h", "")));
        JsonNode r = dcs.call("ResizeInstance", Map.of("instance_id", current.getId(), "spec_code", specCode,
                "new_capacity", capacityGb.longValue()));
        if (r == null) return current.toBuilder().capacityGb(capacityGb).status(InstanceStatus.DRY_RUN).build();
        output.info("resize " + label + ": ordered " + specCode + " " + SpecResolver.gb(capacityGb) + " GB");
        if (!wait.enabled()) return dcs.find(current.getId()).orElse(current);
        Instance now = dcs.waitRunning("resize", current.getId(), label, wait.timeout());
        return Double.compare(now.getCapacityGb(), capacityGb) == 0 ? now
                : dcs.waitFor("resize", now, InstanceStatus.RUNNING, wait.timeout());
    }

    // ---------------------------------------------------------------- the engine-neutral verbs: the v2 adapter's

    @Override
    public List<Instance> list() {
        return dcs.list().stream().filter(i -> Spec.MEMCACHED.id().equals(i.getSpec())).toList();
    }

    @Override
    public Optional<Instance> find(String id) {
        return dcs.find(id);
    }

    @Override
    public List<Instance> findByName(String name) {
        return dcs.findByName(name);
    }

    @Override
    public Instance rename(Instance current, String newName) {
        return dcs.rename(current, newName);
    }

    @Override
    public Instance restart(Instance current, WaitOptions wait) {
        return dcs.restart(current, wait);
    }

    @Override
    public List<Param> params(Instance current) {
        return dcs.params(current);
    }

    @Override
    public Task setParams(Instance current, Map<String, String> values, WaitOptions wait) {
        return dcs.setParams(current, values, wait);
    }

    @Override
    public Map<String, String> tags(Instance current) {
        return dcs.tags(current);
    }

    @Override
    public Stats stats(Instance current, String span) {
        return dcs.stats(current, span);
    }

    @Override
    public List<Task> tasks(Instance current, int limit) {
        return dcs.tasks(current, limit);
    }

    @Override
    public Instance delete(Instance current, boolean purge, WaitOptions wait) {
        return dcs.delete(current, purge, wait);
    }

    @Override
    public Instance waitFor(String verb, Instance instance, String status, Duration timeout) {
        return dcs.waitFor(verb, instance, status, timeout);
    }

    @Override
    public Task waitFor(String verb, Task task, Duration timeout) {
        return dcs.waitFor(verb, task, timeout);
    }

    // ---------------------------------------------------------------- what DCS refuses for Memcached

    @Override
    public RawApi raw(String api) {
        return dcs.raw(api);
    }

    @Override
    public List<String> rawApis() {
        return dcs.rawApis();
    }

    @Override
    public Duration defaultTimeout() {
        return dcs.defaultTimeout();
    }

    @Override
    public void close() {
        // the v2 adapter owns and closes both clients
    }
}
