package io.cachesh.dsl;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.lang.Script;
import io.cachesh.dsl.result.Account;
import io.cachesh.dsl.result.Backup;
import io.cachesh.dsl.result.BigKey;
import io.cachesh.dsl.result.FleetResult;
import io.cachesh.dsl.result.Instance;
import io.cachesh.dsl.result.Param;
import io.cachesh.dsl.result.Plan;
import io.cachesh.dsl.result.SlowLogEntry;
import io.cachesh.dsl.result.Stats;
import io.cachesh.dsl.result.Task;
import io.cachesh.dsl.result.WhitelistEntry;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Base class of cells and runbooks run by a {@link CacheshSession}: exposes {@code cache { }}, every verb at top
 * level ({@code list()} without a block), {@code params}, the {@code tencent} handle and output helpers
 * ({@code info}, {@code warn}). Unknown verbs and wrong argument shapes fail with one line naming the verbs or the
 * usage.
 */
public abstract class RunbookScript extends Script {

    private DslContext context() {
        if (getBinding() instanceof DslBinding b) return b.context;
        throw new DslException("cachesh: this script must run in a CacheshSession (cachesh run, cachesh -e or the REPL)");
    }

    private CacheSpec top() {
        return context().top;
    }

    /** {@code cache { provider tencent; list() }}: runs the block with a {@link CacheSpec} delegate. */
    public Object cache(@DelegatesTo(value = CacheSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        return within(top().copy(), block);
    }

    /**
     * {@code cache(huawei) { list() }}: runs the block against one provider (in its configured region), whatever the
     * session's current one; several such blocks in one script each get their own provider, and their results
     * (instances, whitelist entries, params) are provider-neutral, so they pass from one block to the next.
     */
    public Object cache(Object provider,
            @DelegatesTo(value = CacheSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        return cache(Map.of(), provider, block);
    }

    /** {@code cache(huawei, region: 'cn-north-4') { list() }}. */
    public Object cache(Map<?, ?> named, Object provider,
            @DelegatesTo(value = CacheSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        Args a = Args.of("cache", named);
        CacheSpec spec = top().copy();
        String region = a.string("region");
        spec.provider("cache", region == null ? Map.of() : Map.of("region", region), provider);
        return within(spec, block);
    }

    private static Object within(CacheSpec spec, Closure<?> block) {
        Closure<?> c = (Closure<?>) block.clone();
        c.setResolveStrategy(Closure.DELEGATE_FIRST);
        c.setDelegate(spec);
        return c.call();
    }

    /** Runbook parameters ({@code cachesh run x.groovy --param k=v}); empty in cells without parameters. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> getParams() {
        if (getBinding().hasVariable("params") && getBinding().getVariable("params") instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        return Map.of();
    }

    /**
     * {@code String pattern = param 'name', default: '*'}, {@code int keep = param 'keep', type: int, default: 7},
     * {@code String store = param 'store', required: true}, {@code param 'mode', allowed: ['tag', 'delete']}: one
     * runbook parameter, converted and checked (a bad value fails with exit code 2 before anything changes).
     */
    public Object param(Map<?, ?> options, String name) {
        return RunbookParams.read(getParams(), name, options);
    }

    /** {@code param 'name'}: an optional text parameter (null when not given). */
    public Object param(String name) {
        return RunbookParams.read(getParams(), name, Map.of());
    }

    /**
     * {@code output rows}: the runbook's result, printed by {@code cachesh run} in the chosen {@code --output}
     * (table, json or text), even when the runbook then calls {@code fail}. Without it the result is the script's
     * value. Returns the value.
     */
    public Object output(Object value) {
        DslBinding b = binding();
        b.runbookOutput = value;
        b.hasRunbookOutput = true;
        return value;
    }

    /** {@code fail 'two instances failed'}: ends the runbook as failed; {@code cachesh run} exits with code 3. */
    public void fail(String message) {
        fail(Map.of(), message);
    }

    /** {@code fail 'message', exitCode: 4}: ends the runbook as failed with the given exit code (3-125). */
    public void fail(Map<?, ?> named, String message) {
        for (Object key : named.keySet()) {
            if (!"exitCode".equals(key)) throw new DslException("fail: unknown argument '" + key + "' (allowed: exitCode)");
        }
        Object code = named.get("exitCode");
        int exitCode = code == null ? RunbookFailedException.DEFAULT_EXIT_CODE
                : code instanceof Number n ? n.intValue() : -1;
        DslBinding b = binding();
        throw new RunbookFailedException(message == null || message.isBlank() ? "runbook failed" : message, exitCode,
                b.hasRunbookOutput ? b.runbookOutput : null);
    }

    private DslBinding binding() {
        if (getBinding() instanceof DslBinding b) return b;
        throw new DslException("cachesh: this script must run in a CacheshSession (cachesh run, cachesh -e or the REPL)");
    }

    public ProviderHandle getTencent() {
        return top().getTencent();
    }

    public ProviderHandle getHuawei() {
        return top().getHuawei();
    }

    public ProviderHandle getCapitalonline() {
        return top().getCapitalonline();
    }

    /** A progress line through the session's output. */
    public void info(Object line) {
        context().output.info(String.valueOf(line));
    }

    public void warn(Object line) {
        context().output.warn(String.valueOf(line));
    }

    // ---------------------------------------------------------------- verbs at top level

    public String provider(Object p) {
        return top().provider(p);
    }

    public String provider(Map<?, ?> named, Object p) {
        return top().provider(named, p);
    }

    public Instance create(Map<?, ?> named) {
        return top().create(named);
    }

    public List<Instance> list() {
        return top().list();
    }

    public List<Instance> list(Map<?, ?> named) {
        return top().list(named);
    }

    public Instance describe(Object ref) {
        return top().describe(ref);
    }

    public Instance resize(Map<?, ?> named, Object ref) {
        return top().resize(named, ref);
    }

    public Instance rename(Object ref, String newName) {
        return top().rename(ref, newName);
    }

    public Instance rename(Map<?, ?> named, Object ref) {
        return top().rename(named, ref);
    }

    public Task clear(Object ref) {
        return top().clear(ref);
    }

    public Task clear(Map<?, ?> named, Object ref) {
        return top().clear(named, ref);
    }

    public Task password(Object ref, String newPassword) {
        return top().password(ref, newPassword);
    }

    public Task password(Map<?, ?> named, Object ref) {
        return top().password(named, ref);
    }

    public Backup backup(Object ref) {
        return top().backup(ref);
    }

    public Backup backup(Map<?, ?> named, Object ref) {
        return top().backup(named, ref);
    }

    public List<Backup> backups(Object ref) {
        return top().backups(ref);
    }

    public Instance delete(Object ref) {
        return top().delete(ref);
    }

    public Instance delete(Map<?, ?> named, Object ref) {
        return top().delete(named, ref);
    }

    public Object wait(Object target) {
        return top().wait(target);
    }

    public Object wait(Map<?, ?> named, Object target) {
        return top().wait(named, target);
    }

    public <C> C connect(Object ref) {
        return top().connect(ref);
    }

    public <C> C connect(Map<?, ?> named, Object ref) {
        return top().connect(named, ref);
    }

    public Object connect(Object ref,
            @DelegatesTo(value = RedisConnection.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        return top().connect(ref, block);
    }

    public Object connect(Map<?, ?> named, Object ref,
            @DelegatesTo(value = RedisConnection.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        return top().connect(named, ref, block);
    }

    public Instance restart(Object ref) {
        return top().restart(ref);
    }

    public Instance restart(Map<?, ?> named, Object ref) {
        return top().restart(named, ref);
    }

    public List<WhitelistEntry> whitelist(Object ref) {
        return top().whitelist(ref);
    }

    public List<WhitelistEntry> whitelist(Map<?, ?> named, Object ref) {
        return top().whitelist(named, ref);
    }

    public List<Param> params(Object ref) {
        return top().params(ref);
    }

    public List<Param> params(Map<?, ?> named, Object ref) {
        return top().params(named, ref);
    }

    public Task restore(Object ref, Object backup) {
        return top().restore(ref, backup);
    }

    public Task restore(Map<?, ?> named, Object ref) {
        return top().restore(named, ref);
    }

    public List<Account> accounts(Object ref) {
        return top().accounts(ref);
    }

    public List<Account> accounts(Map<?, ?> named, Object ref) {
        return top().accounts(named, ref);
    }

    public Map<String, String> tags(Object ref) {
        return top().tags(ref);
    }

    public List<SlowLogEntry> slowlog(Object ref) {
        return top().slowlog(ref);
    }

    public List<SlowLogEntry> slowlog(Map<?, ?> named, Object ref) {
        return top().slowlog(named, ref);
    }

    public List<BigKey> bigkeys(Object ref) {
        return top().bigkeys(ref);
    }

    public List<BigKey> bigkeys(Map<?, ?> named, Object ref) {
        return top().bigkeys(named, ref);
    }

    public Stats stats(Object ref) {
        return top().stats(ref);
    }

    public Stats stats(Map<?, ?> named, Object ref) {
        return top().stats(named, ref);
    }

    public List<Task> tasks() {
        return top().tasks();
    }

    public List<Task> tasks(Map<?, ?> named) {
        return top().tasks(named);
    }

    public List<Task> tasks(Object ref) {
        return top().tasks(ref);
    }

    public List<Task> tasks(Map<?, ?> named, Object ref) {
        return top().tasks(named, ref);
    }

    public Instance ensure(Map<?, ?> named) {
        return top().ensure(named);
    }

    public Plan plan(@DelegatesTo(value = CacheSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        return top().plan(block);
    }

    public Plan apply(@DelegatesTo(value = CacheSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        return top().apply(block);
    }

    public Plan apply(Plan plan) {
        return top().apply(plan);
    }

    public Plan apply(Map<?, ?> named, Plan plan) {
        return top().apply(named, plan);
    }

    public FleetResult fleet(@DelegatesTo(value = CacheSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        return top().fleet(block);
    }

    public FleetResult fleet(Map<?, ?> named,
            @DelegatesTo(value = CacheSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        return top().fleet(named, block);
    }

    public FleetResult fleet(List<?> instances,
            @DelegatesTo(value = CacheSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        return top().fleet(instances, block);
    }

    public FleetResult fleet(Map<?, ?> named, List<?> instances,
            @DelegatesTo(value = CacheSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        return top().fleet(named, instances, block);
    }

    /** Unknown verbs and verbs called with the wrong shape of arguments: one line naming the verbs or the usage. */
    public Object methodMissing(String name, Object args) {
        Object[] list = args instanceof Object[] a ? a : new Object[] {args};
        var verb = DslVocabulary.verb(name);
        if (verb.isPresent()) {
            throw new DslException(name + ": wrong arguments (" + Arrays.stream(list).map(Args::got)
                    .collect(Collectors.joining(", ")) + "), usage: " + verb.get().usage());
        }
        List<String> verbs = DslVocabulary.verbNames();
        throw new DslException("unknown verb '" + name + "'" + ScriptErrors.didYouMean(name, verbs)
                + " (allowed: " + String.join(", ", verbs) + ")");
    }
}
