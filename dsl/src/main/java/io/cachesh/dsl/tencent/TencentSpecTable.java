package io.cachesh.dsl.tencent;

import io.cachesh.dsl.spec.Spec;
import java.util.ArrayList;
import java.util.List;

/**
 * Spec vocabulary to Tencent TypeId, and the offline fallback of what Tencent sells. Sources
 * (seed {@code tencent-redis-api3-and-legacy-v2.txt}): CreateInstances TypeId list l.16523-16549, DescribeInstances
 * Type list (adds 5, Redis 2.8 standalone) l.9466-9489, RedisShardNum/RedisReplicasNum l.16686-16703,
 * DescribeProductInfo example l.27245-27860 (TotalSize/ShardSize in GB). Documented in {@code docs/spec-vocabulary.md}.
 */
public final class TencentSpecTable {

    /** One TypeId: the spec and version it stands for. */
    public record Row(int typeId, Spec spec, String version, String label) {
    }

    /** Redis TypeIds in spec/version order (oldest version first). redis.rw shares the standard-architecture ids. */
    public static final List<Row> ROWS = List.of(
            new Row(5, Spec.REDIS_STANDALONE, "2.8", "Redis 2.8 standalone"),
            new Row(2, Spec.REDIS_HA, "2.8", "Redis 2.8 standard architecture"),
            new Row(6, Spec.REDIS_HA, "4.0", "Redis 4.0 standard architecture"),
            new Row(8, Spec.REDIS_HA, "5.0", "Redis 5.0 standard architecture"),
            new Row(15, Spec.REDIS_HA, "6.2", "Redis 6.2 standard architecture"),
            new Row(17, Spec.REDIS_HA, "7.0", "Redis 7.0 standard architecture"),
            new Row(6, Spec.REDIS_RW, "4.0", "Redis 4.0 standard architecture, ReplicasReadonly"),
            new Row(8, Spec.REDIS_RW, "5.0", "Redis 5.0 standard architecture, ReplicasReadonly"),
            new Row(15, Spec.REDIS_RW, "6.2", "Redis 6.2 standard architecture, ReplicasReadonly"),
            new Row(17, Spec.REDIS_RW, "7.0", "Redis 7.0 standard architecture, ReplicasReadonly"),
            new Row(7, Spec.REDIS_CLUSTER, "4.0", "Redis 4.0 cluster architecture"),
            new Row(9, Spec.REDIS_CLUSTER, "5.0", "Redis 5.0 cluster architecture"),
            new Row(16, Spec.REDIS_CLUSTER, "6.2", "Redis 6.2 cluster architecture"),
            new Row(18, Spec.REDIS_CLUSTER, "7.0", "Redis 7.0 cluster architecture"));

    /** Legacy CKV types (existing users only): shown, never created. */
    public static final List<Row> LEGACY = List.of(
            new Row(3, Spec.REDIS_HA, "ckv-3.2", "CKV 3.2 standard architecture"),
            new Row(4, Spec.REDIS_CLUSTER, "ckv-3.2", "CKV 3.2 cluster architecture"));

    /** Standard/standalone sizes, GB: DescribeProductInfo type 2 PayMode "0" TotalSize, l.27686-27713. */
    public static final List<Double> STANDARD_GB = gbs(1, 2, 4, 8, 12, 16, 20, 24, 32, 40, 48, 60);
    /** Cluster shard sizes, GB: DescribeProductInfo type 7 ShardSize, l.27290-27307. */
    public static final List<Double> CLUSTER_SHARD_GB = gbs(4, 8, 12, 16, 20, 24, 32);
    /** Cluster shard counts: DescribeProductInfo type 7 ShardNum, l.27322-27349 (CreateInstances also lists 1). */
    public static final List<Integer> CLUSTER_SHARDS = List.of(3, 5, 8, 12, 16, 24, 32, 40, 48, 64, 80, 96, 128);
    /** Replicas of Redis 4.0+ standard and cluster: [1,5], CreateInstances l.16698-16703. */
    public static final List<Integer> REPLICAS = List.of(1, 2, 3, 4, 5);
    /** Redis 2.8 standard: 1 replica only (l.16702); standalone: 0 (ProductInfo type 5 ReplicaNum, l.27653). */
    public static final List<Integer> REPLICAS_28 = List.of(1);
    public static final List<Integer> REPLICAS_STANDALONE = List.of(0);

    private TencentSpecTable() {
    }

    public static Row row(Spec spec, String version) {
        for (Row r : ROWS) {
            if (r.spec() == spec && r.version().equals(version)) return r;
        }
        return null;
    }

    /** The row of a TypeId as found on an instance; standard types map to redis.ha. */
    public static Row byTypeId(int typeId) {
        for (Row r : ROWS) {
            if (r.typeId() == typeId && r.spec() != Spec.REDIS_RW) return r;
        }
        for (Row r : LEGACY) {
            if (r.typeId() == typeId) return r;
        }
        return null;
    }

    public static List<Row> rows(Spec spec) {
        List<Row> out = new ArrayList<>();
        for (Row r : ROWS) {
            if (r.spec() == spec) out.add(r);
        }
        return out;
    }

    public static boolean isClusterType(int typeId) {
        Row r = byTypeId(typeId);
        return r != null && r.spec() == Spec.REDIS_CLUSTER;
    }

    /** Offline defaults for one row. */
    static List<Double> seedCapacities(Row r) {
        return r.spec() == Spec.REDIS_CLUSTER ? CLUSTER_SHARD_GB : STANDARD_GB;
    }

    static List<Integer> seedShards(Row r) {
        return r.spec() == Spec.REDIS_CLUSTER ? CLUSTER_SHARDS : List.of(1);
    }

    static List<Integer> seedReplicas(Row r) {
        if (r.spec() == Spec.REDIS_STANDALONE) return REPLICAS_STANDALONE;
        if (r.version().equals("2.8")) return REPLICAS_28;
        return REPLICAS;
    }

    private static List<Double> gbs(double... values) {
        List<Double> out = new ArrayList<>();
        for (double v : values) out.add(v);
        return List.copyOf(out);
    }
}
