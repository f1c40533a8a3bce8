package io.cachesh.dsl;

import io.cachesh.dsl.result.InstanceStatus;
import io.cachesh.dsl.spec.Spec;
import io.cachesh.dsl.tencent.TencentSpecTable;
import io.cachesh.model.ApiModel;
import io.cachesh.model.Models;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The DSL's vocabulary: verbs, their named arguments and allowed values, spec names, statuses, providers, regions
 * and raw operations. The shell uses it for completion and help; the verbs validate their named arguments against
 * the same tables, so the two cannot disagree.
 */
public final class DslVocabulary {

    private static final List<String> BOOL = List.of("true", "false");
    private static final ArgDoc WAIT = new ArgDoc("wait", "boolean", "wait until done (default true)", BOOL);
    private static final ArgDoc TIMEOUT = new ArgDoc("timeout", "duration",
            "longest wait, e.g. 30s, 5m, 1h (default from the provider settings)", List.of());

    private static final ArgDoc TAGS = new ArgDoc("tags", "map", "resource tags, e.g. [env: 'prod'] (at create)",
            List.of());

    private static final List<VerbDoc> VERBS = List.of(
            new VerbDoc("cache", "Run a block of verbs against one provider and region",
                    "cache { provider tencent, region: 'ap-guangzhou'; list() }",
                    List.of(new ArgDoc("region", "string", "the vendor's region id (default: the provider's)",
                            List.of())),
                    "cache { provider tencent; ... } | cache(huawei[, region: 'cn-north-4']) { ... }"),
            new VerbDoc("provider", "Select the provider (tencent, huawei, capitalonline) and region for the following verbs",
                    "provider tencent, region: 'ap-guangzhou'",
                    List.of(new ArgDoc("region", "string", "the vendor's region id", List.of())),
                    "provider tencent|huawei|capitalonline[, region: 'ap-guangzhou']"),
            new VerbDoc("create", "Create an instance from a spec and wait until it runs",
                    "orders = create name: 'orders', spec: 'redis.ha', capacity: 2, password: 'Orders-Pass1'",
                    List.of(new ArgDoc("name", "string", "instance name (huawei: generated when absent)", List.of()),
                            new ArgDoc("spec", "string", "what to create", Spec.names()),
                            new ArgDoc("version", "string", "engine version (default: newest sold)", versions()),
                            new ArgDoc("capacity", "number", "GB; per shard for redis.cluster", List.of()),
                            new ArgDoc("shards", "integer", "shard count (redis.cluster only)",
                                    TencentSpecTable.CLUSTER_SHARDS.stream().map(String::valueOf).toList()),
                            new ArgDoc("replicas", "integer", "replica count",
                                    List.of("0", "1", "2", "3", "4", "5")),
                            new ArgDoc("zone", "string", "availability zone (default: the vendor's choice)",
                                    List.of()),
                            new ArgDoc("password", "secret",
                                    "access password (never shown; generated and kept in the session when absent)",
                                    List.of()),
                            TAGS, WAIT, TIMEOUT),
                    "create spec: 'redis.ha', capacity: GB[, name: 'orders', password: '...', tags: [env: 'prod']]"),
            new VerbDoc("list", "List instances, optionally filtered by name (* wildcards), status, spec or tag",
                    "list(status: 'running')",
                    List.of(new ArgDoc("name", "string", "instance name, * matches anything", List.of()),
                            new ArgDoc("status", "string", "neutral status", InstanceStatus.ALL),
                            new ArgDoc("spec", "string", "spec name", Spec.names()),
                            new ArgDoc("tag", "string", "'key', 'key=value' or [key: 'value']", List.of())),
                    "list() | list(name: 'orders*', status: 'running', spec: 'redis.ha', tag: 'env=prod')"),
            new VerbDoc("describe", "Show one instance (by Instance, id or name)", "describe 'orders'", List.of(),
                    "describe instance"),
            new VerbDoc("resize", "Change capacity (GB; per shard for clusters), shards or replicas: one per call",
                    "resize orders, capacity: 4",
                    List.of(new ArgDoc("capacity", "number", "new capacity in GB (per shard for redis.cluster)",
                                    List.of()),
                            new ArgDoc("shards", "integer", "new shard count (redis.cluster)",
                                    TencentSpecTable.CLUSTER_SHARDS.stream().map(String::valueOf).toList()),
                            new ArgDoc("replicas", "integer", "new replica count", List.of("1", "2", "3", "4", "5")),
                            WAIT, TIMEOUT),
                    "resize instance, capacity: GB | shards: n | replicas: n"),
            new VerbDoc("ensure", "Converge an instance to a spec: create if absent, resize what differs, else nothing",
                    "ensure name: 'orders', spec: 'redis.ha', capacity: 4",
                    List.of(new ArgDoc("name", "string", "instance name (how ensure finds it)", List.of()),
                            new ArgDoc("spec", "string", "what it must be", Spec.names()),
                            new ArgDoc("version", "string", "engine version (checked, never upgraded)", versions()),
                            new ArgDoc("capacity", "number", "GB; per shard for redis.cluster", List.of()),
                            new ArgDoc("shards", "integer", "shard count (redis.cluster only; compared when given)",
                                    TencentSpecTable.CLUSTER_SHARDS.stream().map(String::valueOf).toList()),
                            new ArgDoc("replicas", "integer", "replica count (compared when given)",
                                    List.of("0", "1", "2", "3", "4", "5")),
                            new ArgDoc("zone", "string", "availability zone (at create)", List.of()),
                            new ArgDoc("password", "secret", "access password, needed to create", List.of()),
                            TAGS,
                            new ArgDoc("params", "map", "parameters to converge, e.g. [timeout: 300]", List.of()),
                            WAIT, TIMEOUT),
                    "ensure name: 'orders', spec: 'redis.ha', capacity: GB[, replicas: n, params: [...], password: '...']"),
            new VerbDoc("plan", "Show the changes the ensure calls of a block would make, without making any",
                    "plan { ensure name: 'orders', spec: 'redis.ha', capacity: 8 }", List.of(),
                    "plan { ensure ...; ensure ... }"),
            new VerbDoc("apply", "Make the changes of a block of ensure calls (or of a plan) and return them",
                    "apply { ensure name: 'orders', spec: 'redis.ha', capacity: 4, params: [timeout: 300] }",
                    List.of(new ArgDoc("passwords", "map", "passwords of the instances a plan creates, by name",
                                    List.of()), WAIT, TIMEOUT),
                    "apply { ensure ... } | apply plan[, passwords: [orders: '...']]"),
            new VerbDoc("fleet", "Run a block across instances concurrently (rate limits kept) and sum up ok/failed",
                    "fleet(list(status: 'running'), parallel: 8) { inst -> params(inst).size() }",
                    List.of(new ArgDoc("parallel", "integer", "instances at a time, 1-64 (default 4)", List.of()),
                            new ArgDoc("failFast", "boolean", "skip the rest after a failure (default false)", BOOL)),
                    "fleet([instances, ]parallel: 8[, failFast: true]) { instance -> ... }"),
            new VerbDoc("rename", "Rename an instance", "rename orders, to: 'orders-main'",
                    List.of(new ArgDoc("to", "string", "the new name", List.of())),
                    "rename instance, 'new-name' | rename instance, to: 'new-name'"),
            new VerbDoc("restart", "Bring an instance back into service (on tencent: an isolated one, StartupInstance)",
                    "delete orders, purge: false; restart orders", List.of(WAIT, TIMEOUT), "restart instance"),
            new VerbDoc("clear", "Delete all data of an instance (FLUSHALL)", "clear orders, password: 'Orders-Pass1'",
                    List.of(new ArgDoc("password", "secret",
                            "instance password (default: the one this session set)", List.of()), WAIT, TIMEOUT),
                    "clear instance[, password: '...']"),
            new VerbDoc("password", "Set a new access password",
                    "password orders, old: 'Orders-Pass1', new: 'Orders-Pass2'",
                    List.of(new ArgDoc("old", "secret", "current password (checked by vendors that need it)",
                                    List.of()),
                            new ArgDoc("new", "secret", "the new password", List.of()), WAIT, TIMEOUT),
                    "password instance, 'new' | password instance, old: '...', new: '...'"),
            new VerbDoc("whitelist", "Show or change who may connect (security groups on tencent)",
                    "whitelist orders, add: 'sg-ajr1jzgj'",
                    List.of(new ArgDoc("add", "string", "entries to add (security group ids on tencent), one or a list",
                                    List.of()),
                            new ArgDoc("remove", "string", "entries to remove, one or a list", List.of()),
                            WAIT, TIMEOUT),
                    "whitelist instance[, add: 'sg-...' | [...], remove: 'sg-...' | [...]]"),
            new VerbDoc("params", "Show configuration parameters, or set some (names and values checked first)",
                    "params orders, set: ['maxmemory-policy': 'allkeys-lfu']",
                    List.of(new ArgDoc("set", "map", "parameters to set, e.g. [timeout: 300]", List.of()),
                            WAIT, TIMEOUT),
                    "params instance[, set: [name: value, ...]]"),
            new VerbDoc("backup", "Take a manual backup and return it", "backup orders, remark: 'before-upgrade'",
                    List.of(new ArgDoc("remark", "string", "note stored with the backup", List.of()), WAIT, TIMEOUT),
                    "backup instance[, remark: '...']"),
            new VerbDoc("backups", "List the backups of an instance", "backups orders", List.of(),
                    "backups instance"),
            new VerbDoc("restore", "Restore an instance's data from one of its backups",
                    "restore orders, backup: backups(orders)[0]",
                    List.of(new ArgDoc("backup", "backup", "a Backup from backups(instance), or its id", List.of()),
                            new ArgDoc("password", "secret", "instance password (default: the one this session set)",
                                    List.of()), WAIT, TIMEOUT),
                    "restore instance, backup: b"),
            new VerbDoc("accounts", "List sub-accounts, or create, delete one or grant it a privilege",
                    "accounts orders, create: 'reporting', password: 'Report-Pass1', privilege: 'read'",
                    List.of(new ArgDoc("create", "string", "name of the account to create", List.of()),
                            new ArgDoc("delete", "string", "name of the account to delete", List.of()),
                            new ArgDoc("grant", "string", "name of the account whose privilege changes", List.of()),
                            new ArgDoc("privilege", "string", "read, write or readwrite (create default readwrite)",
                                    io.cachesh.dsl.result.Account.PRIVILEGES),
                            new ArgDoc("password", "secret", "password of the new account", List.of()),
                            new ArgDoc("remark", "string", "note stored with the account", List.of()),
                            WAIT, TIMEOUT),
                    "accounts instance[, create: 'name', password: '...', privilege: 'read' | delete: 'name' | "
                            + "grant: 'name', privilege: 'readwrite']"),
            new VerbDoc("tags", "Show an instance's tags (read-only on tencent: set them at create)", "tags orders",
                    List.of(), "tags instance"),
            new VerbDoc("slowlog", "Slow-log records, newest first", "slowlog orders, since: '1h', min: 10",
                    List.of(new ArgDoc("since", "duration", "how far back, e.g. 1h (default 1h, at most 30 days)",
                                    List.of()),
                            new ArgDoc("min", "number", "shortest duration shown, ms (default 0)", List.of()),
                            new ArgDoc("limit", "integer", "most records (default 100)", List.of())),
                    "slowlog instance[, since: '1h', min: ms, limit: n]"),
            new VerbDoc("bigkeys", "The largest keys of an instance", "bigkeys orders, top: 10",
                    List.of(new ArgDoc("top", "integer", "how many, 1-100 (default 10)", List.of()),
                            new ArgDoc("type", "string", "only keys of this type", CacheSpec.KEY_TYPES)),
                    "bigkeys instance[, top: 10, type: 'hash']"),
            new VerbDoc("stats", "Command statistics: most called, most time, hot keys", "stats(orders).commands",
                    List.of(new ArgDoc("span", "string", "time window (default realtime)", CacheSpec.SPANS)),
                    "stats instance[, span: '24h']"),
            new VerbDoc("tasks", "Recent tasks of an instance or of the region", "tasks orders, limit: 5",
                    List.of(new ArgDoc("limit", "integer", "most tasks (default 20)", List.of())),
                    "tasks() | tasks instance[, limit: 20]"),
            new VerbDoc("connect", "Open a Redis (or, for memcached, a Memcached) connection to an instance for smoke "
                    + "checks (closed after a block)",
                    "connect(orders) { set 'smoke', 'ok'; assert get('smoke') == 'ok'; del 'smoke' }",
                    List.of(new ArgDoc("password", "secret",
                            "instance password (default: the one this session created or set)", List.of())),
                    "connect instance[, password: '...'] | connect(instance) { set 'k', 'v'; get 'k' }"),
            new VerbDoc("wait", "Wait until an instance reaches a status, or a task finishes",
                    "wait orders, status: 'running', timeout: '5m'",
                    List.of(new ArgDoc("status", "string", "target status (default running)", InstanceStatus.ALL),
                            TIMEOUT),
                    "wait instance|task[, status: 'running', timeout: '5m']"),
            new VerbDoc("delete", "Delete an instance for good (purge: false only isolates it)", "delete orders",
                    List.of(new ArgDoc("purge", "boolean", "remove from the recycle bin too (default true)", BOOL),
                            WAIT, TIMEOUT),
                    "delete instance[, purge: false]"),
            new VerbDoc("tencent.redis", "Raw typed access: any TencentDB for Redis API action by lowerCamel name",
                    "tencent.redis.describeInstances(limit: 10)", List.of(),
                    "tencent.redis.<operation>(<parameter>: value, ...)"),
            new VerbDoc("tencent.cmem", "Raw typed access: Tencent CMEM (Memcached) actions, DescribeCmem and ClearCmem",
                    "tencent.cmem.describeCmem(limit: 10)", List.of(),
                    "tencent.cmem.<operation>(<parameter>: value, ...)"),
            new VerbDoc("tencent.redisLegacy", "Raw typed access: the legacy (2017, v2) Tencent Redis API",
                    "tencent.redisLegacy.describeRedis(limit: 10, offset: 0)", List.of(),
                    "tencent.redisLegacy.<operation>(<parameter>: value, ...)"),
            new VerbDoc("huawei.dcs", "Raw typed access: any Huawei Cloud DCS v2 operation by lowerCamel name",
                    "huawei.dcs.listInstances(limit: 10)", List.of(),
                    "huawei.dcs.<operation>(<parameter>: value, ...)"),
            new VerbDoc("huawei.dcsv1", "Raw typed access: any Huawei Cloud DCS v1.0 operation (Memcached is created "
                    + "here)", "huawei.dcsv1.listProducts()", List.of(), "huawei.dcsv1.<operation>(<parameter>: value, ...)"),
            new VerbDoc("capitalonline.memcached", "Raw typed access: the six CapitalOnline Memcached actions",
                    "capitalonline.memcached.memcachedInstanceList()", List.of(),
                    "capitalonline.memcached.<operation>(<parameter>: value, ...)"));

    /** The raw APIs of each provider ({@code provider.api}) and the API model behind each. */
    private static final java.util.Map<String, java.util.Map<String, String>> RAW = java.util.Map.of(
            "tencent", java.util.Map.of("redis", "tencent-redis", "cmem", "tencent-cmem",
                    "redisLegacy", "tencent-redis-legacy"),
            "huawei", java.util.Map.of("dcs", "huawei-dcs-v2", "dcsv1", "huawei-dcs-v1"),
            "capitalonline", java.util.Map.of("memcached", "capitalonline-memcached"));

    /**
     * Named arguments a verb cannot do without when it is called with named arguments (the verbs check the same at run
     * time; {@code cachesh check} reports them before).
     */
    private static final java.util.Map<String, List<String>> REQUIRED = java.util.Map.of(
            "create", List.of("spec", "capacity"),
            "ensure", List.of("name", "spec", "capacity"),
            "rename", List.of("to"),
            "password", List.of("new"),
            "restore", List.of("backup"));

    private DslVocabulary() {
    }

    /** The named arguments {@code verb} requires when called with named arguments; empty for most verbs. */
    public static List<String> requiredArgs(String verb) {
        return REQUIRED.getOrDefault(verb, List.of());
    }

    /** Every verb, in help order. */
    public static List<VerbDoc> verbs() {
        return VERBS;
    }

    public static Optional<VerbDoc> verb(String name) {
        return VERBS.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** Verb names callable as methods (without {@code tencent.redis}). */
    public static List<String> verbNames() {
        return VERBS.stream().map(VerbDoc::name).filter(n -> !n.contains(".")).toList();
    }

    public static List<String> specNames() {
        return Spec.names();
    }

    /** Neutral instance statuses ({@code list status:}, {@code wait status:}). */
    public static List<String> statuses() {
        return InstanceStatus.ALL;
    }

    public static List<String> providers() {
        return List.of("tencent", "huawei", "capitalonline");
    }

    /** Region ids of a provider (from its API model); empty when any region is passed through. */
    public static List<String> regions(String provider) {
        return switch (provider == null ? "" : provider) {
            case "tencent" -> model().regions();
            // Huawei's endpoints follow dcs.<region>.myhuaweicloud.com for every region: any region id is passed on
            case "huawei" -> List.of();
            case "capitalonline" -> Models.load("capitalonline-memcached").regions();
            default -> List.of();
        };
    }

    /** The raw APIs of a provider: {@code redis}, {@code cmem}, {@code redisLegacy} for tencent. */
    public static List<String> rawApis(String provider) {
        java.util.Map<String, String> apis = RAW.get(provider);
        return apis == null ? List.of() : new TreeSet<>(apis.keySet()).stream().toList();
    }

    /** The API model behind {@code provider.api}, or null. */
    public static ApiModel rawModel(String provider, String api) {
        java.util.Map<String, String> apis = RAW.get(provider);
        String service = apis == null ? null : apis.get(api);
        return service == null ? null : Models.load(service);
    }

    /** Raw operations of {@code provider.api} (lowerCamel) of the provider's main API: {@code describeInstances}. */
    public static List<String> operations(String provider) {
        ApiModel m = mainModel(provider);
        return m == null ? List.of() : ModelArgs.operations(m);
    }

    /** Request parameters (lowerCamel) of one raw operation, empty when unknown. */
    public static List<String> operationParameters(String provider, String operation) {
        ApiModel m = mainModel(provider);
        if (m == null) return List.of();
        String action = ModelArgs.action(m, operation);
        return action == null ? List.of() : ModelArgs.parameters(m, action);
    }

    /** One-line doc of a raw operation from the model, or null. */
    public static String operationDoc(String provider, String operation) {
        ApiModel m = mainModel(provider);
        if (m == null) return null;
        String action = ModelArgs.action(m, operation);
        return action == null ? null : m.operations().get(action).doc();
    }

    private static ApiModel mainModel(String provider) {
        return switch (provider == null ? "" : provider) {
            case "tencent" -> model();
            case "huawei" -> Models.load("huawei-dcs-v2");
            case "capitalonline" -> Models.load("capitalonline-memcached");
            default -> null;
        };
    }

    private static List<String> versions() {
        TreeSet<String> out = new TreeSet<>();
        TencentSpecTable.ROWS.forEach(r -> out.add(r.version()));
        out.addAll(List.of("4.0", "5.0", "6.0", "1.6")); // huawei's engine versions, capitalonline's memcached
        return List.copyOf(out);
    }

    static ApiModel model() {
        return Models.load("tencent-redis");
    }
}
