package io.cachesh.dsl.result;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers shared by the result classes. */
final class Values {

    private Values() {
    }

    /** A serializable, unmodifiable copy holding only plain values (String, Number, Boolean, List, Map). */
    static Map<String, Object> copy(Map<String, ?> in) {
        if (in == null || in.isEmpty()) return Collections.emptyMap();
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        in.forEach((k, v) -> {
            if (isSecret(k)) return;
            out.put(k, plain(v));
        });
        return Collections.unmodifiableMap(out);
    }

    static boolean isSecret(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("token");
    }

    @SuppressWarnings("unchecked")
    private static Object plain(Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) return v;
        if (v instanceof Map<?, ?> m) return copy((Map<String, ?>) m);
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) out.add(plain(o));
            return Collections.unmodifiableList(out);
        }
        if (v instanceof Serializable) return v;
        return String.valueOf(v);
    }

    /** {@code 2.0 -> 2}, {@code 0.25 -> 0.25}: what a user expects to read. */
    static Number gb(double value) {
        if (value == Math.rint(value) && Math.abs(value) < Integer.MAX_VALUE) return (int) value;
        return value;
    }

    static String gbText(double value) {
        return String.valueOf(gb(value));
    }
}
