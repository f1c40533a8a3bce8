package io.cachesh.dsl;

import io.cachesh.dsl.result.Instance;
import io.cachesh.dsl.result.Task;
import java.util.Map;

/**
 * The {@link Task} of a change that the vendor tracks only through the instance's status (Huawei's restart, flush and
 * account changes, CapitalOnline's clear: no task id to poll). It is running once submitted and done when the
 * instance runs again; the adapter says which raw status that was.
 */
public final class StatusTasks {

    private StatusTasks() {
    }

    /** The change as submitted ({@code wait: false}, or before the wait). */
    public static Task submitted(String id, Instance on, String provider, String type, String startedAt) {
        return new Task(id, on.getId(), provider, type, Task.RUNNING, null, startedAt, null, Map.of());
    }

    /** {@code task} done, the instance back in {@code rawStatus}. */
    public static Task done(Task task, String rawStatus) {
        return new Task(task.getId(), task.getInstanceId(), task.getProvider(), task.getType(), Task.SUCCEEDED,
                rawStatus, task.getStartedAt(), task.getMessage(), Map.of());
    }
}
