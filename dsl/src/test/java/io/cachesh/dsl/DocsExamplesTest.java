package io.cachesh.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every ```groovy block of docs/dsl.md runs, in order and in one session, against the emulator. */
class DocsExamplesTest extends EmulatorTestSupport {

    static final Pattern GROOVY_BLOCK = Pattern.compile("(?ms)^```groovy\\n(.*?)^```");

    @Test
    void everyGroovyBlockOfTheDslGuideRuns() throws IOException {
        List<String> blocks = groovyBlocks(docs("dsl.md"));
        assertThat(blocks).hasSizeGreaterThan(10);
        RecordingOutput out = new RecordingOutput();
        try (CacheshSession session = session(out)) {
            for (String block : blocks) {
                try {
                    session.evaluate(block);
                } catch (RuntimeException | AssertionError e) {
                    throw new AssertionError("docs/dsl.md block failed: " + e + "\n" + block, e);
                }
            }
            assertThat(session.evaluate("list()")).asList().isEmpty();
        }
    }

    static List<String> groovyBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher m = GROOVY_BLOCK.matcher(markdown);
        while (m.find()) blocks.add(m.group(1));
        return blocks;
    }

    /** A file of the repository's docs/ (tests run in dsl/). */
    static String docs(String name) throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docs").resolve(name))) dir = dir.getParent();
        if (dir == null) throw new IOException("docs/" + name + " not found above " + Path.of("").toAbsolutePath());
        return Files.readString(dir.resolve("docs").resolve(name));
    }
}
