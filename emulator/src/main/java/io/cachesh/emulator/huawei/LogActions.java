package io.cachesh.emulator.huawei;

import io.cachesh.emulator.dataplane.RedisInspector;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Instance;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Logs (v2 5.9), from the instance's real redis-server.
 *
 * <ul>
 *   <li>ListSlowlog: {@code SLOWLOG GET} (at most {@value #MAX_SLOWLOG} entries), the emulator's own inspection
 *       connection ({@link RedisInspector#CLIENT_NAME}) left out, kept when the entry's time is in
 *       [{@code start_time}, {@code end_time}] (ms), sorted by {@code start_time} or {@code duration}, paged.
 *       {@code id} is redis' entry id, {@code command} the command line, {@code duration} milliseconds with the
 *       microseconds redis measured as decimals ({@code "0.012"}), {@code shard_name} {@code group-0} for cluster
 *       instances only; {@code database_id} and {@code username} (specific customers only) are not answered: SLOWLOG
 *       does not record them.</li>
 *   <li>CreateRedislog (204): collects the run log of the redis-server process (its stdout/stderr, which the
 *       emulator writes to {@code redis.log} in the instance's data directory), the lines of the last
 *       {@code query_time} days (0 = today, UTC), into {@code redislogs/<id>/redis_127.0.0.1_<date>.log} beside the
 *       backups; after
 *       the task delay the file is listed {@code succeed}. When the process wrote no log (no data plane) the file holds
 *       what {@code INFO server} says, or nothing.</li>
 *   <li>ListRedislog: the collected files, newest first, paged. The seed's 204 for "no logs" needs the front-end to
 *       let a handler choose the status; this answers 200 with {@code total_num} 0.</li>
 *   <li>CreateRedislogDownloadLink: a {@code file://} URL of the collected file (the emulator's one port has no
 *       download route; the Tencent backup URLs do the same).</li>
 * </ul>
 */
final class LogActions extends HuaweiActionGroup {

    static final int MAX_SLOWLOG = 10_000;
    private static final String RUNLOGS = "huawei.runlogs";
    private static final Set<Long> QUERY_TIMES = Set.of(0L, 1L, 3L, 7L);
    private static final DateTimeFormatter SLOW_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** A redis-server log line: {@code 1234:M 13 Jun 2023 13:46:14.771 * Ready to accept connections}. */
    private static final Pattern LOG_LINE = Pattern.compile("^\\d+:[A-Z] (\\d{1,2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}) ");
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss.SSS", Locale.ENGLISH);

    /** A collected run-log file. */
    public record RunLog(String id, String fileName, String status, String date, String createdAt) {
    }

    /** The collected run logs of an instance, oldest first. */
    public record RunLogs(List<RunLog> logs) {
        public RunLogs {
            logs = logs == null ? List.of() : List.copyOf(logs);
        }
    }

    /** One {@code SLOWLOG GET} entry. */
    record SlowEntry(long id, Instant time, long micros, List<String> args, String clientName) {
    }

    LogActions(HuaweiContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(HuaweiDcsProvider.Registry actions) {
        actions.v2("ListSlowlog", this::listSlowlog);
        actions.v2("ListRedislog", this::listRedislog);
        actions.v2("CreateRedislog", this::createRedislog);
        actions.v2("CreateRedislogDownloadLink", this::downloadLink);
    }

    private static HuaweiException invalid4800(String what, String detail) {
        return new HuaweiException("DCS.4800", "111400800", 400, "Invalid " + what + " in the request." + (detail == null ? "" : " " + detail));
    }

    // ---- slow log -------------------------------------------------------------------------------------------------

    private static Instant millis(HuaweiRequest r, String name) {
        String v = r.requireString(name).trim();
        if (!v.matches("\\d{1,15}")) throw invalid4800(name, "`" + v + "` is not a Unix time in milliseconds like 1598803200000.");
        return Instant.ofEpochMilli(Long.parseLong(v));
    }

    private ObjectNode listSlowlog(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        Instant start = millis(r, "start_time");
        Instant end = millis(r, "end_time");
        if (end.isBefore(start)) throw invalid4800("end_time", "It must not be before start_time.");
        long offset = r.integer("offset", 0);
        long limit = r.integer("limit", 10);
        if (offset < 0) throw invalid4800("offset", null);
        if (limit < 1 || limit > 1000) throw invalid4800("limit", "It must be 1-1000.");
        List<SlowEntry> entries = new ArrayList<>();
        try (RedisInspector s = RedisInspector.open(i, 5_000)) {
            if (s != null) entries = read(s.call("SLOWLOG", "GET", Integer.toString(MAX_SLOWLOG)));
        } catch (IOException e) {
            throw new HuaweiException("DCS.4049", "111400049", 400, "The instance status is not running: reading the slow log of "
                    + i.id() + " failed: " + e.getMessage());
        }
        List<SlowEntry> matching = new ArrayList<>();
        for (SlowEntry e : entries) {
            if (RedisInspector.CLIENT_NAME.equals(e.clientName())) continue;
            // redis records whole seconds: an entry matches when its second overlaps the window
            if (e.time().plusMillis(999).isBefore(start) || e.time().isAfter(end)) continue;
            matching.add(e);
        }
        Comparator<SlowEntry> order = "duration".equals(r.string("sort_key", "start_time"))
                ? Comparator.comparingLong(SlowEntry::micros).thenComparingLong(SlowEntry::id)
                : Comparator.comparing(SlowEntry::time).thenComparingLong(SlowEntry::id);
        if (!"asc".equals(r.string("sort_dir", "desc"))) order = order.reversed();
        matching.sort(order);
        boolean cluster = "cluster".equals(state(i).cacheMode());
        ObjectNode out = object();
        out.put("total_num", matching.size());
        out.put("count", matching.size());
        ArrayNode items = out.putArray("slowlogs");
        matching.stream().skip(offset).limit(limit).forEach(e -> {
            ObjectNode n = items.addObject();
            n.put("id", e.id());
            n.put("command", String.join(" ", e.args()));
            n.put("start_time", SLOW_TIME.format(e.time()));
            n.put("duration", BigDecimal.valueOf(e.micros()).movePointLeft(3).stripTrailingZeros().toPlainString());
            if (cluster) n.put("shard_name", "group-0");
        });
        return out;
    }

    /** {@code SLOWLOG GET}: [id, unix time, microseconds, [args], "ip:port", client name]. */
    static List<SlowEntry> read(Object reply) {
        List<SlowEntry> out = new ArrayList<>();
        if (!(reply instanceof List<?> list)) return out;
        for (Object item : list) {
            if (!(item instanceof List<?> e) || e.size() < 4) continue;
            List<String> args = new ArrayList<>();
            if (e.get(3) instanceof List<?> a) a.forEach(x -> args.add(String.valueOf(x)));
            out.add(new SlowEntry(RedisInspector.number(e.get(0)), Instant.ofEpochSecond(RedisInspector.number(e.get(1))),
                    RedisInspector.number(e.get(2)), args, e.size() > 5 ? String.valueOf(e.get(5)) : ""));
        }
        return out;
    }

    // ---- run logs -------------------------------------------------------------------------------------------------

    private static void checkLogType(HuaweiRequest r) {
        String type = r.requireString("log_type");
        if (!"run".equals(type)) {
            throw new HuaweiException("DCS.4800", "111400800", 400, "Invalid logType. Only Redis run logs are supported "
                    + "(log_type=run), not `" + type + "`.");
        }
    }

    private RunLogs runLogs(Instance i) {
        return i.extensions().get(RUNLOGS, RunLogs.class, () -> new RunLogs(null));
    }

    private Path logDir(Instance i) {
        return fleet.backupDir(i.id()).resolveSibling("redislogs");
    }

    private ObjectNode listRedislog(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        checkLogType(r);
        long offset = r.integer("offset", 0);
        long limit = r.integer("limit", 10);
        if (offset < 0) throw invalid4800("offset", null);
        if (limit < 1 || limit > 1000) throw invalid4800("limit", "It must be 1-1000.");
        List<RunLog> logs = new ArrayList<>(runLogs(i).logs());
        java.util.Collections.reverse(logs);
        ObjectNode out = object();
        out.put("total_num", logs.size());
        ArrayNode files = out.putArray("file_list");
        logs.stream().skip(offset).limit(limit).forEach(l -> {
            ObjectNode n = files.addObject();
            n.put("id", l.id());
            n.put("file_name", l.fileName());
            n.put("group_name", "group-0");
            n.put("replication_ip", "127.0.0.1");
            n.put("status", l.status());
            n.put("time", l.date());
            n.put("backup_id", l.id());
        });
        return out;
    }

    private ObjectNode createRedislog(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        checkLogType(r);
        long days = r.integer("query_time", 0);
        if (!QUERY_TIMES.contains(days)) throw invalid4800("query_time", "It must be 0, 1, 3 or 7 (days), not " + days + ".");
        String replication = r.string("replication_id");
        if (!"single".equals(state(i).cacheMode()) && (replication == null || replication.isBlank())) {
            throw invalid4800("replication_id", "It is required for a " + state(i).cacheMode() + " instance.");
        }
        Instant now = ctx.clock().instant();
        String date = now.atZone(ZoneOffset.UTC).toLocalDate().toString();
        String id = UUID.randomUUID().toString();
        String file = "redis_127.0.0.1_" + date + ".log";
        RunLog log = new RunLog(id, file, "waiting", date, time(now));
        i.extensions().update(RUNLOGS, RunLogs.class, () -> new RunLogs(null), ls -> {
            List<RunLog> next = new ArrayList<>(ls.logs());
            next.add(log);
            return new RunLogs(next);
        });
        fleet.changed();
        LocalDate from = now.atZone(ZoneOffset.UTC).toLocalDate().minusDays(days);
        fleet.submit(i.id(), "collectRedisLog", id, () -> {
            String status = "failed";
            try {
                Path dir = logDir(i).resolve(id);
                Files.createDirectories(dir);
                Files.write(dir.resolve(file), collect(i, from), StandardCharsets.UTF_8);
                status = "succeed";
                return "";
            } finally {
                String finalStatus = status;
                i.extensions().update(RUNLOGS, RunLogs.class, () -> new RunLogs(null), ls -> new RunLogs(ls.logs().stream()
                        .map(x -> x.id().equals(id) ? new RunLog(x.id(), x.fileName(), finalStatus, x.date(), x.createdAt()) : x)
                        .toList()));
                fleet.changed();
            }
        });
        return null;
    }

    /** The process' log lines from {@code from} (UTC date) on; undated lines go with the dated line before them. */
    private List<String> collect(Instance i, LocalDate from) throws IOException {
        Path log = fleet.dataDir(i.id()).resolve("redis.log");
        List<String> out = new ArrayList<>();
        if (Files.isRegularFile(log)) {
            boolean keep = false;
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                Matcher m = LOG_LINE.matcher(line);
                if (m.find()) {
                    try {
                        LocalDate day = LocalDateTime.parse(m.group(1), LOG_TIME).atZone(ZoneId.systemDefault())
                                .withZoneSameInstant(ZoneOffset.UTC).toLocalDate();
                        keep = !day.isBefore(from);
                    } catch (DateTimeParseException e) {
                        // keep the previous verdict
                    }
                }
                if (keep) out.add(line);
            }
            return out;
        }
        try (RedisInspector s = RedisInspector.open(i, 5_000)) {
            if (s == null) return out;
            for (Map.Entry<String, String> e : s.info("server").entrySet()) out.add(e.getKey() + ":" + e.getValue());
        }
        return out;
    }

    private ObjectNode downloadLink(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        String id = r.requireString("id");
        RunLog log = runLogs(i).logs().stream().filter(l -> l.id().equals(id)).findFirst()
                .orElseThrow(() -> invalid4800("id", "No run log " + id + " was collected for " + i.id() + "."));
        Path file = logDir(i).resolve(id).resolve(log.fileName());
        if (!"succeed".equals(log.status()) || !Files.isRegularFile(file)) {
            throw invalid4800("id", "Run log " + id + " is " + log.status() + ", not collected yet.");
        }
        ObjectNode out = object();
        out.put("id", id);
        out.put("backup_id", id);
        out.put("link", file.toAbsolutePath().toUri().toString());
        return out;
    }
}
