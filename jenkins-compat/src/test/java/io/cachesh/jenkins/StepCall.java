package io.cachesh.jenkins;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One pipeline step the program asked for: what {@code Continuable.suspend} hands to the harness. It is part of the
 * suspended program, so it is serialized with it.
 */
public final class StepCall implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final Map<String, Object> args;

    public StepCall(String name, Map<?, ?> args) {
        this.name = name;
        this.args = new LinkedHashMap<>();
        if (args != null) args.forEach((k, v) -> this.args.put(String.valueOf(k), v));
    }

    public String name() {
        return name;
    }

    public Map<String, Object> args() {
        return args;
    }

    /** A text argument as Jenkins reads it (GStrings and other CharSequences too), or null. */
    public String text(String key) {
        Object v = args.get(key);
        return v == null ? null : v.toString();
    }

    public boolean flag(String key) {
        Object v = args.get(key);
        return v instanceof Boolean b ? b : v != null && Boolean.parseBoolean(v.toString());
    }

    @Override
    public String toString() {
        Map<String, Object> shown = new LinkedHashMap<>(args);
        shown.remove("env"); // the environment may hold bound credentials
        return name + shown;
    }
}
