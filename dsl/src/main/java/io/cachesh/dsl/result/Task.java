package io.cachesh.dsl.result;

import java.io.Serial;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An asynchronous vendor task (Tencent TaskId). {@code status} is neutral: pending, running, succeeded, failed;
 * {@code rawStatus} keeps the vendor's word ({@code preparing}, {@code succeed}...).
 */
public final class Task implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public static final String PENDING = "pending";
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final List<String> STATUSES = List.of(PENDING, RUNNING, SUCCEEDED, FAILED);

    private final String id;
    private final String instanceId;
    private final String provider;
    private final String type;
    private final String status;
    private final String rawStatus;
    private final String startedAt;
    private final String message;
    private final Map<String, Object> vendor;

    public Task(String id, String instanceId, String provider, String type, String status, String rawStatus,
                String startedAt, String message, Map<String, ?> vendor) {
        this.id = Objects.requireNonNull(id, "id == null");
        this.instanceId = instanceId;
        this.provider = provider;
        this.type = type;
        this.status = status;
        this.rawStatus = rawStatus;
        this.startedAt = startedAt;
        this.message = message;
        this.vendor = Values.copy(vendor);
    }

    public String getId() {
        return id;
    }

    public String getInstanceId() {
        return instanceId;
    }

    public String getProvider() {
        return provider;
    }

    public String getType() {
        return type;
    }

    public String getStatus() {
        return status;
    }

    public String getRawStatus() {
        return rawStatus;
    }

    public String getStartedAt() {
        return startedAt;
    }

    public String getMessage() {
        return message;
    }

    public Map<String, Object> getVendor() {
        return vendor;
    }

    public boolean isDone() {
        return SUCCEEDED.equals(status) || FAILED.equals(status);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("instanceId", instanceId);
        m.put("provider", provider);
        m.put("type", type);
        m.put("status", status);
        m.put("rawStatus", rawStatus);
        m.put("startedAt", startedAt);
        m.put("message", message);
        m.put("vendor", vendor);
        return m;
    }

    @Override
    public String toString() {
        return "Task " + id + (instanceId == null ? "" : " on " + instanceId) + (type == null ? "" : " (" + type + ")")
                + ", " + status + (message == null || message.isEmpty() ? "" : ": " + message);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Task other && toMap().equals(other.toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }
}
