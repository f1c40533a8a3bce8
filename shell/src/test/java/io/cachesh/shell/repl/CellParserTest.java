package io.cachesh.shell.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.Test;

class CellParserTest {

    private final CellParser parser = new CellParser();

    private void assertIncomplete(String cell, String missing) {
        assertThatThrownBy(() -> parser.parse(cell, cell.length(), ParseContext.ACCEPT_LINE))
                .isInstanceOf(EOFError.class)
                .satisfies(e -> assertThat(((EOFError) e).getMissing()).isEqualTo(missing));
    }

    private void assertComplete(String cell) {
        assertThatCode(() -> parser.parse(cell, cell.length(), ParseContext.ACCEPT_LINE)).doesNotThrowAnyException();
    }

    @Test
    void openBracketsAskForMoreLines() {
        assertIncomplete("cache {", "}");
        assertIncomplete("list().each { println(it", ")}");
        assertIncomplete("[1, 2,", "]");
        assertIncomplete("def x = '''multi", "'''");
        assertIncomplete("def s = \"\"\"a\nb", "\"\"\"");
        assertIncomplete("/* comment", "*/");
        assertIncomplete("1 + \\", "line");
    }

    @Test
    void balancedCellsAreAccepted() {
        assertComplete("cache {\n  list()\n}");
        assertComplete("create name: 'a{b', spec: \"redis.ha\"");
        assertComplete("println '}'  // { in a comment");
        assertComplete("x = '''a\n{\n'''");
        assertComplete("");
    }

    @Test
    void mismatchedBracketsAreLeftToGroovy() {
        assertComplete("foo(]");
        assertComplete("}");
    }

    @Test
    void incompleteCellsStillParseForCompletion() {
        assertThatCode(() -> parser.parse("cache {", 7, ParseContext.COMPLETE)).doesNotThrowAnyException();
    }

    @Test
    void wordsKeepDotsAndDashes() {
        ParsedLine line = parser.parse("tencent.redis.desc", 18, ParseContext.COMPLETE);
        assertThat(line.word()).isEqualTo("tencent.redis.desc");
        assertThat(line.wordCursor()).isEqualTo(18);

        line = parser.parse("%region ap-gu", 13, ParseContext.COMPLETE);
        assertThat(line.words()).containsExactly("region", "ap-gu");
        assertThat(line.word()).isEqualTo("ap-gu");
    }

    @Test
    void cursorBetweenWordsCompletesAnEmptyWord() {
        ParsedLine line = parser.parse("create name: 'a', ", 18, ParseContext.COMPLETE);
        assertThat(line.word()).isEmpty();
        assertThat(line.wordIndex()).isEqualTo(3);
        assertThat(line.words()).containsExactly("create", "name", "a", "");

        line = parser.parse("resize  orders", 7, ParseContext.COMPLETE);
        assertThat(line.wordIndex()).isEqualTo(1);
        assertThat(line.words()).containsExactly("resize", "", "orders");
    }
}
