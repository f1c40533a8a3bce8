package io.cachesh.dsl;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code param 'keep', type: int, default: 7}: one runbook parameter read from {@code --param k=v}, with a default,
 * a required flag, a type (text, whole number, number, yes/no, comma-separated list; taken from the default when not
 * given) and the allowed values. A bad or missing value is a {@link DslException} naming the parameter and what is
 * allowed, so {@code cachesh run} exits with the usage code 2 before the runbook changes anything.
 */
final class RunbookParams {

    static final Set<String> OPTIONS = Set.of("default", "type", "required", "allowed", "description");

    private RunbookParams() {
    }

    static Object read(Map<String, Object> given, String name, Map<?, ?> options) {
        if (name == null || name.isBlank()) throw new DslException("param: a name is required, e.g. param 'keep', default: 7");
        for (Object key : options.keySet()) {
            if (!OPTIONS.contains(String.valueOf(key))) {
                throw new DslException("param " + name + ": unknown option '" + key + "' (allowed: "
                        + OPTIONS.stream().sorted().collect(Collectors.joining(", ")) + ")");
            }
        }
        Object fallback = options.get("default");
        Class<?> type = type(name, options.get("type"), fallback);
        boolean required = Boolean.TRUE.equals(options.get("required"));
        Object raw = given.get(name);
        if (raw == null || (raw instanceof CharSequence cs && cs.toString().isBlank())) {
            if (required) {
                throw new DslException("param " + name + " is required (pass --param " + name + "=<" + typeName(type)
                        + ">)" + allowedSuffix(options.get("allowed")));
            }
            return fallback == null ? null : convert(name, type, fallback);
        }
        Object value = convert(name, type, raw);
        Object allowed = options.get("allowed");
        if (allowed instanceof Collection<?> values && !values.isEmpty()
                && values.stream().map(v -> convert(name, type, v)).noneMatch(value::equals)) {
            throw new DslException("param " + name + ": '" + raw + "' is not allowed" + allowedSuffix(allowed));
        }
        return value;
    }

    private static String allowedSuffix(Object allowed) {
        if (!(allowed instanceof Collection<?> values) || values.isEmpty()) return "";
        return " (allowed: " + values.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
    }

    private static Class<?> type(String name, Object type, Object fallback) {
        if (type == null) return fallback == null ? String.class : boxed(fallback.getClass());
        if (type instanceof Class<?> c) {
            Class<?> b = boxed(c);
            if (b == Integer.class || b == Long.class) return Long.class;
            if (b == Double.class || b == Float.class || b == BigDecimal.class) return BigDecimal.class;
            if (b == String.class || b == Boolean.class) return b;
            if (List.class.isAssignableFrom(b) || Collection.class == b) return List.class;
        }
        throw new DslException("param " + name + ": unknown type '" + type
                + "' (allowed: String, int, long, BigDecimal, double, boolean, List)");
    }

    private static Class<?> boxed(Class<?> c) {
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class || c == short.class) return Long.class;
        if (c == double.class || c == float.class || c == Double.class || c == Float.class) return BigDecimal.class;
        if (c == boolean.class) return Boolean.class;
        if (List.class.isAssignableFrom(c)) return List.class;
        if (CharSequence.class.isAssignableFrom(c)) return String.class;
        return c;
    }

    private static String typeName(Class<?> type) {
        if (type == Long.class) return "whole number";
        if (type == BigDecimal.class) return "number";
        if (type == Boolean.class) return "true|false";
        if (type == List.class) return "a,b,...";
        return "text";
    }

    /** Converts a given (usually text) value to the parameter's type; whole numbers become int when they fit. */
    static Object convert(String name, Class<?> type, Object raw) {
        String text = String.valueOf(raw).trim();
        if (type == String.class) return raw instanceof CharSequence ? raw.toString() : text;
        if (type == Long.class) {
            if (raw instanceof Number n && !(raw instanceof BigDecimal) && !(raw instanceof Double)) return narrow(n.longValue());
            try {
                return narrow(Long.parseLong(text));
            } catch (NumberFormatException e) {
                throw new DslException("param " + name + ": expected a whole number, got '" + raw + "'");
            }
        }
        if (type == BigDecimal.class) {
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new DslException("param " + name + ": expected a number, got '" + raw + "'");
            }
        }
        if (type == Boolean.class) {
            if (raw instanceof Boolean b) return b;
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> true;
                case "false", "no", "0" -> false;
                default -> throw new DslException("param " + name + ": expected true or false, got '" + raw + "'");
            };
        }
        if (type == List.class) {
            if (raw instanceof Collection<?> c) return List.copyOf(c.stream().map(String::valueOf).toList());
            return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
        if (type.isInstance(raw)) return raw;
        throw new DslException("param " + name + ": cannot read '" + raw + "' as " + type.getSimpleName());
    }

    private static Object narrow(long v) {
        return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Object) (int) v : (Object) v;
    }
}
