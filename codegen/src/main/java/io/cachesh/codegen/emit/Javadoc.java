package io.cachesh.codegen.emit;

/** Makes model text safe inside Javadoc comments and Java string literals. */
public final class Javadoc {

    private Javadoc() {
    }

    /**
     * Escapes HTML, comment terminators, {@code @} tags and backslashes (javac reads {@code \}{@code u} as a
     * unicode escape even inside comments).
     */
    public static String escape(String text) {
        if (text == null) return "";
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '@' -> out.append("&#64;");
                case '\\' -> out.append("&#92;");
                case '*' -> out.append(i + 1 < text.length() && text.charAt(i + 1) == '/' ? "&#42;" : "*");
                case '\r' -> { }
                default -> out.append(c);
            }
        }
        return out.toString().strip();
    }

    /** A Java string literal, quotes included; {@code "null"} for null. */
    public static String literal(String text) {
        if (text == null) return "null";
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }
}
