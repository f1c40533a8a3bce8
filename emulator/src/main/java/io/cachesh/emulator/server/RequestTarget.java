package io.cachesh.emulator.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A request-target split by hand (RFC 9112 §3.2): origin-form {@code /path?query} or absolute-form
 * {@code http://host/path?query}. Percent-escapes in the path are decoded leniently: a broken one ({@code %zz}) stays as
 * sent, so such a request still reaches a vendor front-end instead of being refused before it (the JDK server did).
 *
 * @param rawPath  the path exactly as sent, still percent-encoded
 * @param path     the decoded path
 * @param rawQuery the query exactly as sent, empty when none
 */
record RequestTarget(String rawPath, String path, String rawQuery) {

    /** The parts of {@code target}, or null when it is neither origin-form nor absolute-form (e.g. {@code *}). */
    static RequestTarget parse(String target) {
        String t = target;
        int hash = t.indexOf('#');
        if (hash >= 0) t = t.substring(0, hash);
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            int authority = t.indexOf("//") + 2;
            int end = authority;
            while (end < t.length() && t.charAt(end) != '/' && t.charAt(end) != '?') end++;
            t = t.substring(end);
            if (t.isEmpty() || t.charAt(0) == '?') t = "/" + t;
        }
        if (t.isEmpty() || t.charAt(0) != '/') return null;
        int q = t.indexOf('?');
        String rawPath = q < 0 ? t : t.substring(0, q);
        String rawQuery = q < 0 ? "" : t.substring(q + 1);
        return new RequestTarget(rawPath, decodePath(rawPath), rawQuery);
    }

    /** Decodes {@code %XX} as UTF-8 bytes; a {@code %} not followed by two hex digits is kept as it is. */
    static String decodePath(String raw) {
        if (raw.indexOf('%') < 0) return raw;
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int hi;
            int lo;
            if (bytes[i] == '%' && i + 2 < bytes.length
                    && (hi = Character.digit(bytes[i + 1], 16)) >= 0 && (lo = Character.digit(bytes[i + 2], 16)) >= 0) {
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
