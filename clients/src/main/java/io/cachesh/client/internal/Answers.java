package io.cachesh.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Small readings of an answer body that every protocol makes: its JSON object, a member's text, a quotable snippet. */
final class Answers {

    private Answers() {
    }

    /** The body as a JSON object, or null when it is not one (the caller then reports the body as it came). */
    static JsonNode objectOrNull(byte[] bytes) {
        try {
            JsonNode root = Transport.MAPPER.readTree(bytes);
            return root != null && root.isObject() ? root : null;
        } catch (IOException e) {
            return null;
        }
    }

    static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** {@link #snippet(String)} of a UTF-8 body. */
    static String snippet(byte[] bytes) {
        return snippet(utf8(bytes));
    }

    /** The text on one line, cut at 200 characters, quoted: for error messages about bodies we could not read. */
    static String snippet(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 200 ? "'" + oneLine + "'" : "'" + oneLine.substring(0, 200) + "...' (" + text.length() + " chars)";
    }
}
