package io.cachesh.shell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachesh.shell.config.ShellEnvironment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The foundation's proof, the way an operator runs it: {@code cachesh run scripts/first-steps.groovy --emulator
 * --output json}. The runbook creates an instance, waits, writes a key through a real Redis connection, resets the
 * password (old rejected, new works), clears it (key gone), resizes it (maxmemory grows on the real redis-server)
 * and deletes it; each step asserts on the real server, so a green run means all of them happened. This test then
 * checks the JSON summary and that the deleted instance's port is closed.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FirstStepsRunbookTest {

    @TempDir
    Path home;

    @Test
    void theFirstStepsRunbookRunsEndToEndThroughTheCli() throws IOException {
        Path runbook = repoRoot().resolve("scripts/first-steps.groovy");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ShellEnvironment environment = new ShellEnvironment(Map.of("NO_COLOR", "1"), home,
                () -> new DumbTerminal("test", "dumb", new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                        StandardCharsets.UTF_8),
                false, latch -> { });
        CommandLine cmd = CacheshCommand.newCommandLine(environment);
        cmd.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));

        int code = cmd.execute("run", runbook.toString(), "--emulator", "--param", "name=e2e", "--output", "json");

        assertThat(code).as("exit code; stderr:\n" + err).isZero();
        JsonNode summary = new ObjectMapper().readTree(out.toString());
        assertThat(summary.path("instanceId").asText()).startsWith("crs-");
        assertThat(summary.path("name").asText()).isEqualTo("e2e");
        assertThat(summary.path("maxmemoryAfter").asLong()).isGreaterThan(summary.path("maxmemoryBefore").asLong());
        assertThat(summary.path("steps").toString())
                .contains("create").contains("password").contains("clear").contains("resize").contains("delete");
        assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ");

        int port = summary.path("port").asInt();
        assertThat(port).isPositive();
        assertThat(portIsOpen(summary.path("host").asText("127.0.0.1"), port)).as("port of the deleted instance").isFalse();
    }

    private static boolean portIsOpen(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("scripts/first-steps.groovy"))) dir = dir.getParent();
        if (dir == null) throw new IllegalStateException("scripts/first-steps.groovy not found above " + Path.of("").toAbsolutePath());
        return dir;
    }
}
