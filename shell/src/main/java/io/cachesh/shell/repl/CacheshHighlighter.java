package io.cachesh.shell.repl;

import java.util.Set;
import java.util.function.Supplier;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Colours the input as it is typed: Groovy keywords, strings, numbers, comments, DSL verbs, magics and
 * {@code tencent.redis.*}. Off (plain text) when colour is off: {@code NO_COLOR}, {@code CI}, a dumb terminal or
 * not a terminal.
 */
public final class CacheshHighlighter implements Highlighter {

    static final AttributedStyle KEYWORD = AttributedStyle.BOLD.foreground(AttributedStyle.MAGENTA);
    static final AttributedStyle STRING = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    static final AttributedStyle NUMBER = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    static final AttributedStyle COMMENT = AttributedStyle.DEFAULT.foreground(AttributedStyle.BRIGHT);
    static final AttributedStyle VERB = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);
    static final AttributedStyle MAGIC = AttributedStyle.BOLD.foreground(AttributedStyle.YELLOW);

    static final Set<String> KEYWORDS = Set.of("abstract", "as", "assert", "boolean", "break", "case", "catch", "class",
            "continue", "def", "default", "do", "double", "else", "enum", "extends", "false", "final", "finally", "for",
            "if", "implements", "import", "in", "instanceof", "int", "interface", "long", "new", "null", "package",
            "private", "protected", "public", "return", "static", "super", "switch", "this", "throw", "throws", "true",
            "try", "var", "void", "while", "String");

    private final Supplier<Vocabulary> vocabulary;
    private final boolean enabled;

    /**
     * @param vocabulary the DSL verbs (memoized; only read when enabled)
     * @param enabled    false: every line stays plain
     */
    public CacheshHighlighter(Supplier<Vocabulary> vocabulary, boolean enabled) {
        this.vocabulary = vocabulary;
        this.enabled = enabled;
    }

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        return highlight(buffer);
    }

    /** The styled buffer (plain when disabled). */
    public AttributedString highlight(String buffer) {
        if (!enabled || buffer.isEmpty()) return new AttributedString(buffer);
        AttributedStringBuilder sb = new AttributedStringBuilder(buffer.length() + 16);
        String trimmed = buffer.stripLeading();
        if (trimmed.startsWith("%")) {
            int start = buffer.length() - trimmed.length();
            int end = start + 1;
            while (end < buffer.length() && Character.isLetterOrDigit(buffer.charAt(end))) end++;
            sb.append(buffer.substring(0, start)).styled(MAGIC, buffer.substring(start, end));
            if (trimmed.startsWith("%java")) return sb.append(buffer.substring(end)).toAttributedString();
            buffer = buffer.substring(end);
            appendGroovy(sb, buffer);
            return sb.toAttributedString();
        }
        appendGroovy(sb, buffer);
        return sb.toAttributedString();
    }

    private void appendGroovy(AttributedStringBuilder sb, String s) {
        int i = 0;
        int n = s.length();
        Vocabulary vocab = vocabulary();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                int end = s.indexOf('\n', i);
                end = end < 0 ? n : end;
                sb.styled(COMMENT, s.substring(i, end));
                i = end;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                sb.styled(COMMENT, s.substring(i, end));
                i = end;
            } else if (c == '\'' || c == '"') {
                String quote = s.startsWith(String.valueOf(c).repeat(3), i) ? String.valueOf(c).repeat(3) : String.valueOf(c);
                int end = endOfString(s, i + quote.length(), quote);
                sb.styled(STRING, s.substring(i, end));
                i = end;
            } else if (Character.isDigit(c)) {
                int end = i;
                while (end < n && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '.' || s.charAt(end) == '_')
                        && !(s.charAt(end) == '.' && (end + 1 >= n || !Character.isDigit(s.charAt(end + 1))))) end++;
                sb.styled(NUMBER, s.substring(i, end));
                i = end;
            } else if (Character.isJavaIdentifierStart(c)) {
                int end = i;
                while (end < n && Character.isJavaIdentifierPart(s.charAt(end))) end++;
                String word = s.substring(i, end);
                boolean member = i > 0 && s.charAt(i - 1) == '.';
                boolean namedArgument = end < n && s.charAt(end) == ':' && (end + 1 >= n || s.charAt(end + 1) != ':');
                if (!member && KEYWORDS.contains(word)) {
                    sb.styled(KEYWORD, word);
                } else if (!member && !namedArgument && vocab != null && (vocab.verb(word).isPresent() || isNamespace(vocab, word))) {
                    sb.styled(VERB, word);
                } else {
                    sb.append(word);
                }
                i = end;
            } else {
                sb.append(c);
                i++;
            }
        }
    }

    private static boolean isNamespace(Vocabulary vocab, String word) {
        for (String ns : vocab.apis().keySet()) if (ns.startsWith(word + ".")) return true;
        return false;
    }

    private Vocabulary vocabulary() {
        try {
            return vocabulary == null ? null : vocabulary.get();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static int endOfString(String s, int from, String quote) {
        int i = from;
        while (i < s.length()) {
            if (s.charAt(i) == '\\') {
                i += 2;
                continue;
            }
            if (s.startsWith(quote, i)) return i + quote.length();
            if (quote.length() == 1 && s.charAt(i) == '\n') return i;
            i++;
        }
        return s.length();
    }
}
