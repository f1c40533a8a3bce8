package io.cachesh.dsl.spec;

import io.cachesh.dsl.DslException;
import java.util.Arrays;
import java.util.List;

/**
 * The provider-neutral spec vocabulary. Each provider maps a spec (plus version, capacity, shards, replicas) to its
 * own product codes; see {@code docs/spec-vocabulary.md}.
 */
public enum Spec {
    /** One node, no replica. */
    REDIS_STANDALONE("redis.standalone", false),
    /** Master with replicas and automatic failover (Tencent "standard architecture"). */
    REDIS_HA("redis.ha", false),
    /** Sharded cluster; capacity is per shard. */
    REDIS_CLUSTER("redis.cluster", true),
    /** Like redis.ha with read-only replicas serving reads (read/write splitting). */
    REDIS_RW("redis.rw", false),
    MEMCACHED("memcached", false);

    private final String id;
    private final boolean cluster;

    Spec(String id, boolean cluster) {
        this.id = id;
        this.cluster = cluster;
    }

    /** The name users write: {@code redis.ha}. */
    public String id() {
        return id;
    }

    /** True when capacity is per shard and {@code shards:} applies. */
    public boolean isCluster() {
        return cluster;
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(Spec::id).toList();
    }

    /** The spec named {@code name}, or a one-line error for {@code verb} naming the allowed specs. */
    public static Spec parse(String verb, Object name) {
        if (name == null) {
            throw new DslException(verb + ": spec is required (allowed: " + String.join(", ", names()) + ")");
        }
        String text = String.valueOf(name);
        for (Spec s : values()) {
            if (s.id.equals(text)) return s;
        }
        throw new DslException(verb + ": unknown spec '" + text + "'"
                + io.cachesh.dsl.ScriptErrors.didYouMean(text, names()) + " (allowed: " + String.join(", ", names()) + ")");
    }

    /** The spec with this id, or null. */
    public static Spec byId(String id) {
        for (Spec s : values()) {
            if (s.id.equals(id)) return s;
        }
        return null;
    }

    @Override
    public String toString() {
        return id;
    }
}
