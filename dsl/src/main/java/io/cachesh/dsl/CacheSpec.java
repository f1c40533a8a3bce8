package io.cachesh.dsl;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import io.cachesh.client.auth.Secret;
import io.cachesh.dsl.result.Backup;
import io.cachesh.dsl.result.Instance;
import io.cachesh.dsl.result.InstanceStatus;
import io.cachesh.dsl.result.Task;
import io.cachesh.dsl.spec.ResolvedSpec;
import io.cachesh.dsl.spec.Spec;
import io.cachesh.dsl.spec.SpecRequest;
import io.cachesh.dsl.spec.SpecResolver;
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
        Args a = Args.of("provider", named);
        String name = p instanceof ProviderHandle h ? h.getName() : p instanceof CharSequence s ? s.toString() : null;
        if (name == null) {
            throw new DslException("provider: expected a provider (allowed: "
                    + String.join(", ", DslVocabulary.providers()) + "), got " + Args.got(p));
        }
        ctx.checkProvider("provider", name);
        String newRegion = a.string("region");
        if (newRegion == null) {
            ProviderSettings s = ctx.settings.get(name);
            newRegion = name.equals(provider) ? region : s == null ? ProviderSettings.DEFAULT_REGION : s.region();
        }
        ctx.checkRegion("provider", name, newRegion);
        service("provider", name, newRegion);
        this.provider = name;
        this.region = newRegion;
        return name + " " + newRegion;
    }

    /** The {@code tencent} handle: {@code provider tencent}, {@code tencent.redis.describeInstances()}. */
    public ProviderHandle getTencent() {
        String r = "tencent".equals(provider) ? region : settingsRegion("tencent");
        return new ProviderHandle("tencent", api -> service("tencent.redis", "tencent", r).raw(api));
    }

    private String settingsRegion(String p) {
        ProviderSettings s = ctx.settings.get(p);
        return s == null ? ProviderSettings.DEFAULT_REGION : s.region();
    }

    // ---------------------------------------------------------------- verbs

    public Instance create(Map<?, ?> named) {
        Args a = Args.of("create", named);
        CacheService svc = service("create");
        Spec spec = Spec.parse("create", a.string("spec"));
        Object version = named.get("version");
        String v = version == null ? null : version instanceof java.math.BigDecimal b ? b.toPlainString()
                : String.valueOf(version);
        SpecRequest request = new SpecRequest(spec, v, a.number("capacity"), a.whole("shards"), a.whole("replicas"),
                a.string("zone"));
        if (request.capacityGb() == null) {
            throw new DslException("create: capacity is required (GB" + (spec.isCluster() ? " per shard" : "")
                    + ", e.g. capacity: 2)");
        }
        ResolvedSpec resolved = SpecResolver.resolve("create", request, svc.catalogue());
        return svc.create(a.string("name"), resolved, a.secret("password"), a.waitOptions(svc.defaultTimeout()));
    }

    public List<Instance> list() {
        return list(Map.of());
    }

    public List<Instance> list(Map<?, ?> named) {
        Args a = Args.of("list", named);
        String name = a.string("name");
        String status = a.oneOf("status", InstanceStatus.ALL);
        String spec = a.oneOf("spec", Spec.names());
        Pattern namePattern = name == null ? null : glob(name);
        return service("list").list().stream()
                .filter(i -> namePattern == null || (i.getName() != null && namePattern.matcher(i.getName()).matches()))
                .filter(i -> status == null || status.equals(i.getStatus()))
                .filter(i -> spec == null || spec.equals(i.getSpec()))
                .collect(Collectors.toList());
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
        return svc.resize(current, capacity, shards, replicas, a.waitOptions(svc.defaultTimeout()));
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
        return service("rename").rename(current, to);
    }

    public Task clear(Object ref) {
        return clear(Map.of(), ref);
    }

    public Task clear(Map<?, ?> named, Object ref) {
        Args a = Args.of("clear", named);
        CacheService svc = service("clear");
        Instance current = resolve("clear", ref);
        if (current.isDryRun()) return notCreated("clear", current);
        return svc.clear(current, a.secret("password"), a.waitOptions(svc.defaultTimeout()));
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
        if (current.isDryRun()) return notCreated("password", current);
        return svc.password(current, a.secret("old"), newPassword, a.waitOptions(svc.defaultTimeout()));
    }

    public Backup backup(Object ref) {
        return backup(Map.of(), ref);
    }

    public Backup backup(Map<?, ?> named, Object ref) {
        Args a = Args.of("backup", named);
        CacheService svc = service("backup");
        Instance current = resolve("backup", ref);
        if (current.isDryRun()) return notCreated("backup", current);
        return svc.backup(current, a.string("remark"), a.waitOptions(svc.defaultTimeout()));
    }

    public List<Backup> backups(Object ref) {
        Instance current = resolve("backups", ref);
        if (current.isDryRun()) return List.of();
        return service("backups").backups(current);
    }

    public Instance delete(Object ref) {
        return delete(Map.of(), ref);
    }

    public Instance delete(Map<?, ?> named, Object ref) {
        Args a = Args.of("delete", named);
        CacheService svc = service("delete");
        boolean purge = a.bool("purge", true);
        Instance current = resolve("delete", ref);
        return svc.delete(current, purge, a.waitOptions(svc.defaultTimeout()));
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
        if (target instanceof Task t) return svc.waitFor("wait", t, timeout);
        if (target == null) throw new DslException("wait: expected an instance, id, name or task, got nothing");
        if (target instanceof Instance i && i.isDryRun()) return i;
        if (InstanceStatus.DELETED.equals(status) && target instanceof CharSequence s && svc.looksLikeId(s.toString())) {
            return svc.waitFor("wait", Instance.builder().id(s.toString()).provider(provider).build(), status, timeout);
        }
        Instance current = target instanceof Instance i && InstanceStatus.DELETED.equals(status) ? i
                : resolve("wait", target);
        return svc.waitFor("wait", current, status == null ? InstanceStatus.RUNNING : status, timeout);
    }

    /**
     * {@code connect orders} or {@code connect orders, password: '...'}: a Redis connection to the instance's
     * endpoint, authenticated with the given password, else the one this session created or set it with.
     */
    public RedisConnection connect(Object ref) {
        return connect(Map.of(), ref);
    }

    public RedisConnection connect(Map<?, ?> named, Object ref) {
        Args a = Args.of("connect", named);
        Secret given = a.secret("password");
        Instance current = resolve("connect", ref);
        if (current.isDryRun()) {
            throw new DslException("connect: " + (current.getName() == null ? "the instance" : current.getName())
                    + " was not created (dry-run); there is nothing to connect to");
        }
        Secret pw = given != null ? given : ctx.password(current.getId());
        return RedisConnection.open(current, pw, ctx.output, () -> ctx.dryRun);
    }

    /** {@code connect(orders) { set 'k', 'v'; get 'k' }}: runs the block on the connection, then closes it. */
    public Object connect(Object ref,
            @DelegatesTo(value = RedisConnection.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        return connect(Map.of(), ref, block);
    }

    public Object connect(Map<?, ?> named, Object ref,
            @DelegatesTo(value = RedisConnection.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        if (block == null) throw new DslException("connect: the block is null");
        return connect(named, ref).with(block);
    }

    // ---------------------------------------------------------------- helpers

    /** A verb on the placeholder of a dry-run create: nothing to call. */
    private <T> T notCreated(String verb, Instance placeholder) {
        ctx.output.info("dry-run: " + verb + " " + (placeholder.getName() == null ? "instance" : placeholder.getName())
                + " (not created in dry-run)");
        return null;
    }

    CacheService service(String verb) {
        return service(verb, provider, region);
    }

    private CacheService service(String verb, String p, String r) {
        return ctx.service(verb, p, r);
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
