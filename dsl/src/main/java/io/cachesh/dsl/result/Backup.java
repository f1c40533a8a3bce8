package io.cachesh.dsl.result;

import java.io.Serial;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A backup of an instance. {@code status} is neutral (creating, available, exporting, expired, deleted);
 * {@code rawStatus} keeps the vendor's code. {@code type} is {@code manual} or {@code automatic}.
 */
public final class Backup implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public static final String CREATING = "creating";
    public static final String AVAILABLE = "available";
    public static final String EXPORTING = "exporting";
    public static final String EXPIRED = "expired";
    public static final String DELETED = "deleted";
    public static final List<String> STATUSES = List.of(CREATING, AVAILABLE, EXPORTING, EXPIRED, DELETED);

    private final String id;
    private final String instanceId;
    private final String instanceName;
    private final String provider;
    private final String type;
    private final String status;
    private final String rawStatus;
    private final String remark;
    private final long sizeBytes;
    private final String startedAt;
    private final String finishedAt;
    private final String expiresAt;
    private final String region;
    private final Map<String, Object> vendor;

    public Backup(String id, String instanceId, String instanceName, String provider, String type, String status,
                  String rawStatus, String remark, long sizeBytes, String startedAt, String finishedAt,
                  String expiresAt, String region, Map<String, ?> vendor) {
        this.id = Objects.requireNonNull(id, "id == null");
        this.instanceId = instanceId;
        this.instanceName = instanceName;
        this.provider = provider;
        this.type = type;
        this.status = status;
        this.rawStatus = rawStatus;
        this.remark = remark;
        this.sizeBytes = sizeBytes;
        this.startedAt = startedAt;
        this.finishedAt = finishedAt;
        this.expiresAt = expiresAt;
        this.region = region;
        this.vendor = Values.copy(vendor);
    }

    public String getId() {
        return id;
    }

    public String getInstanceId() {
        return instanceId;
    }

    public String getInstanceName() {
        return instanceName;
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

    public String getRemark() {
        return remark;
    }

    public long getSizeBytes() {
        return sizeBytes;
    }

    public String getStartedAt() {
        return startedAt;
    }

    public String getFinishedAt() {
        return finishedAt;
    }

    public String getExpiresAt() {
        return expiresAt;
    }

    public String getRegion() {
        return region;
    }

    public Map<String, Object> getVendor() {
        return vendor;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("instanceId", instanceId);
        m.put("instanceName", instanceName);
        m.put("provider", provider);
        m.put("type", type);
        m.put("status", status);
        m.put("rawStatus", rawStatus);
        m.put("remark", remark);
        m.put("sizeBytes", sizeBytes);
        m.put("startedAt", startedAt);
        m.put("finishedAt", finishedAt);
        m.put("expiresAt", expiresAt);
        m.put("region", region);
        m.put("vendor", vendor);
        return m;
    }

    @Override
    public String toString() {
        return "Backup " + id + " of " + instanceId + (remark == null || remark.isEmpty() ? "" : " '" + remark + "'")
                + ", " + type + ", " + status + (startedAt == null ? "" : ", " + startedAt);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Backup other && toMap().equals(other.toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }
}
