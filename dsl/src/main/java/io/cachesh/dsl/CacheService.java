package io.cachesh.dsl;

import io.cachesh.client.auth.Secret;
import io.cachesh.dsl.result.Account;
import io.cachesh.dsl.result.Backup;
import io.cachesh.dsl.result.BigKey;
import io.cachesh.dsl.result.Instance;
import io.cachesh.dsl.result.Param;
import io.cachesh.dsl.result.SlowLogEntry;
import io.cachesh.dsl.result.Stats;
import io.cachesh.dsl.result.Task;
import io.cachesh.dsl.result.WhitelistEntry;
import io.cachesh.dsl.spec.ResolvedSpec;
import io.cachesh.dsl.spec.SpecCatalogue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The provider-neutral operations behind the DSL verbs, one implementation per vendor API (an adapter translating
 * specs and states). Arguments are already parsed and checked against the vocabulary; implementations check what
 * only the vendor knows (password rules, one change per resize...) before calling the API, and return null or a
 * placeholder for mutating calls in dry-run mode.
 *
 * <p><b>Capabilities.</b> An adapter declares the {@link Verb}s it implements in {@link #capabilities()} (with a
 * one-line note each, shown in {@code docs/support-matrix.md}). The DSL checks that declaration before it resolves
 * the instance or calls anything, so an unsupported verb fails with exactly {@code <verb>: not supported by
 * <provider>} ({@link UnsupportedVerbException}). The methods of the optional verbs (restart, whitelist, params,
 * restore, accounts, tags, slowlog, bigkeys, stats, tasks) have default implementations that throw the same
 * exception, so a new adapter implements only what its vendor's API offers. A new adapter also adds its
 * capabilities to {@link SupportMatrix#PROVIDERS} so the generated matrix shows it.
 */
public interface CacheService extends AutoCloseable {

    String provider();

    String region();

    /** What the provider sells in this region (asked once per session, with an offline fallback). */
    SpecCatalogue catalogue();

    /** The verbs this adapter implements (see the class comment). */
    Capabilities capabilities();

    /** The supported verbs. */
    default Set<Verb> supported() {
        return capabilities().verbs();
    }

    default boolean supports(Verb verb) {
        return capabilities().supports(verb);
    }

    /** The exception of a verb this adapter does not implement. */
    default UnsupportedVerbException unsupported(Verb verb) {
        return new UnsupportedVerbException(verb, provider());
    }

    /**
     * The service that handles verbs on {@code instance}: this one, or, when the provider reaches the instance
     * through another API (Tencent memcached instances through CMEM), that API's adapter, whose capabilities then
     * decide which verbs work.
     */
    default CacheService forInstance(Instance instance) {
        return this;
    }

    /**
     * True when instances of {@code spec} are protected by a password, so that {@code create} without
     * {@code password:} generates one ({@link Passwords}); false for Memcached (no password on the wire).
     */
    default boolean usesPassword(ResolvedSpec spec) {
        return spec.spec() != io.cachesh.dsl.spec.Spec.MEMCACHED;
    }

    /** True when {@code ref} has the shape of an instance id ({@code crs-...}) rather than a name. */
    boolean looksLikeId(String ref);

    // ---------------------------------------------------------------- verbs: an adapter overrides what it implements
    // (and lists it in capabilities()); the others fail with unsupported(verb) before any API call

    default Instance create(String name, ResolvedSpec spec, Secret password, WaitOptions wait) {
        throw unsupported(Verb.CREATE);
    }

    /** Create with resource tags; adapters without tags fail when {@code tags} is not empty. */
    default Instance create(String name, ResolvedSpec spec, Secret password, Map<String, String> tags,
                            WaitOptions wait) {
        if (tags != null && !tags.isEmpty()) throw new DslException("create: tags are not supported by " + provider());
        return create(name, spec, password, wait);
    }

    List<Instance> list();

    Optional<Instance> find(String id);

    List<Instance> findByName(String name);

    /** Changes exactly one of capacity (GB; per shard for clusters), shards, replicas; nulls keep the current value. */
    default Instance resize(Instance current, Double capacityGb, Integer shards, Integer replicas, WaitOptions wait) {
        throw unsupported(Verb.RESIZE);
    }

    default Instance rename(Instance current, String newName) {
        throw unsupported(Verb.RENAME);
    }

    /** Deletes all data; {@code password} may be null for password-free instances or when the session knows it. */
    default Task clear(Instance current, Secret password, WaitOptions wait) {
        throw unsupported(Verb.CLEAR);
    }

    default Task password(Instance current, Secret oldPassword, Secret newPassword, WaitOptions wait) {
        throw unsupported(Verb.PASSWORD);
    }

    default Backup backup(Instance current, String remark, WaitOptions wait) {
        throw unsupported(Verb.BACKUP);
    }

    default List<Backup> backups(Instance current) {
        throw unsupported(Verb.BACKUPS);
    }

    /** Isolates the instance and, when {@code purge}, removes it for good. */
    default Instance delete(Instance current, boolean purge, WaitOptions wait) {
        throw unsupported(Verb.DELETE);
    }

    // ---------------------------------------------------------------- more optional verbs (see capabilities())

    /** Brings the instance back into service / restarts it, and waits until it runs. */
    default Instance restart(Instance current, WaitOptions wait) {
        throw unsupported(Verb.RESTART);
    }

    /** The instance's access whitelist (security groups or address ranges). */
    default List<WhitelistEntry> whitelist(Instance current) {
        throw unsupported(Verb.WHITELIST);
    }

    /** Adds and removes whitelist entries (ids of security groups, or cidrs); already present/absent ones are skipped. */
    default List<WhitelistEntry> whitelist(Instance current, List<String> add, List<String> remove, WaitOptions wait) {
        throw unsupported(Verb.WHITELIST);
    }

    /** The instance's configuration parameters, by name. */
    default List<Param> params(Instance current) {
        throw unsupported(Verb.PARAMS);
    }

    /**
     * Sets parameters after checking names and values against {@link #params(Instance)}; returns the task, or null
     * when every value is already set (or in dry-run mode).
     */
    default Task setParams(Instance current, Map<String, String> values, WaitOptions wait) {
        throw unsupported(Verb.PARAMS);
    }

    /** Restores the instance's data from one of its backups. */
    default Task restore(Instance current, String backupId, Secret password, WaitOptions wait) {
        throw unsupported(Verb.RESTORE);
    }

    default List<Account> accounts(Instance current) {
        throw unsupported(Verb.ACCOUNTS);
    }

    /** {@code privilege}: read, write, readwrite ({@link Account#PRIVILEGES}). */
    default Task createAccount(Instance current, String name, Secret password, String privilege, String remark,
                               WaitOptions wait) {
        throw unsupported(Verb.ACCOUNTS);
    }

    default Task deleteAccount(Instance current, String name, WaitOptions wait) {
        throw unsupported(Verb.ACCOUNTS);
    }

    default Task grantAccount(Instance current, String name, String privilege, WaitOptions wait) {
        throw unsupported(Verb.ACCOUNTS);
    }

    /** The instance's resource tags. */
    default Map<String, String> tags(Instance current) {
        throw unsupported(Verb.TAGS);
    }

    /** Slow-log records of the last {@code since}, at least {@code minMillis} long, newest first, at most {@code limit}. */
    default List<SlowLogEntry> slowlog(Instance current, Duration since, long minMillis, int limit) {
        throw unsupported(Verb.SLOWLOG);
    }

    /** The {@code top} largest keys, optionally of one type ({@code string}, {@code hash}...), largest first. */
    default List<BigKey> bigkeys(Instance current, int top, String type) {
        throw unsupported(Verb.BIGKEYS);
    }

    /** Command statistics over {@code span} ({@code realtime}, {@code 30m}, {@code 6h}, {@code 24h}). */
    default Stats stats(Instance current, String span) {
        throw unsupported(Verb.STATS);
    }

    /** Recent tasks of one instance ({@code current} non-null) or of the whole region, newest first. */
    default List<Task> tasks(Instance current, int limit) {
        throw unsupported(Verb.TASKS);
    }

    // ---------------------------------------------------------------- waits

    /** Waits until the instance reaches a neutral status ({@code deleted} = gone). */
    Instance waitFor(String verb, Instance instance, String status, Duration timeout);

    Task waitFor(String verb, Task task, Duration timeout);

    /** Raw typed access to one API of the provider ({@code redis} for tencent), or null when unknown. */
    RawApi raw(String api);

    /** The APIs {@link #raw(String)} knows. */
    List<String> rawApis();

    /** Default wait timeout (from the provider settings). */
    Duration defaultTimeout();

    @Override
    void close();
}
