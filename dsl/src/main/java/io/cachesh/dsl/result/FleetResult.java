package io.cachesh.dsl.result;

import java.io.Serial;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The summary of a {@code fleet { }} run: one {@link Item} per instance, in the order given, with {@code ok},
 * {@code failed} (and the one-line error) or {@code skipped} (not started after a failure with {@code failFast}).
 */
public final class FleetResult implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public static final String OK = "ok";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";

    /** One instance's outcome; {@code value} is the block's value when it is plain data, else its text. */
    public record Item(String instanceId, String name, String status, Object value, String error, long millis)
            implements Serializable {

        public boolean isOk() {
            return OK.equals(status);
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("instanceId", instanceId);
            m.put("name", name);
            m.put("status", status);
            m.put("value", value);
            m.put("error", error);
            m.put("millis", millis);
            return m;
        }
    }

    private final List<Item> items;

    public FleetResult(List<Item> items) {
        this.items = List.copyOf(items);
    }

    public List<Item> getItems() { return items; }

    public int getTotal() { return items.size(); }

    public int getOk() { return (int) items.stream().filter(Item::isOk).count(); }

    public int getFailed() { return (int) items.stream().filter(i -> FAILED.equals(i.status())).count(); }

    public int getSkipped() { return (int) items.stream().filter(i -> SKIPPED.equals(i.status())).count(); }

    public List<Item> getFailures() {
        return items.stream().filter(i -> FAILED.equals(i.status())).toList();
    }

    /** The values of the instances that succeeded, by name (id when unnamed). */
    public Map<String, Object> getValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Item i : items) if (i.isOk()) m.put(i.name() == null ? i.instanceId() : i.name(), i.value());
        return m;
    }

    public boolean isAllOk() {
        return getOk() == items.size();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", getTotal());
        m.put("ok", getOk());
        m.put("failed", getFailed());
        m.put("skipped", getSkipped());
        m.put("items", items.stream().map(Item::toMap).toList());
        return m;
    }

    /** One line per instance plus a total line. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        for (Item i : items) {
            sb.append(i.status()).append("  ").append(i.name() == null ? i.instanceId() : i.name() + " (" + i.instanceId() + ")");
            if (i.error() != null) sb.append(": ").append(i.error());
            sb.append('\n');
        }
        return sb.append(summary()).toString();
    }

    /** {@code 12 instances: 11 ok, 1 failed}. */
    public String summary() {
        return getTotal() + (getTotal() == 1 ? " instance: " : " instances: ") + getOk() + " ok, " + getFailed() + " failed"
                + (getSkipped() == 0 ? "" : ", " + getSkipped() + " skipped");
    }

    @Override
    public String toString() {
        return "Fleet " + summary();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FleetResult other && toMap().equals(other.toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }
}
