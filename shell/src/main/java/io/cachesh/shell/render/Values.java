package io.cachesh.shell.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachesh.client.auth.Secret;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converts results to plain data (maps, lists, strings, numbers, booleans, null) that every renderer
 * understands: DSL results through their {@code toMap()}, Jackson-bound client models through Jackson,
 * records through their components, secrets masked, anything else through {@code toString()}.
 */
public final class Values {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Values() {
    }

    public static Object toPlain(Object value) {
        return toPlain(value, 0);
    }

    /** The {@code toMap()} of a DSL result ({@code Instance}, {@code Task}, {@code Backup}), if it has one. */
    public static Optional<Map<?, ?>> resultMap(Object value) {
        if (value == null || value instanceof Map) return Optional.empty();
        try {
            Method m = value.getClass().getMethod("toMap");
            if (Map.class.isAssignableFrom(m.getReturnType()) && Modifier.isPublic(m.getModifiers())) {
                m.setAccessible(true);
                return Optional.ofNullable((Map<?, ?>) m.invoke(value));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // not a result
        }
        return Optional.empty();
    }

    private static Object toPlain(Object value, int depth) {
        if (depth > 32) return String.valueOf(value);
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof CharSequence || value instanceof Character) return value.toString();
        if (value instanceof Secret) return Secret.MASK;
        if (value instanceof Enum<?> e) return e.name();
        if (value instanceof TemporalAccessor) return value.toString();
        if (value instanceof Optional<?> o) return toPlain(o.orElse(null), depth + 1);
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), toPlain(v, depth + 1)));
            return out;
        }
        if (value instanceof Iterable<?> it) {
            List<Object> out = new ArrayList<>();
            for (Object o : it) out.add(toPlain(o, depth + 1));
            return out;
        }
        if (value.getClass().isArray()) {
            List<Object> out = new ArrayList<>();
            for (int i = 0, n = Array.getLength(value); i < n; i++) out.add(toPlain(Array.get(value, i), depth + 1));
            return out;
        }
        if (value instanceof JsonNode node) return MAPPER.convertValue(node, Object.class);
        Optional<Map<?, ?>> map = resultMap(value);
        if (map.isPresent()) return toPlain(map.get(), depth + 1);
        if (isJacksonBound(value.getClass())) {
            try {
                return toPlain(MAPPER.convertValue(value, Object.class), depth + 1);
            } catch (IllegalArgumentException e) {
                return value.toString();
            }
        }
        if (value.getClass().isRecord()) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (RecordComponent c : value.getClass().getRecordComponents()) {
                try {
                    Method accessor = c.getAccessor();
                    accessor.setAccessible(true);
                    out.put(c.getName(), toPlain(accessor.invoke(value), depth + 1));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return value.toString();
                }
            }
            return out;
        }
        return value.toString();
    }

    /** A class, or one of its fields or methods, carries a Jackson annotation: Jackson knows how to write it. */
    private static boolean isJacksonBound(Class<?> type) {
        if (jackson(type.getAnnotations())) return true;
        try {
            for (var f : type.getDeclaredFields()) if (jackson(f.getAnnotations())) return true;
            for (var m : type.getDeclaredMethods()) if (jackson(m.getAnnotations())) return true;
        } catch (SecurityException | LinkageError e) {
            return false;
        }
        return false;
    }

    private static boolean jackson(java.lang.annotation.Annotation[] annotations) {
        for (var a : annotations) {
            if (a.annotationType().getName().startsWith("com.fasterxml.jackson.")) return true;
        }
        return false;
    }
}
