package io.cachesh.shell.repl;

import static org.assertj.core.api.Assertions.assertThat;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

class CacheshHighlighterTest {

    final CacheshHighlighter on = new CacheshHighlighter(TestVocabulary::vocabulary, true);

    private static AttributedStyle styleAt(AttributedString s, String text, String token) {
        return s.styleAt(text.indexOf(token));
    }

    @Test
    void coloursKeywordsStringsNumbersVerbsCommentsAndMagics() {
        String cell = "def o = create name: 'orders', capacity: 2 // make it\nif (true) tencent.redis.describeInstances(limit: 10)";
        AttributedString s = on.highlight(cell);
        assertThat(s.toString()).isEqualTo(cell); // text unchanged
        assertThat(styleAt(s, cell, "def")).isEqualTo(CacheshHighlighter.KEYWORD);
        assertThat(styleAt(s, cell, "create")).isEqualTo(CacheshHighlighter.VERB);
        assertThat(styleAt(s, cell, "'orders'")).isEqualTo(CacheshHighlighter.STRING);
        assertThat(s.styleAt(cell.indexOf("orders',") + 5)).isEqualTo(CacheshHighlighter.STRING);
        assertThat(styleAt(s, cell, "2 //")).isEqualTo(CacheshHighlighter.NUMBER);
        assertThat(styleAt(s, cell, "// make")).isEqualTo(CacheshHighlighter.COMMENT);
        assertThat(styleAt(s, cell, "if")).isEqualTo(CacheshHighlighter.KEYWORD);
        assertThat(styleAt(s, cell, "true")).isEqualTo(CacheshHighlighter.KEYWORD);
        assertThat(styleAt(s, cell, "tencent")).isEqualTo(CacheshHighlighter.VERB);
        assertThat(styleAt(s, cell, "10")).isEqualTo(CacheshHighlighter.NUMBER);
        // named arguments and plain identifiers stay plain
        assertThat(styleAt(s, cell, "name:")).isEqualTo(AttributedStyle.DEFAULT);
        assertThat(styleAt(s, cell, "o =")).isEqualTo(AttributedStyle.DEFAULT);
        assertThat(styleAt(s, cell, "describeInstances")).isEqualTo(AttributedStyle.DEFAULT);
    }

    @Test
    void magicsAndTripleQuotedStrings() {
        String cell = "%time x = '''a\n'b' c''' + \"d\"";
        AttributedString s = on.highlight(cell);
        assertThat(styleAt(s, cell, "%time")).isEqualTo(CacheshHighlighter.MAGIC);
        assertThat(s.styleAt(cell.indexOf("'b'"))).isEqualTo(CacheshHighlighter.STRING);
        assertThat(styleAt(s, cell, "+")).isEqualTo(AttributedStyle.DEFAULT);
        assertThat(styleAt(s, cell, "\"d\"")).isEqualTo(CacheshHighlighter.STRING);
        String java = "%java var c = 1";
        assertThat(on.highlight(java).styleAt(java.indexOf("var"))).isEqualTo(AttributedStyle.DEFAULT);
    }

    @Test
    void offMeansPlain() {
        CacheshHighlighter off = new CacheshHighlighter(() -> {
            throw new AssertionError("the vocabulary is not needed when off");
        }, false);
        String cell = "def x = create name: 'a'";
        AttributedString s = off.highlight(cell);
        assertThat(s.toAnsi()).isEqualTo(cell);
    }
}
