package io.cachesh.dsl.result;

import java.io.Serial;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of an instance's access whitelist: a security group ({@code kind} {@code securityGroup}, Tencent) or an
 * address range ({@code kind} {@code cidr}, vendors with IP whitelists). {@code rules} are the group's inbound rules
 * as text ({@code ACCEPT 10.0.0.0/8 tcp:6379}); for a cidr entry, the cidr itself.
 */
public final class WhitelistEntry implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public static final String SECURITY_GROUP = "securityGroup";
    public static final String CIDR = "cidr";

    private final String instanceId;
    private final String kind;
    private final String id;
    private final String name;
    private final List<String> rules;
    private final String remark;

    public WhitelistEntry(String instanceId, String kind, String id, String name, List<String> rules, String remark) {
        this.instanceId = instanceId;
        this.kind = kind;
        this.id = Objects.requireNonNull(id, "id == null");
        this.name = name;
        this.rules = rules == null ? List.of() : List.copyOf(rules);
        this.remark = remark;
    }

    public String getInstanceId() { return instanceId; }
    public String getKind() { return kind; }
    public String getId() { return id; }
    public String getName() { return name; }
    public List<String> getRules() { return rules; }
    public String getRemark() { return remark; }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instanceId", instanceId);
        m.put("kind", kind);
        m.put("id", id);
        m.put("name", name);
        m.put("rules", rules);
        m.put("remark", remark);
        return m;
    }

    @Override
    public String toString() {
        return (SECURITY_GROUP.equals(kind) ? "SecurityGroup " : "Whitelist ") + id
                + (name == null || name.isEmpty() ? "" : " '" + name + "'") + (rules.isEmpty() ? "" : " " + rules);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WhitelistEntry other && toMap().equals(other.toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }
}
