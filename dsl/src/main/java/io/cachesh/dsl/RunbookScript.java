package io.cachesh.dsl;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.lang.Script;
import io.cachesh.dsl.result.Backup;
import io.cachesh.dsl.result.Instance;
import io.cachesh.dsl.result.Task;
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
    public Object cache(Closure<?> block) {
        CacheSpec spec = top().copy();
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

    public ProviderHandle getTencent() {
        return top().getTencent();
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

    public RedisConnection connect(Object ref) {
        return top().connect(ref);
    }

    public RedisConnection connect(Map<?, ?> named, Object ref) {
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

    /** Unknown verbs and verbs called with the wrong shape of arguments: one line naming the verbs or the usage. */
    public Object methodMissing(String name, Object args) {
        Object[] list = args instanceof Object[] a ? a : new Object[] {args};
        var verb = DslVocabulary.verb(name);
        if (verb.isPresent()) {
            throw new DslException(name + ": wrong arguments (" + Arrays.stream(list).map(Args::got)
                    .collect(Collectors.joining(", ")) + "), usage: " + verb.get().usage());
        }
        List<String> verbs = DslVocabulary.verbNames();
        String near = ModelArgs.closest(name, verbs);
        throw new DslException("unknown verb '" + name + "'" + (near == null ? "" : ", did you mean " + near + "?")
                + " (allowed: " + String.join(", ", verbs) + ")");
    }
}
