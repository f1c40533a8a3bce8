package io.cachesh.shell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachesh.shell.config.ShellEnvironment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cachesh run}'s exit codes for a runbook's {@code param}, {@code output} and {@code fail}, as a pipeline sees them. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RunbookExitCodesTest {

    @TempDir
    Path home;

    String out;
    String err;

    private int run(String source, String... params) throws IOException {
        Path script = home.resolve("runbook.groovy");
        Files.writeString(script, source);
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        ShellEnvironment environment = new ShellEnvironment(Map.of("NO_COLOR", "1"), home,
                () -> new DumbTerminal("test", "dumb", new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                        StandardCharsets.UTF_8),
                false, latch -> { });
        CommandLine cmd = CacheshCommand.newCommandLine(environment);
        cmd.setOut(new PrintWriter(o, true)).setErr(new PrintWriter(e, true));
        String[] args = new String[4 + params.length];
        args[0] = "run";
        args[1] = script.toString();
        args[2] = "--emulator";
        args[3] = "--output=json";
        System.arraycopy(params, 0, args, 4, params.length);
        int code = cmd.execute(args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    private static final String RUNBOOK = """
            int threshold = param 'threshold', type: int, default: 1
            int found = list().size() + 2
            output([found: found, threshold: threshold])
            if (found > threshold) fail "found ${found} instances, more than ${threshold}"
            """;

    @Test
    void failPrintsTheOutputThenExitsThree() throws IOException {
        assertThat(run(RUNBOOK)).isEqualTo(3);
        assertThat(new ObjectMapper().readTree(out).toString()).isEqualTo("{\"found\":2,\"threshold\":1}");
        assertThat(err).endsWith("error: found 2 instances, more than 1\n").doesNotContain("Exception");

        assertThat(run(RUNBOOK, "--param", "threshold=5")).isZero();
        assertThat(new ObjectMapper().readTree(out).toString()).isEqualTo("{\"found\":2,\"threshold\":5}");

        assertThat(run(RUNBOOK, "--param", "threshold=five")).isEqualTo(2);
        assertThat(out).isEmpty();
        // one line, located in the runbook
        assertThat(err).containsOnlyOnce("error: ").endsWith(":1: param threshold: expected a whole number, got 'five'\n");

        assertThat(run("fail 'disk full', exitCode: 7")).isEqualTo(7);
        assertThat(out).isEmpty();
        assertThat(err).endsWith("error: disk full\n");
    }
}
