package io.cachesh.emulator.fleet;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Feature state that an action group keeps beside the core domain (accounts, security groups, templates, ...),
 * under a key of its own, so that features are added without touching {@link Instance} or {@link Fleet}.
 * Values are stored as JSON trees: reads hand out copies (no shared mutable state across threads), and the
 * state file persists them with no per-feature code. Value types must be Jackson-bindable (records are).
 */
public final class Extensions {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .findAndRegisterModules();

    private final Map<String, JsonNode> values = new LinkedHashMap<>();
    /** Bumped by every change, after it; read without the lock by {@link Instance#revision()}. */
    private volatile long revision;

    /** The value under {@code key}, or {@code initial} when none was stored yet. */
    public synchronized <T> T get(String key, Class<T> type, Supplier<T> initial) {
        JsonNode node = values.get(key);
        if (node == null) return initial.get();
        return JSON.convertValue(node, type);
    }

    public synchronized void put(String key, Object value) {
        if (value == null) values.remove(key);
        else values.put(key, JSON.valueToTree(value));
        revision++;
    }

    /** A number that changes whenever a value is put or the values are loaded. */
    long revision() {
        return revision;
    }

    /** Reads, changes and stores a value atomically; returns the stored value. */
    public synchronized <T> T update(String key, Class<T> type, Supplier<T> initial, UnaryOperator<T> change) {
        T next = change.apply(get(key, type, initial));
        put(key, next);
        return next;
    }

    public synchronized boolean contains(String key) {
        return values.containsKey(key);
    }

    synchronized ObjectNode toJson() {
        ObjectNode node = JSON.createObjectNode();
        values.forEach((k, v) -> node.set(k, v.deepCopy()));
        return node;
    }

    synchronized void load(JsonNode node) {
        values.clear();
        if (node != null) node.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().deepCopy()));
        revision++;
    }
}
