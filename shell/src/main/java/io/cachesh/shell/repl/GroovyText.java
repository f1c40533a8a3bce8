package io.cachesh.shell.repl;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small lexical scan of Groovy source, enough to tell whether a cell is complete and where the cursor is:
 * brackets still open, a string still open ({@code '}, {@code "}, {@code '''}, {@code """}), a block comment
 * still open. It does not parse Groovy; slashy strings are not recognised.
 */
final class GroovyText {

    /** An unclosed bracket: its character and position. */
    record Open(char bracket, int position) {
    }

    private final Deque<Open> brackets = new ArrayDeque<>();
    private String openQuote;
    private int quoteStart = -1;
    private boolean blockComment;
    private boolean mismatched;
    private final String source;

    private GroovyText(String source) {
        this.source = source;
    }

    static GroovyText scan(String source) {
        GroovyText t = new GroovyText(source);
        t.run();
        return t;
    }

    private void run() {
        int n = source.length();
        int i = 0;
        while (i < n) {
            char c = source.charAt(i);
            if (blockComment) {
                if (source.startsWith("*/", i)) {
                    blockComment = false;
                    i += 2;
                } else {
                    i++;
                }
                continue;
            }
            if (openQuote != null) {
                if (c == '\\') {
                    i += 2;
                    continue;
                }
                if (source.startsWith(openQuote, i)) {
                    i += openQuote.length();
                    openQuote = null;
                    quoteStart = -1;
                    continue;
                }
                if (c == '\n' && openQuote.length() == 1) {
                    // a single-quoted string cannot span lines: Groovy will report it; stop tracking it
                    openQuote = null;
                    quoteStart = -1;
                }
                i++;
                continue;
            }
            if (source.startsWith("//", i)) {
                int eol = source.indexOf('\n', i);
                i = eol < 0 ? n : eol;
                continue;
            }
            if (source.startsWith("/*", i)) {
                blockComment = true;
                i += 2;
                continue;
            }
            if (c == '\'' || c == '"') {
                String triple = String.valueOf(c).repeat(3);
                openQuote = source.startsWith(triple, i) ? triple : String.valueOf(c);
                quoteStart = i;
                i += openQuote.length();
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                brackets.push(new Open(c, i));
            } else if (c == ')' || c == ']' || c == '}') {
                if (brackets.isEmpty() || closing(brackets.peek().bracket()) != c) {
                    mismatched = true;
                } else {
                    brackets.pop();
                }
            }
            i++;
        }
    }

    private static char closing(char open) {
        return switch (open) {
            case '(' -> ')';
            case '[' -> ']';
            default -> '}';
        };
    }

    /** What is missing for the source to be complete ({@code "}"}, {@code "'''"}...), or null when complete. */
    String missing() {
        if (mismatched) return null; // let Groovy report the syntax error
        if (openQuote != null) return openQuote;
        if (blockComment) return "*/";
        if (!brackets.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (Open o : brackets) sb.append(closing(o.bracket()));
            return sb.toString();
        }
        if (source.stripTrailing().endsWith("\\")) return "line";
        return null;
    }

    /** The innermost unclosed bracket, or null. */
    Open innermost() {
        return brackets.peek();
    }

    /** Position of the opening quote of a string still open at the end, or -1. */
    int quoteStart() {
        return quoteStart;
    }

    String openQuote() {
        return openQuote;
    }

    boolean inBlockComment() {
        return blockComment;
    }
}
