package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Instance;
import java.util.Map;

/**
 * Bandwidth of an instance, derived from its spec. Emulated values (the seed gives the formula, not a table):
 * <ul>
 *   <li>{@code BaseBandwidth} (MB/s per node, allocated at purchase): {@value #BASE_MB} for every memory-edition spec,
 *       the seed's {@code NetLimit} for a 4 GB shard;</li>
 *   <li>{@code AddBandwidth}: the extra bandwidth set for the instance (ModifyConnectionConfig's {@code Bandwidth}),
 *       stored as {@link BandwidthState} under {@link #KEY}; 0 until set;</li>
 *   <li>{@code MinAddBandwidth} 0 and {@code MaxAddBandwidth} {@code 2 x BaseBandwidth}.</li>
 * </ul>
 * The seed's total is {@code AddBandwidth x shards + BaseBandwidth x shards x max(read-only replicas, 1)} with replica
 * read-only on, {@code AddBandwidth x shards + BaseBandwidth x shards} without ({@link #totalBandwidth(Instance)}).
 * DescribeInstanceSpecBandwidth's page documents no parameters and no output but the RequestId: it answers just that.
 */
final class BandwidthActions extends TencentActionGroup {

    /** Extension key of {@link BandwidthState}, for the group that serves ModifyConnectionConfig to write. */
    public static final String KEY = "bandwidth";
    static final long BASE_MB = 24;

    /** @param addBandwidth extra bandwidth per shard in MB/s */
    public record BandwidthState(long addBandwidth) {
    }

    BandwidthActions(TencentContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(Map<String, TencentAction> actions) {
        actions.put("DescribeBandwidthRange", this::describeBandwidthRange);
        actions.put("DescribeInstanceSpecBandwidth", (r, p) -> object());
    }

    public static long addBandwidth(Instance i) {
        return i.extensions().get(KEY, BandwidthState.class, () -> new BandwidthState(0)).addBandwidth();
    }

    /** The seed's total bandwidth of the instance in MB/s. */
    public static long totalBandwidth(Instance i) {
        ReadonlyActions.ReadonlyState ro = ReadonlyActions.state(i);
        long readReplicas = ro.replicaReadonly() && ro.readonlyPolicy().contains("replication") ? i.replicas() : 0;
        return addBandwidth(i) * i.shards() + BASE_MB * i.shards() * Math.max(readReplicas, 1);
    }

    private ObjectNode describeBandwidthRange(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        ObjectNode out = object();
        out.put("BaseBandwidth", BASE_MB);
        out.put("AddBandwidth", addBandwidth(i));
        out.put("MinAddBandwidth", 0);
        out.put("MaxAddBandwidth", 2 * BASE_MB);
        return out;
    }
}
