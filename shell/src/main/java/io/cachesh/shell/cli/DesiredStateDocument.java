package io.cachesh.shell.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachesh.shell.config.UsageException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plain-JSON desired state {@code cachesh apply --plan} converges: the arguments of the DSL's {@code ensure}, one
 * object per instance, with defaults for provider and region.
 *
 * <pre>{@code
 * {"provider": "tencent", "region": "ap-guangzhou",
 *  "instances": [{"name": "orders", "spec": "redis.ha", "capacity": 4, "replicas": 1,
 *                 "params": {"maxmemory-policy": "allkeys-lru"}, "tags": {"team": "shop"},
 *                 "passwordEnv": "ORDERS_PASSWORD"}]}
 * }</pre>
 *
 * A bare array of instances works too. Passwords are never in the document: {@code passwordEnv} names the environment
 * variable holding the one to create the instance with. Every mistake is one {@link UsageException} naming the
 * entry and the field.
 */
final class DesiredStateDocument {

    static final List<String> ROOT_FIELDS = List.of("provider", "region", "instances");
    static final List<String> FIELDS = List.of("provider", "region", "name", "spec", "version", "capacity", "shards",
            "replicas", "zone", "tags", "params", "passwordEnv");

    /** One instance: where it lives and the named arguments of {@code ensure} (password resolved, never printed). */
    record Entry(String provider, String region, Map<String, Object> ensure) {
    }

    private DesiredStateDocument() {
    }

    static List<Entry> parse(String json, String source, String defaultProvider, Map<String, String> env) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new UsageException(source + ": not JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ")");
        }
        if (root == null || root.isMissingNode()) throw new UsageException(source + ": empty (expected a desired-state document)");
        String provider = null;
        String region = null;
        JsonNode instances = root;
        if (root.isObject()) {
            for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!ROOT_FIELDS.contains(f)) {
                    throw new UsageException(source + ": unknown field '" + f + "' (allowed: " + String.join(", ", ROOT_FIELDS) + ")");
                }
            }
            provider = text(root, "provider", source);
            region = text(root, "region", source);
            instances = root.get("instances");
            if (instances == null || !instances.isArray()) {
                throw new UsageException(source + ": instances must be a list of {name, spec, capacity, ...}");
            }
        } else if (!root.isArray()) {
            throw new UsageException(source + ": expected an object with instances, or a list of instances");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            entries.add(entry(instances.get(i), source + ": instances[" + i + "]", provider, region, defaultProvider, env));
        }
        return entries;
    }

    private static Entry entry(JsonNode node, String where, String provider, String region, String defaultProvider,
            Map<String, String> env) {
        if (!node.isObject()) throw new UsageException(where + ": expected an object {name, spec, capacity, ...}");
        Map<String, Object> ensure = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String field = f.getKey();
            if (field.equals("password")) {
                throw new UsageException(where + ": a password does not belong in the document; put it in an environment "
                        + "variable and name it: \"passwordEnv\": \"ORDERS_PASSWORD\"");
            }
            if (!FIELDS.contains(field)) {
                throw new UsageException(where + ": unknown field '" + field + "' (allowed: " + String.join(", ", FIELDS) + ")");
            }
            if (field.equals("provider") || field.equals("region")) continue;
            if (field.equals("passwordEnv")) {
                String variable = text(node, field, where);
                String value = variable == null ? null : env.get(variable);
                if (value == null || value.isEmpty()) {
                    throw new UsageException(where + ": passwordEnv names " + variable + ", which is not set");
                }
                ensure.put("password", value);
                continue;
            }
            ensure.put(field, value(f.getValue(), where + "." + field));
        }
        for (String required : List.of("name", "spec", "capacity")) {
            if (ensure.get(required) == null) throw new UsageException(where + ": " + required + " is required");
        }
        String p = text(node, "provider", where);
        String r = text(node, "region", where);
        return new Entry(p != null ? p : provider != null ? provider : defaultProvider, r != null ? r : region,
                ensure);
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw new UsageException(where + ": " + field + " must be text, got " + v);
        return v.asText();
    }

    /** Plain values for the DSL: text, numbers, booleans, maps of them (tags, params). */
    private static Object value(JsonNode v, String where) {
        if (v.isNull()) return null;
        if (v.isTextual()) return v.asText();
        if (v.isIntegralNumber()) return v.canConvertToInt() ? (Object) v.intValue() : (Object) v.longValue();
        if (v.isNumber()) return v.decimalValue();
        if (v.isBoolean()) return v.booleanValue();
        if (v.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Object inner = value(e.getValue(), where + "." + e.getKey());
                if (inner instanceof Map) throw new UsageException(where + "." + e.getKey() + ": expected text or a number");
                m.put(e.getKey(), inner);
            }
            return m;
        }
        throw new UsageException(where + ": expected text, a number or an object, got " + v);
    }
}
