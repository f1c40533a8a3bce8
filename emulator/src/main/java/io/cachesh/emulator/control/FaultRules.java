package io.cachesh.emulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The JSON form of {@link FaultRule}s, shared by {@code POST /_emulator/faults}, {@code --faults FILE} and the shell:
 * {@code {"vendor":"tencent","action":"CreateInstances","reset":true,"times":1}}. A file holds an array of rules or
 * {@code {"faults":[...]}}. Unknown fields are refused by name, so a typo never silently injects nothing.
 */
public final class FaultRules {

    static final Set<String> FIELDS = Set.of("vendor", "action", "code", "message", "times", "probability", "latencyMs",
            "httpStatus", "reset", "slowBodyMs", "afterAction", "task");

    private FaultRules() {
    }

    /** One rule from its JSON object; IllegalArgumentException names the bad field. */
    public static FaultRule parse(JsonNode n) {
        if (n == null || !n.isObject()) throw new IllegalArgumentException("a fault rule is a JSON object");
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException("unknown field `" + f + "` (known: " + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        }
        boolean reset = bool(n, "reset", false);
        long status = integer(n, "httpStatus");
        long slow = integer(n, "slowBodyMs");
        String task = text(n, "task");
        // a reset, a trickle or a task fault happens to a performed call unless told otherwise; a 5xx by default not
        boolean afterDefault = reset || slow > 0 || task != null;
        double probability = n.has("probability") ? number(n, "probability") : 1.0;
        return new FaultRule(text(n, "vendor"), text(n, "action"), text(n, "code"), text(n, "message"),
                (int) integer(n, "times"), probability, Duration.ofMillis(integer(n, "latencyMs")), (int) status, reset,
                Duration.ofMillis(slow), bool(n, "afterAction", afterDefault), task);
    }

    /** Rules from JSON text: one object, an array of them, or {@code {"faults":[...]}}. */
    public static List<FaultRule> parseAll(String json) {
        JsonNode root;
        try {
            root = Json.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        if (root != null && root.isObject() && root.has("faults")) root = root.get("faults");
        List<FaultRule> rules = new ArrayList<>();
        if (root != null && root.isArray()) {
            int i = 0;
            for (JsonNode n : root) {
                try {
                    rules.add(parse(n));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("fault " + (i + 1) + ": " + e.getMessage());
                }
                i++;
            }
        } else {
            rules.add(parse(root));
        }
        return rules;
    }

    /** Rules from a file (see {@link #parseAll}). */
    public static List<FaultRule> load(Path file) throws IOException {
        try {
            return parseAll(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    public static ObjectNode toJson(FaultRule r) {
        ObjectNode n = Json.object();
        n.put("vendor", r.vendor());
        n.put("action", r.action());
        n.put("code", r.code());
        n.put("message", r.message());
        n.put("times", r.times());
        n.put("probability", r.probability());
        n.put("latencyMs", r.latency().toMillis());
        n.put("httpStatus", r.httpStatus());
        n.put("reset", r.reset());
        n.put("slowBodyMs", r.slowBody().toMillis());
        n.put("afterAction", r.afterAction());
        n.put("task", r.task());
        n.put("description", r.describe());
        return n;
    }

    public static ArrayNode toJson(List<FaultRule> rules) {
        ArrayNode list = Json.object().arrayNode();
        rules.forEach(r -> list.add(toJson(r)));
        return list;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw new IllegalArgumentException("`" + field + "` must be a string");
        return v.asText();
    }

    private static long integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return 0;
        if (!v.canConvertToLong() || !v.isIntegralNumber()) throw new IllegalArgumentException("`" + field + "` must be a whole number");
        return v.asLong();
    }

    private static double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (!v.isNumber()) throw new IllegalArgumentException("`" + field + "` must be a number in (0, 1]");
        return v.asDouble();
    }

    private static boolean bool(JsonNode n, String field, boolean otherwise) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return otherwise;
        if (!v.isBoolean()) throw new IllegalArgumentException("`" + field + "` must be true or false");
        return v.asBoolean();
    }
}
