package io.cachesh.shell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.shell.testing.Cli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input rule at run time, from each front end ({@code cachesh -e}, {@code cachesh run}, the REPL):
 * one line with the script line and a suggestion, exit code 2, no Groovy internals.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DslMistakesCliTest {

    static final String UNKNOWN_VERB = "unknown verb 'lst', did you mean 'list'?";
    static final String MISSPELT = "create: unknown argument 'capacty', did you mean 'capacity'?";
    static final String WRONG_TYPE = "create: capacity must be a number, got 'big'";
    static final String MISSING = "create: capacity is required (GB, e.g. capacity: 2)";

    @TempDir
    Path home;

    String typed = "";
    final ByteArrayOutputStream terminalOut = new ByteArrayOutputStream();
    String out;
    String err;

    private int cachesh(String... args) {
        Cli.Result r = Cli.run(Cli.environment(Map.of("NO_COLOR", "1"), home, typed, terminalOut), args);
        out = r.out();
        err = r.err();
        return r.code();
    }

    private static void assertNoInternals(String text) {
        assertThat(text).doesNotContain("Exception", "groovy.", "io.cachesh.", "\tat ", "Cell1", "Script1");
    }

    @Test
    void evalReportsEachKindOfMistakeWithItsLine() {
        assertThat(cachesh("-e", "list()\nlst()")).isEqualTo(2);
        assertThat(err).contains("error: line 2: " + UNKNOWN_VERB);
        assertNoInternals(err);

        assertThat(cachesh("-e", "cache {\n  create name: 'x', spec: 'redis.ha', capacty: 2\n}")).isEqualTo(2);
        assertThat(err).contains("error: line 2: " + MISSPELT);

        assertThat(cachesh("-e", "create name: 'x', spec: 'redis.ha', capacity: 'big'")).isEqualTo(2);
        assertThat(err).endsWith("error: line 1: " + WRONG_TYPE + "\n");

        assertThat(cachesh("-e", "create name: 'x', spec: 'redis.ha'")).isEqualTo(2);
        assertThat(err).endsWith("error: line 1: " + MISSING + "\n");

        assertThat(cachesh("-e", "def w = list()\nw.frobnicate()")).isEqualTo(2);
        assertThat(err).endsWith("error: line 2: a list has no method 'frobnicate'\n");
        assertNoInternals(err);
    }

    @Test
    void runNamesTheRunbookAndLine() throws IOException {
        Path runbook = home.resolve("typo.groovy");
        Files.writeString(runbook, "// typo on line 3\ndef n = params.name ?: 'orders'\nlist(nme: n)\n");
        assertThat(cachesh("run", runbook.toString(), "--emulator")).isEqualTo(2);
        assertThat(err).endsWith("error: " + runbook + ":3: list: unknown argument 'nme', did you mean 'name'? "
                + "(allowed: name, status, spec, tag)\n");
        assertNoInternals(err);

        Files.writeString(runbook, "\n\ncache(huawei) {\n  ensure name: 'x', spec: 'redis.ha', capacity: 'big'\n}\n");
        assertThat(cachesh("run", runbook.toString(), "--emulator")).isEqualTo(2);
        assertThat(err).endsWith("error: " + runbook + ":4: ensure: capacity must be a number, got 'big'\n");
    }

    @Test
    void theReplShowsOneLinePerMistakeAndKeepsGoing() {
        typed = "lst()\ncreate name: 'x', spec: 'redis.ha', capacty: 2\ncreate name: 'x', spec: 'redis.ha'\n"
                + "describe ordrs\n1 + 1\n";
        assertThat(cachesh()).isZero();
        String transcript = terminalOut.toString(StandardCharsets.UTF_8).replace("\r", "");
        assertThat(transcript).contains("error: line 1: " + UNKNOWN_VERB, "error: line 1: " + MISSPELT,
                "error: line 1: " + MISSING, "error: line 1: unknown name 'ordrs' (quote it if it is text: 'ordrs')",
                "Out[5]: 2");
        assertNoInternals(transcript);
    }
}
