package io.cachesh.dsl;

import io.cachesh.client.auth.Secret;
import io.cachesh.dsl.result.Backup;
import io.cachesh.dsl.result.Instance;
import io.cachesh.dsl.result.Task;
import io.cachesh.dsl.spec.ResolvedSpec;
import io.cachesh.dsl.spec.SpecCatalogue;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The provider-neutral operations behind the DSL verbs, one implementation per vendor API (an adapter translating
 * specs and states). Arguments are already parsed and checked against the vocabulary; implementations check what
 * only the vendor knows (password rules, one change per resize...) before calling the API, and return null or a
 * placeholder for mutating calls in dry-run mode.
 */
public interface CacheService extends AutoCloseable {

    String provider();

    String region();

    /** What the provider sells in this region (asked once per session, with an offline fallback). */
    SpecCatalogue catalogue();

    /** True when {@code ref} has the shape of an instance id ({@code crs-...}) rather than a name. */
    boolean looksLikeId(String ref);

    Instance create(String name, ResolvedSpec spec, Secret password, WaitOptions wait);

    List<Instance> list();

    Optional<Instance> find(String id);

    List<Instance> findByName(String name);

    /** Changes exactly one of capacity (GB; per shard for clusters), shards, replicas; nulls keep the current value. */
    Instance resize(Instance current, Double capacityGb, Integer shards, Integer replicas, WaitOptions wait);

    Instance rename(Instance current, String newName);

    /** Deletes all data; {@code password} may be null for password-free instances or when the session knows it. */
    Task clear(Instance current, Secret password, WaitOptions wait);

    Task password(Instance current, Secret oldPassword, Secret newPassword, WaitOptions wait);

    Backup backup(Instance current, String remark, WaitOptions wait);

    List<Backup> backups(Instance current);

    /** Isolates the instance and, when {@code purge}, removes it for good. */
    Instance delete(Instance current, boolean purge, WaitOptions wait);

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
