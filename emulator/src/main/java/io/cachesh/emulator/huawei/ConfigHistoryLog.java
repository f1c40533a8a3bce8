package io.cachesh.emulator.huawei;

import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.Task;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The parameter-change records of a Huawei instance (v2 5.4.4 ListConfigHistories, 5.2.4 ShowConfigHistoryDetail),
 * kept in the instance's extensions under {@link #KEY}. {@link #record} is what a parameter change calls before it
 * applies the new values: it reads the old ones from the real redis-server ({@code CONFIG GET}), so a record holds
 * what the server had and what it was given. Besides these, every {@code modifyConfig} job of the instance
 * (UpdateInstanceConfig) counts as a record, its id the {@code job_id}, its status the job's.
 */
final class ConfigHistoryLog {

    static final String KEY = "huawei.configHistories";
    static final String TYPE = "config_param";

    /** One parameter: the value before and after. */
    record Change(String name, String oldValue, String newValue) {
    }

    /** One record, as HistoryInfo has it plus the parameters. */
    record Entry(String historyId, String type, String createdAt, String status, List<Change> changes) {
        Entry {
            changes = changes == null ? List.of() : List.copyOf(changes);
        }
    }

    record Entries(List<Entry> entries) {
        Entries {
            entries = entries == null ? List.of() : List.copyOf(entries);
        }
    }

    private ConfigHistoryLog() {
    }

    /** Records a change of {@code changes} (name to new value), the old values read from the real server. */
    static Entry record(HuaweiContext ctx, Instance i, Map<String, String> changes) {
        List<Change> list = new ArrayList<>();
        changes.forEach((name, value) -> list.add(new Change(name, live(i, name), value)));
        Entry e = new Entry(UUID.randomUUID().toString(), TYPE, HuaweiActionGroup.time(ctx.clock().instant()), "SUCCESS", list);
        i.extensions().update(KEY, Entries.class, () -> new Entries(null), all -> {
            List<Entry> next = new ArrayList<>(all.entries());
            next.add(0, e);
            return new Entries(next);
        });
        ctx.fleet().changed();
        return e;
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

    /** Every record of the instance, newest first: the recorded ones, then the modifyConfig jobs. */
    static List<Entry> all(HuaweiContext ctx, Instance i) {
        List<Entry> out = new ArrayList<>(i.extensions().get(KEY, Entries.class, () -> new Entries(null)).entries());
        Map<String, HuaweiContext.Job> jobs = ctx.fleet().extensions().get("huawei.jobs", HuaweiContext.Jobs.class,
                () -> new HuaweiContext.Jobs(null)).byId();
        Map<String, Entry> fromJobs = new LinkedHashMap<>();
        jobs.forEach((id, job) -> {
            if (!"modifyConfig".equals(job.jobType())) return;
            Optional<Task> task = ctx.fleet().task(job.taskId());
            if (task.isEmpty() || !i.id().equals(task.get().instanceId())) return;
            Task t = task.get();
            String status = switch (t.status()) {
                case PREPARING, RUNNING -> "RUNNING";
                case SUCCEED -> "SUCCESS";
                case FAILED -> "FAILED";
            };
            fromJobs.put(id, new Entry(id, TYPE, HuaweiActionGroup.time(t.startTime()), status, List.of()));
        });
        List<Entry> jobEntries = new ArrayList<>(fromJobs.values());
        java.util.Collections.reverse(jobEntries);
        out.addAll(jobEntries);
        return out;
    }

    static Optional<Entry> find(HuaweiContext ctx, Instance i, String historyId) {
        return all(ctx, i).stream().filter(e -> e.historyId().equals(historyId)).findFirst();
    }
}
