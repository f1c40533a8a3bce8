package io.cachesh.shell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachesh.emulator.Emulator;
import io.cachesh.shell.testing.Cli;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Waits users can trust, against a standalone emulator that outlives each command (as {@code cachesh emulator}
 * does): the id is printed before a wait, {@code cachesh wait} resumes one, a timed-out wait names the status and
 * the command that resumes it.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WaitCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Emulator emulator;
    private static String endpoint;

    @TempDir
    Path home;

    String out;
    String err;

    @BeforeAll
    static void startEmulator() {
        emulator = Emulator.builder().port(0).stateDir(null).build();
        emulator.start();
        endpoint = emulator.endpoint();
    }

    @AfterAll
    static void stopEmulator() {
        if (emulator != null) emulator.close();
    }

    final Map<String, String> env = new HashMap<>(Map.of("NO_COLOR", "1"));

    private int cachesh(String... args) {
        Cli.Result r = Cli.run(Cli.environment(env, home, "", new ByteArrayOutputStream()), args);
        out = r.out();
        err = r.err();
        return r.code();
    }

    @Test
    void createPrintsTheIdBeforeWaitingAndWaitResumesLater() throws Exception {
        assertThat(cachesh("--endpoint", endpoint, "-o", "json", "-e",
                "create name: 'w1', spec: 'redis.ha', capacity: 1, password: 'Wait-Pass1', wait: false")).as(err).isZero();
        String id = JSON.readTree(out).path("id").asText();
        assertThat(id).isNotEmpty();
        assertThat(err).contains("create w1 (" + id + "): ordered");

        assertThat(cachesh("wait", id, "--until", "running", "--timeout", "2m", "--endpoint", endpoint, "-o", "json"))
                .as(err).isZero();
        JsonNode instance = JSON.readTree(out);
        assertThat(instance.path("id").asText()).isEqualTo(id);
        assertThat(instance.path("status").asText()).isEqualTo("running");
        assertThat(err).startsWith("wait " + id + ": until running, at most 2m\n");
    }

    @Test
    void aWaitingCreateShowsTheIdFirstThenTheStatus() {
        assertThat(cachesh("--endpoint", endpoint, "-e",
                "create name: 'w2', spec: 'redis.ha', capacity: 1, password: 'Wait-Pass2'")).as(err).isZero();
        Matcher ordered = Pattern.compile("create w2 \\(([\\w-]+)\\): ordered").matcher(err);
        assertThat(ordered.find()).as(err).isTrue();
        assertThat(err.indexOf("running")).isGreaterThan(ordered.start());
    }

    @Test
    void aTimedOutWaitSaysTheStatusAndHowToResume() throws Exception {
        assertThat(cachesh("--endpoint", endpoint, "-o", "json", "-e",
                "create name: 'w3', spec: 'redis.ha', capacity: 1, password: 'Wait-Pass3'")).as(err).isZero();
        String id = JSON.readTree(out).path("id").asText();
        assertThat(cachesh("wait", id, "--until", "isolated", "--timeout", "1s", "--endpoint", endpoint)).isEqualTo(1);
        assertThat(err).contains("timed out after 1s", "last status running",
                "resume the wait with: cachesh wait " + id + " --until isolated --endpoint " + endpoint);
    }

    @Test
    void runWithNoWaitReturnsOnceTheChangeIsAcceptedAndWaitPicksItUp() throws Exception {
        env.put("TENCENTCLOUD_SECRET_ID", Emulator.DEFAULT_CREDENTIALS.keyId());
        env.put("TENCENTCLOUD_SECRET_KEY", Emulator.DEFAULT_CREDENTIALS.secret().reveal());
        Path script = home.resolve("create.groovy");
        java.nio.file.Files.writeString(script, "create name: 'nw', spec: 'redis.ha', capacity: 1, password: 'NoWait-Pass1'\n");
        assertThat(cachesh("run", script.toString(), "--no-wait", "--endpoint", endpoint, "-o", "json")).as(err).isZero();
        JsonNode created = JSON.readTree(out);
        String id = created.path("id").asText();
        assertThat(created.path("status").asText()).isNotEqualTo("running");
        assertThat(err).contains("create nw (" + id + "): ordered").doesNotContain("running");

        assertThat(cachesh("wait", id, "--endpoint", endpoint, "-o", "json")).as(err).isZero();
        assertThat(JSON.readTree(out).path("status").asText()).isEqualTo("running");
    }

    @Test
    void aTimedOutWaitInsideEvalSaysHowToResumeItToo() {
        assertThat(cachesh("--endpoint", endpoint, "-e",
                "create name: 'w5', spec: 'redis.ha', capacity: 1, password: 'Wait-Pass5', timeout: '100ms'")).isEqualTo(1);
        Matcher hint = Pattern.compile("resume the wait with: cachesh wait ([\\w-]+) --until running --endpoint "
                + Pattern.quote(endpoint) + "\n").matcher(err);
        assertThat(hint.find()).as(err).isTrue();
        assertThat(err).contains("create w5 (" + hint.group(1) + "): ordered", "timed out after 100ms");
        assertThat(cachesh("wait", hint.group(1), "--endpoint", endpoint)).as(err).isZero();
    }

    @Test
    void badInputIsOneLine() {
        assertThat(cachesh("wait", "x", "--until", "sleeping", "--endpoint", endpoint)).isEqualTo(2);
        assertThat(err).isEqualTo("error: wait: --until must be one of creating, running, changing, isolated, deleting, "
                + "deleted, got 'sleeping'\n");
        assertThat(cachesh("wait", "x", "--timeout", "soon", "--endpoint", endpoint)).isEqualTo(2);
        assertThat(err).isEqualTo("error: wait: --timeout must be a duration like 90s, 10m or 1h30m, got 'soon'\n");
        assertThat(cachesh("wait", "a'b", "--endpoint", endpoint)).isEqualTo(2);
        assertThat(err).isEqualTo("error: wait: 'a'b' is not an instance id or name\n");
    }
}
