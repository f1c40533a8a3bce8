package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Fleet;
import io.cachesh.emulator.fleet.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Huawei view of the fleet's tasks as background tasks (v2 5.12): each fleet task of a Huawei instance has a
 * 32-hex task id derived from its fleet id, an optional {@code details} object recorded by the group that submitted it,
 * and can be hidden by DeleteBackgroundTask / DeleteCenterTask (the fleet keeps the task itself). State lives in the
 * fleet's extensions under {@value #KEY}.
 */
final class BackgroundTaskBook {

    static final String KEY = "huawei.backgroundTasks";
    private static final String PREFIX = "8abf6e1e";
    private static final String JOBS_KEY = "huawei.jobs";

    /** Persisted: details by fleet task id, and the fleet task ids that were deleted. */
    record Book(Map<String, JsonNode> details, Set<Long> deleted) {
        Book {
            details = details == null ? new LinkedHashMap<>() : new LinkedHashMap<>(details);
            deleted = deleted == null ? new LinkedHashSet<>() : new LinkedHashSet<>(deleted);
        }
    }

    private BackgroundTaskBook() {
    }

    static Book of(Fleet fleet) {
        return fleet.extensions().get(KEY, Book.class, () -> new Book(null, null));
    }

    /** The 32-hex id of a fleet task: {@code 8abf6e1e} and the fleet id as 24 hex digits. */
    static String taskId(Task task) {
        return PREFIX + String.format(Locale.ROOT, "%024x", task.id());
    }

    /** The fleet id of a 32-hex task id; empty when the id is not of that form. */
    static Optional<Long> fleetId(String taskId) {
        if (taskId == null || !taskId.matches("[0-9a-f]{32}") || !taskId.startsWith(PREFIX)) return Optional.empty();
        try {
            return Optional.of(Long.parseLong(taskId.substring(PREFIX.length()), 16));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Records the {@code details} a background-task list shows for {@code task}. */
    static void details(Fleet fleet, Task task, ObjectNode details) {
        fleet.extensions().update(KEY, Book.class, () -> new Book(null, null), b -> {
            Map<String, JsonNode> next = new LinkedHashMap<>(b.details());
            next.put(Long.toString(task.id()), details);
            return new Book(next, b.deleted());
        });
        fleet.changed();
    }

    static void delete(Fleet fleet, Task task) {
        fleet.extensions().update(KEY, Book.class, () -> new Book(null, null), b -> {
            Set<Long> next = new LinkedHashSet<>(b.deleted());
            next.add(task.id());
            return new Book(b.details(), next);
        });
        fleet.changed();
    }

    /**
     * The job of each fleet task that has one ({@link HuaweiContext#job}), read from the context's job table (fleet
     * extension {@value #JOBS_KEY}; HuaweiContext has no reverse lookup).
     */
    static Map<Long, Map.Entry<String, HuaweiContext.Job>> jobsByTask(Fleet fleet) {
        Map<Long, Map.Entry<String, HuaweiContext.Job>> out = new LinkedHashMap<>();
        fleet.extensions().get(JOBS_KEY, HuaweiContext.Jobs.class, () -> new HuaweiContext.Jobs(null)).byId()
                .forEach((id, job) -> out.put(job.taskId(), Map.entry(id, job)));
        return out;
    }

    /**
     * The visible (not deleted) tasks of Huawei instances, newest first, plus project-level Huawei jobs and tasks of
     * deleted Huawei instances that a Huawei group recorded details for.
     */
    static List<Task> visible(Fleet fleet) {
        Book book = of(fleet);
        Map<Long, Map.Entry<String, HuaweiContext.Job>> jobs = jobsByTask(fleet);
        List<Task> out = new ArrayList<>();
        for (Task t : fleet.tasks()) {
            if (book.deleted().contains(t.id())) continue;
            boolean huaweiInstance = t.instanceId() != null
                    && fleet.instance(t.instanceId()).map(HuaweiDcsProvider::owns).orElse(false);
            boolean elsewhere = t.instanceId() == null || !fleet.contains(t.instanceId());
            if (huaweiInstance || elsewhere && (jobs.containsKey(t.id()) || book.details().containsKey(Long.toString(t.id())))) {
                out.add(t);
            }
        }
        return out;
    }
}
