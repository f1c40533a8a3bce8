package io.cachesh.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/clients.md cannot drift: every {@code ```java} block in it appears, line for line (indentation, trailing
 * whitespace and blank lines ignored), between {@code // SNIPPET_START <name>} and {@code // SNIPPET_END} in {@link DocsExamplesTest},
 * which runs them against MockWebServer (STYLE test rule 6, JLine's SNIPPET_START).
 */
class DocsSnippetsTest {

    static final Path DOC = Path.of("../docs/clients.md");
    static final Path EXAMPLES = Path.of("src/test/java/io/cachesh/client/DocsExamplesTest.java");

    @Test
    void everyJavaBlockOfTheDocIsARunSnippet() throws IOException {
        Map<String, List<String>> snippets = snippets(Files.readString(EXAMPLES, StandardCharsets.UTF_8));
        List<List<String>> blocks = javaBlocks(Files.readString(DOC, StandardCharsets.UTF_8));
        assertThat(blocks).as("```java blocks in " + DOC).isNotEmpty();
        for (List<String> block : blocks) {
            assertThat(snippets.values().stream().anyMatch(s -> contains(s, block)))
                    .as("this block of %s is in no snippet of %s:%n%s", DOC, EXAMPLES, String.join("\n", block))
                    .isTrue();
        }
    }

    @Test
    void everySnippetIsShownInTheDoc() throws IOException {
        Map<String, List<String>> snippets = snippets(Files.readString(EXAMPLES, StandardCharsets.UTF_8));
        List<List<String>> blocks = javaBlocks(Files.readString(DOC, StandardCharsets.UTF_8));
        snippets.forEach((name, snippet) -> assertThat(blocks.stream().anyMatch(b -> contains(snippet, b)))
                .as("snippet " + name + " is not shown in " + DOC).isTrue());
    }

    @Test
    void theMatcherIgnoresIndentationButNotContent() {
        Map<String, List<String>> snippets = snippets("""
                    // SNIPPET_START a
                    int x = 1;
                        x++;
                    // SNIPPET_END
                """);
        assertThat(snippets).containsOnlyKeys("a");
        assertThat(contains(snippets.get("a"), List.of("int x = 1;", "x++;"))).isTrue();
        assertThat(contains(snippets.get("a"), List.of("int x = 2;"))).isFalse();
        assertThat(javaBlocks("text\n```java\n  a();\n\n```\n```bash\nb\n```\n")).containsExactly(List.of("a();"));
    }

    static Map<String, List<String>> snippets(String source) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String name = null;
        List<String> lines = null;
        for (String line : source.split("\n", -1)) {
            String t = line.strip();
            if (t.startsWith("// SNIPPET_START ")) {
                name = t.substring("// SNIPPET_START ".length()).strip();
                lines = new ArrayList<>();
            } else if (t.equals("// SNIPPET_END") && name != null) {
                out.put(name, lines);
                name = null;
            } else if (name != null && !t.isEmpty()) {
                lines.add(t);
            }
        }
        return out;
    }

    static List<List<String>> javaBlocks(String markdown) {
        List<List<String>> out = new ArrayList<>();
        List<String> block = null;
        for (String line : markdown.split("\n", -1)) {
            String t = line.strip();
            if (block == null && t.equals("```java")) {
                block = new ArrayList<>();
            } else if (block != null && t.equals("```")) {
                out.add(block);
                block = null;
            } else if (block != null && !t.isEmpty()) {
                block.add(t);
            }
        }
        return out;
    }

    /** Whether {@code block} occurs as consecutive lines of {@code snippet}. */
    static boolean contains(List<String> snippet, List<String> block) {
        if (block.isEmpty()) return false;
        for (int i = 0; i + block.size() <= snippet.size(); i++) {
            if (snippet.subList(i, i + block.size()).equals(block)) return true;
        }
        return false;
    }
}
