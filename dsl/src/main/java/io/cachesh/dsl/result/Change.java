package io.cachesh.dsl.result;

import java.io.Serial;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One change of a {@link Plan}: {@code action} ({@code create}, {@code resize}, {@code params}) on {@code target}
 * (an instance name), the {@code attribute} it changes ({@code capacity}, {@code shards}, {@code replicas}, a
 * parameter name; null for create), and the values {@code from} and {@code to} as text. {@code desired} holds what
 * {@code apply} needs, as plain values (the spec of a create, the new value of a resize), never a password.
 */
public final class Change implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public static final String CREATE = "create";
    public static final String RESIZE = "resize";
    public static final String PARAMS = "params";

    private final String action;
    private final String target;
    private final String attribute;
    private final String from;
    private final String to;
    private final String provider;
    private final String region;
    private final Map<String, Object> desired;

    public Change(String action, String target, String attribute, String from, String to, String provider,
                  String region, Map<String, ?> desired) {
        this.action = Objects.requireNonNull(action, "action == null");
        this.target = Objects.requireNonNull(target, "target == null");
        this.attribute = attribute;
        this.from = from;
        this.to = to;
        this.provider = provider;
        this.region = region;
        this.desired = Values.copy(normalize(desired));
    }

    /** Numbers as Long when whole, else Double, so a plan equals itself read back from JSON. */
    @SuppressWarnings("unchecked")
    private static Map<String, ?> normalize(Map<String, ?> in) {
        if (in == null) return Map.of();
        Map<String, Object> out = new LinkedHashMap<>();
        in.forEach((k, v) -> {
            if (v instanceof Number n) {
                double d = n.doubleValue();
                out.put(k, d == Math.rint(d) && Math.abs(d) < Long.MAX_VALUE ? (Object) n.longValue() : (Object) d);
            } else if (v instanceof Map<?, ?> m) {
                out.put(k, normalize((Map<String, ?>) m));
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    /** A change from its {@link #toMap()} (a plan read back from JSON). */
    @SuppressWarnings("unchecked")
    public static Change fromMap(Map<String, ?> m) {
        Object d = m.get("desired");
        return new Change(str(m.get("action")), str(m.get("target")), str(m.get("attribute")), str(m.get("from")),
                str(m.get("to")), str(m.get("provider")), str(m.get("region")),
                d instanceof Map<?, ?> dm ? (Map<String, ?>) dm : Map.of());
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    public String getAction() { return action; }
    public String getTarget() { return target; }
    public String getAttribute() { return attribute; }
    public String getFrom() { return from; }
    public String getTo() { return to; }
    public String getProvider() { return provider; }
    public String getRegion() { return region; }
    public Map<String, Object> getDesired() { return desired; }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", action);
        m.put("target", target);
        m.put("attribute", attribute);
        m.put("from", from);
        m.put("to", to);
        m.put("provider", provider);
        m.put("region", region);
        m.put("desired", desired);
        return m;
    }

    /** {@code resize orders capacity: 2 GB -> 4 GB}, {@code create orders: redis.ha 7.0, 4 GB, 1 replica}. */
    @Override
    public String toString() {
        if (from == null) return action + " " + target + (attribute == null ? "" : " " + attribute) + ": " + to;
        return action + " " + target + (attribute == null ? "" : " " + attribute) + ": " + from + " -> " + to;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Change other && toMap().equals(other.toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }
}
