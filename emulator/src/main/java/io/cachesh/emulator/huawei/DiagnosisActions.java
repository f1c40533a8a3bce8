package io.cachesh.emulator.huawei;

import io.cachesh.emulator.dataplane.RedisInspector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.Task;
import io.cachesh.emulator.fleet.TaskStatus;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Instance diagnosis (v2 5.13): a report computed from the real redis-server after the task delay ({@code diagnosing},
 * then {@code finished}; {@code failed} items when the instance has no redis-server in this emulator). One node:
 * {@code 127.0.0.1:<port>}, {@code group-0}, the role from {@code INFO replication}.
 *
 * <p>The seed's dimensions and items (5.13.4), each {@code normal} or {@code abnormal} with the cause/impact/advice
 * ids of appendix 7.6:
 * <ul>
 *   <li>load / {@code cpu_usage}: {@code used_cpu_sys + used_cpu_user} sampled 200 ms apart, abnormal over
 *       {@value #CPU_THRESHOLD}% (cause 11, impact 3, advice 2).</li>
 *   <li>load / {@code time_consuming_commands}: slow-log entries (other than the emulator's own) in the diagnosis
 *       window (cause 10 with {@code COMMANDS}, impact 3, advice 7).</li>
 *   <li>storage / {@code inner_memory_fragmentation}: {@code mem_fragmentation_ratio} over 1.5 with more than
 *       100 MB wasted, redis' own active-defrag thresholds (cause 7, impact 3, advice 4).</li>
 *   <li>storage / {@code persistence}: {@code rdb_last_bgsave_status} / {@code aof_last_write_status} not ok
 *       (cause 4, impact 4 or 6).</li>
 *   <li>storage / {@code centralized_expiration}: {@code expired_stale_perc} over 10% (cause 9, impact 3, advice 6).</li>
 *   <li>storage / {@code memory_usage}: {@code used_memory} over {@value #MEMORY_THRESHOLD}% of {@code maxmemory}
 *       (cause 5, impact 3, advice 3), or {@code evicted_keys} above 0 (cause 5, impact 5, advice 5).</li>
 *   <li>storage / {@code hit_ratio}: with 100 lookups or more, {@code keyspace_hits} below
 *       {@value #HIT_THRESHOLD}% (cause 8, impact 5, advice 5).</li>
 *   <li>network / {@code connection_num}: {@code connected_clients} over 80% of {@code maxclients} (cause 1,
 *       impact 1, advice 1).</li>
 *   <li>network / {@code rx_controlled}: {@code rejected_connections} above 0 (cause 1, impact 1, advice 2).</li>
 * </ul>
 * {@code command_time_taken_list} is {@code INFO commandstats} (since the server started; redis keeps no window):
 * the times in milliseconds, as the seed's example values are.
 */
final class DiagnosisActions extends HuaweiActionGroup {

    static final int CPU_THRESHOLD = 70;
    static final int MEMORY_THRESHOLD = 90;
    static final int HIT_THRESHOLD = 90;
    static final int CONNECTION_THRESHOLD = 80;
    private static final String KEY = "huawei.diagnosis";
    private static final Duration MAX_WINDOW = Duration.ofMinutes(10);

    /** One diagnosis report; {@code node} is the node report (null until finished). */
    public record Report(String reportId, long taskId, String status, String beginTime, String endTime, String createdAt,
                         int abnormal, int failed, JsonNode node) {
    }

    /** The reports of an instance, oldest first. */
    public record Reports(List<Report> reports) {
        public Reports {
            reports = reports == null ? List.of() : List.copyOf(reports);
        }
    }

    DiagnosisActions(HuaweiContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(HuaweiDcsProvider.Registry actions) {
        actions.v2("CreateDiagnosisTask", this::create);
        actions.v2("ListDiagnosisTasks", this::list);
        actions.v2("DeleteDiagnosisTask", this::delete);
        actions.v2("ShowDiagnosisTaskDetails", this::show);
    }

    private Reports reports(Instance i) {
        return i.extensions().get(KEY, Reports.class, () -> new Reports(null));
    }

    private static Instant millis(HuaweiRequest r, String name) {
        String v = r.requireString(name).trim();
        if (!v.matches("\\d{1,15}")) {
            throw CacheAnalysisActions.invalidBody(name, "`" + v + "` is not a Unix time in milliseconds like 1618466522486.");
        }
        return Instant.ofEpochMilli(Long.parseLong(v));
    }

    // ---- create ---------------------------------------------------------------------------------------------------

    private ObjectNode create(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        Instant begin = millis(r, "begin_time");
        Instant end = millis(r, "end_time");
        Instant now = ctx.clock().instant();
        if (!end.isAfter(begin)) throw new HuaweiException("DCS.4025", 400, "The end time must be after the start time.");
        if (Duration.between(begin, end).compareTo(MAX_WINDOW) > 0) {
            throw new HuaweiException("DCS.4028", 400, "The diagnosis time range is max 10 minutes: "
                    + Duration.between(begin, end).toSeconds() + " s asked.");
        }
        if (begin.isAfter(now)) {
            throw new HuaweiException("DCS.4031", 400, "The start time cannot be later than the current server time: "
                    + time(begin) + " is after " + time(now) + ".");
        }
        if (begin.isBefore(now.minus(Duration.ofDays(7)))) {
            throw new HuaweiException("DCS.4030", 400, "The start time must be within the last seven days: " + time(begin) + ".");
        }
        if (begin.isBefore(i.createTime())) {
            throw new HuaweiException("DCS.4033", 400, "The start time must be after the instance start time: " + time(begin)
                    + " is before " + time(i.createTime()) + ".");
        }
        requireRunning(i);
        for (String ip : r.strings("node_ip_list")) {
            String node = i.dataPlane() == null ? null : "127.0.0.1:" + i.dataPlane().port();
            if (!ip.equals("127.0.0.1") && !ip.equals(node)) {
                throw CacheAnalysisActions.invalidBody("node_ip_list", "`" + ip + "` is not a node of " + i.id()
                        + " (its node is 127.0.0.1" + (node == null ? "" : ", " + node) + ").");
            }
        }
        String id = UUID.randomUUID().toString();
        Task task = fleet.submit(i.id(), "diagnosis", id, () -> {
            ObjectNode node = diagnose(i, begin, end);
            int abnormal = node.path("abnormal_sum").asInt();
            int failed = node.path("failed_sum").asInt();
            i.extensions().update(KEY, Reports.class, () -> new Reports(null), rs -> new Reports(rs.reports().stream()
                    .map(x -> x.reportId().equals(id) ? new Report(id, x.taskId(), "finished", x.beginTime(), x.endTime(),
                            x.createdAt(), abnormal, failed, node) : x).toList()));
            fleet.changed();
            return "";
        });
        Report report = new Report(id, task.id(), "diagnosing", time(begin), time(end), time(now), 0, 0, null);
        i.extensions().update(KEY, Reports.class, () -> new Reports(null), rs -> {
            List<Report> next = new ArrayList<>(rs.reports());
            next.add(report);
            return new Reports(next);
        });
        fleet.changed();
        ObjectNode out = object();
        out.put("report_id", id);
        return out;
    }

    /** The item verdicts: name, result, cause/impact/advice (id, params). */
    private record Item(String name, String result, List<Conclusion> causes, List<Conclusion> impacts, List<Conclusion> advice) {
        static Item normal(String name) {
            return new Item(name, "normal", null, null, null);
        }

        static Item failed(String name) {
            return new Item(name, "failed", null, null, null);
        }
    }

    private record Conclusion(int id, Map<String, String> params) {
        static List<Conclusion> of(int... ids) {
            List<Conclusion> out = new ArrayList<>();
            for (int id : ids) out.add(new Conclusion(id, null));
            return out;
        }
    }

    private ObjectNode diagnose(Instance i, Instant begin, Instant end) throws IOException {
        Map<String, List<Item>> dimensions = new LinkedHashMap<>();
        String role = "master";
        Map<String, String> commandStats = null;
        try (RedisInspector s = RedisInspector.open(i, 5_000)) {
            if (s == null) {
                dimensions.put("load", List.of(Item.failed("cpu_usage"), Item.failed("time_consuming_commands")));
                dimensions.put("storage", List.of(Item.failed("inner_memory_fragmentation"), Item.failed("persistence"),
                        Item.failed("centralized_expiration"), Item.failed("memory_usage"), Item.failed("hit_ratio")));
                dimensions.put("network", List.of(Item.failed("connection_num"), Item.failed("rx_controlled")));
            } else {
                Map<String, String> info = s.info("all");
                role = info.getOrDefault("role", "master");
                commandStats = info;
                dimensions.put("load", List.of(cpu(s, info), slowCommands(s, begin, end)));
                dimensions.put("storage", List.of(fragmentation(info), persistence(info), expiration(info), memory(info),
                        hitRatio(info)));
                long maxclients = RedisInspector.number(s.config("maxclients"));
                dimensions.put("network", List.of(connections(info, maxclients), rejected(info)));
            }
        }
        ObjectNode node = object();
        node.put("node_ip", "127.0.0.1" + (i.dataPlane() == null ? "" : ":" + i.dataPlane().port()));
        List<String> azs = state(i).azCodes();
        node.put("az_code", azs.isEmpty() ? "" : azs.get(0));
        node.put("group_name", "group-0");
        node.put("role", role);
        int abnormal = 0;
        int failed = 0;
        ArrayNode dims = node.putArray("diagnosis_dimension_list");
        for (Map.Entry<String, List<Item>> d : dimensions.entrySet()) {
            ObjectNode dim = dims.addObject();
            dim.put("name", d.getKey());
            int dimAbnormal = (int) d.getValue().stream().filter(x -> "abnormal".equals(x.result())).count();
            int dimFailed = (int) d.getValue().stream().filter(x -> "failed".equals(x.result())).count();
            dim.put("abnormal_num", dimAbnormal);
            dim.put("failed_num", dimFailed);
            abnormal += dimAbnormal;
            failed += dimFailed;
            ArrayNode items = dim.putArray("diagnosis_item_list");
            for (Item item : d.getValue()) {
                ObjectNode n = items.addObject();
                n.put("name", item.name());
                conclusions(n, "cause_ids", item.causes());
                conclusions(n, "impact_ids", item.impacts());
                conclusions(n, "advice_ids", item.advice());
                n.put("result", item.result());
            }
        }
        node.put("abnormal_sum", abnormal);
        node.put("failed_sum", failed);
        node.set("command_time_taken_list", commandTimes(commandStats));
        return node;
    }

    private static void conclusions(ObjectNode n, String name, List<Conclusion> list) {
        if (list == null) {
            n.putNull(name);
            return;
        }
        ArrayNode a = n.putArray(name);
        for (Conclusion c : list) {
            ObjectNode x = a.addObject();
            x.put("id", c.id());
            if (c.params() == null) x.putNull("params");
            else c.params().forEach(x.putObject("params")::put);
        }
    }

    private static Item abnormal(String name, List<Conclusion> causes, List<Conclusion> impacts, List<Conclusion> advice) {
        return new Item(name, "abnormal", causes, impacts, advice);
    }

    private static List<Conclusion> with(int id, String param, String value) {
        return List.of(new Conclusion(id, Map.of(param, value)));
    }

    private static Item cpu(RedisInspector s, Map<String, String> first) throws IOException {
        double before = RedisInspector.decimal(first.get("used_cpu_sys")) + RedisInspector.decimal(first.get("used_cpu_user"));
        long t0 = System.nanoTime();
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, String> cpu = s.info("cpu");
        double after = RedisInspector.decimal(cpu.get("used_cpu_sys")) + RedisInspector.decimal(cpu.get("used_cpu_user"));
        double seconds = (System.nanoTime() - t0) / 1e9;
        double percent = seconds <= 0 ? 0 : (after - before) / seconds * 100;
        if (percent <= CPU_THRESHOLD) return Item.normal("cpu_usage");
        return abnormal("cpu_usage", with(11, "THRESHOLD", CPU_THRESHOLD + "%"), Conclusion.of(3), Conclusion.of(2));
    }

    private static Item slowCommands(RedisInspector s, Instant begin, Instant end) throws IOException {
        Set<String> commands = new LinkedHashSet<>();
        for (LogActions.SlowEntry e : LogActions.read(s.call("SLOWLOG", "GET", Integer.toString(LogActions.MAX_SLOWLOG)))) {
            if (RedisInspector.CLIENT_NAME.equals(e.clientName())) continue;
            if (e.time().plusMillis(999).isBefore(begin) || e.time().isAfter(end)) continue;
            if (!e.args().isEmpty()) commands.add(e.args().get(0).toLowerCase(java.util.Locale.ROOT));
        }
        if (commands.isEmpty()) return Item.normal("time_consuming_commands");
        return abnormal("time_consuming_commands", with(10, "COMMANDS", String.join(",", commands)), Conclusion.of(3),
                Conclusion.of(7));
    }

    private static Item fragmentation(Map<String, String> info) {
        double ratio = RedisInspector.decimal(info.get("mem_fragmentation_ratio"));
        long wasted = RedisInspector.number(info.get("used_memory_rss")) - RedisInspector.number(info.get("used_memory"));
        if (ratio <= 1.5 || wasted <= 100L * 1024 * 1024) return Item.normal("inner_memory_fragmentation");
        return abnormal("inner_memory_fragmentation", Conclusion.of(7), Conclusion.of(3), Conclusion.of(4));
    }

    private static Item persistence(Map<String, String> info) {
        boolean rdbFailed = !"ok".equals(info.getOrDefault("rdb_last_bgsave_status", "ok"));
        boolean aofFailed = "1".equals(info.get("aof_enabled")) && !"ok".equals(info.getOrDefault("aof_last_write_status", "ok"));
        if (!rdbFailed && !aofFailed) return Item.normal("persistence");
        List<Conclusion> impacts = new ArrayList<>();
        if (rdbFailed) impacts.add(new Conclusion(4, null));
        if (aofFailed) impacts.add(new Conclusion(6, null));
        return abnormal("persistence", Conclusion.of(4), impacts, Conclusion.of(3));
    }

    private static Item expiration(Map<String, String> info) {
        if (RedisInspector.decimal(info.get("expired_stale_perc")) <= 10) return Item.normal("centralized_expiration");
        return abnormal("centralized_expiration", Conclusion.of(9), Conclusion.of(3), Conclusion.of(6));
    }

    private static Item memory(Map<String, String> info) {
        long used = RedisInspector.number(info.get("used_memory"));
        long max = RedisInspector.number(info.get("maxmemory"));
        long evicted = RedisInspector.number(info.get("evicted_keys"));
        if (max > 0 && used * 100 > max * MEMORY_THRESHOLD) {
            return abnormal("memory_usage", with(5, "THRESHOLD", MEMORY_THRESHOLD + "%"), Conclusion.of(3), Conclusion.of(3));
        }
        if (evicted > 0) {
            return abnormal("memory_usage", with(5, "THRESHOLD", MEMORY_THRESHOLD + "%"), Conclusion.of(5), Conclusion.of(5));
        }
        return Item.normal("memory_usage");
    }

    private static Item hitRatio(Map<String, String> info) {
        long hits = RedisInspector.number(info.get("keyspace_hits"));
        long misses = RedisInspector.number(info.get("keyspace_misses"));
        if (hits + misses < 100 || hits * 100 >= (hits + misses) * HIT_THRESHOLD) return Item.normal("hit_ratio");
        return abnormal("hit_ratio", with(8, "THRESHOLD", HIT_THRESHOLD + "%"), Conclusion.of(5), Conclusion.of(5));
    }

    private static Item connections(Map<String, String> info, long maxclients) {
        long clients = RedisInspector.number(info.get("connected_clients"));
        long threshold = maxclients * CONNECTION_THRESHOLD / 100;
        if (maxclients <= 0 || clients <= threshold) return Item.normal("connection_num");
        return abnormal("connection_num", with(1, "THRESHOLD", Long.toString(threshold)), Conclusion.of(1), Conclusion.of(1));
    }

    private static Item rejected(Map<String, String> info) {
        if (RedisInspector.number(info.get("rejected_connections")) <= 0) return Item.normal("rx_controlled");
        return abnormal("rx_controlled", Conclusion.of(1), Conclusion.of(1), Conclusion.of(2));
    }

    private static ObjectNode commandTimes(Map<String, String> info) {
        ObjectNode out = object();
        ArrayNode list = out.putArray("command_list");
        if (info == null) {
            out.put("result", "failed");
            out.put("total_num", 0);
            out.put("total_usec_sum", 0.0);
            return out;
        }
        long totalUsec = 0;
        Map<String, long[]> stats = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : info.entrySet()) {
            if (!e.getKey().startsWith("cmdstat_")) continue;
            Map<String, String> f = RedisInspector.fields(e.getValue());
            long calls = RedisInspector.number(f.get("calls"));
            long usec = RedisInspector.number(f.get("usec"));
            stats.put(e.getKey().substring("cmdstat_".length()), new long[]{calls, usec});
            totalUsec += usec;
        }
        for (Map.Entry<String, long[]> e : stats.entrySet()) {
            long calls = e.getValue()[0];
            long usec = e.getValue()[1];
            ObjectNode n = list.addObject();
            n.put("calls_sum", calls);
            n.put("usec_sum", ms(usec));
            n.put("command_name", e.getKey());
            BigDecimal share = totalUsec == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(usec * 100.0 / totalUsec);
            n.put("per_usec", share.setScale(2, RoundingMode.HALF_UP).toPlainString() + "%");
            n.put("average_usec", calls == 0 ? 0.0 : ms((double) usec / calls));
        }
        out.put("result", "succeed");
        out.put("total_num", stats.size());
        out.put("total_usec_sum", ms(totalUsec));
        return out;
    }

    private static double ms(double usec) {
        return BigDecimal.valueOf(usec / 1000.0).setScale(3, RoundingMode.HALF_UP).doubleValue();
    }

    // ---- list, delete, show ---------------------------------------------------------------------------------------

    private String status(Report report) {
        if (!"diagnosing".equals(report.status())) return report.status();
        Task t = fleet.task(report.taskId()).orElse(null);
        return t != null && t.status() == TaskStatus.FAILED ? "failed" : report.status();
    }

    private ObjectNode list(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        long offset = r.integer("offset", 0);
        long limit = r.integer("limit", 10);
        if (offset < 0) throw HuaweiException.invalid("offset", "It must be 0 or more.");
        if (limit < 1 || limit > 1000) throw HuaweiException.invalid("limit", "It must be 1-1000.");
        List<Report> all = new ArrayList<>(reports(i).reports());
        java.util.Collections.reverse(all);
        ObjectNode out = object();
        ArrayNode list = out.putArray("diagnosis_report_list");
        all.stream().skip(offset).limit(limit).forEach(x -> {
            ObjectNode n = list.addObject();
            n.put("report_id", x.reportId());
            n.put("status", status(x));
            n.put("begin_time", x.beginTime());
            n.put("end_time", x.endTime());
            n.put("created_at", x.createdAt());
            n.put("node_num", 1);
            n.put("abnormal_item_sum", x.abnormal());
            n.put("failed_item_sum", x.failed());
        });
        out.put("total_num", all.size());
        return out;
    }

    private ObjectNode delete(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        List<String> ids = r.strings("report_id_list");
        if (!r.has("report_id_list")) ids = reports(i).reports().stream().map(Report::reportId).toList();
        Set<String> existing = new LinkedHashSet<>(reports(i).reports().stream().map(Report::reportId).toList());
        Set<String> removed = new LinkedHashSet<>();
        ObjectNode out = object();
        ArrayNode results = out.putArray("results");
        for (String id : ids) {
            boolean ok = existing.contains(id) && removed.add(id);
            ObjectNode n = results.addObject();
            n.put("result", ok ? "successful" : "failed");
            n.put("id", id);
        }
        i.extensions().update(KEY, Reports.class, () -> new Reports(null),
                rs -> new Reports(rs.reports().stream().filter(x -> !removed.contains(x.reportId())).toList()));
        fleet.changed();
        return out;
    }

    private ObjectNode show(HuaweiRequest r) {
        String id = r.requireString("report_id");
        Optional<Report> found = Optional.empty();
        for (Instance i : fleet.instances()) {
            if (!VENDOR.equals(i.vendor())) continue;
            found = reports(i).reports().stream().filter(x -> x.reportId().equals(id)).findFirst();
            if (found.isPresent()) break;
        }
        Report report = found.orElseThrow(() -> HuaweiException.invalid("report_id", "No diagnosis report " + id + "."));
        ObjectNode out = object();
        out.put("abnormal_item_sum", report.abnormal());
        out.put("failed_item_sum", report.failed());
        ArrayNode nodes = out.putArray("diagnosis_node_report_list");
        if (report.node() != null) nodes.add(report.node().deepCopy());
        return out;
    }
}
