package io.cachesh.dsl.huawei;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.dsl.DslException;
import io.cachesh.dsl.DslTimeoutException;
import io.cachesh.dsl.ModelClient;
import io.cachesh.dsl.Polling;
import io.cachesh.dsl.result.BigKey;
import io.cachesh.dsl.result.Instance;
import io.cachesh.dsl.result.SlowLogEntry;
import io.cachesh.dsl.result.Stats;
import io.cachesh.dsl.result.Task;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What goes on in a Huawei DCS instance: slow log (ListSlowlog), big keys (CreateBigkeyScanTask, then
 * ShowBigkeyScanTaskDetails until the scan ends), command counts (ListStatisticsOfRunningInstances: gets and sets
 * since the instance started) and background tasks (ListBackgroundTask for one instance, ListCenterTask for the
 * region).
 */
final class HuaweiInsightVerbs {

    private final ModelClient api;
    private final Duration pollInterval;
    private final Duration timeout;

    HuaweiInsightVerbs(ModelClient api, Duration pollInterval, Duration timeout) {
        this.api = api;
        this.pollInterval = pollInterval;
        this.timeout = timeout;
    }

    List<SlowLogEntry> slowlog(Instance current, Duration since, long minMillis, int limit) {
        long now = System.currentTimeMillis();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("instance_id", current.getId());
        p.put("start_time", Long.toString(now - since.toMillis()));
        p.put("end_time", Long.toString(now + 1000));
        p.put("sort_key", "start_time");
        p.put("sort_dir", "desc");
        p.put("limit", 1000);
        JsonNode r = api.call("ListSlowlog", p);
        List<SlowLogEntry> out = new ArrayList<>();
        for (JsonNode s : r.path("slowlogs")) {
            long ms = millis(s.path("duration").asText("0"));
            if (ms < minMillis) continue;
            String line = s.path("command").asText("");
            String command = line.split(" ", 2)[0].toLowerCase(Locale.ROOT);
            out.add(new SlowLogEntry(current.getId(), s.path("start_time").asText(null), ms, command, line, null,
                    s.path("shard_name").asText(null)));
            if (out.size() >= limit) break;
        }
        return out;
    }

    /** {@code duration} is milliseconds as text ({@code "0.012"}); below 1 ms counts as 0. */
    private static long millis(String duration) {
        try {
            return new BigDecimal(duration.trim()).longValue();
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    List<BigKey> bigkeys(Instance current, int top, String type) {
        String label = Polling.label(current);
        JsonNode started = api.call("CreateBigkeyScanTask", Map.of("instance_id", current.getId()));
        if (started == null) return List.of();
        String scan = started.path("id").asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode r = started;
        while (!"success".equals(r.path("status").asText()) && !"failed".equals(r.path("status").asText())) {
            if (System.nanoTime() > deadline) {
                throw new DslTimeoutException("bigkeys: timed out after " + Polling.format(timeout)
                        + " waiting for the big-key scan " + scan + " of " + label);
            }
            sleep();
            r = api.call("ShowBigkeyScanTaskDetails", Map.of("instance_id", current.getId(), "bigkey_id", scan));
        }
        if ("failed".equals(r.path("status").asText())) {
            throw new DslException("bigkeys: the big-key scan " + scan + " of " + label + " failed");
        }
        List<BigKey> out = new ArrayList<>();
        for (JsonNode k : r.path("keys")) {
            if (type != null && !type.equalsIgnoreCase(k.path("type").asText())) continue;
            out.add(new BigKey(current.getId(), k.path("db").asInt(0), k.path("name").asText(),
                    k.path("type").asText().toLowerCase(Locale.ROOT), k.path("size").asLong(0)));
        }
        out.sort(Comparator.comparingLong(BigKey::getSizeBytes).reversed());
        return out.size() > top ? List.copyOf(out.subList(0, top)) : out;
    }

    /** Huawei reports gets and sets since the instance started: only {@code realtime} has a meaning. */
    Stats stats(Instance current, String span) {
        if (!"realtime".equals(span)) {
            throw new DslException("stats: huawei reports command counts since the instance started "
                    + "(ListStatisticsOfRunningInstances), so span must be 'realtime', got '" + span + "'");
        }
        JsonNode r = api.call("ListStatisticsOfRunningInstances", Map.of());
        List<Map<String, Object>> commands = new ArrayList<>();
        for (JsonNode s : r.path("statistics")) {
            if (!current.getId().equals(s.path("instance_id").asText())) continue;
            commands.add(Map.of("command", "get", "calls", s.path("cmd_get_count").asLong(0)));
            commands.add(Map.of("command", "set", "calls", s.path("cmd_set_count").asLong(0)));
        }
        if (commands.isEmpty()) {
            throw new DslException("stats: huawei lists no statistics for " + Polling.label(current)
                    + " (only running instances have them)");
        }
        return new Stats(current.getId(), "huawei", commands, List.of(), List.of());
    }

    /** Newest first; {@code current} null: the region's task centre. */
    List<Task> tasks(Instance current, int limit) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("limit", Math.min(1000, Math.max(1, limit)));
        if (current != null) p.put("instance_id", current.getId());
        JsonNode r = api.call(current == null ? "ListCenterTask" : "ListBackgroundTask", p);
        List<Task> out = new ArrayList<>();
        for (JsonNode t : r.path("tasks")) {
            String raw = t.path("status").asText("");
            String status = switch (raw.toUpperCase(Locale.ROOT)) {
                case "SUCCESS" -> Task.SUCCEEDED;
                case "FAILED" -> Task.FAILED;
                case "RUNNING" -> Task.RUNNING;
                default -> Task.PENDING;
            };
            String instanceId = current != null ? current.getId() : instanceOf(t.path("params").asText(""));
            out.add(new Task(t.path("id").asText(), instanceId, "huawei", type(t.path("name").asText("")), status, raw,
                    t.path("created_at").asText(null), t.path("name").asText(null), Map.of()));
        }
        out.sort(Comparator.comparing((Task t) -> String.valueOf(t.getStartedAt())).reversed());
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    /** The neutral task type of a Huawei task name ({@code EXTEND} -> resize, {@code CreateInstance} -> create). */
    static String type(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.contains("extend") || n.contains("resize")) return "resize";
        if (n.contains("restore")) return "restore";
        if (n.contains("backup") || n.contains("copy")) return "backup";
        if (n.contains("config")) return "params";
        if (n.contains("restart")) return "restart";
        if (n.contains("flush")) return "clear";
        if (n.contains("acl")) return "account";
        if (n.contains("whitelist")) return "whitelist";
        if (n.contains("password")) return "password";
        if (n.contains("create")) return "create";
        if (n.contains("delete")) return "delete";
        return n;
    }

    /** {@code {"instance_id":"..."}} -> the id (ListCenterTask's {@code params}). */
    private static String instanceOf(String params) {
        int at = params.indexOf("\"instance_id\":\"");
        if (at < 0) return null;
        int from = at + "\"instance_id\":\"".length();
        int to = params.indexOf('"', from);
        return to < 0 ? null : params.substring(from, to);
    }

    private void sleep() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DslException("interrupted");
        }
    }
}
