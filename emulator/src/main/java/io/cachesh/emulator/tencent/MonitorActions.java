package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Instance;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Monitoring (监控管理接口), answered from the instance's real redis-server at the time of the request:
 *
 * <ul>
 *   <li>Big keys (DescribeInstanceMonitorBigKey, ...SizeDist, ...TypeDist; deprecated in the seed, still answered): a
 *       bounded SCAN of every database with TYPE and MEMORY USAGE per key ({@link MonitorSession#MAX_KEYS} keys,
 *       {@link MonitorSession#MAX_TIME}). BigKey answers the {@value #TOP_BIG_KEYS} largest keys (ReqType 1: strings
 *       only), Size in bytes (MEMORY USAGE). SizeDist puts the keys in the ladders 1/5/10/50/200/-1 read as KB
 *       ([0,1 KB], (1,5], (5,10], (10,50], (50,200], over 200 KB). TypeDist counts keys and bytes per type.</li>
 *   <li>Hot keys: the LFU access counter ({@code OBJECT FREQ}, logarithmic, 0-255) of the scanned keys when the
 *       instance's {@code maxmemory-policy} is an LFU policy; the {@value #TOP_N} keys over the initial counter 5
 *       (accessed since they were written). Without LFU redis keeps no access counts, and the answer is empty.</li>
 *   <li>Commands: {@code INFO commandstats} (calls and usec, since the server started or CONFIG RESETSTAT): the
 *       {@value #TOP_N} most called (TopNCmd) and the {@value #TOP_N} with the most time (TopNCmdTook, in ms as the
 *       seed's CommandTake.Took says).</li>
 *   <li>Latency distribution (TookDist): every command's {@code LATENCY HISTOGRAM} (redis 7), each histogram bucket
 *       put in the seed's ladder ({@code 1} [0,1 ms], {@code 5} (1,5], {@code 10}, {@code 50}, {@code 200}, {@code -1}
 *       over 200 ms) by its upper bound; without LATENCY HISTOGRAM, each command's calls by its usec_per_call.</li>
 *   <li>Access sources (SIP; offline in the seed, still answered): {@code CLIENT LIST} grouped by client IP: Conn
 *       the connections, Cmd their {@code tot-cmds} where redis reports it (7.2+; else 0).</li>
 * </ul>
 * SpanType and Date cannot select a past window: redis keeps no history, so every span answers the current counters.
 * The emulator's own monitoring connection is left out of the client list; its commands do show in the command
 * statistics, as any client's would. An instance without a running redis-server answers empty Data.
 */
final class MonitorActions extends TencentActionGroup {

    static final int TOP_N = 10;
    static final int TOP_BIG_KEYS = 100;
    /** The seed's DelayDistribution ladders, in order: upper bounds 1, 5, 10, 50, 200 and -1 for the rest. */
    static final int[] LADDERS = {1, 5, 10, 50, 200, -1};
    /** The initial LFU counter of a new key (redis LFU_INIT_VAL). */
    static final long LFU_INIT = 5;
    private static final String IO_ERROR = "FailedOperation.RedoFlowFailed";
    private static final List<String> TYPES = List.of("string", "list", "set", "zset", "hash");

    MonitorActions(TencentContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(Map<String, TencentAction> actions) {
        actions.put("DescribeInstanceMonitorBigKey", this::bigKey);
        actions.put("DescribeInstanceMonitorBigKeySizeDist", this::bigKeySizeDist);
        actions.put("DescribeInstanceMonitorBigKeyTypeDist", this::bigKeyTypeDist);
        actions.put("DescribeInstanceMonitorHotKey", this::hotKey);
        actions.put("DescribeInstanceMonitorTopNCmd", this::topNCmd);
        actions.put("DescribeInstanceMonitorTopNCmdTook", this::topNCmdTook);
        actions.put("DescribeInstanceMonitorTookDist", this::tookDist);
        actions.put("DescribeInstanceMonitorSIP", this::sip);
    }

    /** Work on the instance's redis-server; null when it has none. */
    private interface Inspection<T> {
        T run(MonitorSession session) throws IOException;
    }

    private <T> T inspect(Instance i, T whenNoServer, Inspection<T> inspection) {
        try (MonitorSession session = MonitorSession.open(i)) {
            if (session == null) return whenNoServer;
            return inspection.run(session);
        } catch (IOException e) {
            throw new TencentException(IO_ERROR, "暂时笼统的定义这个错误码: inspecting the redis-server of " + i.id()
                    + " failed: " + e.getMessage());
        }
    }

    private long now() {
        return fleet.clock().instant().getEpochSecond();
    }

    // ---- big keys -------------------------------------------------------------------------------------------------

    private ObjectNode bigKey(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        long reqType = p.requireInteger("ReqType");
        if (reqType != 1 && reqType != 2) throw TencentException.invalidValue("ReqType", reqType, "must be 1 (strings) or 2 (all types)");
        checkDate("Date", p.requireString("Date"));
        List<MonitorSession.KeyInfo> keys = new ArrayList<>(inspect(i, List.of(), s -> s.scan(false)));
        if (reqType == 1) keys.removeIf(k -> !"string".equals(k.type()));
        keys.sort(Comparator.comparingLong(MonitorSession.KeyInfo::bytes).reversed().thenComparing(MonitorSession.KeyInfo::key));
        long now = now();
        ObjectNode out = object();
        ArrayNode data = out.putArray("Data");
        for (MonitorSession.KeyInfo k : keys.subList(0, Math.min(TOP_BIG_KEYS, keys.size()))) {
            ObjectNode n = data.addObject();
            n.put("DB", k.db());
            n.put("Key", k.key());
            n.put("Type", k.type());
            n.put("Size", k.bytes());
            n.put("Updatetime", now);
        }
        return out;
    }

    private ObjectNode bigKeySizeDist(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        checkDate("Date", p.requireString("Date"));
        List<MonitorSession.KeyInfo> keys = inspect(i, List.of(), s -> s.scan(false));
        long[] counts = new long[LADDERS.length];
        for (MonitorSession.KeyInfo k : keys) counts[ladderIndex(k.bytes() / 1024.0)]++;
        return ladders(counts, now());
    }

    private ObjectNode bigKeyTypeDist(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        checkDate("Date", p.requireString("Date"));
        List<MonitorSession.KeyInfo> keys = inspect(i, List.of(), s -> s.scan(false));
        Map<String, long[]> byType = new LinkedHashMap<>();
        TYPES.forEach(t -> byType.put(t, new long[2]));
        for (MonitorSession.KeyInfo k : keys) {
            long[] c = byType.computeIfAbsent(k.type(), t -> new long[2]);
            c[0]++;
            c[1] += k.bytes();
        }
        long now = now();
        ObjectNode out = object();
        ArrayNode data = out.putArray("Data");
        byType.forEach((type, c) -> {
            ObjectNode n = data.addObject();
            n.put("Type", type);
            n.put("Count", c[0]);
            n.put("Size", c[1]);
            n.put("Updatetime", now);
        });
        return out;
    }

    // ---- hot keys -------------------------------------------------------------------------------------------------

    private ObjectNode hotKey(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        spanType(p);
        List<MonitorSession.KeyInfo> keys = inspect(i, List.of(), s -> {
            Object policy = s.call("CONFIG", "GET", "maxmemory-policy");
            String value = policy instanceof List<?> l && l.size() >= 2 ? String.valueOf(l.get(1)) : "";
            if (!value.contains("lfu")) return List.of(); // redis counts accesses only under an LFU policy
            return s.scan(true);
        });
        List<MonitorSession.KeyInfo> hot = new ArrayList<>(keys);
        hot.removeIf(k -> k.freq() <= LFU_INIT);
        hot.sort(Comparator.comparingLong(MonitorSession.KeyInfo::freq).reversed().thenComparing(MonitorSession.KeyInfo::key));
        ObjectNode out = object();
        ArrayNode data = out.putArray("Data");
        for (MonitorSession.KeyInfo k : hot.subList(0, Math.min(TOP_N, hot.size()))) {
            ObjectNode n = data.addObject();
            n.put("Key", k.key());
            n.put("Type", k.type());
            n.put("Count", k.freq());
        }
        return out;
    }

    // ---- commands -------------------------------------------------------------------------------------------------

    /** One {@code cmdstat_<name>} line. */
    record CommandStat(String cmd, long calls, long usec, double usecPerCall) {
    }

    static List<CommandStat> commandStats(MonitorSession s) throws IOException {
        List<CommandStat> out = new ArrayList<>();
        for (Map.Entry<String, String> e : s.info("commandstats").entrySet()) {
            if (!e.getKey().startsWith("cmdstat_")) continue;
            Map<String, String> f = MonitorSession.fields(e.getValue());
            out.add(new CommandStat(e.getKey().substring("cmdstat_".length()), MonitorSession.number(f.get("calls")),
                    MonitorSession.number(f.get("usec")), parseDouble(f.get("usec_per_call"))));
        }
        return out;
    }

    private ObjectNode topNCmd(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        spanType(p);
        List<CommandStat> stats = new ArrayList<>(inspect(i, List.of(), MonitorActions::commandStats));
        stats.sort(Comparator.comparingLong(CommandStat::calls).reversed().thenComparing(CommandStat::cmd));
        ObjectNode out = object();
        ArrayNode data = out.putArray("Data");
        for (CommandStat c : stats.subList(0, Math.min(TOP_N, stats.size()))) {
            ObjectNode n = data.addObject();
            n.put("Cmd", c.cmd());
            n.put("Count", c.calls());
        }
        return out;
    }

    private ObjectNode topNCmdTook(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        spanType(p);
        List<CommandStat> stats = new ArrayList<>(inspect(i, List.of(), MonitorActions::commandStats));
        stats.sort(Comparator.comparingLong(CommandStat::usec).reversed().thenComparing(CommandStat::cmd));
        ObjectNode out = object();
        ArrayNode data = out.putArray("Data");
        for (CommandStat c : stats.subList(0, Math.min(TOP_N, stats.size()))) {
            ObjectNode n = data.addObject();
            n.put("Cmd", c.cmd());
            n.put("Took", c.usec() / 1000);
        }
        return out;
    }

    private ObjectNode tookDist(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        checkDate("Date", p.requireString("Date"));
        spanType(p);
        long[] counts = inspect(i, new long[LADDERS.length], MonitorActions::latencyLadders);
        return ladders(counts, now());
    }

    /** Calls per ladder from LATENCY HISTOGRAM (cumulative counts per power-of-two microsecond bucket). */
    static long[] latencyLadders(MonitorSession s) throws IOException {
        long[] counts = new long[LADDERS.length];
        Object reply;
        try {
            reply = s.call("LATENCY", "HISTOGRAM");
        } catch (io.cachesh.emulator.dataplane.RespClient.RedisError e) {
            // before redis 7: each command's calls at its average latency
            for (CommandStat c : commandStats(s)) counts[ladderIndex(c.usecPerCall() / 1000.0)] += c.calls();
            return counts;
        }
        if (!(reply instanceof List<?> list)) return counts;
        for (int k = 0; k + 1 < list.size(); k += 2) {
            if (!(list.get(k + 1) instanceof List<?> details)) continue;
            for (int d = 0; d + 1 < details.size(); d += 2) {
                if (!"histogram_usec".equals(String.valueOf(details.get(d)))) continue;
                if (!(details.get(d + 1) instanceof List<?> buckets)) continue;
                long previous = 0;
                for (int b = 0; b + 1 < buckets.size(); b += 2) {
                    long upperUsec = MonitorSession.number(buckets.get(b));
                    long cumulative = MonitorSession.number(buckets.get(b + 1));
                    counts[ladderIndex(upperUsec / 1000.0)] += Math.max(0, cumulative - previous);
                    previous = cumulative;
                }
            }
        }
        return counts;
    }

    // ---- access sources -------------------------------------------------------------------------------------------

    private ObjectNode sip(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        Map<String, long[]> byIp = inspect(i, Map.of(), s -> {
            Map<String, long[]> out = new LinkedHashMap<>();
            Object reply = s.call("CLIENT", "LIST");
            if (!(reply instanceof String text)) return out;
            for (String line : text.split("\r?\n")) {
                Map<String, String> f = new LinkedHashMap<>();
                for (String part : line.trim().split(" ")) {
                    int eq = part.indexOf('=');
                    if (eq > 0) f.put(part.substring(0, eq), part.substring(eq + 1));
                }
                String addr = f.get("addr");
                if (addr == null || MonitorSession.CLIENT_NAME.equals(f.get("name"))) continue;
                if (f.getOrDefault("flags", "").contains("S") || f.getOrDefault("flags", "").contains("M")) continue;
                int colon = addr.lastIndexOf(':');
                String ip = colon > 0 ? addr.substring(0, colon) : addr;
                long[] c = out.computeIfAbsent(ip, x -> new long[2]);
                c[0]++;
                c[1] += MonitorSession.number(f.get("tot-cmds"));
            }
            return out;
        });
        ObjectNode out = object();
        ArrayNode data = out.putArray("Data");
        byIp.forEach((ip, c) -> {
            ObjectNode n = data.addObject();
            n.put("Ip", ip);
            n.put("Conn", c[0]);
            n.put("Cmd", c[1]);
        });
        return out;
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /** The ladder of a value in the ladders' unit (ms for latency, KB for sizes). */
    static int ladderIndex(double value) {
        for (int k = 0; k < LADDERS.length - 1; k++) {
            if (value <= LADDERS[k]) return k;
        }
        return LADDERS.length - 1;
    }

    private static ObjectNode ladders(long[] counts, long now) {
        ObjectNode out = object();
        ArrayNode data = out.putArray("Data");
        for (int k = 0; k < LADDERS.length; k++) {
            ObjectNode n = data.addObject();
            n.put("Ladder", LADDERS[k]);
            n.put("Size", counts[k]);
            n.put("Updatetime", now);
        }
        return out;
    }

    private static void spanType(Params p) {
        long span = p.requireInteger("SpanType");
        if (span < 1 || span > 4) {
            throw TencentException.invalidValue("SpanType", span, "must be 1 (real time), 2 (30 minutes), 3 (6 hours) or 4 (24 hours)");
        }
    }

    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.BASIC_ISO_DATE, DateTimeFormatter.ISO_LOCAL_DATE);

    /** The seed writes dates as {@code 20190219} and {@code 2019-11-07}; a time after the date is accepted too. */
    static LocalDate checkDate(String name, String value) {
        String v = value.trim();
        if (v.length() > 10 && v.charAt(10) == ' ') v = v.substring(0, 10);
        for (DateTimeFormatter f : DATES) {
            try {
                return LocalDate.parse(v, f);
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
        }
        throw TencentException.invalidValue(name, value, "must be a date like 20190219 or 2019-11-07");
    }

    private static double parseDouble(String value) {
        if (value == null) return 0;
        try {
            return Double.parseDouble(value.trim().toLowerCase(Locale.ROOT));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
