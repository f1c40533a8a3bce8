package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.Task;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Instance parameters (v2 5.x ListConfigurations / UpdateConfigurations / UpdateInstanceConfig, v1 the same two):
 * read with {@code CONFIG GET} from the real redis-server, changed with {@code CONFIG SET}, remembered on the instance
 * so a restarted server gets them back. The parameter table is DCS's Redis 4.0+ set that redis-server itself knows.
 */
final class ConfigActions extends HuaweiActionGroup {

    /** One parameter: id, redis name, type, range, default, description. */
    record Param(String id, String name, String type, String range, String defaultValue, String description) {

        /** Null when {@code value} is acceptable, else why not. */
        String check(String value) {
            switch (type) {
                case "Integer" -> {
                    String[] minMax = range.split("-");
                    try {
                        long v = Long.parseLong(value.trim());
                        if (v < Long.parseLong(minMax[0]) || v > Long.parseLong(minMax[1])) return "must be in " + range;
                    } catch (NumberFormatException e) {
                        return "must be an integer in " + range;
                    }
                    return null;
                }
                case "Enum" -> {
                    return Set.of(range.split(",")).contains(value) ? null : "must be one of " + range;
                }
                default -> {
                    return value.matches("[KEg$lshzxeAtm]*") ? null : "must be letters of " + range;
                }
            }
        }
    }

    static final List<Param> PARAMS = List.of(
            new Param("1", "timeout", "Integer", "0-7200", "0", "Close the connection after a client is idle for N seconds (0 to disable)."),
            new Param("2", "maxmemory-policy", "Enum",
                    "volatile-lru,allkeys-lru,volatile-random,allkeys-random,volatile-ttl,noeviction,volatile-lfu,allkeys-lfu",
                    "volatile-lru", "How Redis will select what to remove when maxmemory is reached."),
            new Param("3", "hash-max-ziplist-entries", "Integer", "1-10000", "512", "Hashes are encoded using a memory efficient data structure when they have a small number of entries."),
            new Param("4", "hash-max-ziplist-value", "Integer", "1-10000", "64", "Hashes are encoded compactly while the biggest entry does not exceed a given threshold."),
            new Param("5", "set-max-intset-entries", "Integer", "1-10000", "512", "Sets made only of integers up to this size use a compact encoding."),
            new Param("6", "zset-max-ziplist-entries", "Integer", "1-10000", "128", "Sorted sets up to this size use a compact encoding."),
            new Param("7", "zset-max-ziplist-value", "Integer", "1-10000", "64", "Sorted sets whose entries are up to this long use a compact encoding."),
            new Param("8", "latency-monitor-threshold", "Integer", "0-86400000", "0", "Latency monitor threshold in milliseconds (0 disables it)."),
            new Param("9", "notify-keyspace-events", "String", "K,E,g,$,l,s,h,z,x,e,A,t,m", "", "Keyspace events to notify Pub/Sub clients of."),
            new Param("10", "slowlog-log-slower-than", "Integer", "0-1000000", "10000", "Commands slower than this many microseconds are logged."),
            new Param("11", "slowlog-max-len", "Integer", "0-1000", "128", "The maximum number of slow log entries kept."),
            new Param("12", "lua-time-limit", "Integer", "100-5000", "5000", "Max execution time of a Lua script in milliseconds."));

    ConfigActions(HuaweiContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(HuaweiDcsProvider.Registry actions) {
        actions.v2("ListConfigurations", this::list);
        actions.v2("UpdateConfigurations", r -> {
            update(r, true);
            return null;
        });
        actions.v2("UpdateInstanceConfig", this::updateAsync);
        actions.v1("ListConfigurations", this::list);
        actions.v1("UpdateConfigurations", r -> {
            update(r, true);
            return null;
        });
    }

    /** The parameters that apply to Memcached (the seed's parameter table: timeout and maxmemory-policy, l.2988-2989 of the catalogue). */
    private static final Set<String> MEMCACHED_PARAMS = Set.of("timeout", "maxmemory-policy");

    /** The instance's parameters: all of them for Redis, the two that apply to Memcached (recorded only there). */
    static List<Param> params(Instance i) {
        if (!MemcachedRules.memcached(i)) return PARAMS;
        return PARAMS.stream().filter(p -> MEMCACHED_PARAMS.contains(p.name())).toList();
    }

    /** The Huawei instance's parameters for a (re)started redis-server. */
    static Map<String, String> redisConfig(Instance i) {
        Map<String, String> config = new LinkedHashMap<>();
        for (Param p : PARAMS) {
            String v = i.param(p.name());
            if (v != null) config.put(p.name(), v);
        }
        return config;
    }

    private ObjectNode list(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        ObjectNode out = object();
        out.put("instance_id", i.id());
        out.put("status", status(i));
        out.put("config_status", "SUCCESS");
        out.put("config_time", time(i.createTime()));
        ArrayNode items = out.putArray("redis_config");
        for (Param p : params(i)) {
            ObjectNode n = items.addObject();
            if (r.v1()) n.put("param_id", Long.parseLong(p.id()));
            else n.put("param_id", p.id());
            n.put("param_name", p.name());
            n.put("param_value", value(i, p));
            n.put("default_value", p.defaultValue());
            n.put("value_type", p.type());
            n.put("value_range", p.range());
            n.put("description", p.description());
        }
        return out;
    }

    /** The live value from CONFIG GET, else the remembered one, else the default. */
    private static String value(Instance i, Param p) {
        if (i.dataPlane() != null) {
            try {
                String live = i.dataPlane().configGet(p.name());
                if (live != null) return live;
            } catch (IOException ignored) {
                // fall back to what the instance remembers
            }
        }
        String stored = i.param(p.name());
        return stored != null ? stored : p.defaultValue();
    }

    /** Checks every entry first, then applies all of them (CONFIG SET when {@code now}). */
    private Map<String, String> update(HuaweiRequest r, boolean now) {
        Instance i = instance(r.requireString("instance_id"));
        requireRunning(i);
        Map<String, String> changes = new LinkedHashMap<>();
        for (JsonNode item : r.list("redis_config")) {
            String name = item.path("param_name").asText("");
            String id = item.path("param_id").asText("");
            String value = item.path("param_value").asText("");
            Param p = params(i).stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
            if (p == null || !id.isEmpty() && !p.id().equals(id)) {
                throw new HuaweiException("DCS.4066", "111400066", 400, "Invalid value of the configure parameter " + name
                        + ": no parameter " + name + " with id " + id + (MemcachedRules.memcached(i)
                        ? " for Memcached (it has timeout and maxmemory-policy)" : "") + " (see ListConfigurations).");
            }
            String problem = p.check(value);
            if (problem != null) {
                throw new HuaweiException("DCS.4066", "111400066", 400, "Invalid value of the configure parameter " + name
                        + ": `" + value + "` " + problem + ".");
            }
            changes.put(name, value);
        }
        if (changes.isEmpty()) throw HuaweiException.invalid("redis_config", "It must name at least one parameter.");
        if (now) {
            ConfigHistoryLog.record(ctx, i, changes); // before the change: the log reads the old values from the server
            apply(i, changes);
        }
        return changes;
    }

    private void apply(Instance i, Map<String, String> changes) {
        changes.forEach((name, value) -> {
            if (i.dataPlane() != null) redisCall(i, "CONFIG", "SET", name, value);
            i.param(name, value);
        });
        fleet.changed();
    }

    private ObjectNode updateAsync(HuaweiRequest r) {
        Map<String, String> changes = update(r, false);
        Instance i = instance(r.requireString("instance_id"));
        String key = UUID.randomUUID().toString();   // pairs the task's half of the history record with this one
        Task task = fleet.submit(i.id(), "modifyConfig", "modifyConfig", () -> {
            ConfigHistoryLog.applied(ctx, i, key, key, changes);
            apply(i, changes);
            return "";
        });
        String jobId = job(task, "modifyConfig");
        ConfigHistoryLog.pending(ctx, i, key, jobId, task);
        ObjectNode out = object();
        out.put("job_id", jobId);
        return out;
    }
}
