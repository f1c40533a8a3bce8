package io.cachesh.emulator.protocol;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request as the front-ends see it: fully read, headers case-insensitive.
 *
 * @param method   upper-case method
 * @param path     decoded path, e.g. {@code /}
 * @param rawQuery the query string exactly as sent (URL-encoded), empty when none
 * @param headers  header name (any case) to values
 * @param body     raw body bytes
 * @param remote   client address, for logs
 * @param rawPath  the path exactly as sent (still percent-encoded), for signatures over the encoded path
 */
public record HttpRequestData(String method, String path, String rawQuery, Map<String, List<String>> headers,
                              byte[] body, String remote, String rawPath) {

    /** A request whose path was sent without percent-escapes (raw path = path). */
    public HttpRequestData(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body,
                           String remote) {
        this(method, path, rawQuery, headers, body, remote, path);
    }

    public HttpRequestData {
        rawPath = rawPath == null ? path : rawPath;
        TreeMap<String, List<String>> ci = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> ci.put(k, List.copyOf(v)));
        headers = ci;
        rawQuery = rawQuery == null ? "" : rawQuery;
        body = body == null ? new byte[0] : body;
    }

    /** Larger bodies are refused (Tencent's documented POST limit is 10 MB); the server stops reading past it. */
    public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    /**
     * The body the server hands on for a request whose body is larger than {@link #MAX_BODY_BYTES} (announced by
     * Content-Length, or found while reading a chunked body): empty, and recognised by identity in {@link #bodyTooLarge}.
     */
    public static final byte[] TOO_LARGE = new byte[0];

    /** Whether the body exceeded {@link #MAX_BODY_BYTES}: each front-end answers its vendor's size error. */
    public boolean bodyTooLarge() {
        return body == TOO_LARGE || body.length > MAX_BODY_BYTES;
    }

    /** All values of a header (empty when absent). */
    public List<String> headerValues(String name) {
        List<String> values = headers.get(name);
        return values == null ? List.of() : values;
    }

    /** First value of a header, null when absent. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Decoded query parameters in order (last value wins for repeated names). */
    public Map<String, String> queryParams() {
        return decodeForm(rawQuery);
    }

    public static Map<String, String> decodeForm(String form) {
        Map<String, String> params = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) return params;
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(decode(name), decode(value));
        }
        return params;
    }

    /** URL-decodes, keeping the raw text when it holds a broken escape ({@code %zz}). */
    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    public String contentType() {
        String ct = header("Content-Type");
        return ct == null ? "" : ct.toLowerCase(Locale.ROOT);
    }
}
