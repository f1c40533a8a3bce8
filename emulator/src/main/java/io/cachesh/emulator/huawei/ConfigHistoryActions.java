package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Fleet;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.Task;
import io.cachesh.emulator.fleet.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The parameter-change records of an instance (v2 5.4.4 ListConfigHistories), kept in the instance's extension
 * {@value ConfigHistory#KEY}.
 *
 * <p>ConfigActions changes the parameters (UpdateConfigurations at once, UpdateInstanceConfig as a {@code modifyConfig}
 * task) without telling anyone, so the history is derived when it is read ({@link ConfigHistory#observe}):
 * <ul>
 *   <li>every {@code modifyConfig} task of the instance is one record, {@code UPDATING} while it waits, then
 *   {@code SUCCESS} / {@code FAILURE}, dated by its end;</li>
 *   <li>parameters that differ from the snapshot taken at the last look and that no task finished since explains are
 *   one more record (a synchronous UpdateConfigurations), dated when it is noticed.</li>
 * </ul>
 * {@link ConfigHistory#record} is the exact hook ConfigActions can call when it applies a change, which makes the record
 * exact (its time and its parameters) and keeps the snapshot in step so nothing is counted twice.
 */
final class ConfigHistoryActions extends HuaweiActionGroup {

    ConfigHistoryActions(HuaweiContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(HuaweiDcsProvider.Registry actions) {
        actions.v2("ListConfigHistories", this::list);
    }

    private ObjectNode list(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        long offset = r.integer("offset", 0);
        long limit = r.integer("limit", 10);
        if (offset < 0) throw HuaweiException.invalid("offset", "It must be 0 or more.");
        if (limit < 1 || limit > 1000) throw HuaweiException.invalid("limit", "It must be 1 to 1000.");
        ConfigHistory h = ConfigHistory.observe(fleet, i);
        List<ConfigHistory.Entry> newestFirst = new ArrayList<>(h.entries());
        newestFirst.sort(Comparator.comparing(ConfigHistory.Entry::createdAt).reversed());
        ObjectNode out = object();
        out.put("history_num", newestFirst.size());
        ArrayNode items = out.putArray("histories");
        newestFirst.stream().skip(offset).limit(limit).forEach(e -> {
            ObjectNode n = items.addObject();
            n.put("history_id", e.historyId());
            n.put("type", "config_param");
            n.put("created_at", e.createdAt());
            n.put("status", e.status());
        });
        return out;
    }

    /**
     * The history of one instance.
     *
     * @param seen      the parameters (ConfigActions' table) as they were at the last look, null before the first
     * @param entries   the records, oldest first
     * @param doneTasks the {@code modifyConfig} tasks whose end has been folded into {@code seen}
     */
    record ConfigHistory(Map<String, String> seen, List<Entry> entries, List<Long> doneTasks) {

        static final String KEY = "huawei.configHistory";
        /** UpdateInstanceConfig's task type in ConfigActions. */
        static final String TASK_TYPE = "modifyConfig";
        private static final Object LOCK = new Object();

        /**
         * One record: {@code taskId} 0 for a synchronous change; {@code params} name to {old, new} when known.
         */
        record Entry(String historyId, long taskId, String createdAt, String status, Map<String, List<String>> params) {
            Entry {
                params = params == null ? Map.of() : new LinkedHashMap<>(params);
            }
        }

        ConfigHistory {
            seen = seen == null ? null : new LinkedHashMap<>(seen);
            entries = entries == null ? List.of() : List.copyOf(entries);
            doneTasks = doneTasks == null ? List.of() : List.copyOf(doneTasks);
        }

        static ConfigHistory of(Instance i) {
            return i.extensions().get(KEY, ConfigHistory.class, () -> new ConfigHistory(null, List.of(), List.of()));
        }

        /** The instance's parameters as the control plane knows them (only those ConfigActions lets users change). */
        static Map<String, String> current(Instance i) {
            Map<String, String> now = new LinkedHashMap<>();
            for (ConfigActions.Param p : ConfigActions.PARAMS) {
                String v = i.param(p.name());
                if (v != null) now.put(p.name(), v);
            }
            return now;
        }

        /**
         * The hook for ConfigActions: records {@code changes} (name to new value) applied at {@code when} and moves the
         * snapshot past them. Call it after {@code i.param(name, value)} for all of them.
         */
        static void record(Instance i, Map<String, String> before, Map<String, String> changes, Instant when, long taskId) {
            synchronized (LOCK) {
                ConfigHistory h = of(i);
                Map<String, List<String>> params = new LinkedHashMap<>();
                changes.forEach((k, v) -> params.put(k, java.util.Arrays.asList(before.get(k), v)));
                List<Entry> entries = new ArrayList<>(h.entries());
                int known = taskId == 0 ? -1 : indexOfTask(entries, taskId);
                String historyId = known < 0 ? UUID.randomUUID().toString() : entries.remove(known).historyId();
                entries.add(new Entry(historyId, taskId, time(when), "SUCCESS", params));
                List<Long> done = new ArrayList<>(h.doneTasks());
                if (taskId != 0 && !done.contains(taskId)) done.add(taskId);
                i.extensions().put(KEY, new ConfigHistory(current(i), entries, done));
            }
        }

        /** Folds what happened since the last look into the history and returns it. */
        static ConfigHistory observe(Fleet fleet, Instance i) {
            synchronized (LOCK) {
                ConfigHistory h = of(i);
                Map<String, String> now = current(i);
                Map<String, String> seen = h.seen() == null ? Map.of() : h.seen();
                List<Entry> entries = new ArrayList<>(h.entries());
                List<Long> done = new ArrayList<>(h.doneTasks());
                List<Task> tasks = fleet.tasks().stream()
                        .filter(t -> i.id().equals(t.instanceId()) && TASK_TYPE.equals(t.type()))
                        .sorted(Comparator.comparingLong(Task::id))
                        .toList();
                Map<String, List<String>> diff = new LinkedHashMap<>();
                now.forEach((k, v) -> {
                    if (!Objects.equals(seen.get(k), v)) diff.put(k, java.util.Arrays.asList(seen.get(k), v));
                });
                Task explaining = null;
                for (Task t : tasks) {
                    String status = switch (t.status()) {
                        case SUCCEED -> "SUCCESS";
                        case FAILED -> "FAILURE";
                        default -> "UPDATING";
                    };
                    boolean finished = t.status() == TaskStatus.SUCCEED || t.status() == TaskStatus.FAILED;
                    Instant when = finished && t.endTime() != null ? t.endTime() : t.startTime();
                    int at = indexOfTask(entries, t.id());
                    if (at < 0) {
                        entries.add(new Entry(UUID.randomUUID().toString(), t.id(), time(when), status, Map.of()));
                        at = entries.size() - 1;
                    } else if (!entries.get(at).status().equals(status)) {
                        Entry e = entries.get(at);
                        entries.set(at, new Entry(e.historyId(), e.taskId(), time(when), status, e.params()));
                    }
                    if (finished && !done.contains(t.id())) {
                        done.add(t.id());
                        if (t.status() == TaskStatus.SUCCEED) explaining = t;
                    }
                }
                if (!diff.isEmpty()) {
                    if (explaining != null) {
                        int at = indexOfTask(entries, explaining.id());
                        Entry e = entries.get(at);
                        entries.set(at, new Entry(e.historyId(), e.taskId(), e.createdAt(), e.status(), diff));
                    } else {
                        entries.add(new Entry(UUID.randomUUID().toString(), 0, time(fleet.clock().instant()), "SUCCESS", diff));
                    }
                }
                ConfigHistory next = new ConfigHistory(now, entries, done);
                i.extensions().put(KEY, next);
                if (!next.equals(h)) fleet.changed();
                return next;
            }
        }

        private static int indexOfTask(List<Entry> entries, long taskId) {
            for (int k = 0; k < entries.size(); k++) {
                if (entries.get(k).taskId() == taskId) return k;
            }
            return -1;
        }
    }
}
