package io.cachesh.emulator.tencent;

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
import java.util.Optional;

/**
 * The parameter-change history of an instance (DescribeInstanceParamRecords), in {@link Instance#extensions()}
 * under {@link #KEY}. Template applications write their records directly (status 1 while the task is pending, 2 or
 * 3 when it is done). Changes made by ModifyInstanceParams are found by {@link #observe}: it compares the instance's
 * parameters with the values seen last and records each difference, dated by the ModifyInstanceParams task that
 * finished last.
 */
record ParamChangeHistory(Map<String, String> seen, List<Entry> entries, List<Long> ownTasks) {

    static final String KEY = "tencent.paramRecords";
    /** ParamChangeHistory.Status: 1 修改中, 2 修改成功, 3 修改失败. */
    static final int CHANGING = 1;
    static final int DONE = 2;
    static final int FAILED = 3;
    /** ModifyInstanceParams' task type (FLOW_MODIFYINSTANCEPARAMS); template applications use it too. */
    static final String TASK_TYPE = "034";
    /** Serializes reading and changing the parameters with recording them. */
    static final Object LOCK = new Object();

    record Entry(long taskId, String paramName, String preValue, String newValue, int status, String modifyTime) {
    }

    ParamChangeHistory {
        seen = seen == null ? null : new LinkedHashMap<>(seen);
        entries = entries == null ? List.of() : List.copyOf(entries);
        ownTasks = ownTasks == null ? List.of() : List.copyOf(ownTasks);
    }

    static ParamChangeHistory of(Instance i) {
        return i.extensions().get(KEY, ParamChangeHistory.class, () -> new ParamChangeHistory(null, List.of(), List.of()));
    }

    static void put(Instance i, ParamChangeHistory h) {
        i.extensions().put(KEY, h);
    }

    /** The instance's parameters as Tencent reports them: the stored value, else the default. */
    static Map<String, String> current(Instance i) {
        Map<String, String> all = TencentParams.defaults();
        i.params().forEach((k, v) -> {
            if (all.containsKey(k)) all.put(k, v);
        });
        return all;
    }

    /** Records the changes made since the last look (by ModifyInstanceParams or anything else). Hold {@link #LOCK}. */
    static ParamChangeHistory observe(Fleet fleet, Instance i) {
        ParamChangeHistory h = of(i);
        Map<String, String> now = current(i);
        List<Task> modifications = fleet.tasks().stream()
                .filter(t -> i.id().equals(t.instanceId()) && TASK_TYPE.equals(t.type()) && !h.ownTasks().contains(t.id()))
                .toList();
        Map<String, String> seen = h.seen();
        if (seen == null) {
            // first look: with no ModifyInstanceParams yet, what the instance has now is its starting point
            seen = modifications.isEmpty() ? now : TencentParams.defaults();
        }
        List<Entry> entries = new ArrayList<>(h.entries());
        Optional<Task> last = modifications.stream().filter(t -> t.status() == TaskStatus.SUCCEED && t.endTime() != null)
                .max(Comparator.comparing(Task::endTime));
        Instant when = last.map(Task::endTime).orElse(fleet.clock().instant());
        long taskId = last.map(Task::id).orElse(0L);
        for (Map.Entry<String, String> e : now.entrySet()) {
            String before = seen.getOrDefault(e.getKey(), TencentParams.ALL.get(e.getKey()).defaultValue());
            if (!Objects.equals(before, e.getValue())) {
                entries.add(new Entry(taskId, e.getKey(), before, e.getValue(), DONE, TencentActionGroup.time(when)));
            }
        }
        ParamChangeHistory next = new ParamChangeHistory(now, entries, h.ownTasks());
        put(i, next);
        return next;
    }

    ParamChangeHistory withEntries(List<Entry> next) {
        return new ParamChangeHistory(seen, next, ownTasks);
    }

    ParamChangeHistory withOwnTask(long taskId) {
        List<Long> own = new ArrayList<>(ownTasks);
        own.add(taskId);
        return new ParamChangeHistory(seen, entries, own);
    }

    ParamChangeHistory withSeen(Map<String, String> next) {
        return new ParamChangeHistory(next, entries, ownTasks);
    }

    /** Newest first. */
    List<Entry> newestFirst() {
        List<Entry> out = new ArrayList<>(entries);
        java.util.Collections.reverse(out);
        return out;
    }
}
