package io.cachesh.reliability.support;

import java.util.List;
import java.util.regex.Pattern;

/** What a user-facing text must never contain: Java internals. */
public final class Leaks {

    private Leaks() {
    }

    /** Markers of a Java stack trace or class name leaking into an answer or a message. */
    private static final List<Pattern> MARKERS = List.of(
            Pattern.compile("Exception"),
            Pattern.compile("\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\("),            // a stack frame
            Pattern.compile("\\b(java|javax|jdk|sun|groovy|org\\.codehaus|com\\.fasterxml|io\\.cachesh|okhttp3|picocli)\\.[a-z]"),
            Pattern.compile("Caused by:"),
            Pattern.compile("NullPointer|ClassCast|IndexOutOfBounds|NumberFormat|Arithmetic"));

    /** The first leak marker found in {@code text}, or null. */
    public static String find(String text) {
        if (text == null) return null;
        for (Pattern p : MARKERS) {
            var m = p.matcher(text);
            if (m.find()) return "'" + m.group() + "' at " + m.start() + " in: "
                    + text.substring(Math.max(0, m.start() - 200), Math.min(text.length(), m.end() + 200));
        }
        return null;
    }

    /** True when {@code s} could itself look like a leak if echoed (generators avoid those). */
    public static boolean looksLikeLeak(String s) {
        return find(s) != null;
    }
}
