package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One validated Huawei DCS call, as an action handler sees it.
 *
 * @param version   {@code v2} or {@code v1}
 * @param operation the model's operation name, e.g. {@code CreateInstance}
 * @param requestId the {@code X-Request-Id} of the answer
 * @param projectId the project of the path (already checked against the emulator's)
 * @param input     path, query and body members by model name, validated and coerced
 */
public record HuaweiRequest(String version, String operation, String requestId, String projectId, ObjectNode input) {

    public boolean v1() {
        return "v1".equals(version);
    }

    public boolean has(String name) {
        JsonNode v = input.get(name);
        return v != null && !v.isNull();
    }

    public String string(String name) {
        JsonNode v = input.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    public String string(String name, String fallback) {
        String v = string(name);
        return v == null ? fallback : v;
    }

    /** A required string; absent is {@link HuaweiException#invalid} (the model's required list usually catches it first). */
    public String requireString(String name) {
        String v = string(name);
        if (v == null || v.isEmpty()) throw HuaweiException.invalid(name, "It is required.");
        return v;
    }

    public long integer(String name, long fallback) {
        JsonNode v = input.get(name);
        return v == null || v.isNull() ? fallback : v.asLong();
    }

    public Double number(String name) {
        JsonNode v = input.get(name);
        return v == null || v.isNull() ? null : v.asDouble();
    }

    public Boolean bool(String name) {
        JsonNode v = input.get(name);
        if (v == null || v.isNull()) return null;
        return v.isBoolean() ? v.booleanValue() : Boolean.parseBoolean(v.asText());
    }

    public List<String> strings(String name) {
        List<String> out = new ArrayList<>();
        JsonNode v = input.get(name);
        if (v != null && v.isArray()) v.forEach(x -> out.add(x.asText()));
        return out;
    }

    public List<JsonNode> list(String name) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode v = input.get(name);
        if (v != null && v.isArray()) v.forEach(out::add);
        return out;
    }
}
