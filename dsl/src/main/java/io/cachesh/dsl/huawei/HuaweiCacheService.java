package io.cachesh.dsl.huawei;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachesh.client.auth.Secret;
import io.cachesh.client.core.WaiterTimeoutException;
import io.cachesh.client.error.NotFoundException;
import io.cachesh.client.huawei.dcs.HuaweiDcsClient;
import io.cachesh.client.huawei.dcs.HuaweiDcsWaiters;
import io.cachesh.client.huawei.dcs.model.ShowInstanceResponse;
import io.cachesh.dsl.CacheService;
import io.cachesh.dsl.Capabilities;
import io.cachesh.dsl.DslException;
import io.cachesh.dsl.EffectCheck;
import io.cachesh.dsl.DslOutput;
import io.cachesh.dsl.DslTimeoutException;
import io.cachesh.dsl.ModelArgs;
import io.cachesh.dsl.ModelClient;
import io.cachesh.dsl.Polling;
import io.cachesh.dsl.ProviderSettings;
import io.cachesh.dsl.RawApi;
import io.cachesh.dsl.StatusTasks;
import io.cachesh.dsl.Verb;
import io.cachesh.dsl.WaitOptions;
import io.cachesh.dsl.result.Account;
import io.cachesh.dsl.result.Backup;
import io.cachesh.dsl.result.BigKey;
import io.cachesh.dsl.result.Instance;
import io.cachesh.dsl.result.InstanceStatus;
import io.cachesh.dsl.result.Param;
import io.cachesh.dsl.result.SlowLogEntry;
import io.cachesh.dsl.result.Stats;
import io.cachesh.dsl.result.Task;
import io.cachesh.dsl.result.WhitelistEntry;
import io.cachesh.dsl.spec.ResolvedSpec;
import io.cachesh.dsl.spec.Spec;
import io.cachesh.dsl.spec.SpecOffer;
import io.cachesh.dsl.spec.SpecResolver;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@link CacheService} for Huawei Cloud DCS (Redis), REST API v2 (model {@code huawei-dcs-v2}, generated
 * {@code HuaweiDcsClient}, AK/SK signing, the session's project id). Specs map to spec codes through
 * {@link HuaweiCatalogue} (ListFlavors, cached per session and region, with the seed's flavor table offline);
 * statuses map to the neutral ones ({@link #status(String)}); waits poll ShowInstance through
 * {@link HuaweiDcsWaiters}. Every call goes through one {@link ModelClient}, so dry-run applies to every mutating
 * operation.
 */
public final class HuaweiCacheService implements CacheService {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** CreateInstance/UpdateInstance {@code name}: 4-64 characters, a letter first, letters, digits, '-', '_'. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{3,63}");
    /** The seed's password symbols. */
    static final String SPECIALS = "~!@#$^&*()-_=+\\|{}:,<.>/?";
    private static final int PAGE = 100;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** What the Huawei adapter implements, and with which DCS v2 operations (docs/support-matrix.md). */
    public static final Capabilities CAPABILITIES = Capabilities.builder("huawei")
            .verb(Verb.CREATE, "CreateInstance (spec + capacity -> spec_code from ListFlavors; name generated when "
                    + "absent; tags)")
            .verb(Verb.LIST, "ListInstances; filters name, status, spec, tag")
            .verb(Verb.DESCRIBE, "ShowInstance")
            .verb(Verb.RESIZE, "ResizeInstance (capacity, or shards of a cluster: another spec_code; whole GB)")
            .verb(Verb.RENAME, "UpdateInstance (name)")
            .verb(Verb.RESTART, "RestartOrFlushInstances (action restart)")
            .verb(Verb.CLEAR, "RestartOrFlushInstances (action flush)")
            .verb(Verb.PASSWORD, "UpdatePassword with the old password when known, else ResetPassword")
            .verb(Verb.PARAMS, "ListConfigurations, UpdateConfigurations")
            .verb(Verb.BACKUP, "CopyInstance, then ListBackupRecords until succeed")
            .verb(Verb.BACKUPS, "ListBackupRecords")
            .verb(Verb.RESTORE, "RestoreInstance")
            .verb(Verb.WHITELIST, "IP addresses and CIDR ranges: ShowIpWhitelist, UpdateIpWhitelist (added ones in "
                    + "group cachesh; none left disables the whitelist)")
            .verb(Verb.ACCOUNTS, "ListAclAccounts, CreateAclAccount, UpdateAclAccount (grant: roles read / write = "
                    + "readwrite), DeleteAclAccount")
            .verb(Verb.TAGS, "read-only: tags of ShowInstance; set at create")
            .verb(Verb.SLOWLOG, "ListSlowlog")
            .verb(Verb.BIGKEYS, "CreateBigkeyScanTask, then ShowBigkeyScanTaskDetails until the scan ends")
            .verb(Verb.STATS, "ListStatisticsOfRunningInstances (gets and sets since start; span realtime only)")
            .verb(Verb.TASKS, "ListBackgroundTask (one instance), ListCenterTask (the region)")
            .verb(Verb.WAIT, "ShowInstance (HuaweiDcsWaiters)")
            .verb(Verb.DELETE, "DeleteSingleInstance (no recycle bin: purge: false is refused)")
            .verb(Verb.CONNECT, "the instance's Redis endpoint (ip:port)")
            .build();

    private final String region;
    private final ModelClient api;
    private final DslOutput output;
    private final Duration defaultTimeout;
    private final Duration pollInterval;
    private final Map<String, Secret> passwords;
    private final Map<String, String> options;
    private volatile HuaweiCatalogue catalogue;
    private final ModelClient v1;
    private final HuaweiMemcachedService memcached;
    private final HuaweiAccessVerbs access;
    private final HuaweiInsightVerbs insight;

    /**
     * @param passwords passwords this session set or was given, by instance id (never shown)
     * @param options   the provider settings' options: {@code vpcId} and {@code subnetId} of new instances
     */
    public HuaweiCacheService(String region, ModelClient api, DslOutput output, Duration defaultTimeout,
                              Duration pollInterval, Map<String, Secret> passwords, Map<String, String> options) {
        this(region, api, null, output, defaultTimeout, pollInterval, passwords, options);
    }

    /**
     * @param v1 the DCS v1.0 client ({@code huawei-dcs-v1}): Memcached instances are created through it
     *           ({@link HuaweiMemcachedService}); null leaves Memcached out
     */
    public HuaweiCacheService(String region, ModelClient api, ModelClient v1, DslOutput output, Duration defaultTimeout,
                              Duration pollInterval, Map<String, Secret> passwords, Map<String, String> options) {
        this.options = options == null ? Map.of() : Map.copyOf(options);
        this.region = Objects.requireNonNull(region, "region == null");
        this.api = Objects.requireNonNull(api, "api == null");
        this.output = Objects.requireNonNull(output, "output == null");
        this.defaultTimeout = Objects.requireNonNull(defaultTimeout, "defaultTimeout == null");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval == null");
        this.passwords = passwords == null ? new ConcurrentHashMap<>() : passwords;
        this.v1 = v1;
        this.memcached = new HuaweiMemcachedService(this, v1, output, this.options);
        this.access = new HuaweiAccessVerbs(api, output, pollInterval);
        this.insight = new HuaweiInsightVerbs(api, pollInterval, defaultTimeout);
    }

    @Override
    public String provider() {
        return "huawei";
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Duration defaultTimeout() {
        return defaultTimeout;
    }

    @Override
    public boolean looksLikeId(String ref) {
        return ID.matcher(ref).matches();
    }

    /** Memcached instances (created by the v1 API) are handled by {@link HuaweiMemcachedService}. */
    @Override
    public CacheService forInstance(Instance instance) {
        return Spec.MEMCACHED.id().equals(instance.getSpec()) ? memcached : this;
    }

    /** One DCS v2 call (null in dry-run mode), for the adapters of this package. */
    JsonNode call(String operation, Map<String, ?> params) {
        return api.call(operation, params);
    }

    // ---------------------------------------------------------------- catalogue

    /** ListFlavors (and ListAvailableZones) once per session and region; the seed's table when they fail. */
    @Override
    public HuaweiCatalogue catalogue() {
        HuaweiCatalogue c = catalogue;
        if (c != null) return c;
        synchronized (this) {
            if (catalogue != null) return catalogue;
            List<String> zones = new ArrayList<>();
            try {
                JsonNode z = api.call("ListAvailableZones", Map.of());
                for (JsonNode zone : z.path("available_zones")) {
                    if (!"false".equals(zone.path("resource_availability").asText("true"))) {
                        zones.add(zone.path("code").asText());
                    }
                }
            } catch (RuntimeException e) {
                output.warn("huawei: ListAvailableZones failed (" + e.getMessage() + "); zones are not checked");
            }
            HuaweiCatalogue loaded = null;
            try {
                JsonNode f = api.call("ListFlavors", Map.of("engine", "redis"));
                if (f != null) loaded = HuaweiCatalogue.fromListFlavors(region, f, zones);
                if (loaded == null) output.warn("huawei: ListFlavors lists nothing for " + region
                        + "; using the seed's flavor table");
            } catch (RuntimeException e) {
                output.warn("huawei: ListFlavors failed (" + e.getMessage() + "); using the seed's flavor table");
            }
            catalogue = loaded != null ? loaded : HuaweiCatalogue.seed(region, zones);
            return catalogue;
        }
    }

    // ---------------------------------------------------------------- create

    @Override
    public Instance create(String name, ResolvedSpec spec, Secret password, WaitOptions wait) {
        return create(name, spec, password, Map.of(), wait);
    }

    @Override
    public Instance create(String name, ResolvedSpec spec, Secret password, Map<String, String> tags,
                           WaitOptions wait) {
        if (spec.spec() == Spec.MEMCACHED) return memcached.create(name, spec, password, tags, wait);
        HuaweiCatalogue cat = catalogue();
        HuaweiCatalogue.Flavor flavor = flavorFor("create", cat, spec.spec(), spec.version(), spec.capacityGb(),
                spec.shards());
        if (spec.replicas() != Math.max(0, flavor.replicaCount() - 1) && spec.spec() != Spec.REDIS_STANDALONE) {
            throw new DslException("create: replicas must be " + (flavor.replicaCount() - 1) + " for " + spec.spec().id()
                    + " on huawei (" + flavor.specCode() + " has " + flavor.replicaCount() + " copies), got "
                    + spec.replicas());
        }
        String name0 = name == null ? generatedName(spec.spec()) : name;
        checkName("create", name0);
        if (password == null) {
            throw new DslException("create: password is required on huawei (" + PASSWORD_RULE + ")");
        }
        checkPassword("create", "password", password.reveal());
        String vpc = options.get(ProviderSettings.VPC_ID);
        String subnet = options.get(ProviderSettings.SUBNET_ID);
        if (vpc == null || subnet == null) {
            throw new DslException("create: huawei needs the VPC and subnet new instances go into: "
                    + "ProviderSettings.huawei(credentials, projectId, vpcId, subnetId)");
        }
        String zone = spec.zone() != null ? spec.zone()
                : cat.zones().isEmpty() ? region + "a" : cat.zones().get(0);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name0);
        p.put("engine", "Redis");
        p.put("engine_version", spec.version());
        p.put("capacity", flavor.capacityGb().doubleValue());
        p.put("spec_code", flavor.specCode());
        p.put("az_codes", List.of(zone));
        p.put("vpc_id", vpc);
        p.put("subnet_id", subnet);
        p.put("password", password.reveal());
        if (tags != null && !tags.isEmpty()) {
            List<Map<String, Object>> list = new ArrayList<>();
            tags.forEach((k, v) -> list.add(Map.of("key", k, "value", v)));
            p.put("tags", list);
        }
        JsonNode r = EffectCheck.created(this, name0, output).run(() -> api.call("CreateInstance", p), found -> {
            com.fasterxml.jackson.databind.node.ObjectNode n = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            n.putArray("instances").addObject().put("instance_id", found.instance().getId());
            return n;
        });
        if (r == null) {
            return Instance.builder().id(InstanceStatus.DRY_RUN).name(name0).provider("huawei").spec(spec.spec().id())
                    .version(spec.version()).capacityGb(spec.capacityGb()).shards(spec.shards())
                    .replicas(spec.replicas()).status(InstanceStatus.DRY_RUN).region(region).zone(zone)
                    .tags(tags == null ? Map.of() : tags).vendor("specCode", flavor.specCode()).build();
        }
        String id = r.path("instances").path(0).path("instance_id").asText(null);
        if (id == null) throw new IllegalStateException("CreateInstance returned no instance id: " + r);
        passwords.put(id, password);
        String label = name0 + " (" + id + ")";
        output.info("create " + label + ": ordered " + flavor.specCode() + " (" + spec.spec().id() + " "
                + spec.version() + ", " + SpecResolver.gb(spec.capacityGb()) + " GB"
                + (spec.spec().isCluster() ? " per shard x " + spec.shards() + " shards" : "") + ", " + zone + ")");
        if (!wait.enabled()) return find(id).orElseGet(() -> Instance.builder().id(id).name(name0).provider("huawei")
                .spec(spec.spec().id()).version(spec.version()).capacityGb(spec.capacityGb()).shards(spec.shards())
                .replicas(spec.replicas()).status(InstanceStatus.CREATING).region(region).zone(zone).build());
        return waitRunning("create", id, label, wait.timeout());
    }

    static final String PASSWORD_RULE = "8-64 characters with at least 3 of upper case, lower case, digits and "
            + "symbols " + SPECIALS;

    /** {@code cachesh-redis-ha-1}: the first number not taken by an instance of the region. */
    String generatedName(Spec spec) {
        String base = "cachesh-" + spec.id().replace('.', '-') + "-";
        java.util.Set<String> taken = list().stream().map(Instance::getName).collect(Collectors.toSet());
        int n = 1;
        while (taken.contains(base + n)) n++;
        return base + n;
    }

    /** The spec code of a spec, capacity (GB; per shard for clusters) and shard count, or a one-line error. */
    private static HuaweiCatalogue.Flavor flavorFor(String verb, HuaweiCatalogue cat, Spec spec, String version,
                                                    double capacityGb, int shards) {
        double total = spec.isCluster() ? capacityGb * shards : capacityGb;
        return cat.flavor(spec, version, total, shards).orElseThrow(() -> {
            if (!spec.isCluster()) {
                return new DslException(verb + ": no " + spec.id() + " " + version + " flavor of "
                        + SpecResolver.gb(capacityGb) + " GB on huawei (sold: " + cat.creatable(spec).stream()
                        .map(f -> f.capacityGb().stripTrailingZeros().toPlainString()).distinct()
                        .collect(Collectors.joining(", ")) + " GB)");
            }
            return new DslException(verb + ": no redis.cluster flavor of " + SpecResolver.gb(capacityGb)
                    + " GB per shard x " + shards + " shards on huawei (sold: " + cat.creatable(spec).stream()
                    .filter(f -> f.perShardGb() != null)
                    .map(f -> f.perShardGb().toPlainString() + " GB x " + f.shards())
                    .distinct().collect(Collectors.joining(", ")) + ")");
        });
    }

    // ---------------------------------------------------------------- read

    @Override
    public List<Instance> list() {
        List<Instance> out = new ArrayList<>();
        int offset = 0;
        while (true) {
            JsonNode r = api.call("ListInstances", Map.of("limit", PAGE, "offset", offset));
            JsonNode set = r.path("instances");
            for (JsonNode s : set) out.add(toInstance(s));
            long total = r.path("instance_num").asLong(out.size());
            if (set.size() < PAGE || out.size() >= total) break;
            offset += PAGE;
        }
        return out;
    }

    @Override
    public Optional<Instance> find(String id) {
        try {
            JsonNode r = api.call("ShowInstance", Map.of("instance_id", id));
            if ("DELETED".equals(r.path("status").asText())) return Optional.empty();
            return Optional.of(toInstance(r));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<Instance> findByName(String name) {
        JsonNode r = api.call("ListInstances", Map.of("name", name, "name_equal", "true", "limit", PAGE));
        List<Instance> out = new ArrayList<>();
        for (JsonNode s : r.path("instances")) {
            if (name.equals(s.path("name").asText())) out.add(toInstance(s));
        }
        return out;
    }

    // ---------------------------------------------------------------- resize, rename

    @Override
    public Instance resize(Instance current, Double capacityGb, Integer shards, Integer replicas, WaitOptions wait) {
        String label = Polling.label(current);
        Spec spec = Spec.byId(current.getSpec());
        if (spec == null) throw new DslException("resize: " + label + " is " + current.getSpec() + ", not a DSL spec");
        if (replicas != null) {
            throw new DslException("resize: huawei flavors fix the replica count (" + label + " has "
                    + current.getReplicas() + "); change capacity" + (spec.isCluster() ? " or shards" : ""));
        }
        if (shards != null && !spec.isCluster()) {
            throw new DslException("resize: shards applies only to redis.cluster (" + label + " is "
                    + current.getSpec() + "), got " + shards);
        }
        HuaweiCatalogue cat = catalogue();
        SpecOffer offer = cat.offer(spec, current.getVersion());
        if (offer != null && capacityGb != null) SpecResolver.checkCapacity("resize", offer, capacityGb);
        if (offer != null && shards != null) {
            SpecResolver.checkInt("resize", "shards", shards, offer.shards(), SpecResolver.where(offer));
        }
        double newCapacity = capacityGb == null ? current.getCapacityGb() : capacityGb;
        int newShards = shards == null ? current.getShards() : shards;
        if (Double.compare(newCapacity, current.getCapacityGb()) == 0 && newShards == current.getShards()) {
            output.info("resize " + label + ": nothing to change");
            return current;
        }
        HuaweiCatalogue.Flavor flavor = flavorFor("resize", cat, spec, current.getVersion(), newCapacity, newShards);
        BigDecimal total = flavor.capacityGb();
        if (total.stripTrailingZeros().scale() > 0) {
            throw new DslException("resize: huawei's ResizeInstance takes whole GB (new_capacity is an integer): "
                    + total.stripTrailingZeros().toPlainString() + " GB can only be chosen at create");
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("instance_id", current.getId());
        p.put("spec_code", flavor.specCode());
        p.put("new_capacity", total.longValueExact());
        JsonNode r = EffectCheck.resized(this, current, newCapacity, newShards, current.getReplicas(), output)
                .run(() -> api.call("ResizeInstance", p), found -> com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
        if (r == null) {
            return current.toBuilder().capacityGb(newCapacity).shards(newShards).status(InstanceStatus.DRY_RUN).build();
        }
        output.info("resize " + label + ": ordered " + flavor.specCode() + " (" + SpecResolver.gb(newCapacity) + " GB"
                + (spec.isCluster() ? " per shard x " + newShards + " shards" : "") + ")");
        if (!wait.enabled()) return find(current.getId()).orElse(current);
        return poll("resize", current.getId(), label, i -> InstanceStatus.RUNNING.equals(i.getStatus())
                        && Double.compare(i.getCapacityGb(), newCapacity) == 0 && i.getShards() == newShards,
                "running with the new spec", wait.timeout()).orElseThrow();
    }

    @Override
    public Instance rename(Instance current, String newName) {
        checkName("rename", newName);
        JsonNode r = api.call("UpdateInstance", Map.of("instance_id", current.getId(), "name", newName));
        if (r == null) return current.toBuilder().name(newName).status(InstanceStatus.DRY_RUN).build();
        output.info("rename " + Polling.label(current) + ": now '" + newName + "'");
        return find(current.getId()).orElse(current.toBuilder().name(newName).build());
    }

    // ---------------------------------------------------------------- clear, restart, password

    @Override
    public Task clear(Instance current, Secret password, WaitOptions wait) {
        if (password != null) passwords.put(current.getId(), password); // Huawei's flush needs no password
        return restartOrFlush("clear", "flush", current, wait);
    }

    @Override
    public Instance restart(Instance current, WaitOptions wait) {
        Task t = restartOrFlush("restart", "restart", current, wait);
        if (t == null) return current.toBuilder().status(InstanceStatus.DRY_RUN).build();
        return find(current.getId()).orElse(current);
    }

    private Task restartOrFlush(String verb, String action, Instance current, WaitOptions wait) {
        String label = Polling.label(current);
        // a restart or flush leaves a background task (RestartInstance, FlushInstance): its trace after a lost answer
        JsonNode r = EffectCheck.newTask(this, current, verb, output).run(() -> api.call("RestartOrFlushInstances",
                Map.of("instances", List.of(current.getId()), "action", action)), found -> MAPPER.createObjectNode());
        if (r == null) return null;
        for (JsonNode result : r.path("results")) {
            if (current.getId().equals(result.path("instance").asText())
                    && !"success".equalsIgnoreCase(result.path("result").asText("success"))) {
                throw new DslException(verb + ": huawei refused to " + action + " " + label + " (result "
                        + result.path("result").asText() + ")");
            }
        }
        output.info(verb + " " + label + ": " + action + " submitted");
        Task submitted = StatusTasks.submitted(action + "-" + current.getId(), current, "huawei", verb,
                Instant.now().toString());
        if (!wait.enabled()) return submitted;
        waitRunning(verb, current.getId(), label, wait.timeout());
        return StatusTasks.done(submitted, "RUNNING");
    }

    /**
     * UpdatePassword (which checks the old password) when the old one is given or known to the session, else
     * ResetPassword. A wrong old password is one line with the retries left.
     */
    @Override
    public Task password(Instance current, Secret oldPassword, Secret newPassword, WaitOptions wait) {
        checkPassword("password", "new password", newPassword.reveal());
        String label = Polling.label(current);
        Secret old = oldPassword != null ? oldPassword : passwords.get(current.getId());
        String action = old != null ? "UpdatePassword" : "ResetPassword";
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("instance_id", current.getId());
        if (old != null) p.put("old_password", old.reveal());
        p.put("new_password", newPassword.reveal());
        // UpdatePassword names the old password, so a repeat after it took effect would be refused: look first
        JsonNode r = EffectCheck.passwordAccepted(current, newPassword, output).run(() -> api.call(action, p),
                found -> MAPPER.createObjectNode());
        if (r == null) return null;
        String result = r.path("result").asText("success");
        if (!"success".equalsIgnoreCase(result)) {
            throw new DslException("password: huawei refused the change for " + label + " (" + result
                    + (r.hasNonNull("retry_times_left") ? ", " + r.path("retry_times_left").asText()
                    + " tries left" : "") + (r.hasNonNull("lock_time_left") && !r.path("lock_time_left").asText()
                    .isEmpty() ? ", locked for " + r.path("lock_time_left").asText() + " min" : "")
                    + "); the old password is wrong" + (oldPassword == null ? " (the one this session knew)" : ""));
        }
        passwords.put(current.getId(), newPassword);
        output.info("password " + label + ": changed (" + action + ")");
        return new Task("password-" + current.getId(), current.getId(), "huawei", "password", Task.SUCCEEDED,
                result, Instant.now().toString(), action, Map.of());
    }

    // ---------------------------------------------------------------- backups

    @Override
    public Backup backup(Instance current, String remark, WaitOptions wait) {
        String label = Polling.label(current);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("instance_id", current.getId());
        if (remark != null) p.put("remark", remark);
        JsonNode r = api.call("CopyInstance", p);
        if (r == null) return null;
        String id = r.path("backup_id").asText();
        output.info("backup " + label + ": started (backup " + id + ")");
        if (!wait.enabled()) return backupById(current, id).orElseGet(() -> new Backup(id, current.getId(),
                current.getName(), "huawei", "manual", Backup.CREATING, "backuping", remark, 0, null, null, null,
                region, Map.of()));
        long deadline = System.nanoTime() + wait.timeout().toNanos();
        long t0 = System.nanoTime();
        while (true) {
            Optional<Backup> b = backupById(current, id);
            if (b.isPresent() && Backup.AVAILABLE.equals(b.get().getStatus())) {
                output.info("backup " + label + ": available after "
                        + Polling.seconds(Duration.ofNanos(System.nanoTime() - t0)));
                waitRunning("backup", current.getId(), label, wait.timeout());
                return b.get();
            }
            if (b.isPresent() && "failed".equals(b.get().getRawStatus())) {
                throw new DslException("backup: backup " + id + " of " + label + " failed");
            }
            if (System.nanoTime() > deadline) {
                throw new DslTimeoutException("backup: timed out after " + Polling.format(wait.timeout())
                        + " waiting for backup " + id + " of " + label + "; last status "
                        + b.map(Backup::getRawStatus).orElse("not listed"));
            }
            sleep();
        }
    }

    private Optional<Backup> backupById(Instance current, String id) {
        return backups(current).stream().filter(b -> b.getId().equals(id)).findFirst();
    }

    @Override
    public List<Backup> backups(Instance current) {
        List<Backup> out = new ArrayList<>();
        int offset = 0;
        while (true) {
            JsonNode r = api.call("ListBackupRecords", Map.of("instance_id", current.getId(), "limit", PAGE,
                    "offset", offset));
            JsonNode set = r.path("backup_record_response");
            for (JsonNode b : set) out.add(toBackup(current, b));
            long total = r.path("total_num").asLong(out.size());
            if (set.size() < PAGE || out.size() >= total) break;
            offset += PAGE;
        }
        out.sort(Comparator.comparing((Backup b) -> String.valueOf(b.getStartedAt())).reversed());
        return out;
    }

    @Override
    public Task restore(Instance current, String backupId, Secret password, WaitOptions wait) {
        String label = Polling.label(current);
        List<Backup> all = backups(current);
        Backup backup = all.stream().filter(b -> b.getId().equals(backupId)).findFirst().orElseThrow(() ->
                new DslException("restore: no backup " + backupId + " of " + label + " (available: "
                        + (all.isEmpty() ? "none" : all.stream().map(Backup::getId).collect(Collectors.joining(", ")))
                        + ")"));
        if (!Backup.AVAILABLE.equals(backup.getStatus())) {
            throw new DslException("restore: backup " + backupId + " of " + label + " is " + backup.getStatus()
                    + ", not available");
        }
        JsonNode r = api.call("RestoreInstance", Map.of("instance_id", current.getId(), "backup_id", backupId,
                "remark", "cachesh restore"));
        if (r == null) return null;
        String restoreId = r.path("restore_id").asText();
        output.info("restore " + label + ": started (restore " + restoreId + ")");
        if (!wait.enabled()) {
            return new Task(restoreId, current.getId(), "huawei", "restore", Task.RUNNING, null, null, null, Map.of());
        }
        waitRunning("restore", current.getId(), label, wait.timeout());
        return new Task(restoreId, current.getId(), "huawei", "restore", Task.SUCCEEDED, "RUNNING",
                Instant.now().toString(), null, Map.of());
    }

    // ---------------------------------------------------------------- params, tags

    @Override
    public List<Param> params(Instance current) {
        JsonNode r = api.call("ListConfigurations", Map.of("instance_id", current.getId()));
        List<Param> out = new ArrayList<>();
        for (JsonNode c : r.path("redis_config")) out.add(toParam(current.getId(), c));
        out.sort(Comparator.comparing(Param::getName));
        return out;
    }

    static Param toParam(String instanceId, JsonNode c) {
        String valueType = c.path("value_type").asText("").toLowerCase(Locale.ROOT);
        String range = c.path("value_range").asText("");
        String type;
        List<String> allowed = List.of();
        String min = null;
        String max = null;
        if (valueType.startsWith("enum")) {
            type = "enum";
            allowed = List.of(range.split("[,|]"));
        } else if (valueType.startsWith("int") || valueType.startsWith("long") || valueType.equals("interger")) {
            type = "integer";
            int dash = range.indexOf('-', 1);
            if (dash > 0) {
                min = range.substring(0, dash).trim();
                max = range.substring(dash + 1).trim();
            }
        } else {
            type = "text";
        }
        return new Param(instanceId, c.path("param_name").asText(), c.path("param_value").asText(null),
                c.path("default_value").asText(null), type, allowed, min, max, null, false, null,
                c.path("description").asText(null) + " [param_id " + c.path("param_id").asText() + "]");
    }

    @Override
    public Task setParams(Instance current, Map<String, String> values, WaitOptions wait) {
        String label = Polling.label(current);
        JsonNode r0 = api.call("ListConfigurations", Map.of("instance_id", current.getId()));
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        for (JsonNode c : r0.path("redis_config")) byName.put(c.path("param_name").asText(), c);
        List<Map<String, Object>> changes = new ArrayList<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            JsonNode c = byName.get(e.getKey());
            if (c == null) {
                String near = ModelArgs.closest(e.getKey(), List.copyOf(byName.keySet()));
                throw new DslException("params: unknown parameter '" + e.getKey() + "' for " + label
                        + (near == null ? "" : ", did you mean " + near + "?") + " (allowed: "
                        + String.join(", ", byName.keySet()) + ")");
            }
            Param p = toParam(current.getId(), c);
            if (!p.accepts(e.getValue())) {
                throw new DslException("params: " + p.getName() + " must be " + p.describeAllowed() + " for " + label
                        + ", got '" + e.getValue() + "'");
            }
            if (e.getValue().equals(p.getValue())) continue;
            changes.add(Map.of("param_id", c.path("param_id").asText(), "param_name", p.getName(),
                    "param_value", e.getValue()));
        }
        if (changes.isEmpty()) {
            output.info("params " + label + ": nothing to change");
            return null;
        }
        JsonNode r = api.call("UpdateConfigurations", Map.of("instance_id", current.getId(), "redis_config", changes));
        if (r == null) return null;
        output.info("params " + label + ": set " + changes.stream().map(c -> c.get("param_name") + "="
                + c.get("param_value")).collect(Collectors.joining(", ")));
        return new Task("params-" + current.getId(), current.getId(), "huawei", "params", Task.SUCCEEDED, null,
                Instant.now().toString(), "UpdateConfigurations", Map.of());
    }

    @Override
    public Map<String, String> tags(Instance current) {
        return find(current.getId()).map(Instance::getTags).orElse(current.getTags());
    }

    // ---------------------------------------------------------------- whitelist, accounts (HuaweiAccessVerbs)

    @Override
    public List<WhitelistEntry> whitelist(Instance current) {
        return access.whitelist(current);
    }

    @Override
    public List<WhitelistEntry> whitelist(Instance current, List<String> add, List<String> remove, WaitOptions wait) {
        return access.whitelist(current, add, remove, wait);
    }

    @Override
    public List<Account> accounts(Instance current) {
        return access.accounts(current);
    }

    @Override
    public Task createAccount(Instance current, String name, Secret password, String privilege, String remark,
                              WaitOptions wait) {
        return access.createAccount(current, name, password, privilege, remark, wait);
    }

    @Override
    public Task grantAccount(Instance current, String name, String privilege, WaitOptions wait) {
        return access.grantAccount(current, name, privilege, wait);
    }

    @Override
    public Task deleteAccount(Instance current, String name, WaitOptions wait) {
        return access.deleteAccount(current, name, wait);
    }

    // ---------------------------------------------------------------- slowlog, bigkeys, stats, tasks (HuaweiInsightVerbs)

    @Override
    public List<SlowLogEntry> slowlog(Instance current, Duration since, long minMillis, int limit) {
        return insight.slowlog(current, since, minMillis, limit);
    }

    @Override
    public List<BigKey> bigkeys(Instance current, int top, String type) {
        return insight.bigkeys(current, top, type);
    }

    @Override
    public Stats stats(Instance current, String span) {
        return insight.stats(current, span);
    }

    @Override
    public List<Task> tasks(Instance current, int limit) {
        return insight.tasks(current, limit);
    }

    // ---------------------------------------------------------------- delete

    @Override
    public Instance delete(Instance current, boolean purge, WaitOptions wait) {
        String label = Polling.label(current);
        if (!purge) {
            throw new DslException("delete: huawei deletes instances at once (DeleteSingleInstance; there is no "
                    + "recycle bin to isolate " + label + " in), so purge: false is not supported");
        }
        JsonNode r = EffectCheck.leftStatus(this, current, "delete", current.getStatus(), output)
                .run(() -> api.call("DeleteSingleInstance", Map.of("instance_id", current.getId())),
                        found -> MAPPER.createObjectNode());
        if (r == null) return current.toBuilder().status(InstanceStatus.DRY_RUN).build();
        output.info("delete " + label + ": DeleteSingleInstance submitted");
        if (!wait.enabled()) return current.toBuilder().status(InstanceStatus.DELETING).build();
        waitGone("delete", current.getId(), label, wait.timeout());
        passwords.remove(current.getId());
        return current.toBuilder().status(InstanceStatus.DELETED).rawStatus(null).build();
    }

    // ---------------------------------------------------------------- waits

    @Override
    public Instance waitFor(String verb, Instance instance, String status, Duration timeout) {
        String label = Polling.label(instance);
        if (InstanceStatus.DELETED.equals(status)) {
            waitGone(verb, instance.getId(), label, timeout);
            return instance.toBuilder().status(InstanceStatus.DELETED).build();
        }
        if (InstanceStatus.RUNNING.equals(status)) return waitRunning(verb, instance.getId(), label, timeout);
        return poll(verb, instance.getId(), label, i -> status.equals(i.getStatus()), status, timeout).orElseThrow();
    }

    @Override
    public Task waitFor(String verb, Task task, Duration timeout) {
        if (task.isDone()) return task;
        if (task.getInstanceId() != null) {
            Instance i = find(task.getInstanceId()).orElseThrow(() -> new DslException(verb + ": instance "
                    + task.getInstanceId() + " of task " + task.getId() + " no longer exists"));
            waitRunning(verb, i.getId(), Polling.label(i), timeout);
        }
        return StatusTasks.done(task, "RUNNING");
    }

    /** ShowInstance until RUNNING, via {@link HuaweiDcsWaiters}; CREATEFAILED/ERROR end it with an error. */
    Instance waitRunning(String verb, String id, String label, Duration timeout) {
        Polling.Progress progress = new Polling.Progress(verb, label, output);
        try {
            ShowInstanceResponse r = HuaweiDcsWaiters.create((HuaweiDcsClient) api.client())
                    .withInterval(pollInterval)
                    .withProgress((attempt, elapsed, state) -> {
                        String raw = state instanceof Optional<?> o && o.isPresent()
                                && o.get() instanceof ShowInstanceResponse s ? s.status() : null;
                        String now = raw == null ? "not listed" : status(raw);
                        progress.saw(now, InstanceStatus.RUNNING.equals(now), elapsed);
                    })
                    .waitForInstanceStatus(id, HuaweiDcsWaiters.RUNNING, timeout);
            return toInstance(MAPPER.valueToTree(r));
        } catch (WaiterTimeoutException e) {
            throw progress.timedOut(timeout, InstanceStatus.RUNNING);
        } catch (io.cachesh.client.error.TaskFailedException e) {
            throw new DslException(verb + ": " + label + " failed (" + e.getMessage() + ")");
        }
    }

    private Optional<Instance> poll(String verb, String id, String label, Predicate<Instance> done, String target,
                                    Duration timeout) {
        return Polling.poll(verb, label, () -> find(id), done, target, timeout, pollInterval, output);
    }

    private void waitGone(String verb, String id, String label, Duration timeout) {
        poll(verb, id, label, null, InstanceStatus.DELETED, timeout);
    }

    private void sleep() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DslException("interrupted");
        }
    }

    // ---------------------------------------------------------------- raw

    @Override
    public RawApi raw(String apiName) {
        if ("dcs".equals(apiName)) return new RawApi("huawei.dcs", api);
        return "dcsv1".equals(apiName) && v1 != null ? new RawApi("huawei.dcsv1", v1) : null;
    }

    @Override
    public List<String> rawApis() {
        return v1 == null ? List.of("dcs") : List.of("dcs", "dcsv1");
    }

    @Override
    public void close() {
        api.close();
        if (v1 != null) v1.close();
    }

    // ---------------------------------------------------------------- mapping

    /** DCS status (seed appendix) -> neutral status. */
    public static String status(String raw) {
        if (raw == null) return InstanceStatus.UNKNOWN;
        return switch (raw.toUpperCase(Locale.ROOT)) {
            case "CREATING" -> InstanceStatus.CREATING;
            case "RUNNING" -> InstanceStatus.RUNNING;
            case "RESTARTING", "EXTENDING", "FLUSHING", "RESTORING", "UPGRADING", "MIGRATING", "BACKUP", "PAYING",
                 "FREEZING", "CLOSING", "OPENING" -> InstanceStatus.CHANGING;
            case "FROZEN", "CLOSED" -> InstanceStatus.ISOLATED;
            case "DELETING" -> InstanceStatus.DELETING;
            case "DELETED" -> InstanceStatus.DELETED;
            default -> InstanceStatus.UNKNOWN; // CREATEFAILED, ERROR, ...: see rawStatus
        };
    }

    /** An instance from ShowInstance or a ListInstances item. */
    Instance toInstance(JsonNode s) {
        String specCode = s.path("spec_code").asText("");
        HuaweiCatalogue.Flavor flavor = catalogue().bySpecCode(specCode).orElse(null);
        String mode = s.path("cache_mode").asText(flavor == null ? modeOf(specCode) : flavor.cacheMode());
        boolean memcachedEngine = "memcached".equalsIgnoreCase(s.path("engine").asText(""));
        Spec spec = memcachedEngine ? Spec.MEMCACHED : switch (mode) {
            case "single" -> Spec.REDIS_STANDALONE;
            case "ha" -> Spec.REDIS_HA;
            case "cluster" -> Spec.REDIS_CLUSTER;
            case "ha_rw_split" -> Spec.REDIS_RW;
            default -> null;
        };
        double total = totalGb(s);
        int shards = s.path("sharding_count").asInt(0);
        if (shards <= 0) shards = flavor != null ? flavor.shards() : 1;
        if (spec != Spec.REDIS_CLUSTER) shards = 1;
        int copies = s.path("replica_count").asInt(0);
        if (copies <= 0) copies = flavor != null ? flavor.replicaCount() : spec == Spec.REDIS_STANDALONE ? 1 : 2;
        String raw = s.path("status").asText(null);
        Map<String, Object> vendor = new LinkedHashMap<>();
        vendor.put("specCode", specCode);
        vendor.put("cacheMode", mode);
        putText(vendor, "cpuType", s, "cpu_type");
        putText(vendor, "description", s, "description");
        putText(vendor, "noPasswordAccess", s, "no_password_access");
        putText(vendor, "subStatus", s, "sub_status");
        if (s.hasNonNull("charging_mode")) vendor.put("chargingMode", s.path("charging_mode").asInt() == 1
                ? "prePaid" : "postPaid");
        vendor.put("totalCapacityGb", total);
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode t : s.path("tags")) tags.put(t.path("key").asText(), t.path("value").asText(""));
        String host = s.path("ip").asText("");
        if (host.isEmpty()) host = s.path("domain_name").asText("");
        return Instance.builder()
                .id(s.path("instance_id").asText())
                .name(s.path("name").asText(null))
                .provider("huawei")
                .spec(spec == null ? "huawei." + mode : spec.id())
                .version(memcachedEngine ? HuaweiCatalogue.MEMCACHED_VERSION : s.path("engine_version").asText(null))
                .capacityGb(spec == Spec.REDIS_CLUSTER && shards > 0 ? total / shards : total)
                .shards(shards)
                .replicas(spec == Spec.REDIS_STANDALONE || memcachedEngine && "single".equals(mode) ? 0
                        : Math.max(0, copies - 1))
                .status(status(raw))
                .rawStatus(raw)
                .host(host.isEmpty() ? null : host)
                .port(s.path("port").asInt(0))
                .region(region)
                .zone(s.path("az_codes").path(0).asText(null))
                .createdAt(s.path("created_at").asText(null))
                .tags(tags)
                .vendor(vendor)
                .build();
    }

    /** {@code capacity} (whole GB) plus {@code capacity_minor} ({@code ".125"} or {@code "0.125"}) for small sizes. */
    static double totalGb(JsonNode s) {
        double whole = s.path("capacity").asDouble(0);
        String minor = s.path("capacity_minor").asText("").trim();
        if (!minor.isEmpty() && !"null".equals(minor)) {
            try {
                double m = Double.parseDouble(minor.startsWith(".") ? "0" + minor : minor);
                return m < 1 ? Math.floor(whole) + m : m;
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        if (whole > 0) return whole;
        return s.path("max_memory").asDouble(0) / 1024.0;
    }

    private static String modeOf(String specCode) {
        if (specCode.startsWith("redis.single.")) return "single";
        if (specCode.startsWith("redis.ha.")) return "ha";
        if (specCode.startsWith("redis.cluster.")) return "cluster";
        return specCode.isEmpty() ? "unknown" : specCode;
    }

    private static void putText(Map<String, Object> into, String key, JsonNode s, String field) {
        String v = s.path(field).asText("");
        if (!v.isEmpty()) into.put(key, v);
    }

    Backup toBackup(Instance on, JsonNode b) {
        String raw = b.path("status").asText("");
        String status = switch (raw) {
            case "backuping", "waiting" -> Backup.CREATING;
            case "succeed" -> Backup.AVAILABLE;
            case "deleted" -> Backup.DELETED;
            case "expired" -> Backup.EXPIRED;
            default -> "unknown";
        };
        Map<String, Object> vendor = new LinkedHashMap<>();
        putText(vendor, "backupFormat", b, "backup_format");
        putText(vendor, "progress", b, "progress");
        putText(vendor, "errorCode", b, "error_code");
        putText(vendor, "backupName", b, "backup_name");
        return new Backup(b.path("backup_id").asText(), b.path("instance_id").asText(on.getId()), on.getName(),
                "huawei", "auto".equals(b.path("backup_type").asText()) ? "automatic" : "manual", status, raw,
                b.path("remark").asText(null), b.path("size").asLong(0), b.path("created_at").asText(null),
                b.path("updated_at").asText(null), null, region, vendor);
    }

    // ---------------------------------------------------------------- vendor rules

    static void checkName(String verb, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new DslException(verb + ": name must be 4-64 letters, digits, '-' or '_' starting with a letter on "
                    + "huawei, got '" + name + "'");
        }
    }

    /** The seed's rule: 8-64 characters, at least 3 of the 4 classes, only the seed's symbols. */
    static void checkPassword(String verb, String what, String pw) {
        int classes = 0;
        if (pw.chars().anyMatch(c -> c >= 'a' && c <= 'z')) classes++;
        if (pw.chars().anyMatch(c -> c >= 'A' && c <= 'Z')) classes++;
        if (pw.chars().anyMatch(c -> c >= '0' && c <= '9')) classes++;
        if (pw.chars().anyMatch(c -> SPECIALS.indexOf(c) >= 0)) classes++;
        boolean allowedChars = pw.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c)
                || SPECIALS.indexOf(c) >= 0);
        if (pw.length() < 8 || pw.length() > 64 || classes < 3 || !allowedChars) {
            throw new DslException(verb + ": " + what + " must be " + PASSWORD_RULE + " on huawei");
        }
    }
}
