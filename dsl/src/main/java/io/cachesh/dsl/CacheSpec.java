package io.cachesh.dsl;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import io.cachesh.client.auth.Secret;
import io.cachesh.dsl.result.Account;
import io.cachesh.dsl.result.Backup;
import io.cachesh.dsl.result.BigKey;
import io.cachesh.dsl.result.Change;
import io.cachesh.dsl.result.FleetResult;
import io.cachesh.dsl.result.Instance;
import io.cachesh.dsl.result.InstanceStatus;
import io.cachesh.dsl.result.Param;
import io.cachesh.dsl.result.Plan;
import io.cachesh.dsl.result.SlowLogEntry;
import io.cachesh.dsl.result.Stats;
import io.cachesh.dsl.result.Task;
import io.cachesh.dsl.result.WhitelistEntry;
import io.cachesh.dsl.spec.ResolvedSpec;
import io.cachesh.dsl.spec.Spec;
import io.cachesh.dsl.spec.SpecRequest;
import io.cachesh.dsl.spec.SpecResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The delegate of {@code cache { }} (and, for the session's top level, of bare verbs): holds the current provider
 * and region and implements the verbs. Named arguments are checked against {@link DslVocabulary}; an instance
 * argument may be an {@link Instance}, an id or a name.
 */
public class CacheSpec {

    /** Key types of {@code bigkeys type:}. */
    static final List<String> KEY_TYPES = List.of("string", "list", "set", "zset", "hash", "stream");
    /** Windows of {@code stats span:}. */
    static final List<String> SPANS = List.of("realtime", "30m", "6h", "24h");

    private final DslContext ctx;
    private String provider;
    private String region;

    CacheSpec(DslContext ctx, String provider, String region) {
        this.ctx = ctx;
        this.provider = provider;
        this.region = region;
    }

    /** A fresh spec with the same provider and region (each {@code cache { }} block starts from the session's). */
    CacheSpec copy() {
        return new CacheSpec(ctx, provider, region);
    }

    public String getProviderName() {
        return provider;
    }

    public String getRegion() {
        return region;
    }

    // ---------------------------------------------------------------- provider

    /** {@code provider tencent} or {@code provider 'tencent'}. */
    public String provider(Object p) {
        return provider(Map.of(), p);
    }

    /** {@code provider tencent, region: 'ap-guangzhou'}. */
    public String provider(Map<?, ?> named, Object p) {
        return provider("provider", named, p);
    }

    /** {@code verb} names the caller in messages: {@code provider}, or {@code cache} for {@code cache(huawei) { }}. */
    String provider(String verb, Map<?, ?> named, Object p) {
        Args a = Args.of("provider", named);
        String name = p instanceof ProviderHandle h ? h.getName() : p instanceof CharSequence s ? s.toString() : null;
        if (name == null) {
            throw new DslException(verb + ": expected a provider (allowed: "
                    + String.join(", ", DslVocabulary.providers()) + "), got " + Args.got(p));
        }
        ctx.checkProvider(verb, name);
        String newRegion = a.string("region");
        if (newRegion == null) {
            ProviderSettings s = ctx.settingsFor(name);
            newRegion = name.equals(provider) ? region : s == null ? ProviderSettings.defaultRegion(name) : s.region();
        }
        ctx.checkRegion(verb, name, newRegion);
        service(verb, name, newRegion);
        this.provider = name;
        this.region = newRegion;
        return name + " " + newRegion;
    }

    /** The {@code tencent} handle: {@code provider tencent}, {@code tencent.redis.describeInstances()}. */
    public ProviderHandle getTencent() {
        return handle("tencent");
    }

    /** The {@code huawei} handle: {@code provider huawei}, {@code huawei.dcs.listInstances(limit: 10)}. */
    public ProviderHandle getHuawei() {
        return handle("huawei");
    }

    /** The {@code capitalonline} handle: {@code capitalonline.memcached.memcachedInstanceList()}. */
    public ProviderHandle getCapitalonline() {
        return handle("capitalonline");
    }

    private ProviderHandle handle(String p) {
        String r = p.equals(provider) ? region : settingsRegion(p);
        return new ProviderHandle(p, api -> service(p + "." + api, p, r).raw(api));
    }

    private String settingsRegion(String p) {
        ProviderSettings s = ctx.settingsFor(p);
        return s == null ? ProviderSettings.defaultRegion(p) : s.region();
    }

    // ---------------------------------------------------------------- verbs

    public Instance create(Map<?, ?> named) {
        Args a = Args.of("create", named);
        CacheService svc = service("create");
        Spec spec = Spec.parse("create", a.string("spec"));
        String v = version(named.get("version"));
        SpecRequest request = new SpecRequest(spec, v, a.number("capacity"), a.whole("shards"), a.whole("replicas"),
                a.string("zone"));
        if (request.capacityGb() == null) {
            throw new DslException("create: capacity is required (GB" + (spec.isCluster() ? " per shard" : "")
                    + ", e.g. capacity: 2)");
        }
        ResolvedSpec resolved = SpecResolver.resolve("create", request, svc.catalogue());
        Map<String, String> tags = a.stringMap("tags");
        Secret password = a.secret("password");
        boolean generated = password == null && svc.usesPassword(resolved);
        if (generated) password = Passwords.generate();
        Instance created = svc.create(a.string("name"), resolved, password, tags == null ? Map.of() : tags,
                a.waitOptions(svc.defaultTimeout(), ctx.waitByDefault));
        if (generated && created != null && !created.isDryRun()) {
            String who = created.getName() == null || created.getName().isEmpty() ? created.getId() : created.getName();
            ctx.output.info("create " + who + ": no password given, so it got a generated one, kept in this session "
                    + "only (connect, clear and restore use it; it is never shown); set your own with password '"
                    + who + "', '...'");
        }
        return created;
    }

    public List<Instance> list() {
        return list(Map.of());
    }

    public List<Instance> list(Map<?, ?> named) {
        Args a = Args.of("list", named);
        String name = a.string("name");
        String status = a.oneOf("status", InstanceStatus.ALL);
        String spec = a.oneOf("spec", Spec.names());
        java.util.function.Predicate<Instance> tag = tagFilter(a.raw("tag"));
        Pattern namePattern = name == null ? null : glob(name);
        return service("list").list().stream()
                .filter(tag)
                .filter(i -> namePattern == null || (i.getName() != null && namePattern.matcher(i.getName()).matches()))
                .filter(i -> status == null || status.equals(i.getStatus()))
                .filter(i -> spec == null || spec.equals(i.getSpec()))
                .collect(Collectors.toList());
    }

    /** {@code tag: 'env'} (has the key), {@code tag: 'env=prod'} or {@code tag: [env: 'prod']} (key and value). */
    private static java.util.function.Predicate<Instance> tagFilter(Object tag) {
        if (tag == null) return i -> true;
        Map<String, String> want = new java.util.LinkedHashMap<>();
        if (tag instanceof CharSequence cs) {
            String t = cs.toString();
            int eq = t.indexOf('=');
            if (eq < 0) return i -> i.getTags().containsKey(t);
            want.put(t.substring(0, eq), t.substring(eq + 1));
        } else if (tag instanceof Map<?, ?> m) {
            m.forEach((k, x) -> want.put(String.valueOf(k), String.valueOf(x)));
        } else {
            throw new DslException("list: tag must be 'key', 'key=value' or a map [key: 'value'], got " + Args.got(tag));
        }
        return i -> want.entrySet().stream().allMatch(e -> e.getValue().equals(i.getTags().get(e.getKey())));
    }

    /** A version argument as text: {@code '7.0'}, {@code 7.0} (a BigDecimal in Groovy). */
    static String version(Object version) {
        return version == null ? null : version instanceof java.math.BigDecimal b ? b.toPlainString()
                : String.valueOf(version);
    }

    public Instance describe(Object ref) {
        return resolve("describe", ref);
    }

    public Instance resize(Map<?, ?> named, Object ref) {
        Args a = Args.of("resize", named);
        Double capacity = a.number("capacity");
        Integer shards = a.whole("shards");
        Integer replicas = a.whole("replicas");
        int changes = (capacity == null ? 0 : 1) + (shards == null ? 0 : 1) + (replicas == null ? 0 : 1);
        if (changes == 0) throw new DslException("resize: pass one of capacity, shards, replicas");
        if (changes > 1) {
            List<String> given = java.util.stream.Stream.of("capacity", "shards", "replicas").filter(a::has).toList();
            throw new DslException("resize: change one of capacity, shards, replicas per call, got "
                    + String.join(" and ", given));
        }
        CacheService svc = service("resize");
        Instance current = resolve("resize", ref);
        svc = on("resize", svc, current);
        return svc.resize(current, capacity, shards, replicas, a.waitOptions(svc.defaultTimeout(), ctx.waitByDefault));
    }

    public Instance rename(Object ref, String newName) {
        return rename(Map.of("to", newName), ref);
    }

    public Instance rename(Map<?, ?> named, Object ref) {
        Args a = Args.of("rename", named);
        String to = a.string("to");
        if (to == null) throw new DslException("rename: the new name is required (rename instance, to: 'new-name')");
        Instance current = resolve("rename", ref);
        if (current.isDryRun()) return current.toBuilder().name(to).build();
        return on("rename", service("rename"), current).rename(current, to);
    }

    public Task clear(Object ref) {
        return clear(Map.of(), ref);
    }

    public Task clear(Map<?, ?> named, Object ref) {
        Args a = Args.of("clear", named);
        CacheService svc = service("clear");
        Instance current = resolve("clear", ref);
        svc = on("clear", svc, current);
        if (current.isDryRun()) return notCreated("clear", current);
        return svc.clear(current, a.secret("password"), a.waitOptions(svc.defaultTimeout(), ctx.waitByDefault));
    }

    public Task password(Object ref, String newPassword) {
        return password(Map.of("new", newPassword), ref);
    }

    public Task password(Map<?, ?> named, Object ref) {
        Args a = Args.of("password", named);
        Secret newPassword = a.secret("new");
        if (newPassword == null) {
            throw new DslException("password: the new password is required (password instance, new: '...')");
        }
        CacheService svc = service("password");
        Instance current = resolve("password", ref);
        svc = on("password", svc, current);
        if (current.isDryRun()) return notCreated("password", current);
        return svc.password(current, a.secret("old"), newPassword, a.waitOptions(svc.defaultTimeout(), ctx.waitByDefault));
    }

    public Backup backup(Object ref) {
        return backup(Map.of(), ref);
    }

    public Backup backup(Map<?, ?> named, Object ref) {
        Args a = Args.of("backup", named);
        CacheService svc = service("backup");
        Instance current = resolve("backup", ref);
        svc = on("backup", svc, current);
        if (current.isDryRun()) return notCreated("backup", current);
        return svc.backup(current, a.string("remark"), a.waitOptions(svc.defaultTimeout(), ctx.waitByDefault));
    }

    public List<Backup> backups(Object ref) {
        Instance current = resolve("backups", ref);
        if (current.isDryRun()) return List.of();
        return on("backups", service("backups"), current).backups(current);
    }

    public Instance delete(Object ref) {
        return delete(Map.of(), ref);
    }

    public Instance delete(Map<?, ?> named, Object ref) {
        Args a = Args.of("delete", named);
        CacheService svc = service("delete");
        boolean purge = a.bool("purge", true);
        Instance current = resolve("delete", ref);
        svc = on("delete", svc, current);
        return svc.delete(current, purge, a.waitOptions(svc.defaultTimeout(), ctx.waitByDefault));
    }

    /** {@code wait orders} (until running), {@code wait orders, status: 'isolated', timeout: '5m'}, {@code wait task}. */
    public Object wait(Object target) {
        return wait(Map.of(), target);
    }

    public Object wait(Map<?, ?> named, Object target) {
        Args a = Args.of("wait", named);
        CacheService svc = service("wait");
        String status = a.oneOf("status", InstanceStatus.ALL);
        java.time.Duration timeout = a.duration("timeout", svc.defaultTimeout());
        if (target instanceof Task t) return t.isDone() ? t : svc.waitFor("wait", t, timeout);
        if (target == null) throw new DslException("wait: expected an instance, id, name or task, got nothing");
        if (target instanceof Instance i && i.isDryRun()) return i;
        if (InstanceStatus.DELETED.equals(status) && target instanceof CharSequence s && svc.looksLikeId(s.toString())) {
            return svc.waitFor("wait", Instance.builder().id(s.toString()).provider(provider).build(), status, timeout);
        }
        Instance current = target instanceof Instance i && InstanceStatus.DELETED.equals(status) ? i
                : resolve("wait", target);
        return on("wait", svc, current).waitFor("wait", current, status == null ? InstanceStatus.RUNNING : status,
                timeout);
    }

    /**
     * {@code connect orders} or {@code connect orders, password: '...'}: a connection to the instance's endpoint: a
     * {@link RedisConnection} (authenticated with the given password, else the one this session created or set it
     * with), or a {@link MemcachedConnection} for {@code memcached} instances. The static type is whatever the caller
     * assigns it to ({@code RedisConnection r = connect(orders)} in type-checked code).
     */
    public <C> C connect(Object ref) {
        return connect(Map.of(), ref);
    }

    @SuppressWarnings("unchecked")
    public <C> C connect(Map<?, ?> named, Object ref) {
        Args a = Args.of("connect", named);
        Secret given = a.secret("password");
        Instance current = resolve("connect", ref);
        if (current.isDryRun()) {
            throw new DslException("connect: " + (current.getName() == null ? "the instance" : current.getName())
                    + " was not created (dry-run); there is nothing to connect to");
        }
        on("connect", service("connect"), current);
        if (Spec.MEMCACHED.id().equals(current.getSpec())) {
            if (given != null) {
                throw new DslException("connect: " + current.getId() + " is memcached, which has no password; "
                        + "connect without password:");
            }
            return (C) MemcachedConnection.open(current, ctx.output, () -> ctx.dryRun);
        }
        Secret pw = given != null ? given : ctx.password(current.getId());
        return (C) RedisConnection.open(current, pw, ctx.output, () -> ctx.dryRun);
    }

    /** {@code connect(orders) { set 'k', 'v'; get 'k' }}: runs the block on the connection, then closes it. */
    public Object connect(Object ref,
            @DelegatesTo(value = RedisConnection.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        return connect(Map.of(), ref, block);
    }

    public Object connect(Map<?, ?> named, Object ref,
            @DelegatesTo(value = RedisConnection.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        if (block == null) throw new DslException("connect: the block is null");
        Object c = connect(named, ref);
        return CommandsDelegate.runOn((DataConnection) c, block);
    }

    // ---------------------------------------------------------------- restart, whitelist, params, restore

    public Instance restart(Object ref) {
        return restart(Map.of(), ref);
    }

    public Instance restart(Map<?, ?> named, Object ref) {
        Args a = Args.of("restart", named);
        CacheService svc = service("restart");
        Instance current = resolve("restart", ref);
        svc = on("restart", svc, current);
        if (current.isDryRun()) return notCreated("restart", current);
        return svc.restart(current, a.waitOptions(svc.defaultTimeout(), ctx.waitByDefault));
    }

    /** {@code whitelist orders}: the entries; {@code whitelist orders, add: 'sg-1', remove: ['sg-2']}: changes them. */
    public List<WhitelistEntry> whitelist(Object ref) {
        return whitelist(Map.of(), ref);
    }

    public List<WhitelistEntry> whitelist(Map<?, ?> named, Object ref) {
        Args a = Args.of("whitelist", named);
        List<String> add = a.strings("add");
        List<String> remove = a.strings("remove");
        CacheService svc = service("whitelist");
        Instance current = resolve("whitelist", ref);
        svc = on("whitelist", svc, current);
        if (current.isDryRun()) return notCreatedList("whitelist", current);
        if (add.isEmpty() && remove.isEmpty()) return svc.whitelist(current);
        List<String> both = add.stream().filter(remove::contains).toList();
        if (!both.isEmpty()) {
            throw new DslException("whitelist: " + String.join(", ", both) + " is both added and removed");
        }
        return svc.whitelist(current, add, remove, a.waitOptions(svc.defaultTimeout(), ctx.waitByDefault));
    }

    /** {@code params orders}: the parameters; {@code params orders, set: [timeout: 300]}: sets some, checked first. */
    public List<Param> params(Object ref) {
        return params(Map.of(), ref);
    }

    public List<Param> params(Map<?, ?> named, Object ref) {
        Args a = Args.of("params", named);
        Map<String, String> set = a.stringMap("set");
        CacheService svc = service("params");
        Instance current = resolve("params", ref);
        svc = on("params", svc, current);
        if (current.isDryRun()) return notCreatedList("params", current);
        if (set == null || set.isEmpty()) return svc.params(current);
        svc.setParams(current, set, a.waitOptions(svc.defaultTimeout(), ctx.waitByDefault));
        return svc.params(current);
    }

    /** {@code restore orders, backup: b} (a Backup or its id). */
    public Task restore(Object ref, Object backup) {
        return restore(Map.of("backup", backup), ref);
    }

    public Task restore(Map<?, ?> named, Object ref) {
        Args a = Args.of("restore", named);
        Object b = a.raw("backup");
        String backupId = b instanceof Backup bk ? bk.getId() : b instanceof CharSequence cs ? cs.toString() : null;
        if (backupId == null) {
            throw new DslException("restore: backup is required (a Backup from backups(instance) or its id), got "
                    + Args.got(b));
        }
        CacheService svc = service("restore");
        Instance current = resolve("restore", ref);
        svc = on("restore", svc, current);
        if (current.isDryRun()) return notCreated("restore", current);
        return svc.restore(current, backupId, a.secret("password"), a.waitOptions(svc.defaultTimeout(), ctx.waitByDefault));
    }

    // ---------------------------------------------------------------- accounts, tags

    /**
     * {@code accounts orders}: the sub-accounts; {@code accounts orders, create: 'app', password: '...', privilege:
     * 'read'}, {@code accounts orders, grant: 'app', privilege: 'readwrite'}, {@code accounts orders, delete: 'app'}:
     * one change, then the accounts.
     */
    public List<Account> accounts(Object ref) {
        return accounts(Map.of(), ref);
    }

    public List<Account> accounts(Map<?, ?> named, Object ref) {
        Args a = Args.of("accounts", named);
        String create = a.string("create");
        String delete = a.string("delete");
        String grant = a.string("grant");
        int ops = (create == null ? 0 : 1) + (delete == null ? 0 : 1) + (grant == null ? 0 : 1);
        if (ops > 1) throw new DslException("accounts: pass one of create, delete, grant per call");
        String privilege = a.oneOf("privilege", Account.PRIVILEGES);
        if (grant != null && privilege == null) {
            throw new DslException("accounts: grant needs privilege (one of " + String.join(", ", Account.PRIVILEGES)
                    + ")");
        }
        if (ops == 0 && (privilege != null || a.has("password") || a.has("remark"))) {
            throw new DslException("accounts: privilege, password and remark go with create or grant");
        }
        CacheService svc = service("accounts");
        Instance current = resolve("accounts", ref);
        svc = on("accounts", svc, current);
        if (current.isDryRun()) return notCreatedList("accounts", current);
        WaitOptions wait = a.waitOptions(svc.defaultTimeout(), ctx.waitByDefault);
        if (create != null) {
            svc.createAccount(current, create, a.secret("password"), privilege == null ? "readwrite" : privilege,
                    a.string("remark"), wait);
        } else if (delete != null) {
            svc.deleteAccount(current, delete, wait);
        } else if (grant != null) {
            svc.grantAccount(current, grant, privilege, wait);
        }
        return svc.accounts(current);
    }

    public Map<String, String> tags(Object ref) {
        CacheService svc = service("tags");
        Instance current = resolve("tags", ref);
        svc = on("tags", svc, current);
        if (current.isDryRun()) return current.getTags();
        return svc.tags(current);
    }

    // ---------------------------------------------------------------- slowlog, bigkeys, stats, tasks

    public List<SlowLogEntry> slowlog(Object ref) {
        return slowlog(Map.of(), ref);
    }

    public List<SlowLogEntry> slowlog(Map<?, ?> named, Object ref) {
        Args a = Args.of("slowlog", named);
        java.time.Duration since = a.duration("since", java.time.Duration.ofHours(1));
        Double min = a.number("min");
        if (min != null && min < 0) throw new DslException("slowlog: min must be 0 or more (ms), got " + Args.got(min));
        int limit = a.wholeOr("limit", 100, 1, 10_000);
        CacheService svc = service("slowlog");
        Instance current = resolve("slowlog", ref);
        svc = on("slowlog", svc, current);
        if (current.isDryRun()) return notCreatedList("slowlog", current);
        return svc.slowlog(current, since, min == null ? 0 : Math.round(min), limit);
    }

    public List<BigKey> bigkeys(Object ref) {
        return bigkeys(Map.of(), ref);
    }

    public List<BigKey> bigkeys(Map<?, ?> named, Object ref) {
        Args a = Args.of("bigkeys", named);
        int top = a.wholeOr("top", 10, 1, 100);
        String type = a.oneOf("type", KEY_TYPES);
        CacheService svc = service("bigkeys");
        Instance current = resolve("bigkeys", ref);
        svc = on("bigkeys", svc, current);
        if (current.isDryRun()) return notCreatedList("bigkeys", current);
        return svc.bigkeys(current, top, type);
    }

    public Stats stats(Object ref) {
        return stats(Map.of(), ref);
    }

    public Stats stats(Map<?, ?> named, Object ref) {
        Args a = Args.of("stats", named);
        String span = a.oneOf("span", SPANS);
        CacheService svc = service("stats");
        Instance current = resolve("stats", ref);
        svc = on("stats", svc, current);
        if (current.isDryRun()) return notCreated("stats", current);
        return svc.stats(current, span == null ? "realtime" : span);
    }

    /** {@code tasks()}: recent tasks of the region; {@code tasks orders, limit: 5}: of one instance. */
    public List<Task> tasks() {
        return tasks(Map.of());
    }

    public List<Task> tasks(Map<?, ?> named) {
        Args a = Args.of("tasks", named);
        return service("tasks").tasks(null, a.wholeOr("limit", 20, 1, 1000));
    }

    public List<Task> tasks(Object ref) {
        return tasks(Map.of(), ref);
    }

    public List<Task> tasks(Map<?, ?> named, Object ref) {
        Args a = Args.of("tasks", named);
        int limit = a.wholeOr("limit", 20, 1, 1000);
        CacheService svc = service("tasks");
        Instance current = resolve("tasks", ref);
        if (current.isDryRun()) return notCreatedList("tasks", current);
        return on("tasks", svc, current).tasks(current, limit);
    }

    // ---------------------------------------------------------------- desired state: ensure, plan, apply

    /**
     * {@code ensure name: 'orders', spec: 'redis.ha', capacity: 4}: creates the instance when absent, resizes what
     * differs (capacity always, shards and replicas when given), sets the given params that differ, and says which;
     * nothing when it is as desired. Inside {@code plan { }} it records the changes instead of making them.
     */
    public Instance ensure(Map<?, ?> named) {
        Args a = Args.of("ensure", named);
        String name = a.string("name");
        if (name == null || name.isBlank()) {
            throw new DslException("ensure: name is required (ensure finds the instance by its name)");
        }
        if (a.string("spec") == null) throw new DslException("ensure: spec is required (allowed: "
                + String.join(", ", Spec.names()) + ")");
        Spec spec = Spec.parse("ensure", a.string("spec"));
        String v = version(named.get("version"));
        SpecRequest request = new SpecRequest(spec, v, a.number("capacity"), a.whole("shards"), a.whole("replicas"),
                a.string("zone"));
        if (request.capacityGb() == null) {
            throw new DslException("ensure: capacity is required (GB" + (spec.isCluster() ? " per shard" : "")
                    + ", e.g. capacity: 2)");
        }
        Map<String, String> tags = a.stringMap("tags");
        Map<String, String> params = a.stringMap("params");
        Secret password = a.secret("password");
        CacheService svc = service("ensure");
        svc.capabilities().require(Verb.CREATE);
        WaitOptions wait = a.waitOptions(svc.defaultTimeout(), ctx.waitByDefault);
        ResolvedSpec want = SpecResolver.resolve("ensure", request, svc.catalogue());
        PlanRecorder rec = ctx.recorder;
        boolean planning = rec != null && !rec.apply;

        List<Instance> found = svc.findByName(name);
        if (found.size() > 1) {
            throw new DslException("ensure: " + found.size() + " instances are named '" + name + "' ("
                    + found.stream().map(Instance::getId).collect(Collectors.joining(", "))
                    + "); ensure needs unique names");
        }
        if (found.isEmpty()) {
            Change c = new Change(Change.CREATE, name, null, null, describeSpec(want), provider, region,
                    createDesired(want, tags));
            if (planning) {
                rec.change(c);
                if (password != null) ctx.planSecrets.put(provider + "/" + region + "/" + name, password);
                if (params != null) params.forEach((k, val) -> rec.change(new Change(Change.PARAMS, name, k, null, val,
                        provider, region, Map.of(k, val))));
                ctx.output.info("plan: " + c);
                return Instance.builder().id(InstanceStatus.DRY_RUN).name(name).provider(provider).spec(spec.id())
                        .version(want.version()).capacityGb(want.capacityGb()).shards(want.shards())
                        .replicas(want.replicas()).status(InstanceStatus.DRY_RUN).region(region).zone(want.zone())
                        .tags(tags == null ? Map.of() : tags).build();
            }
            if (password == null) {
                throw new DslException("ensure: " + name + " does not exist; creating it needs password: '...'");
            }
            Instance created = svc.create(name, want, password, tags == null ? Map.of() : tags, wait);
            if (created.isDryRun()) return created;
            if (rec != null) rec.change(c);
            ctx.output.info("ensure " + name + ": created (" + describeSpec(want) + ")");
            if (params != null && !params.isEmpty()) {
                svc.capabilities().require(Verb.PARAMS);
                Map<String, String> before = paramValues(svc.params(created), params.keySet());
                svc.setParams(created, params, wait);
                if (rec != null) params.forEach((k, val) -> {
                    if (!val.equals(before.get(k))) rec.change(new Change(Change.PARAMS, name, k, before.get(k), val,
                            provider, region, Map.of(k, val)));
                });
            }
            return created;
        }

        Instance current = found.get(0);
        String label = name + " (" + current.getId() + ")";
        if (!spec.id().equals(current.getSpec())) {
            throw new DslException("ensure: " + label + " is " + current.getSpec() + ", wanted " + spec.id()
                    + "; ensure does not change the architecture (delete it, or ensure another name)");
        }
        if (v != null && current.getVersion() != null && !current.getVersion().equals(want.version())) {
            throw new DslException("ensure: " + label + " runs version " + current.getVersion() + ", wanted "
                    + want.version() + "; ensure does not upgrade versions");
        }
        if (InstanceStatus.ISOLATED.equals(current.getStatus()) || InstanceStatus.DELETING.equals(current.getStatus())) {
            throw new DslException("ensure: " + label + " is " + current.getStatus() + " (restart it, or delete it"
                    + " and ensure again)");
        }
        List<Change> changes = new ArrayList<>();
        if (Double.compare(current.getCapacityGb(), want.capacityGb()) != 0) {
            changes.add(resizeChange(name, "capacity", gbText(current.getCapacityGb()), gbText(want.capacityGb()),
                    want.capacityGb()));
        }
        if (request.shards() != null && current.getShards() != want.shards()) {
            changes.add(resizeChange(name, "shards", String.valueOf(current.getShards()),
                    String.valueOf(want.shards()), want.shards()));
        }
        if (request.replicas() != null && current.getReplicas() != want.replicas()) {
            changes.add(resizeChange(name, "replicas", String.valueOf(current.getReplicas()),
                    String.valueOf(want.replicas()), want.replicas()));
        }
        if (params != null && !params.isEmpty()) {
            svc.capabilities().require(Verb.PARAMS);
            List<Param> now = svc.params(current);
            for (Map.Entry<String, String> e : params.entrySet()) {
                Param p = now.stream().filter(x -> x.getName().equals(e.getKey())).findFirst().orElseThrow(() ->
                        new DslException("ensure: unknown parameter '" + e.getKey() + "' for " + label + " (allowed: "
                                + now.stream().map(Param::getName).collect(Collectors.joining(", ")) + ")"));
                if (!p.accepts(e.getValue())) {
                    throw new DslException("ensure: " + p.getName() + " must be " + p.describeAllowed() + " for "
                            + label + ", got '" + e.getValue() + "'");
                }
                if (!e.getValue().equals(p.getValue())) {
                    changes.add(new Change(Change.PARAMS, name, p.getName(), p.getValue(), e.getValue(), provider,
                            region, Map.of(p.getName(), e.getValue())));
                }
            }
        }
        if (changes.isEmpty()) {
            if (rec != null) rec.unchanged(name);
            ctx.output.info((planning ? "plan: " : "ensure ") + name + ": unchanged");
            return current;
        }
        if (planning) {
            changes.forEach(c -> {
                rec.change(c);
                ctx.output.info("plan: " + c);
            });
            return current;
        }
        if (!InstanceStatus.RUNNING.equals(current.getStatus())) {
            current = svc.waitFor("ensure", current, InstanceStatus.RUNNING, wait.timeout());
        }
        for (Change c : changes) {
            current = applyChange(svc, current, c, wait);
            if (rec != null) rec.change(c);
            ctx.output.info("ensure " + c);
        }
        return current;
    }

    private Change resizeChange(String name, String attribute, String from, String to, Number value) {
        return new Change(Change.RESIZE, name, attribute, from + (attribute.equals("capacity") ? " GB" : ""),
                to + (attribute.equals("capacity") ? " GB" : ""), provider, region, Map.of(attribute, value));
    }

    /** Makes one resize or params change on {@code current}; returns the instance afterwards. */
    private Instance applyChange(CacheService svc, Instance current, Change c, WaitOptions wait) {
        if (Change.RESIZE.equals(c.getAction())) {
            svc.capabilities().require(Verb.RESIZE);
            Number v = (Number) c.getDesired().get(c.getAttribute());
            return switch (c.getAttribute()) {
                case "capacity" -> svc.resize(current, v.doubleValue(), null, null, wait);
                case "shards" -> svc.resize(current, null, v.intValue(), null, wait);
                case "replicas" -> svc.resize(current, null, null, v.intValue(), wait);
                default -> throw new DslException("apply: cannot resize " + c.getAttribute());
            };
        }
        if (Change.PARAMS.equals(c.getAction())) {
            svc.capabilities().require(Verb.PARAMS);
            svc.setParams(current, Map.of(c.getAttribute(), String.valueOf(c.getDesired().get(c.getAttribute()))),
                    wait);
            return current;
        }
        throw new DslException("apply: unknown change action '" + c.getAction() + "' (allowed: create, resize, params)");
    }

    /** {@code plan { ensure ...; ensure ... }}: the changes the block would make; no mutating call is sent. */
    public Plan plan(Closure<?> block) {
        if (ctx.recorder != null) throw new DslException("plan: plan and apply blocks do not nest");
        PlanRecorder rec = new PlanRecorder(false);
        boolean wasDryRun = ctx.dryRun;
        ctx.recorder = rec;
        ctx.dryRun = true;
        try {
            runBlock(block);
        } finally {
            ctx.recorder = null;
            ctx.dryRun = wasDryRun;
        }
        Plan plan = rec.plan();
        ctx.output.info(plan.table());
        return plan;
    }

    /** {@code apply { ensure ... }}: runs the block, making the changes; returns what it changed. */
    public Plan apply(Closure<?> block) {
        if (ctx.recorder != null) throw new DslException("apply: plan and apply blocks do not nest");
        PlanRecorder rec = new PlanRecorder(true);
        ctx.recorder = rec;
        try {
            runBlock(block);
        } finally {
            ctx.recorder = null;
        }
        Plan applied = rec.plan();
        ctx.output.info("apply: " + (applied.isEmpty() ? applied.table() : applied.size() + " changes made"));
        return applied;
    }

    public Plan apply(Plan plan) {
        return apply(Map.of(), plan);
    }

    /**
     * {@code apply plan} (or {@code apply plan, passwords: [orders: '...']}): makes the plan's changes, each only if
     * still needed (a create whose instance exists, a resize already done, a parameter already set are skipped).
     */
    public Plan apply(Map<?, ?> named, Plan plan) {
        Args a = Args.of("apply", named);
        if (plan == null) throw new DslException("apply: expected a plan or a block, got nothing");
        Map<String, String> given = a.stringMap("passwords");
        WaitOptions wait = null;
        PlanRecorder rec = new PlanRecorder(true);
        for (Change c : plan.getChanges()) {
            CacheSpec on = copy();
            if (c.getProvider() != null) on.provider = c.getProvider();
            if (c.getRegion() != null) on.region = c.getRegion();
            CacheService svc = on.service("apply");
            if (wait == null) wait = a.waitOptions(svc.defaultTimeout(), ctx.waitByDefault);
            List<Instance> found = svc.findByName(c.getTarget());
            if (Change.CREATE.equals(c.getAction())) {
                if (!found.isEmpty()) {
                    ctx.output.info("apply: " + c.getTarget() + " exists; create skipped");
                    rec.unchanged(c.getTarget());
                    continue;
                }
                svc.capabilities().require(Verb.CREATE);
                Map<String, Object> d = c.getDesired();
                Spec spec = Spec.parse("apply", String.valueOf(d.get("spec")));
                SpecRequest req = new SpecRequest(spec, d.get("version") == null ? null : String.valueOf(d.get("version")),
                        number(d.get("capacity")), whole(d.get("shards")), whole(d.get("replicas")),
                        d.get("zone") == null ? null : String.valueOf(d.get("zone")));
                ResolvedSpec want = SpecResolver.resolve("apply", req, svc.catalogue());
                Secret pw = given != null && given.get(c.getTarget()) != null ? Secret.of(given.get(c.getTarget()))
                        : ctx.planSecrets.get(on.provider + "/" + on.region + "/" + c.getTarget());
                if (pw == null) {
                    throw new DslException("apply: creating " + c.getTarget() + " needs a password (apply plan, "
                            + "passwords: [" + c.getTarget() + ": '...'])");
                }
                @SuppressWarnings("unchecked")
                Map<String, String> tags = d.get("tags") instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
                svc.create(c.getTarget(), want, pw, tags, wait);
                rec.change(c);
                ctx.output.info("apply " + c);
                continue;
            }
            if (found.size() != 1) {
                throw new DslException("apply: " + (found.isEmpty() ? "no instance named '" + c.getTarget() + "'"
                        : found.size() + " instances are named '" + c.getTarget() + "'") + " on " + on.provider
                        + " in " + on.region + " (" + c + ")");
            }
            Instance current = found.get(0);
            if (alreadyDone(svc, current, c)) {
                ctx.output.info("apply: " + c.getTarget() + " " + c.getAttribute() + " is already " + c.getTo()
                        + "; skipped");
                rec.unchanged(c.getTarget());
                continue;
            }
            if (!InstanceStatus.RUNNING.equals(current.getStatus())) {
                current = svc.waitFor("apply", current, InstanceStatus.RUNNING, wait.timeout());
            }
            on.applyChange(svc, current, c, wait);
            rec.change(c);
            ctx.output.info("apply " + c);
        }
        Plan applied = rec.plan();
        ctx.output.info("apply: " + (applied.isEmpty() ? applied.table() : applied.size() + " changes made"));
        return applied;
    }

    private static boolean alreadyDone(CacheService svc, Instance current, Change c) {
        if (Change.RESIZE.equals(c.getAction())) {
            Number v = (Number) c.getDesired().get(c.getAttribute());
            return switch (c.getAttribute()) {
                case "capacity" -> Double.compare(current.getCapacityGb(), v.doubleValue()) == 0;
                case "shards" -> current.getShards() == v.intValue();
                case "replicas" -> current.getReplicas() == v.intValue();
                default -> false;
            };
        }
        if (Change.PARAMS.equals(c.getAction())) {
            Object want = c.getDesired().get(c.getAttribute());
            return svc.params(current).stream().anyMatch(p -> p.getName().equals(c.getAttribute())
                    && String.valueOf(want).equals(p.getValue()));
        }
        return false;
    }

    private static Double number(Object o) {
        return o == null ? null : o instanceof Number n ? n.doubleValue() : Double.valueOf(String.valueOf(o));
    }

    private static Integer whole(Object o) {
        Double d = number(o);
        return d == null ? null : d.intValue();
    }

    private static Map<String, String> paramValues(List<Param> params, java.util.Set<String> names) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        params.stream().filter(p -> names.contains(p.getName())).forEach(p -> out.put(p.getName(), p.getValue()));
        return out;
    }

    private static Map<String, Object> createDesired(ResolvedSpec want, Map<String, String> tags) {
        Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("spec", want.spec().id());
        d.put("version", want.version());
        d.put("capacity", want.capacityGb());
        d.put("shards", want.shards());
        d.put("replicas", want.replicas());
        if (want.zone() != null) d.put("zone", want.zone());
        if (tags != null && !tags.isEmpty()) d.put("tags", tags);
        return d;
    }

    /** {@code redis.ha 7.0, 4 GB, 1 replica}, {@code redis.cluster 7.0, 4 GB per shard x 3 shards, 1 replica}. */
    static String describeSpec(ResolvedSpec s) {
        return s.spec().id() + " " + s.version() + ", " + gbText(s.capacityGb()) + " GB"
                + (s.spec().isCluster() ? " per shard x " + s.shards() + " shards" : "") + ", " + s.replicas()
                + (s.replicas() == 1 ? " replica" : " replicas");
    }

    private static String gbText(double gb) {
        return SpecResolver.gb(gb);
    }

    private Object runBlock(Closure<?> block) {
        if (block == null) throw new DslException("the block is null");
        Closure<?> c = (Closure<?>) block.clone();
        c.setResolveStrategy(Closure.DELEGATE_FIRST);
        c.setDelegate(copy());
        return c.call();
    }

    // ---------------------------------------------------------------- fleets

    public FleetResult fleet(Closure<?> block) {
        return fleet(Map.of(), null, block);
    }

    public FleetResult fleet(Map<?, ?> named, Closure<?> block) {
        return fleet(named, null, block);
    }

    public FleetResult fleet(List<?> instances, Closure<?> block) {
        return fleet(Map.of(), instances, block);
    }

    /**
     * Runs {@code block} once per instance ({@code instances}, default every instance of the provider and region),
     * on at most {@code parallel} threads. All threads share the session's client, hence its per-action rate limits.
     * A failure is recorded (with its one-line error) and the others go on, unless {@code failFast: true}: then the
     * instances not started yet are skipped. Progress goes to {@link DslOutput#progress}; the summary is returned.
     */
    public FleetResult fleet(Map<?, ?> named, List<?> instances, Closure<?> block) {
        Args a = Args.of("fleet", named);
        int parallel = a.wholeOr("parallel", 4, 1, 64);
        boolean failFast = a.bool("failFast", false);
        if (block == null) throw new DslException("fleet: the block is null");
        List<Instance> targets = new ArrayList<>();
        if (instances == null) {
            targets.addAll(list());
        } else {
            for (Object o : instances) targets.add(o instanceof Instance i ? i : resolve("fleet", o));
        }
        int n = targets.size();
        if (n == 0) {
            ctx.output.info("fleet: no instances");
            return new FleetResult(List.of());
        }
        service("fleet"); // one shared client (and rate limiter) before the threads start
        FleetResult.Item[] items = new FleetResult.Item[n];
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger threadNo = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.min(parallel, n), r -> {
                    Thread t = new Thread(r, "cachesh-fleet-" + threadNo.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        ctx.output.info("fleet: " + n + (n == 1 ? " instance" : " instances") + ", " + Math.min(parallel, n)
                + " at a time" + (failFast ? ", fail fast" : ""));
        try {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                final int idx = k;
                final Instance inst = targets.get(k);
                futures.add(pool.submit(() -> {
                    String label = inst.getName() == null ? inst.getId() : inst.getName();
                    if (failFast && stop.get()) {
                        items[idx] = new FleetResult.Item(inst.getId(), inst.getName(), FleetResult.SKIPPED, null,
                                null, 0);
                        ctx.output.progress(done.incrementAndGet(), n, label + " skipped");
                        return;
                    }
                    long t0 = System.nanoTime();
                    try {
                        Closure<?> c = (Closure<?>) block.clone();
                        c.setResolveStrategy(Closure.DELEGATE_FIRST);
                        c.setDelegate(copy());
                        Object value = c.getMaximumNumberOfParameters() == 0 ? c.call() : c.call(inst);
                        items[idx] = new FleetResult.Item(inst.getId(), inst.getName(), FleetResult.OK, plain(value),
                                null, (System.nanoTime() - t0) / 1_000_000);
                        ctx.output.progress(done.incrementAndGet(), n, label + " ok");
                    } catch (Throwable e) {
                        if (failFast) stop.set(true);
                        String error = oneLine(e);
                        items[idx] = new FleetResult.Item(inst.getId(), inst.getName(), FleetResult.FAILED, null,
                                error, (System.nanoTime() - t0) / 1_000_000);
                        ctx.output.progress(done.incrementAndGet(), n, label + " failed: " + error);
                        if (e instanceof Error err && !(e instanceof AssertionError)) throw err;
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    // recorded in items (or a JVM error, rethrown below)
                    if (e.getCause() instanceof Error err) throw err;
                }
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            throw new DslException("fleet: interrupted after " + done.get() + " of " + n + " instances");
        } finally {
            pool.shutdown();
        }
        FleetResult result = new FleetResult(java.util.Arrays.asList(items));
        for (FleetResult.Item i : result.getFailures()) {
            ctx.output.info("fleet: " + (i.name() == null ? i.instanceId() : i.name() + " (" + i.instanceId() + ")")
                    + " failed: " + i.error());
        }
        ctx.output.info("fleet: " + result.summary());
        return result;
    }

    /** The one line a fleet summary shows for a failure: the message (vendor code included), no stack trace. */
    static String oneLine(Throwable e) {
        String m = e.getMessage();
        String groovy = ScriptErrors.translate(e, null); // a missing property or method, a cast: no class names
        if (groovy != null) m = groovy;
        else if (m == null || m.isBlank()) m = e.getClass().getSimpleName();
        else if (!(e instanceof DslException) && groovy == null) {
            String type = e.getClass().getSimpleName();
            if (e instanceof AssertionError) m = "assertion failed: " + m;
            else if (!(e instanceof io.cachesh.client.error.ApiException)) m = type + ": " + m;
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).stripTrailing();
    }

    /** A fleet block's value as plain data: results via toMap(), lists and maps of them, else the value's text. */
    @SuppressWarnings("unchecked")
    static Object plain(Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) return v;
        if (v instanceof CharSequence cs) return cs.toString();
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
            return java.util.Collections.unmodifiableMap(out);
        }
        if (v instanceof java.util.Collection<?> c) return c.stream().map(CacheSpec::plain).toList();
        try {
            java.lang.reflect.Method toMap = v.getClass().getMethod("toMap");
            if (Map.class.isAssignableFrom(toMap.getReturnType())) return plain(toMap.invoke(v));
        } catch (ReflectiveOperationException e) {
            // no toMap
        }
        return String.valueOf(v);
    }

    // ---------------------------------------------------------------- helpers

    /** A verb on the placeholder of a dry-run create: nothing to call. */
    private <T> T notCreated(String verb, Instance placeholder) {
        ctx.output.info("dry-run: " + verb + " " + (placeholder.getName() == null ? "instance" : placeholder.getName())
                + " (not created in dry-run)");
        return null;
    }

    private <T> List<T> notCreatedList(String verb, Instance placeholder) {
        notCreated(verb, placeholder);
        return List.of();
    }

    /** The service of the current provider and region; fails before any call when it does not support the verb. */
    CacheService service(String verb) {
        CacheService svc = service(verb, provider, region);
        Verb.of(verb).ifPresent(v -> svc.capabilities().require(v));
        return svc;
    }

    private CacheService service(String verb, String p, String r) {
        return ctx.service(verb, p, r);
    }

    /**
     * The adapter that handles {@code verb} on {@code current} ({@link CacheService#forInstance}); fails before any
     * call when that adapter does not support the verb.
     */
    private CacheService on(String verb, CacheService svc, Instance current) {
        CacheService target = current == null || current.isDryRun() ? svc : svc.forInstance(current);
        if (target != svc) Verb.of(verb).ifPresent(v -> target.capabilities().require(v));
        return target;
    }

    /** An instance from an Instance, an id or a name; fails naming what was not found or what is ambiguous. */
    Instance resolve(String verb, Object ref) {
        CacheService svc = service(verb);
        String where = provider + " in " + region;
        if (ref instanceof Instance i) {
            if (i.isDryRun()) return i;
            return svc.find(i.getId()).orElseThrow(() ->
                    new DslException(verb + ": instance " + i.getId() + " no longer exists on " + where));
        }
        if (ref instanceof CharSequence cs) {
            String s = cs.toString();
            if (svc.looksLikeId(s)) {
                return svc.find(s).orElseThrow(() -> new DslException(verb + ": no instance " + s + " on " + where));
            }
            List<Instance> named = svc.findByName(s);
            if (named.isEmpty()) throw new DslException(verb + ": no instance named '" + s + "' on " + where);
            if (named.size() > 1) {
                throw new DslException(verb + ": " + named.size() + " instances are named '" + s + "' ("
                        + named.stream().map(Instance::getId).collect(Collectors.joining(", ")) + "); pass an id");
            }
            return named.get(0);
        }
        throw new DslException(verb + ": expected an instance, id or name, got " + Args.got(ref));
    }

    private static Pattern glob(String name) {
        return Pattern.compile(java.util.Arrays.stream(name.split("\\*", -1)).map(Pattern::quote)
                .collect(Collectors.joining(".*")));
    }

    @Override
    public String toString() {
        return "cache(" + provider + ", " + region + ")";
    }
}
