package io.cachesh.emulator.fleet;

import java.time.Instant;
import java.util.Objects;

/** An asynchronous operation on an instance; it completes after the fleet's task delay. Thread-safe. */
public final class Task {

    private final long id;
    private final String type;
    private final String label;
    private final String instanceId;
    private final Instant startTime;
    private TaskStatus status;
    private Instant endTime;
    private String message;

    public Task(long id, String type, String label, String instanceId, Instant startTime, TaskStatus status,
                Instant endTime, String message) {
        this.id = id;
        this.type = Objects.requireNonNull(type, "type == null");
        this.label = label == null ? type : label;
        this.instanceId = instanceId;
        this.startTime = Objects.requireNonNull(startTime, "startTime == null");
        this.status = Objects.requireNonNull(status, "status == null");
        this.endTime = endTime;
        this.message = message == null ? "" : message;
    }

    public long id() {
        return id;
    }

    /** Vendor task type code, e.g. Tencent {@code "004"} (FLOW_CLEAN). */
    public String type() {
        return type;
    }

    /** Human label, e.g. Tencent's {@code 清空实例}. */
    public String label() {
        return label;
    }

    public String instanceId() {
        return instanceId;
    }

    public Instant startTime() {
        return startTime;
    }

    public synchronized TaskStatus status() {
        return status;
    }

    public synchronized Instant endTime() {
        return endTime;
    }

    public synchronized String message() {
        return message;
    }

    synchronized void running() {
        if (status == TaskStatus.PREPARING) status = TaskStatus.RUNNING;
    }

    synchronized void finish(TaskStatus result, String message, Instant at) {
        this.status = result;
        this.message = message == null ? "" : message;
        this.endTime = at;
    }

    @Override
    public synchronized String toString() {
        return "Task[" + id + " " + type + " " + instanceId + " " + status.wire() + "]";
    }
}
