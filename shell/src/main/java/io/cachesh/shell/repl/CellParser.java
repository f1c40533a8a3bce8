package io.cachesh.shell.repl;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * The REPL's line parser. On accept, a cell with an open brace, bracket, parenthesis, string or block comment
 * (or a trailing backslash) throws {@link EOFError}, so the reader asks for a continuation line with the
 * {@code ...:} prompt. Words are Groovy-ish tokens: identifiers with dots and dashes, so {@code tencent.redis.de}
 * and {@code ap-guang} are single words for completion.
 */
public final class CellParser implements Parser {

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE) {
            String missing = GroovyText.scan(line).missing();
            if (missing != null) throw new EOFError(-1, -1, "incomplete cell: missing " + missing, missing);
        }
        return words(line, cursor);
    }

    @Override
    public boolean isEscapeChar(char ch) {
        return false;
    }

    /** What keeps a cell open (a brace, a string...), or null when it is complete. */
    public static String missing(String cell) {
        return GroovyText.scan(cell).missing();
    }

    /** True for characters that belong to a completion word. */
    public static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.' || c == '-';
    }

    static CellLine words(String line, int cursor) {
        cursor = Math.max(0, Math.min(cursor, line.length()));
        List<String> words = new ArrayList<>();
        int wordIndex = -1;
        int wordCursor = 0;
        int i = 0;
        int n = line.length();
        while (i < n) {
            if (!isWordChar(line.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && isWordChar(line.charAt(i))) i++;
            if (cursor >= start && cursor <= i) {
                wordIndex = words.size();
                wordCursor = cursor - start;
            }
            words.add(line.substring(start, i));
        }
        if (wordIndex < 0) {
            // the cursor is between words: complete an empty word there
            int before = 0;
            for (int k = 0, pos = 0; k < words.size(); k++) {
                pos = line.indexOf(words.get(k), pos);
                if (pos + words.get(k).length() <= cursor) before = k + 1;
                pos += words.get(k).length();
            }
            words.add(before, "");
            wordIndex = before;
            wordCursor = 0;
        }
        return new CellLine(line, cursor, List.copyOf(words), wordIndex, wordCursor);
    }

    /** A parsed cell: the word under the cursor and the others. */
    record CellLine(String line, int cursor, List<String> words, int wordIndex, int wordCursor)
            implements CompletingParsedLine {
        @Override
        public String word() {
            return words.get(wordIndex);
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate; // candidates are inserted as they are: quotes are part of them
        }

        @Override
        public int rawWordCursor() {
            return wordCursor;
        }

        @Override
        public int rawWordLength() {
            return word().length();
        }
    }
}
