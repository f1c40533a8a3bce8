package io.cachesh.shell.render;

import java.util.Map;

/** Whether to colour output: only on a terminal, and never when {@code NO_COLOR} or {@code CI} is set. */
public final class Ansi {

    private Ansi() {
    }

    public static boolean enabled(Map<String, String> env, boolean terminal) {
        return terminal && !env.containsKey("NO_COLOR") && !env.containsKey("CI");
    }
}
