package io.cachesh.emulator.fleet;

import java.time.Instant;
import java.util.Objects;

/** A snapshot of an instance's data: an RDB file copied into the instance's backup directory. Thread-safe. */
public final class Backup {

    /** Backup lifecycle. */
    public enum Status { IN_PROGRESS, NORMAL, FAILED }

    private final String id;
    private final String instanceId;
    private final boolean manual;
    private final Instant startTime;
    private final Instant expireTime;
    private final String remark;
    private Status status;
    private Instant endTime;
    private long sizeBytes;
    private String file;

    public Backup(String id, String instanceId, boolean manual, Instant startTime, Instant expireTime, String remark,
                  Status status, Instant endTime, long sizeBytes, String file) {
        this.id = Objects.requireNonNull(id, "id == null");
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId == null");
        this.manual = manual;
        this.startTime = Objects.requireNonNull(startTime, "startTime == null");
        this.expireTime = expireTime;
        this.remark = remark == null ? "" : remark;
        this.status = status;
        this.endTime = endTime;
        this.sizeBytes = sizeBytes;
        this.file = file;
    }

    public String id() {
        return id;
    }

    public String instanceId() {
        return instanceId;
    }

    public boolean manual() {
        return manual;
    }

    public Instant startTime() {
        return startTime;
    }

    public Instant expireTime() {
        return expireTime;
    }

    public String remark() {
        return remark;
    }

    public synchronized Status status() {
        return status;
    }

    public synchronized Instant endTime() {
        return endTime;
    }

    public synchronized long sizeBytes() {
        return sizeBytes;
    }

    /** File name of the RDB copy inside the instance's backup directory, null until taken. */
    public synchronized String file() {
        return file;
    }

    public synchronized void complete(String file, long sizeBytes, Instant at) {
        this.file = file;
        this.sizeBytes = sizeBytes;
        this.endTime = at;
        this.status = Status.NORMAL;
    }

    public synchronized void fail(Instant at) {
        this.endTime = at;
        this.status = Status.FAILED;
    }
}
