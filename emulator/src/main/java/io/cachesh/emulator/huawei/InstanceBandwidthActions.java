package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.Task;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bandwidth (v2 5.2.1-5.2.3, 5.2.12, 5.2.18, 5.2.19): the auto-scaling policy, the temporary expansion and the
 * per-shard bandwidths. The emulator does not meter traffic, so bandwidth is bookkeeping the seed's rules keep
 * consistent: a shard's assured bandwidth follows its capacity (the DCS ladder: 40 Mbit/s up to 128 MB, 80 up to 1 GB,
 * 128 at 2 GB, 192 up to 8 GB, 256 up to 32 GB, 384 beyond, an emulator convention), its maximum is 2000 Mbit/s (the
 * seed's example), the instance's bandwidth is the sum of its shards'. A temporary expansion doubles it for 7 days, at
 * most 3 times per instance, the next one at least a day after the last expired. The policy is stored and echoed (it
 * never fires: there is no traffic measurement to act on).
 */
final class InstanceBandwidthActions extends HuaweiActionGroup {

    static final String KEY = "huawei.bandwidth";
    static final int MAX_PER_SHARD = 2000;
    static final int MAX_EXPANSIONS = 3;
    static final Duration EXPANSION = Duration.ofDays(7);
    static final Duration EXPANSION_INTERVAL = Duration.ofDays(1);

    private static final Set<Long> WINDOWS = Set.of(1L, 5L, 10L, 15L, 30L);
    private static final Set<Long> UPPER = Set.of(50L, 60L, 70L, 80L, 90L, 95L);
    private static final Set<Long> LOWER = Set.of(10L, 20L, 30L);

    /** The auto-scaling policy as the seed's table 5-65 has it. */
    record Policy(int windowSize, int upperThreshold, int scaleOutCooldown, boolean scaleInEnabled, Integer lowerThreshold,
                  int scaleInCooldown) {
    }

    /** Per instance: the policy (null: none) and the temporary expansions. */
    record State(Policy policy, Instant expansionBegin, Instant expansionEnd, int expansions) {
        static State initial() {
            return new State(null, null, null, 0);
        }
    }

    InstanceBandwidthActions(HuaweiContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(HuaweiDcsProvider.Registry actions) {
        actions.v2("UpdateInstanceBandwidthAutoScalingPolicy", this::updatePolicy);
        actions.v2("ShowInstanceBandwidthAutoScalingPolicy", this::showPolicy);
        actions.v2("DeleteInstanceBandwidthAutoScalingPolicy", this::deletePolicy);
        actions.v2("UpdateInstanceBandwidth", this::expand);
        actions.v2("ShowBandwidths", this::show);
        actions.v2("UpdateBandwidth", this::update);
    }

    static State stateOf(Instance i) {
        return i.extensions().get(KEY, State.class, State::initial);
    }

    // ---- policy ---------------------------------------------------------------------------------------------------

    private static HuaweiException invalid(String member, Object value, String rule) {
        return new HuaweiException("DCS.4063", "111400063", 400, "Invalid " + member + " parameter in the request: `" + value
                + "` " + rule + ".");
    }

    private ObjectNode updatePolicy(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        long window = r.integer("window_size", -1);
        if (!WINDOWS.contains(window)) throw invalid("window_size", window, "must be 1, 5, 10, 15 or 30 (minutes)");
        long upper = r.integer("bandwidth_usage_upper_threshold", -1);
        if (!UPPER.contains(upper)) throw invalid("bandwidth_usage_upper_threshold", upper, "must be 50, 60, 70, 80, 90 or 95");
        long outCooldown = r.integer("scale_out_cooldown", 0);
        if (outCooldown < 0 || outCooldown > 86_400) throw invalid("scale_out_cooldown", outCooldown, "must be 0-86400 seconds");
        Integer lower = null;
        if (r.has("bandwidth_usage_lower_threshold")) {
            long l = r.integer("bandwidth_usage_lower_threshold", -1);
            if (!LOWER.contains(l)) throw invalid("bandwidth_usage_lower_threshold", l, "must be 10, 20 or 30");
            lower = (int) l;
        }
        long inCooldown = r.integer("scale_in_cooldown", 300);
        if (inCooldown < 0 || inCooldown > 86_400) throw invalid("scale_in_cooldown", inCooldown, "must be 0-86400 seconds");
        Policy p = new Policy((int) window, (int) upper, (int) outCooldown, Boolean.TRUE.equals(r.bool("scale_in_enabled")),
                lower, (int) inCooldown);
        i.extensions().update(KEY, State.class, State::initial,
                s -> new State(p, s.expansionBegin(), s.expansionEnd(), s.expansions()));
        fleet.changed();
        return policy(p);
    }

    private static ObjectNode policy(Policy p) {
        ObjectNode out = object();
        if (p == null) return out;
        out.put("window_size", p.windowSize());
        out.put("bandwidth_usage_upper_threshold", p.upperThreshold());
        out.put("scale_out_cooldown", p.scaleOutCooldown());
        out.put("scale_in_enabled", p.scaleInEnabled());
        if (p.lowerThreshold() != null) out.put("bandwidth_usage_lower_threshold", p.lowerThreshold());
        out.put("scale_in_cooldown", p.scaleInCooldown());
        return out;
    }

    /** The policy; an instance without one answers an empty object. */
    private ObjectNode showPolicy(HuaweiRequest r) {
        return policy(stateOf(instance(r.requireString("instance_id"))).policy());
    }

    private ObjectNode deletePolicy(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        i.extensions().update(KEY, State.class, State::initial,
                s -> new State(null, s.expansionBegin(), s.expansionEnd(), s.expansions()));
        fleet.changed();
        return object();
    }

    // ---- bandwidths -----------------------------------------------------------------------------------------------

    /** A shard's assured bandwidth in Mbit/s by its share of the capacity. */
    static int assured(Instance i, int shards) {
        BigDecimal perShardGb = new BigDecimal(state(i).capacity()).divide(BigDecimal.valueOf(Math.max(1, shards)), 3,
                RoundingMode.HALF_UP);
        double gb = perShardGb.doubleValue();
        if (gb <= 0.125) return 40;
        if (gb <= 1) return 80;
        if (gb <= 2) return 128;
        if (gb <= 8) return 192;
        if (gb <= 32) return 256;
        return 384;
    }

    private boolean expanded(State s) {
        Instant now = ctx.clock().instant();
        return s.expansionEnd() != null && now.isBefore(s.expansionEnd());
    }

    /** Each shard's current bandwidth (its set value or the assured one, doubled during a temporary expansion). */
    private Map<HuaweiNodes.Group, Integer> current(Instance i, HuaweiNodes.Layout layout) {
        int shards = layout.groups().size();
        boolean doubled = expanded(stateOf(i));
        Map<HuaweiNodes.Group, Integer> out = new LinkedHashMap<>();
        for (HuaweiNodes.Group g : layout.groups()) {
            int base = g.bandwidth() != null ? g.bandwidth() : assured(i, shards);
            out.put(g, doubled ? Math.min(MAX_PER_SHARD, base * 2) : base);
        }
        return out;
    }

    private ObjectNode show(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        HuaweiNodes.Layout layout = HuaweiNodes.layout(i, flavors);
        Map<HuaweiNodes.Group, Integer> current = current(i, layout);
        int shards = layout.groups().size();
        ObjectNode out = object();
        out.put("bandwidth", current.values().stream().mapToInt(Integer::intValue).sum());
        out.put("max_bandwidth", MAX_PER_SHARD * shards);
        out.put("allow_modify", i.status() == io.cachesh.emulator.fleet.InstanceStatus.RUNNING);
        ArrayNode groups = out.putArray("group_bandwidths");
        current.forEach((g, bw) -> {
            ObjectNode n = groups.addObject();
            n.put("group_id", g.groupId());
            if (g.bandwidthUpdatedAt() == null) n.putNull("updated_at");
            else n.put("updated_at", g.bandwidthUpdatedAt());
            n.put("bandwidth", bw);
            n.put("max_bandwidth", MAX_PER_SHARD);
            n.put("assured_bandwidth", assured(i, shards));
        });
        return out;
    }

    /** 5.2.19: each listed shard to {@code target_bandwidth} (assured ... 2000), after the task delay. */
    private ObjectNode update(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        requireRunning(i);
        List<JsonNode> items = r.list("group_bandwidths");
        if (items.isEmpty()) throw invalid("group_bandwidths", "[]", "must list at least one shard");
        HuaweiNodes.Layout layout = HuaweiNodes.layout(i, flavors);
        int assured = assured(i, layout.groups().size());
        Map<String, Integer> targets = new LinkedHashMap<>();
        for (JsonNode item : items) {
            String groupId = item.path("group_id").asText("");
            if (layout.group(groupId).isEmpty()) throw invalid("group_id", groupId, "is not a shard of " + i.id() + " (see ShowBandwidths)");
            long target = item.path("target_bandwidth").asLong(-1);
            if (target < assured || target > MAX_PER_SHARD) {
                throw invalid("target_bandwidth", target, "must be between the assured " + assured + " and the maximum "
                        + MAX_PER_SHARD + " Mbit/s");
            }
            targets.put(groupId, (int) target);
        }
        Task task = fleet.submit(i.id(), "ModifyBandwidth", "ModifyBandwidth", () -> {
            String at = time(ctx.clock().instant());
            HuaweiNodes.update(i, flavors, l -> {
                List<HuaweiNodes.Group> groups = new ArrayList<>();
                for (HuaweiNodes.Group g : l.groups()) {
                    Integer t = targets.get(g.groupId());
                    groups.add(t == null ? g : g.bandwidth(t, at));
                }
                return new HuaweiNodes.Layout(groups);
            });
            fleet.changed();
            return "";
        });
        ObjectNode out = object();
        out.put("job_id", job(task, "modifyBandwidth"));
        return out;
    }

    /** 5.2.12: temporary expansion (2x for 7 days, at most 3 times, a day apart). */
    private ObjectNode expand(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        requireRunning(i);
        Instant now = ctx.clock().instant();
        i.extensions().update(KEY, State.class, State::initial, s -> {
            if (expanded(s)) {
                throw HuaweiException.wrongState(i.id(), "RUNNING with its bandwidth temporarily expanded until "
                        + time(s.expansionEnd()));
            }
            if (s.expansions() >= MAX_EXPANSIONS) {
                throw new HuaweiException("DCS.4039", "111400039", 400, "The quota limit has been reached: " + i.id()
                        + " was temporarily expanded " + s.expansions() + " times (at most " + MAX_EXPANSIONS + ").");
            }
            if (s.expansionEnd() != null && now.isBefore(s.expansionEnd().plus(EXPANSION_INTERVAL))) {
                throw HuaweiException.wrongState(i.id(), "RUNNING; the next temporary expansion is possible one day after "
                        + "the last one expired, from " + time(s.expansionEnd().plus(EXPANSION_INTERVAL)));
            }
            return new State(s.policy(), now, now.plus(EXPANSION), s.expansions() + 1);
        });
        fleet.changed();
        return null;
    }
}
