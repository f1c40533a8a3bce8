package io.cachesh.emulator.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns flattened form/query parameters ({@code InstanceIds.0=a&InstanceIds.1=b&InstanceParams.0.Key=timeout}) into
 * the JSON they stand for. Values stay strings; the model validator coerces them to the member types.
 */
public final class FormParams {

    private FormParams() {
    }

    public static ObjectNode toJson(Map<String, String> params) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        // sort so that list indices arrive in numeric order (InstanceIds.2 before InstanceIds.10)
        TreeMap<String, String> sorted = new TreeMap<>(FormParams::compareKeys);
        sorted.putAll(params);
        sorted.forEach((key, value) -> {
            String[] parts = key.split("\\.", -1);
            // a key with an empty dotted part (".", "a.", ".a", "a..b") names no member: keep it flat, so that the
            // validator answers UnknownParameter instead of the emulator failing on it
            if (Arrays.stream(parts).anyMatch(String::isEmpty)) {
                root.put(key, value);
            } else {
                put(root, parts, 0, value);
            }
        });
        return root;
    }

    private static void put(JsonNode container, String[] parts, int i, String value) {
        String part = parts[i];
        boolean last = i == parts.length - 1;
        boolean nextIsIndex = !last && isIndex(parts[i + 1]);
        if (container instanceof ObjectNode obj) {
            if (last) {
                obj.put(part, value);
                return;
            }
            JsonNode child = obj.get(part);
            if (child == null || !(child.isContainerNode())) {
                child = nextIsIndex ? obj.putArray(part) : obj.putObject(part);
            }
            put(child, parts, i + 1, value);
        } else if (container instanceof ArrayNode arr) {
            int index = Integer.parseInt(part);
            while (arr.size() <= index) {
                if (last) arr.addNull();
                else if (nextIsIndex) arr.addArray();
                else arr.addObject();
            }
            if (last) {
                arr.set(index, JsonNodeFactory.instance.textNode(value));
            } else {
                JsonNode child = arr.get(index);
                if (!child.isContainerNode()) {
                    child = nextIsIndex ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode();
                    arr.set(index, child);
                }
                put(child, parts, i + 1, value);
            }
        }
    }

    private static boolean isIndex(String s) {
        if (s.isEmpty() || s.length() > 6) return false;
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) return false;
        }
        return true;
    }

    private static int compareKeys(String a, String b) {
        String[] pa = a.split("\\.", -1);
        String[] pb = b.split("\\.", -1);
        for (int i = 0; i < Math.min(pa.length, pb.length); i++) {
            int c = isIndex(pa[i]) && isIndex(pb[i]) ? Integer.compare(Integer.parseInt(pa[i]), Integer.parseInt(pb[i]))
                    : pa[i].compareTo(pb[i]);
            if (c != 0) return c;
        }
        return Integer.compare(pa.length, pb.length);
    }
}
