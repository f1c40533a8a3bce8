package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.InstanceStatus;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Slow logs, read from the instance's real redis-server with {@code SLOWLOG GET}.
 *
 * <ul>
 *   <li>DescribeSlowLog: the server's slow log (what {@code slowlog-log-slower-than} lets in), newest first, filtered
 *       by BeginTime/EndTime and MinQueryTime (ms), paged by Limit/Offset. {@code Node} is the server's
 *       {@code run_id} (40 hex digits, like the seed's node ids); {@code Client} the client's IP. Role {@code slave}
 *       is empty: the emulator runs no replica processes.</li>
 *   <li>DescribeProxySlowLog: the emulator has no proxy; the proxy's log is derived from the same slow log, keeping
 *       the commands at or over the instance's {@code proxy-slowlog-log-slower-than} parameter (ms, default 500),
 *       as a proxy would log them.</li>
 *   <li>DescribeTendisSlowLog: Tendis instances only; a Redis instance id is not a Tendis instance
 *       ({@code ResourceNotFound.InstanceNotExists}).</li>
 * </ul>
 * Durations are whole milliseconds (redis measures microseconds; sub-millisecond commands show 0). The emulator's own
 * monitoring connection ({@link MonitorSession#CLIENT_NAME}) is left out. As the seed says, more than 10 000 matches
 * answer TotalCount with no details.
 */
final class SlowLogActions extends TencentActionGroup {

    /** At most this many slow-log entries are read per request. */
    static final int MAX_ENTRIES = 20_000;
    /** Above this TotalCount no details are returned (seed: "TotalCount 大于 1W 时不返回详情"). */
    static final int DETAIL_LIMIT = 10_000;
    private static final Duration MAX_SPAN = Duration.ofDays(30);

    /** One {@code SLOWLOG GET} entry. */
    record SlowEntry(long id, Instant time, long micros, List<String> args, String client, String clientName) {

        long millis() {
            return micros / 1000;
        }

        String command() {
            return args.isEmpty() ? "" : args.get(0);
        }

        String commandLine() {
            return String.join(" ", args);
        }

        /** The client's IP (redis reports {@code ip:port}). */
        String clientIp() {
            int colon = client.lastIndexOf(':');
            return colon > 0 ? client.substring(0, colon) : client;
        }
    }

    /** The matching entries (newest first) and the node id of the server they came from. */
    record SlowLogPage(List<SlowEntry> page, int total, String node) {
    }

    SlowLogActions(TencentContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(Map<String, TencentAction> actions) {
        actions.put("DescribeSlowLog", this::describeSlowLog);
        actions.put("DescribeProxySlowLog", this::describeProxySlowLog);
        actions.put("DescribeTendisSlowLog", this::describeTendisSlowLog);
    }

    private ObjectNode describeSlowLog(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        boolean replicas = "slave".equals(p.string("Role"));
        SlowLogPage result = query(i, p, 0, "FailedOperation.SystemError", replicas);
        ObjectNode out = object();
        out.put("TotalCount", result.total());
        ArrayNode details = out.putArray("InstanceSlowLogDetail");
        for (SlowEntry e : result.page()) {
            ObjectNode n = details.addObject();
            n.put("Duration", e.millis());
            n.put("Client", e.clientIp());
            n.put("Command", e.command());
            n.put("CommandLine", e.commandLine());
            n.put("ExecuteTime", time(e.time()));
            n.put("Node", result.node());
        }
        return out;
    }

    private ObjectNode describeProxySlowLog(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        long proxyThresholdMs = proxyThresholdMs(i);
        SlowLogPage result = query(i, p, proxyThresholdMs, "ResourceUnavailable.InstanceStatusAbnormal", false);
        ObjectNode out = object();
        out.put("TotalCount", result.total());
        ArrayNode details = out.putArray("InstanceProxySlowLogDetail");
        for (SlowEntry e : result.page()) {
            ObjectNode n = details.addObject();
            n.put("Duration", e.millis());
            n.put("Client", e.clientIp());
            n.put("Command", e.command());
            n.put("CommandLine", e.commandLine());
            n.put("ExecuteTime", time(e.time()));
        }
        return out;
    }

    private ObjectNode describeTendisSlowLog(TencentRequest r, Params p) {
        String id = p.requireString("InstanceId");
        Instance i = instance(r, id);
        if (!"tendis".equalsIgnoreCase(i.engine())) {
            throw new TencentException("ResourceNotFound.InstanceNotExists", "根据 serialId 没有找到对应 redis: `" + id
                    + "` is a " + i.engine() + " instance, not a Tendis instance; DescribeTendisSlowLog serves Tendis instances"
                    + " (use DescribeSlowLog for Redis).");
        }
        SlowLogPage result = query(i, p, 0, "FailedOperation.Unknown", false);
        ObjectNode out = object();
        out.put("TotalCount", result.total());
        ArrayNode details = out.putArray("TendisSlowLogDetail");
        for (SlowEntry e : result.page()) {
            ObjectNode n = details.addObject();
            n.put("ExecuteTime", time(e.time()));
            n.put("Duration", e.millis());
            n.put("Command", e.command());
            n.put("CommandLine", e.commandLine());
            n.put("Node", result.node());
        }
        return out;
    }

    // ---- the shared query -----------------------------------------------------------------------------------------

    /**
     * Validates the window and paging, reads the slow log and filters it: entries in [BeginTime, EndTime] whose
     * duration is at least MinQueryTime and {@code floorMs}. {@code empty} answers no entries (replicas).
     */
    private SlowLogPage query(Instance i, Params p, long floorMs, String ioErrorCode, boolean empty) {
        Instant begin = parseTime("BeginTime", p.requireString("BeginTime"));
        Instant end = parseTime("EndTime", p.requireString("EndTime"));
        if (end.isBefore(begin)) {
            throw TencentException.invalidValue("EndTime", p.string("EndTime"), "must not be before BeginTime " + p.string("BeginTime"));
        }
        if (Duration.between(begin, end).compareTo(MAX_SPAN) > 0) {
            throw TencentException.invalidValue("EndTime", p.string("EndTime"), "BeginTime to EndTime spans at most 30 days");
        }
        long minQueryTime = p.integer("MinQueryTime", 0);
        if (minQueryTime < 0) throw TencentException.invalidValue("MinQueryTime", minQueryTime, "must be 0 or more (ms)");
        long limit = p.integer("Limit", 20);
        if (limit < 1 || limit > 100) throw TencentException.invalidValue("Limit", limit, "must be between 1 and 100");
        long offset = p.integer("Offset", 0);
        if (offset < 0) throw TencentException.invalidValue("Offset", offset, "must be 0 or more");
        if (offset % limit != 0) throw TencentException.invalidValue("Offset", offset, "must be a multiple of Limit (" + limit + ")");
        if (i.status() == InstanceStatus.ISOLATED || i.status() == InstanceStatus.TO_BE_DELETED) {
            throw new TencentException("ResourceUnavailable.InstanceStatusError", "实例状态异常，不能执行对应操作: " + i.id()
                    + " has status " + i.status().code() + " (" + i.status().title() + ").");
        }
        if (empty) return new SlowLogPage(List.of(), 0, "");

        List<SlowEntry> entries;
        String node;
        try (MonitorSession session = MonitorSession.open(i)) {
            if (session == null) return new SlowLogPage(List.of(), 0, ""); // no data plane: nothing logged
            node = MonitorSession.runId(i, session);
            entries = read(session.call("SLOWLOG", "GET", Integer.toString(MAX_ENTRIES)));
        } catch (IOException e) {
            throw new TencentException(ioErrorCode, "redis 状态异常: reading the slow log of " + i.id() + " failed: " + e.getMessage());
        }
        long floorMicros = Math.max(floorMs, minQueryTime) * 1000;
        List<SlowEntry> matching = new ArrayList<>();
        for (SlowEntry e : entries) {
            if (MonitorSession.CLIENT_NAME.equals(e.clientName())) continue;
            if (e.time().isBefore(begin) || e.time().isAfter(end)) continue;
            if (e.micros() < floorMicros) continue;
            matching.add(e);
        }
        int total = matching.size();
        if (total > DETAIL_LIMIT || offset >= total) return new SlowLogPage(List.of(), total, node);
        int to = (int) Math.min(total, offset + limit);
        return new SlowLogPage(matching.subList((int) offset, to), total, node);
    }

    /** {@code SLOWLOG GET}: [id, unix time, microseconds, [args], "ip:port", client name], newest first. */
    static List<SlowEntry> read(Object reply) {
        List<SlowEntry> out = new ArrayList<>();
        if (!(reply instanceof List<?> list)) return out;
        for (Object item : list) {
            if (!(item instanceof List<?> e) || e.size() < 4) continue;
            List<String> args = new ArrayList<>();
            if (e.get(3) instanceof List<?> a) a.forEach(x -> args.add(String.valueOf(x)));
            out.add(new SlowEntry(MonitorSession.number(e.get(0)), Instant.ofEpochSecond(MonitorSession.number(e.get(1))),
                    MonitorSession.number(e.get(2)), args, e.size() > 4 ? String.valueOf(e.get(4)) : "",
                    e.size() > 5 ? String.valueOf(e.get(5)) : ""));
        }
        return out;
    }

    /** The instance's {@code proxy-slowlog-log-slower-than} parameter (ms). */
    static long proxyThresholdMs(Instance i) {
        String name = "proxy-slowlog-log-slower-than";
        String value = i.param(name);
        if (value == null) {
            TencentParams.Param param = TencentParams.ALL.get(name);
            value = param == null ? "500" : param.defaultValue();
        }
        try {
            return Long.parseLong(value.trim().toLowerCase(Locale.ROOT));
        } catch (NumberFormatException e) {
            return 500;
        }
    }
}
