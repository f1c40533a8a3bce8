package io.cachesh.emulator.huawei;

import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.Task;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The parameter-change records of a Huawei instance, the one source of ListConfigHistories (v2 5.4.4) and
 * ShowConfigHistoryDetail (5.2.4), kept in the instance's extensions under {@link #KEY}. ConfigActions reports every
 * change here before it applies it: a synchronous UpdateConfigurations is a {@code SUCCESS} record at once; an
 * UpdateInstanceConfig is a record from its submission ({@link #pending}, its id the {@code job_id}) whose status
 * follows its {@code modifyConfig} task ({@code UPDATING}, then {@code SUCCESS} or {@code FAILURE}), and whose
 * parameters are filled in when the task applies them. Each record holds what the real redis-server had
 * ({@code CONFIG GET}) and what it was given. Both sides of an asynchronous change find the record by a key of their
 * own ({@code key}), so the order in which submission and task run does not matter.
 */
final class ConfigHistoryLog {

    static final String KEY = "huawei.configHistories";
    static final String TYPE = "config_param";

    /** One parameter: the value before and after. */
    record Change(String name, String oldValue, String newValue) {
    }

    /**
     * One record, as HistoryInfo has it plus the parameters. {@code key} pairs the two sides of an asynchronous change;
     * {@code taskId} is its task (0 for a synchronous change, whose {@code status} is final).
     */
    record Entry(String key, String historyId, long taskId, String createdAt, String status, List<Change> changes) {
        Entry {
            changes = changes == null ? List.of() : List.copyOf(changes);
        }

        String type() {
            return TYPE;
        }
    }

    record Entries(List<Entry> entries) {
        Entries {
            entries = entries == null ? List.of() : List.copyOf(entries);
        }
    }

    private ConfigHistoryLog() {
    }

    /** A synchronous change of {@code changes} (name to new value), the old values read from the real server. */
    static Entry record(HuaweiContext ctx, Instance i, Map<String, String> changes) {
        String id = UUID.randomUUID().toString();
        return applied(ctx, i, id, id, changes);
    }

    /**
     * The parameters of the change {@code key} as they are applied (the old values read from the real server first):
     * a new {@code SUCCESS} record, or the parameters of the asynchronous record {@link #pending} made.
     */
    static Entry applied(HuaweiContext ctx, Instance i, String key, String historyId, Map<String, String> changes) {
        List<Change> list = new ArrayList<>();
        changes.forEach((name, value) -> list.add(new Change(name, live(i, name), value)));
        String now = HuaweiActionGroup.time(ctx.clock().instant());
        return upsert(ctx, i, key, e -> e == null ? new Entry(key, historyId, 0, now, "SUCCESS", list)
                : new Entry(key, e.historyId(), e.taskId(), e.createdAt(), e.status(), list));
    }

    /** An asynchronous change was submitted: its record, {@code jobId} its id, its status its task's. */
    static void pending(HuaweiContext ctx, Instance i, String key, String jobId, Task task) {
        String at = HuaweiActionGroup.time(task.startTime());
        upsert(ctx, i, key, e -> new Entry(key, jobId, task.id(), at, "UPDATING", e == null ? List.of() : e.changes()));
    }

    private static Entry upsert(HuaweiContext ctx, Instance i, String key, java.util.function.UnaryOperator<Entry> change) {
        Entry[] out = new Entry[1];
        i.extensions().update(KEY, Entries.class, () -> new Entries(null), all -> {
            List<Entry> next = new ArrayList<>(all.entries());
            int at = -1;
            for (int k = 0; k < next.size(); k++) if (key.equals(next.get(k).key())) at = k;
            out[0] = change.apply(at < 0 ? null : next.get(at));
            if (at < 0) next.add(out[0]);
            else next.set(at, out[0]);
            return new Entries(next);
        });
        ctx.fleet().changed();
        return out[0];
    }

    private static String live(Instance i, String name) {
        if (i.dataPlane() != null) {
            try {
                String v = i.dataPlane().configGet(name);
                if (v != null) return v;
            } catch (IOException ignored) {
                // fall back to the remembered value
            }
        }
        String stored = i.param(name);
        return stored == null ? "" : stored;
    }

    /** Every record of the instance, newest first, an asynchronous one with its task's status. */
    static List<Entry> all(HuaweiContext ctx, Instance i) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : i.extensions().get(KEY, Entries.class, () -> new Entries(null)).entries()) {
            Optional<Task> task = e.taskId() == 0 ? Optional.empty() : ctx.fleet().task(e.taskId());
            String status = task.map(t -> switch (t.status()) {
                case PREPARING, RUNNING -> "UPDATING";
                case SUCCEED -> "SUCCESS";
                case FAILED -> "FAILURE";
            }).orElse(e.status());
            out.add(new Entry(e.key(), e.historyId(), e.taskId(), e.createdAt(), status, e.changes()));
        }
        out.sort(Comparator.comparing(Entry::createdAt).reversed());
        return out;
    }

    static Optional<Entry> find(HuaweiContext ctx, Instance i, String historyId) {
        return all(ctx, i).stream().filter(e -> historyId.equals(e.historyId())).findFirst();
    }
}
