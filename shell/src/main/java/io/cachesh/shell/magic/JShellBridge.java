package io.cachesh.shell.magic;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands objects of the shell to {@code %java} snippets: JShell's local engine loads snippets in a child class
 * loader of the shell's, so a snippet reads {@code JShellBridge.get(key)} and sees the same object.
 */
public final class JShellBridge {

    private static final Map<String, Object> VALUES = new ConcurrentHashMap<>();

    private JShellBridge() {
    }

    public static Object get(String key) {
        return VALUES.get(key);
    }

    static void put(String key, Object value) {
        if (value == null) VALUES.remove(key);
        else VALUES.put(key, value);
    }

    static void removeAll(String prefix) {
        VALUES.keySet().removeIf(k -> k.startsWith(prefix));
    }
}
