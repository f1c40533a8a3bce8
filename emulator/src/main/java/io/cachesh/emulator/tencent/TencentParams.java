package io.cachesh.emulator.tencent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The instance parameters DescribeInstanceParams lists and ModifyInstanceParams changes: the 18 of the seed's example
 * (tencent-redis-api3-and-legacy-v2.txt:23280-24059), grouped enum / integer / multi / text, with Tencent's defaults.
 * Parameters that exist in redis-server are applied with CONFIG SET ({@link Param#redis()}); the others
 * (proxy and Tencent-only ones) are only recorded.
 */
final class TencentParams {

    /** Tencent writes an empty value as two quote characters. */
    static final String EMPTY = "\"\"";

    enum Kind { ENUM, INTEGER, MULTI, TEXT }

    record Param(String name, Kind kind, String defaultValue, List<String> values, long min, long max, String unit,
                 String tips, boolean redis) {

        /** Null when {@code value} is acceptable, else the rule it breaks. */
        String problem(String value) {
            switch (kind) {
                case ENUM:
                    return values.contains(value) ? null : "must be one of: " + String.join(", ", values);
                case INTEGER:
                    try {
                        long v = Long.parseLong(value.trim());
                        return v < min || v > max ? "must be an integer between " + min + " and " + max : null;
                    } catch (NumberFormatException e) {
                        return "must be an integer between " + min + " and " + max;
                    }
                case MULTI:
                    if (value.isEmpty() || EMPTY.equals(value)) return null;
                    for (String item : value.split(",")) {
                        if (!values.contains(item.trim())) return "must be a comma-separated subset of: " + String.join(", ", values);
                    }
                    return null;
                case TEXT:
                default:
                    if (value.isEmpty() || EMPTY.equals(value)) return null;
                    for (int i = 0; i < value.length(); i++) {
                        if (!values.contains(String.valueOf(value.charAt(i)))) {
                            return "may only contain the characters " + String.join(" ", values);
                        }
                    }
                    return null;
            }
        }

        /** The value to hand to CONFIG SET. */
        String redisValue(String value) {
            return EMPTY.equals(value) ? "" : value;
        }

        /** A CONFIG GET answer in Tencent's notation. */
        String fromRedis(String value) {
            if (value == null) return null;
            return value.isEmpty() && (kind == Kind.TEXT || kind == Kind.MULTI) ? EMPTY : value;
        }
    }

    private static final List<String> YES_NO = List.of("yes", "no");

    static final Map<String, Param> ALL;

    static {
        Map<String, Param> m = new LinkedHashMap<>();
        add(m, new Param("lazyfree-lazy-eviction", Kind.ENUM, "yes", YES_NO, 0, 0, "", "lazyfree switch on eviction", true));
        add(m, new Param("lazyfree-lazy-expire", Kind.ENUM, "yes", YES_NO, 0, 0, "", "lazyfree switch on expire", true));
        add(m, new Param("lazyfree-lazy-server-del", Kind.ENUM, "yes", YES_NO, 0, 0, "", "lazyfree switch on server implicit deletion", true));
        add(m, new Param("maxmemory-policy", Kind.ENUM, "noeviction", List.of("volatile-lru", "volatile-lfu", "allkeys-lru",
                "allkeys-lfu", "volatile-random", "allkeys-random", "volatile-ttl", "noeviction"), 0, 0, "",
                "How Redis will select what to remove when maxmemory is reached", true));
        add(m, new Param("replica-lazy-flush", Kind.ENUM, "yes", YES_NO, 0, 0, "", "lazyfree switch on full resynchronization", true));
        add(m, new Param("sentineauth", Kind.ENUM, "no", YES_NO, 0, 0, "", "Executing a sentinel order eliminates the password", false));
        add(m, new Param("cluster-node-timeout", Kind.INTEGER, "15000", List.of(), 15000, 120000, "",
                "Cluster node timeout is the amount of milliseconds a node must be unreachable for it to be considered in failure state", false));
        add(m, new Param("hash-max-ziplist-entries", Kind.INTEGER, "512", List.of(), 1, 10000, "", "", true));
        add(m, new Param("hash-max-ziplist-value", Kind.INTEGER, "64", List.of(), 1, 10000, "", "", true));
        add(m, new Param("hz", Kind.INTEGER, "10", List.of(), 1, 500, "", "", true));
        add(m, new Param("proxy-slowlog-log-slower-than", Kind.INTEGER, "500", List.of(), 10, 1000, "ms", "the commands over this time will in proxy", false));
        add(m, new Param("set-max-intset-entries", Kind.INTEGER, "512", List.of(), 1, 10000, "", "", true));
        add(m, new Param("slowlog-log-slower-than", Kind.INTEGER, "10", List.of(), 1, 1000, "ms", "The execution time of commands above this value will be recorded in us", true));
        add(m, new Param("timeout", Kind.INTEGER, "31536000", List.of(), 60, 2147483647L, "", "Close the connection after a client is idle for N seconds", true));
        add(m, new Param("zset-max-ziplist-entries", Kind.INTEGER, "128", List.of(), 1, 10000, "", "", true));
        add(m, new Param("zset-max-ziplist-value", Kind.INTEGER, "64", List.of(), 1, 10000, "", "", true));
        add(m, new Param("disable-command-list", Kind.MULTI, EMPTY, List.of("flushall", "flushdb", "keys", "hgetall", "eval",
                "evalsha", "script", "scan", "psetex", "set", "hmset", "hset", "lpush", "rpush", "sadd", "zadd", "del", "mget",
                "mset", "bitop", "exists", "msetnx", "blpop", "brpop", "rpoplpush", "brpoplpush", "smove", "sunion", "sinter",
                "sdiff", "sunionstore", "sinterstore", "sdiffstore", "zunionstore", "zinterstore", "pfmerge", "pfcount"), 0, 0, "",
                "commands in such config will not be allowed to run in this instance,you can config multi commands like this 'flushdb,keys'", false));
        add(m, new Param("notify-keyspace-events", Kind.TEXT, EMPTY, List.of("K", "E", "g", "$", "l", "s", "h", "z", "x", "e", "A"),
                0, 0, "", "Changes in key space notification to registered clients", true));
        ALL = java.util.Collections.unmodifiableMap(m);
    }

    /** Parameters reported as stored: redis re-spells notify-keyspace-events flags ("KEA" reads back as "AKE"). */
    static final Set<String> REPORT_STORED = Set.of("notify-keyspace-events");

    private TencentParams() {
    }

    private static void add(Map<String, Param> m, Param p) {
        m.put(p.name(), p);
    }

    static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        ALL.values().forEach(p -> d.put(p.name(), p.defaultValue()));
        return d;
    }
}
