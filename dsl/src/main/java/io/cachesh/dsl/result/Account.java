package io.cachesh.dsl.result;

import java.io.Serial;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A sub-account (ACL user) of an instance. {@code privilege} is neutral: {@code read}, {@code write},
 * {@code readwrite}; {@code status} is {@code changing}, {@code active} or {@code deleted}. Never holds a password.
 */
public final class Account implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public static final List<String> PRIVILEGES = List.of("read", "write", "readwrite");

    private final String instanceId;
    private final String name;
    private final String privilege;
    private final List<String> readFrom;
    private final String remark;
    private final String status;
    private final String createdAt;

    public Account(String instanceId, String name, String privilege, List<String> readFrom, String remark,
                   String status, String createdAt) {
        this.instanceId = instanceId;
        this.name = Objects.requireNonNull(name, "name == null");
        this.privilege = privilege;
        this.readFrom = readFrom == null ? List.of() : List.copyOf(readFrom);
        this.remark = remark;
        this.status = status;
        this.createdAt = createdAt;
    }

    public String getInstanceId() { return instanceId; }
    public String getName() { return name; }
    public String getPrivilege() { return privilege; }
    /** Where reads of this account go: {@code master}, {@code replica}. */
    public List<String> getReadFrom() { return readFrom; }
    public String getRemark() { return remark; }
    public String getStatus() { return status; }
    public String getCreatedAt() { return createdAt; }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instanceId", instanceId);
        m.put("name", name);
        m.put("privilege", privilege);
        m.put("readFrom", readFrom);
        m.put("remark", remark);
        m.put("status", status);
        m.put("createdAt", createdAt);
        return m;
    }

    @Override
    public String toString() {
        return "Account " + name + " (" + privilege + ", " + status + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Account other && toMap().equals(other.toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }
}
