package io.cachesh.dsl.tencent;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachesh.client.auth.Secret;
import io.cachesh.dsl.Polling;
import io.cachesh.client.core.WaiterTimeoutException;
import io.cachesh.client.error.ApiException;
import io.cachesh.client.tencent.redis.TencentRedisClient;
import io.cachesh.client.tencent.redis.TencentRedisWaiters;
import io.cachesh.client.tencent.redis.model.DescribeTaskInfoResponse;
import io.cachesh.client.tencent.redis.model.InstanceSet;
import io.cachesh.dsl.CacheService;
import io.cachesh.dsl.Capabilities;
import io.cachesh.dsl.Verb;
import io.cachesh.dsl.DslException;
import io.cachesh.dsl.EffectCheck;
import io.cachesh.dsl.DslOutput;
import io.cachesh.dsl.DslTimeoutException;
import io.cachesh.dsl.ModelClient;
import io.cachesh.dsl.RawApi;
import io.cachesh.dsl.WaitOptions;
import io.cachesh.dsl.result.Account;
import io.cachesh.dsl.result.Backup;
import io.cachesh.dsl.result.BigKey;
import io.cachesh.dsl.result.Param;
import io.cachesh.dsl.result.SlowLogEntry;
import io.cachesh.dsl.result.Stats;
import io.cachesh.dsl.result.WhitelistEntry;
import io.cachesh.dsl.result.Instance;
import io.cachesh.dsl.result.InstanceStatus;
import io.cachesh.dsl.result.Task;
import io.cachesh.dsl.spec.ResolvedSpec;
import io.cachesh.dsl.spec.Spec;
import io.cachesh.dsl.spec.SpecCatalogue;
import io.cachesh.dsl.spec.SpecOffer;
import io.cachesh.dsl.spec.SpecResolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * {@link CacheService} for TencentDB for Redis (API 3.0, model {@code tencent-redis}). Every call goes through one
 * {@link ModelClient}, so dry-run applies to all mutating actions. Async actions: TaskId-returning actions wait on
 * DescribeTaskInfo; DealId-returning ones (CreateInstances, UpgradeInstance, DestroyPrepaidInstance) wait on the
 * instance's status (and, for UpgradeInstance, on the new spec showing).
 */
public final class TencentCacheService implements CacheService {

    private static final Pattern ID = Pattern.compile("crs-[A-Za-z0-9]+");
    private static final Pattern NAME = Pattern.compile("[\\p{IsHan}A-Za-z0-9_-]{1,59}");
    private static final String SPECIALS = "()`~!@#$%^&*-+=_|{}[]:;<>,.?/";
    private static final Pattern SG = Pattern.compile("sg-[A-Za-z0-9]+");
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final java.time.ZoneOffset BEIJING = java.time.ZoneOffset.ofHours(8);
    private static final java.time.format.DateTimeFormatter TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** DescribeTaskList TaskType codes the DSL names (the others stay codes). */
    private static final Map<String, String> TASK_TYPES = Map.ofEntries(Map.entry("001", "create"),
            Map.entry("002", "resize"), Map.entry("003", "isolate"), Map.entry("004", "clear"),
            Map.entry("005", "restart"), Map.entry("006", "delete"), Map.entry("007", "password"),
            Map.entry("010", "restore"), Map.entry("012", "backup"), Map.entry("034", "params"));
    private static final int PAGE = 100;

    /** What the Tencent adapter implements, and with which API 3.0 actions (docs/support-matrix.md). */
    public static final Capabilities CAPABILITIES = Capabilities.builder("tencent")
            .verb(Verb.CREATE, "CreateInstances (spec + version -> TypeId; tags: ResourceTags)")
            .verb(Verb.LIST, "DescribeInstances; filters name, status, spec, tag")
            .verb(Verb.DESCRIBE, "DescribeInstances")
            .verb(Verb.RESIZE, "UpgradeInstance")
            .verb(Verb.RENAME, "ModifyInstance (rename)")
            .verb(Verb.RESTART, "isolated instances only: StartupInstance (API 3.0 has no reboot action)")
            .verb(Verb.CLEAR, "ClearInstance")
            .verb(Verb.PASSWORD, "ResetPassword")
            .verb(Verb.WHITELIST, "security groups: DescribeInstanceSecurityGroup, AssociateSecurityGroups, "
                    + "DisassociateSecurityGroups")
            .verb(Verb.PARAMS, "DescribeInstanceParams, ModifyInstanceParams")
            .verb(Verb.BACKUP, "ManualBackupInstance")
            .verb(Verb.BACKUPS, "DescribeInstanceBackups")
            .verb(Verb.RESTORE, "RestoreInstance")
            .verb(Verb.ACCOUNTS, "DescribeInstanceAccount, CreateInstanceAccount, ModifyInstanceAccount (grant), "
                    + "DeleteInstanceAccount")
            .verb(Verb.TAGS, "read-only: InstanceTags of DescribeInstances; set at create (ResourceTags)")
            .verb(Verb.SLOWLOG, "DescribeSlowLog")
            .verb(Verb.BIGKEYS, "DescribeInstanceMonitorBigKey (deprecated by Tencent)")
            .verb(Verb.STATS, "DescribeInstanceMonitorTopNCmd, DescribeInstanceMonitorTopNCmdTook, "
                    + "DescribeInstanceMonitorHotKey")
            .verb(Verb.TASKS, "DescribeTaskList")
            .verb(Verb.WAIT, "DescribeInstances, DescribeTaskInfo")
            .verb(Verb.DELETE, "DestroyPostpaidInstance / DestroyPrepaidInstance, CleanUpInstance")
            .verb(Verb.CONNECT, "the instance's Redis endpoint (WanIp:Port)")
            .build();
    /** Tencent's memcached (CMEM) instances: a column of its own in the support matrix. */
    public static final Capabilities CMEM_CAPABILITIES = TencentCmemService.CAPABILITIES;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final String region;
    private final ModelClient api;
    private final DslOutput output;
    private final Duration defaultTimeout;
    private final Map<String, Secret> passwords;
    private final Duration pollInterval;
    private volatile SpecCatalogue catalogue;
    /** Tencent CMEM (Memcached) and the legacy Redis API; null when the session did not give them. */
    private final ModelClient cmemApi;
    private final ModelClient legacyApi;
    private final TencentCmemService cmem;
    private volatile boolean cmemFailed;

    /**
     * @param passwords passwords this session set or was given, by instance id (never shown), so {@code clear}
     *                  works without repeating them
     */
    public TencentCacheService(String region, ModelClient api, DslOutput output, Duration defaultTimeout,
                               Duration pollInterval, Map<String, Secret> passwords) {
        this(region, api, output, defaultTimeout, pollInterval, passwords, null, null);
    }

    /**
     * @param cmemApi   the CMEM client ({@code tencent-cmem}): memcached instances are listed and handled through it
     * @param legacyApi the legacy Redis API client ({@code tencent-redis-legacy}), for raw access only
     */
    public TencentCacheService(String region, ModelClient api, DslOutput output, Duration defaultTimeout,
                               Duration pollInterval, Map<String, Secret> passwords, ModelClient cmemApi,
                               ModelClient legacyApi) {
        this.cmemApi = cmemApi;
        this.legacyApi = legacyApi;
        this.cmem = cmemApi == null ? null
                : new TencentCmemService(region, cmemApi, output, defaultTimeout, pollInterval, this::catalogue);
        this.region = Objects.requireNonNull(region, "region == null");
        this.api = Objects.requireNonNull(api, "api == null");
        this.output = Objects.requireNonNull(output, "output == null");
        this.defaultTimeout = Objects.requireNonNull(defaultTimeout, "defaultTimeout == null");
        this.passwords = passwords == null ? new ConcurrentHashMap<>() : passwords;
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval == null");
    }

    @Override
    public String provider() {
        return "tencent";
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public Duration defaultTimeout() {
        return defaultTimeout;
    }

    @Override
    public SpecCatalogue catalogue() {
        SpecCatalogue c = catalogue;
        if (c != null) return c;
        synchronized (this) {
            if (catalogue != null) return catalogue;
            TencentCatalogue loaded = null;
            if (api.has("DescribeProductInfo")) {
                try {
                    JsonNode info = api.call("DescribeProductInfo", Map.of());
                    if (info != null) loaded = TencentCatalogue.fromProductInfo(region, info);
                    if (loaded == null) {
                        output.warn("tencent: DescribeProductInfo lists nothing for " + region
                                + "; using the seed's spec table");
                    }
                } catch (RuntimeException e) {
                    output.warn("tencent: DescribeProductInfo failed (" + e.getMessage()
                            + "); using the seed's spec table");
                }
            }
            catalogue = (loaded != null ? loaded : TencentCatalogue.seed(region)).creatable(creatableTypeIds());
            return catalogue;
        }
    }

    /** CreateInstances' TypeId enum from the model (null when the model does not restrict it). */
    private java.util.Set<Integer> creatableTypeIds() {
        try {
            var member = api.model().shape("CreateInstancesRequest").members().get("TypeId");
            if (member == null || member.allowedValues().isEmpty()) return null;
            java.util.Set<Integer> out = new java.util.TreeSet<>();
            for (Object v : member.allowedValues()) out.add(Integer.parseInt(String.valueOf(v)));
            return out;
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public boolean looksLikeId(String ref) {
        return ID.matcher(ref).matches() || cmem != null && TencentCmemService.isCmemId(ref);
    }

    /** Memcached (CMEM) instances are handled by {@link TencentCmemService}. */
    @Override
    public CacheService forInstance(Instance instance) {
        return cmem != null && Spec.MEMCACHED.id().equals(instance.getSpec()) ? cmem : this;
    }

    /** The CMEM instances of the region, or none when CMEM does not serve it or cannot be reached (warned once). */
    private List<Instance> cmemInstances() {
        if (cmem == null || cmemFailed || !TencentCmemService.serves(region)) return List.of();
        try {
            return cmem.list();
        } catch (RuntimeException e) {
            cmemFailed = true;
            output.warn("tencent: DescribeCmem failed (" + e.getMessage() + "); memcached (CMEM) instances are not "
                    + "listed in this session");
            return List.of();
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
        if (name != null) checkName("create", name);
        if (password == null) {
            throw new DslException("create: password is required on tencent (8-64 characters, at least 2 of lower "
                    + "case, upper case, digits, symbols " + SPECIALS + "; must not start with '/')");
        }
        checkPassword("create", "password", password.reveal());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("TypeId", Integer.parseInt(spec.offer().productCode()));
        p.put("MemSize", Math.round(spec.capacityGb() * 1024));
        p.put("GoodsNum", 1);
        p.put("Period", 1);
        p.put("BillingMode", 0);
        if (name != null) p.put("InstanceName", name);
        if (spec.zone() != null) putZone(p, spec.zone());
        if (spec.spec().isCluster()) p.put("RedisShardNum", spec.shards());
        if (spec.spec() != Spec.REDIS_STANDALONE) p.put("RedisReplicasNum", spec.replicas());
        if (spec.spec() == Spec.REDIS_RW) p.put("ReplicasReadonly", true);
        p.put("Password", password.reveal());
        if (tags != null && !tags.isEmpty()) {
            List<Map<String, Object>> resourceTags = new ArrayList<>();
            tags.forEach((k, v) -> resourceTags.add(Map.of("TagKey", k, "TagValue", v)));
            p.put("ResourceTags", resourceTags);
        }
        JsonNode r = EffectCheck.created(this, name, output).run(() -> api.call("CreateInstances", p),
                found -> MAPPER.createObjectNode().set("InstanceIds", MAPPER.createArrayNode().add(found.instance().getId())));
        if (r == null) {
            return Instance.builder().id(InstanceStatus.DRY_RUN).name(name).provider("tencent").spec(spec.spec().id())
                    .tags(tags == null ? Map.of() : tags)
                    .version(spec.version()).capacityGb(spec.capacityGb()).shards(spec.shards())
                    .replicas(spec.replicas()).status(InstanceStatus.DRY_RUN).region(region).zone(spec.zone()).build();
        }
        String id = r.path("InstanceIds").path(0).asText(null);
        if (id == null) throw new IllegalStateException("CreateInstances returned no instance id: " + r);
        passwords.put(id, password);
        String label = name == null ? id : name + " (" + id + ")";
        output.info("create " + label + ": ordered (" + spec.spec().id() + " " + spec.version() + ", "
                + SpecResolver.gb(spec.capacityGb()) + " GB" + (spec.spec().isCluster() ? " per shard x "
                + spec.shards() + " shards" : "") + ", " + replicas(spec.replicas()) + ")");
        if (!wait.enabled()) return find(id).orElseGet(() -> placeholder(id, name, spec));
        return waitStatus("create", id, label, 2, wait.timeout());
    }

    private Instance placeholder(String id, String name, ResolvedSpec spec) {
        return Instance.builder().id(id).name(name).provider("tencent").spec(spec.spec().id()).version(spec.version())
                .capacityGb(spec.capacityGb()).shards(spec.shards()).replicas(spec.replicas())
                .status(InstanceStatus.CREATING).region(region).zone(spec.zone()).build();
    }

    private void putZone(Map<String, Object> p, String zone) {
        if (zone.chars().allMatch(Character::isDigit)) {
            p.put("ZoneId", Long.parseLong(zone));
            return;
        }
        Long numeric = catalogue() instanceof TencentCatalogue t ? t.numericZoneId(zone) : null;
        if (numeric != null) p.put("ZoneId", numeric);
        else p.put("ZoneName", zone);
    }

    // ---------------------------------------------------------------- read

    @Override
    public List<Instance> list() {
        List<Instance> out = new ArrayList<>();
        int offset = 0;
        while (true) {
            JsonNode r = api.call("DescribeInstances", Map.of("Limit", PAGE, "Offset", offset));
            JsonNode set = r.path("InstanceSet");
            for (JsonNode s : set) out.add(toInstance(s));
            long total = r.path("TotalCount").asLong(out.size());
            if (set.size() < PAGE || out.size() >= total) break;
            offset += PAGE;
        }
        out.addAll(cmemInstances());
        return out;
    }

    @Override
    public Optional<Instance> find(String id) {
        if (cmem != null && TencentCmemService.isCmemId(id)) {
            return cmemInstances().stream().filter(i -> i.getId().equals(id)).findFirst();
        }
        try {
            JsonNode r = api.call("DescribeInstances", Map.of("InstanceId", id, "Limit", 1, "Offset", 0));
            for (JsonNode s : r.path("InstanceSet")) {
                if (id.equals(s.path("InstanceId").asText())) return Optional.of(toInstance(s));
            }
            return Optional.empty();
        } catch (ApiException e) {
            if (e.code() != null && e.code().startsWith("ResourceNotFound")) return Optional.empty();
            throw e;
        }
    }

    @Override
    public List<Instance> findByName(String name) {
        return list().stream().filter(i -> name.equals(i.getName())).toList();
    }

    // ---------------------------------------------------------------- resize

    @Override
    public Instance resize(Instance current, Double capacityGb, Integer shards, Integer replicas, WaitOptions wait) {
        String label = Polling.label(current);
        Spec spec = Spec.byId(current.getSpec());
        SpecOffer offer = spec == null ? null : catalogue().offer(spec, current.getVersion());
        if (capacityGb != null && offer != null) SpecResolver.checkCapacity("resize", offer, capacityGb);
        if (shards != null) {
            if (spec == null || !spec.isCluster()) {
                throw new DslException("resize: shards applies only to redis.cluster (" + label + " is "
                        + current.getSpec() + "), got " + shards);
            }
            if (offer != null) SpecResolver.checkInt("resize", "shards", shards, offer.shards(),
                    SpecResolver.where(offer));
        }
        if (replicas != null && offer != null) {
            SpecResolver.checkInt("resize", "replicas", replicas, offer.replicas(), SpecResolver.where(offer));
        }
        double newCapacity = capacityGb == null ? current.getCapacityGb() : capacityGb;
        int newShards = shards == null ? current.getShards() : shards;
        int newReplicas = replicas == null ? current.getReplicas() : replicas;
        if (Double.compare(newCapacity, current.getCapacityGb()) == 0 && newShards == current.getShards()
                && newReplicas == current.getReplicas()) {
            output.info("resize " + label + ": nothing to change");
            return current;
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("InstanceId", current.getId());
        p.put("MemSize", Math.round(newCapacity * 1024));
        if (spec != null && spec.isCluster()) p.put("RedisShardNum", newShards);
        p.put("RedisReplicasNum", newReplicas);
        JsonNode r = EffectCheck.resized(this, current, newCapacity, newShards, newReplicas, output)
                .run(() -> api.call("UpgradeInstance", p), found -> MAPPER.createObjectNode().put("DealId", "(answer lost)"));
        if (r == null) {
            return current.toBuilder().capacityGb(newCapacity).shards(newShards).replicas(newReplicas)
                    .status(InstanceStatus.DRY_RUN).build();
        }
        output.info("resize " + label + ": ordered " + SpecResolver.gb(newCapacity) + " GB"
                + (spec != null && spec.isCluster() ? " per shard x " + newShards + " shards" : "") + ", "
                + replicas(newReplicas) + " (deal " + r.path("DealId").asText() + ")");
        if (!wait.enabled()) return find(current.getId()).orElse(current);
        return waitUntil("resize", current.getId(), label,
                i -> InstanceStatus.RUNNING.equals(i.getStatus()) && Double.compare(i.getCapacityGb(), newCapacity) == 0
                        && i.getShards() == newShards && i.getReplicas() == newReplicas,
                "running with the new spec", wait.timeout());
    }

    // ---------------------------------------------------------------- rename, clear, password

    @Override
    public Instance rename(Instance current, String newName) {
        checkName("rename", newName);
        JsonNode r = api.call("ModifyInstance", Map.of("Operation", "rename",
                "InstanceIds", List.of(current.getId()), "InstanceNames", List.of(newName)));
        if (r == null) return current.toBuilder().name(newName).status(InstanceStatus.DRY_RUN).build();
        output.info("rename " + Polling.label(current) + ": now '" + newName + "'");
        return find(current.getId()).orElse(current.toBuilder().name(newName).build());
    }

    @Override
    public Task clear(Instance current, Secret password, WaitOptions wait) {
        Secret pw = password != null ? password : passwords.get(current.getId());
        boolean noAuth = Boolean.TRUE.equals(current.getVendor().get("noAuth"));
        if (pw == null && !noAuth) {
            throw new DslException("clear: password is required for " + Polling.label(current)
                    + " (password-protected; pass password: '...')");
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("InstanceId", current.getId());
        if (pw != null) p.put("Password", pw.reveal());
        JsonNode r = EffectCheck.newTask(this, current, "clear", output).run(() -> api.call("ClearInstance", p),
                found -> MAPPER.createObjectNode().put("TaskId", found.taskId()));
        if (r == null) return null;
        if (password != null) passwords.put(current.getId(), password);
        return task("clear", current, r, wait);
    }

    @Override
    public Task password(Instance current, Secret oldPassword, Secret newPassword, WaitOptions wait) {
        checkPassword("password", "new password", newPassword.reveal());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("InstanceId", current.getId());
        p.put("Password", newPassword.reveal());
        JsonNode r = EffectCheck.newTask(this, current, "password", output).run(() -> api.call("ResetPassword", p),
                found -> MAPPER.createObjectNode().put("TaskId", found.taskId()));
        if (r == null) return null;
        passwords.put(current.getId(), newPassword);
        return task("password", current, r, wait);
    }

    // ---------------------------------------------------------------- backups

    @Override
    public Backup backup(Instance current, String remark, WaitOptions wait) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("InstanceId", current.getId());
        if (remark != null) p.put("Remark", remark);
        List<String> before = backups(current).stream().map(Backup::getId).toList();
        JsonNode r = api.call("ManualBackupInstance", p);
        if (r == null) return null;
        Task t = task("backup", current, r, wait);
        List<Backup> fresh = backups(current).stream().filter(b -> !before.contains(b.getId()))
                .sorted(Comparator.comparing((Backup b) -> String.valueOf(b.getStartedAt())).reversed()).toList();
        if (!fresh.isEmpty()) return fresh.get(0);
        return new Backup("task-" + (t == null ? "?" : t.getId()), current.getId(), current.getName(), "tencent",
                "manual", Backup.CREATING, null, remark, 0, null, null, null, region, Map.of());
    }

    @Override
    public List<Backup> backups(Instance current) {
        List<Backup> out = new ArrayList<>();
        int offset = 0;
        while (true) {
            JsonNode r = api.call("DescribeInstanceBackups",
                    Map.of("InstanceId", current.getId(), "Limit", PAGE, "Offset", offset));
            JsonNode set = r.path("BackupSet");
            for (JsonNode b : set) out.add(toBackup(b));
            long total = r.path("TotalCount").asLong(out.size());
            if (set.size() < PAGE || out.size() >= total) break;
            offset += PAGE;
        }
        return out;
    }

    // ---------------------------------------------------------------- delete

    @Override
    public Instance delete(Instance current, boolean purge, WaitOptions wait) {
        String label = Polling.label(current);
        Instance state = current;
        if (!InstanceStatus.ISOLATED.equals(current.getStatus())) {
            boolean prepaid = "prepaid".equals(current.getVendor().get("billingMode"));
            String action = prepaid ? "DestroyPrepaidInstance" : "DestroyPostpaidInstance";
            JsonNode r = EffectCheck.leftStatus(this, current, "delete", current.getStatus(), output)
                    .run(() -> api.call(action, Map.of("InstanceId", current.getId())), found -> MAPPER.createObjectNode());
            if (r == null) {
                if (purge) api.call("CleanUpInstance", Map.of("InstanceId", current.getId()));
                return current.toBuilder().status(InstanceStatus.DRY_RUN).build();
            }
            output.info("delete " + label + ": " + action + " submitted");
            if (wait.enabled() || purge) {
                // CleanUpInstance only takes isolated instances, so a purge waits for the isolation
                if (r.hasNonNull("TaskId")) waitTask("delete", current, r.path("TaskId").asText(), wait.timeout());
                state = waitStatus("delete", current.getId(), label, -2, wait.timeout());
            }
        }
        if (!purge) return state;
        JsonNode r = api.call("CleanUpInstance", Map.of("InstanceId", current.getId()));
        if (r == null) return state.toBuilder().status(InstanceStatus.DRY_RUN).build();
        output.info("delete " + label + ": CleanUpInstance submitted");
        if (!wait.enabled()) return state.toBuilder().status(InstanceStatus.DELETING).build();
        if (r.hasNonNull("TaskId")) waitTask("delete", current, r.path("TaskId").asText(), wait.timeout());
        waitGone("delete", current.getId(), label, wait.timeout());
        return state.toBuilder().status(InstanceStatus.DELETED).rawStatus(null).build();
    }

    // ---------------------------------------------------------------- restart

    /** StartupInstance brings an isolated instance back; API 3.0 has no action that reboots a running one. */
    @Override
    public Instance restart(Instance current, WaitOptions wait) {
        String label = Polling.label(current);
        if (!InstanceStatus.ISOLATED.equals(current.getStatus())) {
            throw new DslException("restart: tencent can only restart isolated instances (StartupInstance; API 3.0 "
                    + "has no reboot action), " + label + " is " + current.getStatus());
        }
        JsonNode r = EffectCheck.leftStatus(this, current, "restart", InstanceStatus.ISOLATED, output)
                .run(() -> api.call("StartupInstance", Map.of("InstanceId", current.getId())), found -> MAPPER.createObjectNode());
        if (r == null) return current.toBuilder().status(InstanceStatus.DRY_RUN).build();
        output.info("restart " + label + ": StartupInstance submitted");
        if (!wait.enabled()) return find(current.getId()).orElse(current);
        return waitStatus("restart", current.getId(), label, 2, wait.timeout());
    }

    // ---------------------------------------------------------------- whitelist (security groups)

    @Override
    public List<WhitelistEntry> whitelist(Instance current) {
        JsonNode r = api.call("DescribeInstanceSecurityGroup", Map.of("InstanceIds", List.of(current.getId())));
        List<WhitelistEntry> out = new ArrayList<>();
        for (JsonNode d : r.path("InstanceSecurityGroupsDetail")) {
            if (!current.getId().equals(d.path("InstanceId").asText(current.getId()))) continue;
            for (JsonNode g : d.path("SecurityGroupDetails")) {
                List<String> rules = new ArrayList<>();
                for (JsonNode rule : g.path("InboundRule")) {
                    rules.add(rule.path("Action").asText("ACCEPT") + " " + rule.path("Ip").asText("") + " "
                            + rule.path("Proto").asText("ALL").toLowerCase(java.util.Locale.ROOT) + ":"
                            + rule.path("Port").asText("ALL"));
                }
                out.add(new WhitelistEntry(current.getId(), WhitelistEntry.SECURITY_GROUP,
                        g.path("SecurityGroupId").asText(), g.path("SecurityGroupName").asText(null), rules,
                        g.path("SecurityGroupRemark").asText(null)));
            }
        }
        return out;
    }

    @Override
    public List<WhitelistEntry> whitelist(Instance current, List<String> add, List<String> remove, WaitOptions wait) {
        String label = Polling.label(current);
        for (String id : concat(add, remove)) {
            if (!SG.matcher(id).matches()) {
                throw new DslException("whitelist: tencent whitelists security groups (sg-...), not addresses; got '"
                        + id + "'");
            }
        }
        if (!add.isEmpty()) {
            Map<String, String> known = securityGroups();
            for (String id : add) {
                if (!known.containsKey(id)) {
                    throw new DslException("whitelist: no security group " + id + " on tencent in " + region
                            + " (known: " + known.entrySet().stream().map(e -> e.getKey()
                            + (e.getValue().isEmpty() ? "" : " '" + e.getValue() + "'"))
                            .collect(java.util.stream.Collectors.joining(", ")) + ")");
                }
            }
        }
        List<String> bound = whitelist(current).stream().map(WhitelistEntry::getId).toList();
        for (String id : add) {
            if (bound.contains(id)) {
                output.info("whitelist " + label + ": " + id + " already bound");
                continue;
            }
            JsonNode r = api.call("AssociateSecurityGroups", Map.of("Product", "redis", "SecurityGroupId", id,
                    "InstanceIds", List.of(current.getId())));
            if (r != null) output.info("whitelist " + label + ": bound " + id);
        }
        for (String id : remove) {
            if (!bound.contains(id)) {
                output.info("whitelist " + label + ": " + id + " is not bound");
                continue;
            }
            JsonNode r = api.call("DisassociateSecurityGroups", Map.of("Product", "redis", "SecurityGroupId", id,
                    "InstanceIds", List.of(current.getId())));
            if (r != null) output.info("whitelist " + label + ": unbound " + id);
        }
        return whitelist(current);
    }

    /** The region's security groups (id to name) the Redis API can bind (DescribeProjectSecurityGroups). */
    private Map<String, String> securityGroups() {
        Map<String, String> out = new LinkedHashMap<>();
        int offset = 0;
        while (true) {
            JsonNode r = api.call("DescribeProjectSecurityGroups", Map.of("Product", "redis", "Limit", PAGE,
                    "Offset", offset));
            JsonNode groups = r.path("Groups");
            for (JsonNode g : groups) out.put(g.path("SecurityGroupId").asText(), g.path("SecurityGroupName").asText(""));
            long total = r.path("Total").asLong(out.size());
            if (groups.size() < PAGE || out.size() >= total) break;
            offset += PAGE;
        }
        return out;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    // ---------------------------------------------------------------- params

    @Override
    public List<Param> params(Instance current) {
        JsonNode r = api.call("DescribeInstanceParams", Map.of("InstanceId", current.getId()));
        List<Param> out = new ArrayList<>();
        addParams(out, current, r.path("InstanceEnumParam"), "enum", "EnumValue");
        addParams(out, current, r.path("InstanceIntegerParam"), "integer", null);
        addParams(out, current, r.path("InstanceTextParam"), "text", "TextValue");
        addParams(out, current, r.path("InstanceMultiParam"), "multi", "EnumValue");
        out.sort(Comparator.comparing(Param::getName));
        return out;
    }

    private static void addParams(List<Param> out, Instance current, JsonNode list, String type, String allowedField) {
        for (JsonNode p : list) {
            List<String> allowed = new ArrayList<>();
            if (allowedField != null) for (JsonNode v : p.path(allowedField)) allowed.add(v.asText());
            out.add(new Param(current.getId(), p.path("ParamName").asText(), p.path("CurrentValue").asText(null),
                    p.path("DefaultValue").asText(null), type, allowed, text(p, "Min"), text(p, "Max"),
                    text(p, "Unit"), "true".equals(p.path("NeedRestart").asText()),
                    p.path("Status").asInt(2) == 1 ? "changing" : "applied", text(p, "Tips")));
        }
    }

    private static String text(JsonNode n, String field) {
        String v = n.path(field).asText("");
        return v.isEmpty() ? null : v;
    }

    @Override
    public Task setParams(Instance current, Map<String, String> values, WaitOptions wait) {
        String label = Polling.label(current);
        List<Param> known = params(current);
        Map<String, Param> byName = new LinkedHashMap<>();
        known.forEach(p -> byName.put(p.getName(), p));
        List<Map<String, Object>> changes = new ArrayList<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            Param p = byName.get(e.getKey());
            if (p == null) {
                String near = io.cachesh.dsl.ModelArgs.closest(e.getKey(), List.copyOf(byName.keySet()));
                throw new DslException("params: unknown parameter '" + e.getKey() + "' for " + label
                        + (near == null ? "" : ", did you mean " + near + "?") + " (allowed: "
                        + String.join(", ", byName.keySet()) + ")");
            }
            checkParam(p, e.getValue(), label);
            if (e.getValue().equals(p.getValue())) continue;
            changes.add(Map.of("Key", p.getName(), "Value", e.getValue()));
        }
        if (changes.isEmpty()) {
            output.info("params " + label + ": nothing to change");
            return null;
        }
        JsonNode r = api.call("ModifyInstanceParams", Map.of("InstanceId", current.getId(), "InstanceParams", changes));
        if (r == null) return null;
        output.info("params " + label + ": setting " + changes.stream().map(c -> c.get("Key") + "=" + c.get("Value"))
                .collect(java.util.stream.Collectors.joining(", ")));
        return task("params", current, r, wait);
    }

    /** Checks a value against what DescribeInstanceParams says may be set. */
    static void checkParam(Param p, String value, String label) {
        if (!p.accepts(value)) {
            throw new DslException("params: " + p.getName() + " must be " + p.describeAllowed() + " for " + label
                    + ", got '" + value + "'");
        }
    }

    // ---------------------------------------------------------------- restore

    @Override
    public Task restore(Instance current, String backupId, Secret password, WaitOptions wait) {
        String label = Polling.label(current);
        List<Backup> all = backups(current);
        Backup backup = all.stream().filter(b -> b.getId().equals(backupId)).findFirst().orElseThrow(() ->
                new DslException("restore: no backup " + backupId + " of " + label + " (available: "
                        + (all.isEmpty() ? "none" : all.stream().map(Backup::getId)
                        .collect(java.util.stream.Collectors.joining(", "))) + ")"));
        if (!Backup.AVAILABLE.equals(backup.getStatus())) {
            throw new DslException("restore: backup " + backupId + " of " + label + " is " + backup.getStatus()
                    + ", not available");
        }
        Secret pw = password != null ? password : passwords.get(current.getId());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("InstanceId", current.getId());
        p.put("BackupId", backupId);
        if (pw != null) p.put("Password", pw.reveal());
        JsonNode r = api.call("RestoreInstance", p);
        if (r == null) return null;
        output.info("restore " + label + ": from backup " + backupId
                + (backup.getRemark() == null || backup.getRemark().isEmpty() ? "" : " ('" + backup.getRemark() + "')"));
        Task t = task("restore", current, r, wait);
        if (wait.enabled()) waitStatus("restore", current.getId(), label, 2, wait.timeout());
        return t;
    }

    // ---------------------------------------------------------------- accounts

    @Override
    public List<Account> accounts(Instance current) {
        List<Account> out = new ArrayList<>();
        int offset = 0;
        while (true) {
            JsonNode r = api.call("DescribeInstanceAccount", Map.of("InstanceId", current.getId(), "Limit", PAGE,
                    "Offset", offset));
            JsonNode set = r.path("Accounts");
            for (JsonNode a : set) {
                List<String> readFrom = new ArrayList<>();
                for (JsonNode p : a.path("ReadonlyPolicy")) {
                    readFrom.add("replication".equals(p.asText()) ? "replica" : p.asText());
                }
                int status = a.path("Status").asInt(2);
                out.add(new Account(current.getId(), a.path("AccountName").asText(), privilege(a.path("Privilege")
                        .asText("")), readFrom, text(a, "Remark"), status == 1 ? "changing" : status == 4 ? "deleted"
                        : "active", text(a, "CreateTime")));
            }
            long total = r.path("TotalCount").asLong(out.size());
            if (set.size() < PAGE || out.size() >= total) break;
            offset += PAGE;
        }
        return out;
    }

    private static String privilege(String tencent) {
        return switch (tencent) {
            case "r" -> "read";
            case "w" -> "write";
            case "rw" -> "readwrite";
            default -> tencent;
        };
    }

    private static String tencentPrivilege(String neutral) {
        return switch (neutral) {
            case "read" -> "r";
            case "write" -> "w";
            default -> "rw";
        };
    }

    @Override
    public Task createAccount(Instance current, String name, Secret password, String privilege, String remark,
                              WaitOptions wait) {
        if (!ACCOUNT.matcher(name).matches()) {
            throw new DslException("accounts: account name must be 1-32 letters, digits, '_' or '-' on tencent, got '"
                    + name + "'");
        }
        if ("write".equals(privilege)) {
            throw new DslException("accounts: privilege must be one of read, readwrite for a new account on tencent "
                    + "(CreateInstanceAccount), got 'write'");
        }
        if (password == null) throw new DslException("accounts: password is required to create account " + name);
        checkPassword("accounts", "account password", password.reveal());
        if (accounts(current).stream().anyMatch(a -> a.getName().equals(name))) {
            throw new DslException("accounts: " + Polling.label(current) + " already has an account '" + name + "'");
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("InstanceId", current.getId());
        p.put("AccountName", name);
        p.put("AccountPassword", password.reveal());
        p.put("ReadonlyPolicy", List.of("master"));
        p.put("Privilege", tencentPrivilege(privilege));
        if (remark != null) p.put("Remark", remark);
        JsonNode r = api.call("CreateInstanceAccount", p);
        if (r == null) return null;
        output.info("accounts " + Polling.label(current) + ": creating " + name + " (" + privilege + ")");
        return task("accounts", current, r, wait);
    }

    @Override
    public Task deleteAccount(Instance current, String name, WaitOptions wait) {
        requireAccount(current, name);
        JsonNode r = api.call("DeleteInstanceAccount", Map.of("InstanceId", current.getId(), "AccountName", name));
        if (r == null) return null;
        output.info("accounts " + Polling.label(current) + ": deleting " + name);
        return task("accounts", current, r, wait);
    }

    @Override
    public Task grantAccount(Instance current, String name, String privilege, WaitOptions wait) {
        requireAccount(current, name);
        JsonNode r = api.call("ModifyInstanceAccount", Map.of("InstanceId", current.getId(), "AccountName", name,
                "Privilege", tencentPrivilege(privilege)));
        if (r == null) return null;
        output.info("accounts " + Polling.label(current) + ": " + name + " now " + privilege);
        return task("accounts", current, r, wait);
    }

    private void requireAccount(Instance current, String name) {
        List<Account> all = accounts(current);
        if (all.stream().noneMatch(a -> a.getName().equals(name))) {
            throw new DslException("accounts: " + Polling.label(current) + " has no account '" + name + "' (accounts: "
                    + (all.isEmpty() ? "none" : all.stream().map(Account::getName)
                    .collect(java.util.stream.Collectors.joining(", "))) + ")");
        }
    }

    // ---------------------------------------------------------------- tags

    /** Read-only: the Redis API shows InstanceTags; tags are set at create (ResourceTags), changed with the Tag API. */
    @Override
    public Map<String, String> tags(Instance current) {
        return current.getTags();
    }

    // ---------------------------------------------------------------- slowlog, bigkeys, stats, tasks

    @Override
    public List<SlowLogEntry> slowlog(Instance current, Duration since, long minMillis, int limit) {
        java.time.ZonedDateTime end = java.time.ZonedDateTime.now(BEIJING).plusMinutes(1);
        Duration span = since.compareTo(Duration.ofDays(30)) > 0 ? Duration.ofDays(30) : since;
        java.time.ZonedDateTime begin = end.minus(span).minusMinutes(1);
        List<SlowLogEntry> out = new ArrayList<>();
        int offset = 0;
        while (out.size() < limit) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("InstanceId", current.getId());
            p.put("BeginTime", TIME.format(begin));
            p.put("EndTime", TIME.format(end));
            if (minMillis > 0) p.put("MinQueryTime", minMillis);
            p.put("Limit", 100);
            p.put("Offset", offset);
            JsonNode r = api.call("DescribeSlowLog", p);
            JsonNode set = r.path("InstanceSlowLogDetail");
            for (JsonNode e : set) {
                if (out.size() >= limit) break;
                out.add(new SlowLogEntry(current.getId(), text(e, "ExecuteTime"), e.path("Duration").asLong(0),
                        text(e, "Command"), text(e, "CommandLine"), text(e, "Client"), text(e, "Node")));
            }
            if (set.size() < 100 || offset + 100 >= r.path("TotalCount").asLong(0)) break;
            offset += 100;
        }
        return out;
    }

    @Override
    public List<BigKey> bigkeys(Instance current, int top, String type) {
        JsonNode r = api.call("DescribeInstanceMonitorBigKey", Map.of("InstanceId", current.getId(),
                "ReqType", "string".equals(type) ? 1 : 2,
                "Date", java.time.format.DateTimeFormatter.BASIC_ISO_DATE.format(java.time.LocalDate.now(BEIJING))));
        List<BigKey> out = new ArrayList<>();
        for (JsonNode k : r.path("Data")) {
            String t = k.path("Type").asText("").toLowerCase(java.util.Locale.ROOT);
            if (type != null && !type.equals(t)) continue;
            out.add(new BigKey(current.getId(), k.path("DB").asInt(0), k.path("Key").asText(), t,
                    k.path("Size").asLong(0)));
        }
        out.sort(Comparator.comparingLong(BigKey::getSizeBytes).reversed().thenComparing(BigKey::getKey));
        return out.size() > top ? List.copyOf(out.subList(0, top)) : out;
    }

    @Override
    public Stats stats(Instance current, String span) {
        int spanType = switch (span == null ? "realtime" : span) {
            case "30m" -> 2;
            case "6h" -> 3;
            case "24h" -> 4;
            default -> 1;
        };
        Map<String, Object> p = Map.of("InstanceId", current.getId(), "SpanType", spanType);
        List<Map<String, Object>> commands = new ArrayList<>();
        for (JsonNode c : api.call("DescribeInstanceMonitorTopNCmd", p).path("Data")) {
            commands.add(Map.of("command", c.path("Cmd").asText().toLowerCase(java.util.Locale.ROOT),
                    "calls", c.path("Count").asLong(0)));
        }
        List<Map<String, Object>> slowest = new ArrayList<>();
        for (JsonNode c : api.call("DescribeInstanceMonitorTopNCmdTook", p).path("Data")) {
            slowest.add(Map.of("command", c.path("Cmd").asText().toLowerCase(java.util.Locale.ROOT),
                    "tookMs", c.path("Took").asLong(0)));
        }
        List<Map<String, Object>> hot = new ArrayList<>();
        for (JsonNode k : api.call("DescribeInstanceMonitorHotKey", p).path("Data")) {
            hot.add(Map.of("key", k.path("Key").asText(), "type", k.path("Type").asText(""),
                    "count", k.path("Count").asLong(0)));
        }
        return new Stats(current.getId(), "tencent", commands, slowest, hot);
    }

    @Override
    public List<Task> tasks(Instance current, int limit) {
        List<Task> out = new ArrayList<>();
        int offset = 0;
        while (out.size() < limit) {
            Map<String, Object> p = new LinkedHashMap<>();
            if (current != null) p.put("InstanceId", current.getId());
            p.put("Limit", 100);
            p.put("Offset", offset);
            JsonNode r = api.call("DescribeTaskList", p);
            JsonNode set = r.path("Tasks");
            for (JsonNode t : set) {
                if (out.size() >= limit) break;
                int result = t.path("Result").asInt(1);
                String status = switch (result) {
                    case 0 -> Task.PENDING;
                    case 2 -> Task.SUCCEEDED;
                    case 4 -> Task.FAILED;
                    default -> Task.RUNNING;
                };
                Map<String, Object> vendor = new LinkedHashMap<>();
                putText(vendor, "endTime", t, "EndTime");
                if (t.hasNonNull("Progress")) vendor.put("progress", t.path("Progress").asDouble());
                putText(vendor, "instanceName", t, "InstanceName");
                out.add(new Task(t.path("TaskId").asText(), text(t, "InstanceId"), "tencent",
                        TASK_TYPES.getOrDefault(t.path("TaskType").asText(""), t.path("TaskType").asText(null)),
                        status, String.valueOf(result), text(t, "StartTime"), null, vendor));
            }
            if (set.size() < 100 || offset + 100 >= r.path("TotalCount").asLong(0)) break;
            offset += 100;
        }
        out.sort(Comparator.comparing((Task t) -> String.valueOf(t.getStartedAt()))
                .thenComparing(t -> t.getId().length()).thenComparing(Task::getId).reversed());
        return out;
    }

    // ---------------------------------------------------------------- waits

    @Override
    public Instance waitFor(String verb, Instance instance, String status, Duration timeout) {
        String label = Polling.label(instance);
        if (InstanceStatus.DELETED.equals(status)) {
            waitGone(verb, instance.getId(), label, timeout);
            return instance.toBuilder().status(InstanceStatus.DELETED).build();
        }
        return waitUntil(verb, instance.getId(), label, i -> status.equals(i.getStatus()), status, timeout);
    }

    @Override
    public Task waitFor(String verb, Task task, Duration timeout) {
        Instance on = task.getInstanceId() == null ? null
                : find(task.getInstanceId()).orElse(null);
        return waitTask(verb, on, task.getId(), timeout);
    }

    private Task task(String verb, Instance on, JsonNode response, WaitOptions wait) {
        String taskId = response.path("TaskId").asText();
        if (!wait.enabled()) {
            return new Task(taskId, on.getId(), "tencent", verb, Task.PENDING, null, null, null, Map.of());
        }
        return waitTask(verb, on, taskId, wait.timeout());
    }

    /** DescribeTaskInfo until the task succeeds, via {@link TencentRedisWaiters}; a failed task is an ApiException. */
    private Task waitTask(String verb, Instance on, String taskId, Duration timeout) {
        String label = on == null ? "task " + taskId : Polling.label(on) + " task " + taskId;
        String[] last = {null};
        try {
            DescribeTaskInfoResponse r = waiters()
                    .withProgress((attempt, elapsed, state) -> {
                        if (state instanceof DescribeTaskInfoResponse t) {
                            String status = toTask(taskId, MAPPER.valueToTree(t)).getStatus();
                            if (Task.SUCCEEDED.equals(status)) {
                                output.info(verb + " " + label + ": succeeded after " + Polling.seconds(elapsed));
                            } else if (!status.equals(last[0]) && !Task.FAILED.equals(status)) {
                                output.info(verb + " " + label + ": " + status);
                            }
                            last[0] = status;
                        }
                    })
                    .waitForTask(Long.parseLong(taskId), timeout);
            return toTask(taskId, MAPPER.valueToTree(r));
        } catch (WaiterTimeoutException e) {
            throw new DslTimeoutException(verb + ": timed out after " + Polling.format(timeout) + " waiting for " + label
                    + " to finish; last status " + last[0]);
        }
    }

    /** DescribeInstances until the status code is reached, via {@link TencentRedisWaiters}. */
    private Instance waitStatus(String verb, String id, String label, int code, Duration timeout) {
        String target = status(code);
        Polling.Progress progress = new Polling.Progress(verb, label, output);
        try {
            InstanceSet set = waiters()
                    .withProgress((attempt, elapsed, state) -> {
                        String now = state instanceof Optional<?> o && o.isPresent() && o.get() instanceof InstanceSet i
                                ? status(i.status() == null ? Integer.MIN_VALUE : i.status().intValue()) : "not listed";
                        if ("create".equals(verb) && InstanceStatus.CHANGING.equals(now)) now = InstanceStatus.CREATING;
                        progress.saw(now, now.equals(target), elapsed);
                    })
                    .waitForInstanceStatus(id, code, timeout);
            return toInstance(MAPPER.valueToTree(set));
        } catch (WaiterTimeoutException e) {
            throw progress.timedOut(timeout, target);
        }
    }

    /** Polls the instance until {@code done} holds (or, with {@code done == null}, until it is gone). */
    private Optional<Instance> poll(String verb, String id, String label, Predicate<Instance> done, String target,
                                    Duration timeout) {
        return Polling.poll(verb, label, () -> find(id), done, target, timeout, pollInterval, output);
    }

    private Instance waitUntil(String verb, String id, String label, Predicate<Instance> done, String target,
                               Duration timeout) {
        return poll(verb, id, label, done, target, timeout).orElseThrow();
    }

    private void waitGone(String verb, String id, String label, Duration timeout) {
        poll(verb, id, label, null, InstanceStatus.DELETED, timeout);
    }

    private TencentRedisWaiters waiters() {
        return TencentRedisWaiters.create((TencentRedisClient) api.client()).withInterval(pollInterval);
    }

    // ---------------------------------------------------------------- raw

    @Override
    public RawApi raw(String apiName) {
        return switch (apiName) {
            case "redis" -> new RawApi("tencent.redis", api);
            case "cmem" -> cmemApi == null ? null : new RawApi("tencent.cmem", cmemApi);
            case "redisLegacy" -> legacyApi == null ? null : new RawApi("tencent.redisLegacy", legacyApi);
            default -> null;
        };
    }

    @Override
    public List<String> rawApis() {
        List<String> out = new ArrayList<>(List.of("redis"));
        if (cmemApi != null) out.add("cmem");
        if (legacyApi != null) out.add("redisLegacy");
        return out;
    }

    @Override
    public void close() {
        api.close();
        if (cmemApi != null) cmemApi.close();
        if (legacyApi != null) legacyApi.close();
    }

    // ---------------------------------------------------------------- mapping

    static String status(int code) {
        return switch (code) {
            case 0 -> InstanceStatus.CREATING;
            case 1 -> InstanceStatus.CHANGING;
            case 2 -> InstanceStatus.RUNNING;
            case -2 -> InstanceStatus.ISOLATED;
            case -3 -> InstanceStatus.DELETING;
            default -> InstanceStatus.UNKNOWN;
        };
    }

    Instance toInstance(JsonNode s) {
        int type = s.path("Type").asInt(-1);
        TencentSpecTable.Row row = TencentSpecTable.byTypeId(type);
        String spec = row == null ? "tencent.type-" + type : row.spec().id();
        if (row != null && row.spec() == Spec.REDIS_HA && s.path("SlaveReadWeight").asInt(0) > 0) {
            spec = Spec.REDIS_RW.id();
        }
        boolean cluster = row != null && row.spec() == Spec.REDIS_CLUSTER;
        double mb = cluster ? s.path("RedisShardSize").asDouble(0) : s.path("Size").asDouble(0);
        int statusCode = s.path("Status").asInt(Integer.MIN_VALUE);
        String zone = s.path("ZoneName").asText("");
        if (zone.isEmpty() && s.hasNonNull("ZoneId")) zone = zoneName(s.path("ZoneId").asLong());
        Map<String, Object> vendor = new LinkedHashMap<>();
        vendor.put("typeId", type);
        vendor.put("billingMode", s.path("BillingMode").asInt(0) == 1 ? "prepaid" : "postpaid");
        vendor.put("noAuth", s.path("NoAuth").asBoolean(false));
        putText(vendor, "instanceTitle", s, "InstanceTitle");
        if (s.hasNonNull("SubStatus")) vendor.put("subStatus", s.path("SubStatus").asInt());
        if (s.hasNonNull("ProjectId")) vendor.put("projectId", s.path("ProjectId").asLong());
        putText(vendor, "engine", s, "Engine");
        putText(vendor, "productVersion", s, "ProductVersion");
        putText(vendor, "currentRedisVersion", s, "CurrentRedisVersion");
        putText(vendor, "uniqVpcId", s, "UniqVpcId");
        putText(vendor, "uniqSubnetId", s, "UniqSubnetId");
        putText(vendor, "deadlineTime", s, "DeadlineTime");
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode t : s.path("InstanceTags")) tags.put(t.path("TagKey").asText(), t.path("TagValue").asText(""));
        return Instance.builder()
                .tags(tags)
                .id(s.path("InstanceId").asText())
                .name(s.path("InstanceName").asText(null))
                .provider("tencent")
                .spec(spec)
                .version(row == null ? null : row.version())
                .capacityGb(mb / 1024.0)
                .shards(Math.max(1, s.path("RedisShardNum").asInt(1)))
                .replicas(s.path("RedisReplicasNum").asInt(0))
                .status(status(statusCode))
                .rawStatus(statusCode == Integer.MIN_VALUE ? null : String.valueOf(statusCode))
                .host(s.path("WanIp").asText(null))
                .port(s.path("Port").asInt(0))
                .region(s.path("Region").asText(region))
                .zone(zone.isEmpty() ? null : zone)
                .createdAt(s.path("Createtime").asText(null))
                .vendor(vendor)
                .build();
    }

    private String zoneName(long numeric) {
        SpecCatalogue c = catalogue;
        if (c instanceof TencentCatalogue t) {
            for (String z : t.zones()) {
                if (Long.valueOf(numeric).equals(t.numericZoneId(z))) return z;
            }
        }
        return numeric == 0 ? "" : String.valueOf(numeric);
    }

    private static void putText(Map<String, Object> into, String key, JsonNode s, String field) {
        String v = s.path(field).asText("");
        if (!v.isEmpty()) into.put(key, v);
    }

    static Task toTask(String taskId, JsonNode r) {
        String raw = r.path("Status").asText("");
        String status = switch (raw) {
            case "preparing" -> Task.PENDING;
            case "running" -> Task.RUNNING;
            case "succeed", "success", "succeeded" -> Task.SUCCEEDED;
            case "failed", "error" -> Task.FAILED;
            default -> Task.RUNNING;
        };
        return new Task(taskId, r.path("InstanceId").asText(null), "tencent", r.path("TaskType").asText(null),
                status, raw, r.path("StartTime").asText(null), r.path("TaskMessage").asText(null), Map.of());
    }

    static Backup toBackup(JsonNode b) {
        int code = b.path("Status").asInt(0);
        String status = switch (code) {
            case 1 -> Backup.CREATING;
            case 2, 4 -> Backup.AVAILABLE;
            case 3 -> Backup.EXPORTING;
            case -1 -> Backup.EXPIRED;
            case -2 -> Backup.DELETED;
            default -> "unknown";
        };
        Map<String, Object> vendor = new LinkedHashMap<>();
        putText(vendor, "fileType", b, "FileType");
        if (b.hasNonNull("FullBackup")) vendor.put("fullBackup", b.path("FullBackup").asInt());
        if (b.hasNonNull("Locked")) vendor.put("locked", b.path("Locked").asInt());
        if (b.hasNonNull("InstanceType")) vendor.put("typeId", b.path("InstanceType").asInt());
        return new Backup(b.path("BackupId").asText(), b.path("InstanceId").asText(null),
                b.path("InstanceName").asText(null), "tencent",
                "1".equals(b.path("BackupType").asText()) ? "automatic" : "manual", status, String.valueOf(code),
                b.path("Remark").asText(null), b.path("BackupSize").asLong(0), b.path("StartTime").asText(null),
                b.path("EndTime").asText(null), b.path("ExpireTime").asText(null), b.path("Region").asText(null),
                vendor);
    }

    private static String replicas(int n) {
        return n + (n == 1 ? " replica" : " replicas");
    }

    // ---------------------------------------------------------------- vendor rules

    /** InstanceName: CJK, letters, digits, '-' and '_', shorter than 60 (CreateInstances, seed l.16499-17106). */
    static void checkName(String verb, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new DslException(verb + ": name must be 1-59 letters, digits, '-' or '_' on tencent, got '"
                    + name + "'");
        }
    }

    /** Password rule of CreateInstances/ResetPassword: 8-64 chars, at least 2 classes, not starting with '/'. */
    static void checkPassword(String verb, String what, String pw) {
        int classes = 0;
        if (pw.chars().anyMatch(Character::isLowerCase)) classes++;
        if (pw.chars().anyMatch(Character::isUpperCase)) classes++;
        if (pw.chars().anyMatch(Character::isDigit)) classes++;
        if (pw.chars().anyMatch(c -> SPECIALS.indexOf(c) >= 0)) classes++;
        boolean allowedChars = pw.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128
                || SPECIALS.indexOf(c) >= 0);
        if (pw.length() < 8 || pw.length() > 64 || classes < 2 || pw.startsWith("/") || !allowedChars) {
            throw new DslException(verb + ": " + what + " must be 8-64 characters with at least 2 of lower case, "
                    + "upper case, digits, symbols " + SPECIALS + " and must not start with '/' on tencent");
        }
    }
}
