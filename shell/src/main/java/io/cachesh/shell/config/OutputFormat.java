package io.cachesh.shell.config;

import java.util.Locale;

/** How results are printed: {@code table} (default), {@code json} or {@code text} ({@code toString()}). */
public enum OutputFormat {
    TABLE, JSON, TEXT;

    /** Parses {@code table|json|text}, case-insensitively. */
    public static OutputFormat parse(String value) {
        if (value == null) throw new UsageException("output format == null");
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("unknown output format '" + value + "' (expected table, json or text)");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
