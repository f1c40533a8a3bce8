package io.cachesh.shell.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How results are printed: {@code table} (default), {@code json}, {@code text} ({@code toString()}) or {@code tsv}
 * (tab-separated, one row per item, no header). See docs/output.md.
 */
public enum OutputFormat {
    TABLE, JSON, TEXT, TSV;

    /** The accepted spellings, for messages: {@code table, json, text, tsv}. */
    public static String names() {
        return Arrays.stream(values()).map(OutputFormat::toString).collect(Collectors.joining(", "));
    }

    /** Parses {@code table|json|text|tsv}, case-insensitively. */
    public static OutputFormat parse(String value) {
        if (value == null || value.isBlank()) {
            throw new UsageException("missing output format: use one of " + names());
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("unknown output format '" + value.strip() + "': use one of " + names());
        }
    }

    /** JSON and TSV are read by programs: a script's {@code println} then goes to stderr, keeping stdout clean. */
    public boolean forMachines() {
        return this == JSON || this == TSV;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
