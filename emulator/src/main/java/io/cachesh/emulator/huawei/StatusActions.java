package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Instance;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Restart and flush (v2 5.1 / v1 4.x RestartOrFlushInstances, against the real redis-server) and the per-status
 * instance counts.
 */
final class StatusActions extends HuaweiActionGroup {

    private static final Set<String> V2_ACTIONS = Set.of("restart", "soft_restart", "flush");
    private static final Set<String> V1_ACTIONS = Set.of("restart", "flush");

    StatusActions(HuaweiContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(HuaweiDcsProvider.Registry actions) {
        actions.v2("RestartOrFlushInstances", this::restartOrFlush);
        actions.v2("ListNumberOfInstancesInDifferentStatus", this::countV2);
        actions.v1("RestartOrFlushInstances", this::restartOrFlush);
        actions.v1("ListNumberOfInstancesInDifferentStatus", this::countV1);
        actions.v2("ListStatisticsOfRunningInstances", this::statistics);
        actions.v1("ListStatisticsOfRunningInstances", this::statistics);
    }

    /** Per running instance: keys, memory and command counts from the redis-server's INFO (zeros without one). */
    private ObjectNode statistics(HuaweiRequest r) {
        ObjectNode out = object();
        ArrayNode items = out.putArray("statistics");
        for (Instance i : fleet.instances()) {
            if (!HuaweiDcsProvider.owns(i) || i.status() != io.cachesh.emulator.fleet.InstanceStatus.RUNNING) continue;
            Map<String, String> info = info(i);
            Map<String, String> stats = memcachedStats(i);
            ObjectNode n = items.addObject();
            n.put("instance_id", i.id());
            n.put("keys", stats != null ? parse(stats.get("curr_items")) : keys(info.getOrDefault("db0", "")));
            n.put("used_memory", usedMemoryMb(i));
            n.put("max_memory", i.capacityMb());
            n.put("cmd_get_count", stats != null ? parse(stats.get("cmd_get")) : number(info.get("cmdstat_get")));
            n.put("cmd_set_count", stats != null ? parse(stats.get("cmd_set")) : number(info.get("cmdstat_set")));
            n.put("used_cpu", info.getOrDefault("used_cpu_sys", "0"));
            n.put("input_kbps", info.getOrDefault("instantaneous_input_kbps", "0"));
            n.put("output_kbps", info.getOrDefault("instantaneous_output_kbps", "0"));
        }
        return out;
    }

    private static Map<String, String> info(Instance i) {
        Map<String, String> out = new LinkedHashMap<>();
        if (i.dataPlane() == null) return out;
        try {
            Object reply = i.dataPlane().call("INFO", "all");
            if (reply instanceof String text) {
                for (String line : text.split("\r?\n")) {
                    int colon = line.indexOf(':');
                    if (colon > 0 && !line.startsWith("#")) out.put(line.substring(0, colon), line.substring(colon + 1).trim());
                }
            }
        } catch (IOException e) {
            // no statistics: zeros
        }
        return out;
    }

    /** The memcached {@code stats} of a Memcached instance, null for a Redis one (empty when it cannot be read). */
    private Map<String, String> memcachedStats(Instance i) {
        if (!MemcachedRules.memcached(i)) return null;
        var process = fleet.memcached(i);
        if (process == null) return Map.of();
        try {
            return process.stats();
        } catch (IOException e) {
            return Map.of();
        }
    }

    private static long parse(String number) {
        try {
            return number == null ? 0 : Long.parseLong(number.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** {@code keys=3,expires=0,avg_ttl=0} to 3. */
    private static long keys(String db0) {
        for (String part : db0.split(",")) if (part.startsWith("keys=")) return Long.parseLong(part.substring(5));
        return 0;
    }

    /** {@code calls=12,usec=...} to 12. */
    private static long number(String cmdstat) {
        if (cmdstat == null) return 0;
        for (String part : cmdstat.split(",")) if (part.startsWith("calls=")) return Long.parseLong(part.substring(6));
        return 0;
    }

    /**
     * {@code restart} (and v2 {@code soft_restart}) stop the redis-server (saving its data) and start it again, the
     * instance RESTARTING meanwhile; {@code flush} runs FLUSHALL at once, the instance FLUSHING for the task delay.
     * Each instance gets its own {@code result}: {@code success}, or {@code failed} when it is unknown or busy.
     */
    private ObjectNode restartOrFlush(HuaweiRequest r) {
        String action = r.string("action");
        if (action == null || !(r.v1() ? V1_ACTIONS : V2_ACTIONS).contains(action)) {
            throw new HuaweiException("DCS.4064", "111400064", 400, "The action parameter in the request must be "
                    + (r.v1() ? "restart or flush" : "restart, soft_restart or flush") + ": got `" + action + "`.");
        }
        if (r.strings("instances").isEmpty()) {
            throw new HuaweiException("DCS.4065", "111400065", 400, "The instances parameter in the request cannot be a "
                    + "null value or left unspecified.");
        }
        if ("flush".equals(action)) {
            for (String id : r.strings("instances")) {
                fleet.instance(id).filter(HuaweiDcsProvider::owns).filter(MemcachedRules::memcached).ifPresent(i -> {
                    throw MemcachedRules.flushRefused(id);
                });
            }
        }
        ObjectNode out = object();
        ArrayNode results = out.putArray("results");
        for (String id : r.strings("instances")) {
            String result = "success";
            try {
                Instance i = instance(id);
                if ("flush".equals(action)) flush(i);
                else restart(i);
            } catch (HuaweiException e) {
                result = "failed";
            }
            results.addObject().put("instance", id).put("result", result);
        }
        return out;
    }

    private void flush(Instance i) {
        requireRunning(i);
        if (i.dataPlane() != null) redisCall(i, "FLUSHALL");
        busyTask(i, "FLUSHING", "FlushInstance", () -> "");
    }

    private void restart(Instance i) {
        busyTask(i, "RESTARTING", "RestartInstance", () -> {
            if (i.dataPlane() != null || fleet.memcached(i) != null) {   // memcached comes back empty: it keeps nothing
                fleet.stopDataPlane(i, true);
                try {
                    fleet.startDataPlane(i);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot restart the data plane: " + e.getMessage(), e);
                }
            }
            return "";
        });
    }

    /** Per status, the instances of one engine ({@code memcached} true) or the other; {@code null}: both. */
    private Map<String, Integer> counts(Boolean memcached) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String s : new String[]{"paying", "freezing", "migrating", "flushing", "upgrading", "restoring", "extending",
                "creating", "running", "error", "frozen", "createfailed", "restarting", "deleting"}) {
            counts.put(s, 0);
        }
        for (Instance i : fleet.instances()) {
            if (!HuaweiDcsProvider.owns(i)) continue;
            if (memcached != null && MemcachedRules.memcached(i) != memcached) continue;
            counts.merge(status(i).toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
        }
        return counts;
    }

    /** The top level is the sum of the {@code redis} and {@code memcached} objects (seed 5.2.8). */
    private ObjectNode countV2(HuaweiRequest r) {
        ObjectNode out = object();
        ObjectNode redis = out.putObject("redis");
        ObjectNode memcached = out.putObject("memcached");
        counts(null).forEach((status, n) -> out.put(status + "_count", n));
        counts(false).forEach((status, n) -> redis.put(status + "_count", n));
        counts(true).forEach((status, n) -> memcached.put(status + "_count", n));
        return out;
    }

    private ObjectNode countV1(HuaweiRequest r) {
        ObjectNode out = object();
        counts(null).forEach((status, n) -> out.put(status + "_count", n));
        return out;
    }
}
