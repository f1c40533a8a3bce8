package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed access to an action's input. The model validator has usually checked and coerced it already; these
 * accessors check again (an action the model does not describe yet is still served) and coerce numeric strings.
 */
public final class Params {

    private final ObjectNode node;

    public Params(ObjectNode node) {
        this.node = node;
    }

    public boolean has(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    public String string(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw type(name, "string");
        return v.asText();
    }

    public String string(String name, String orElse) {
        String v = string(name);
        return v == null ? orElse : v;
    }

    public String requireString(String name) {
        String v = string(name);
        if (v == null) throw TencentException.missing(name);
        if (v.isBlank()) throw new TencentException("InvalidParameter.EmptyParam", "Parameter `" + name + "` is empty.");
        return v.trim();
    }

    public Long integer(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) return null;
        return integer(name, v);
    }

    public long integer(String name, long orElse) {
        Long v = integer(name);
        return v == null ? orElse : v;
    }

    public long requireInteger(String name) {
        Long v = integer(name);
        if (v == null) throw TencentException.missing(name);
        return v;
    }

    public Boolean bool(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) return null;
        if (v.isBoolean()) return v.asBoolean();
        if (v.isTextual() && ("true".equals(v.asText()) || "false".equals(v.asText()))) return Boolean.parseBoolean(v.asText());
        throw type(name, "boolean");
    }

    public List<String> strings(String name) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : list(name)) {
            if (!item.isTextual()) throw type(name, "list of strings");
            out.add(item.asText().trim());
        }
        return out;
    }

    public List<Long> integers(String name) {
        List<Long> out = new ArrayList<>();
        for (JsonNode item : list(name)) {
            out.add(integer(name, item));
        }
        return out;
    }

    public List<JsonNode> list(String name) {
        JsonNode v = node.get(name);
        List<JsonNode> out = new ArrayList<>();
        if (v == null || v.isNull()) return out;
        if (!v.isArray()) throw type(name, "list");
        v.forEach(out::add);
        return out;
    }

    private static long integer(String name, JsonNode v) {
        if (v.isIntegralNumber()) return v.asLong();
        if (v.isTextual()) {
            try {
                return Long.parseLong(v.asText().trim());
            } catch (NumberFormatException ignored) {
                // fall through
            }
        }
        throw type(name, "integer");
    }

    private static TencentException type(String name, String expected) {
        return new TencentException("InvalidParameter",
                "The value type of parameter `" + name + "` is invalid: expected " + expected + ".");
    }
}
