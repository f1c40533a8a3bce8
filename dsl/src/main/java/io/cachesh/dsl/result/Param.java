package io.cachesh.dsl.result;

import java.io.Serial;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One configuration parameter of an instance ({@code params orders}): its current and default value and what may be
 * set. {@code type} is {@code enum} (one of {@code allowed}), {@code integer} ({@code min}..{@code max}),
 * {@code text} (one of {@code allowed} when not empty) or {@code multi} (a comma-separated subset of
 * {@code allowed}). {@code status} is {@code applied} or {@code changing}.
 */
public final class Param implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public static final List<String> TYPES = List.of("enum", "integer", "text", "multi");

    private final String instanceId;
    private final String name;
    private final String value;
    private final String defaultValue;
    private final String type;
    private final List<String> allowed;
    private final String min;
    private final String max;
    private final String unit;
    private final boolean needsRestart;
    private final String status;
    private final String doc;

    public Param(String instanceId, String name, String value, String defaultValue, String type, List<String> allowed,
                 String min, String max, String unit, boolean needsRestart, String status, String doc) {
        this.instanceId = instanceId;
        this.name = Objects.requireNonNull(name, "name == null");
        this.value = value;
        this.defaultValue = defaultValue;
        this.type = type;
        this.allowed = allowed == null ? List.of() : List.copyOf(allowed);
        this.min = min;
        this.max = max;
        this.unit = unit;
        this.needsRestart = needsRestart;
        this.status = status;
        this.doc = doc;
    }

    public String getInstanceId() { return instanceId; }
    public String getName() { return name; }
    public String getValue() { return value; }
    public String getDefaultValue() { return defaultValue; }
    public String getType() { return type; }
    public List<String> getAllowed() { return allowed; }
    public String getMin() { return min; }
    public String getMax() { return max; }
    public String getUnit() { return unit; }
    public boolean isNeedsRestart() { return needsRestart; }
    public String getStatus() { return status; }
    public String getDoc() { return doc; }

    /** What may be set, for messages: {@code one of a, b}, {@code 0-3600 s}, {@code text}. */
    public String describeAllowed() {
        return switch (type == null ? "" : type) {
            case "enum" -> "one of " + String.join(", ", allowed);
            case "multi" -> "a comma-separated subset of " + String.join(", ", allowed);
            case "integer" -> "a whole number " + (min == null ? "" : min) + "-" + (max == null ? "" : max)
                    + (unit == null || unit.isEmpty() ? "" : " " + unit);
            default -> allowed.isEmpty() ? "text" : "one of " + String.join(", ", allowed);
        };
    }

    /** True when {@code candidate} may be set: in {@code allowed}, within {@code min..max}, or any text. */
    public boolean accepts(String candidate) {
        if (candidate == null) return false;
        return switch (type == null ? "" : type) {
            case "multi" -> allowed.isEmpty() || candidate.isEmpty() || java.util.Arrays.stream(candidate.split(","))
                    .map(String::trim).allMatch(allowed::contains);
            case "integer" -> {
                try {
                    long v = Long.parseLong(candidate.trim());
                    yield (min == null || min.isBlank() || v >= Long.parseLong(min.trim()))
                            && (max == null || max.isBlank() || v <= Long.parseLong(max.trim()));
                } catch (NumberFormatException e) {
                    yield false;
                }
            }
            default -> allowed.isEmpty() || allowed.contains(candidate);
        };
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instanceId", instanceId);
        m.put("name", name);
        m.put("value", value);
        m.put("defaultValue", defaultValue);
        m.put("type", type);
        m.put("allowed", allowed);
        m.put("min", min);
        m.put("max", max);
        m.put("unit", unit);
        m.put("needsRestart", needsRestart);
        m.put("status", status);
        m.put("doc", doc);
        return m;
    }

    @Override
    public String toString() {
        return "Param " + name + " = " + value + " (" + describeAllowed() + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Param other && toMap().equals(other.toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }
}
