package io.cachesh.shell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachesh.emulator.Emulator;
import io.cachesh.shell.config.ShellEnvironment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code cachesh apply --plan}: a desired-state document converged against one emulator (vendor credentials from
 * the environment, as on a Jenkins agent), idempotent, with one-line errors for bad documents. The example of
 * docs/jenkins.md is the document applied.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ApplyCommandTest {

    static Emulator emulator;

    @TempDir
    Path home;

    final Map<String, String> env = new HashMap<>();
    String out;
    String err;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(100)).build().start();
    }

    @AfterAll
    static void stop() {
        if (emulator != null) emulator.close();
    }

    private int cachesh(String... args) {
        env.put("NO_COLOR", "1");
        env.put("TENCENTCLOUD_SECRET_ID", emulator.credentials().keyId());
        env.put("TENCENTCLOUD_SECRET_KEY", emulator.credentials().secret().reveal());
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        ShellEnvironment environment = new ShellEnvironment(env, home,
                () -> new DumbTerminal("test", "dumb", new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                        StandardCharsets.UTF_8),
                false, latch -> { });
        CommandLine cmd = CacheshCommand.newCommandLine(environment);
        cmd.setOut(new PrintWriter(o, true)).setErr(new PrintWriter(e, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--endpoint");
        all.add(emulator.endpoint());
        int code = cmd.execute(all.toArray(String[]::new));
        out = o.toString();
        err = e.toString();
        return code;
    }

    /** The desired-state example of docs/jenkins.md (the first ```json block after the format heading). */
    static String docsExample() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/jenkins.md"))) dir = dir.getParent();
        if (dir == null) throw new IllegalStateException("docs/jenkins.md not found");
        String doc = Files.readString(dir.resolve("docs/jenkins.md"));
        int format = doc.indexOf("## The desired-state document");
        Matcher m = Pattern.compile("```json\n(.*?)```", Pattern.DOTALL).matcher(doc);
        if (format < 0 || !m.find(format)) throw new IllegalStateException("no desired-state example in docs/jenkins.md");
        return m.group(1);
    }

    private List<String> changes(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.path("changes").forEach(c -> out.add(c.path("action").asText() + " " + c.path("target").asText()
                + (c.path("attribute").isMissingNode() || c.path("attribute").isNull() ? "" : " " + c.path("attribute").asText())));
        return out;
    }

    @Test
    void theDocumentedPlanIsPlannedAppliedAndThenUnchanged() throws IOException {
        Path plan = home.resolve("plan.json");
        Files.writeString(plan, docsExample());
        env.put("ORDERS_PASSWORD", "Orders-Pass123");
        env.put("SESSIONS_PASSWORD", "Sessions-Pass123");

        assertThat(cachesh("apply", "--plan", plan.toString(), "--dry-run")).as(err).isZero();
        JsonNode dry = new ObjectMapper().readTree(out);
        assertThat(dry.path("dryRun").asBoolean()).isTrue();
        assertThat(dry.path("applied").asBoolean()).isFalse();
        assertThat(changes(dry)).containsExactly("create orders", "params orders maxmemory-policy", "create sessions");
        assertThat(emulator.fleet().instances()).isEmpty();

        assertThat(cachesh("apply", "--plan", plan.toString())).as(err).isZero();
        JsonNode applied = new ObjectMapper().readTree(out);
        assertThat(applied.path("dryRun").asBoolean()).isFalse();
        assertThat(changes(applied)).containsExactly("create orders", "params orders maxmemory-policy",
                "create sessions");
        assertThat(out).doesNotContain("Orders-Pass123").doesNotContain("Sessions-Pass123");
        assertThat(err).doesNotContain("Orders-Pass123").doesNotContain("Sessions-Pass123");

        // the instance is there, with the parameter, and takes the password from ORDERS_PASSWORD
        assertThat(cachesh("-e", "connect('orders', password: 'Orders-Pass123') { configGet 'maxmemory-policy' }"))
                .as(err).isZero();
        assertThat(out.strip()).isEqualTo("allkeys-lru");

        // converged: a second run changes nothing
        assertThat(cachesh("apply", "--plan", plan.toString())).as(err).isZero();
        JsonNode again = new ObjectMapper().readTree(out);
        assertThat(changes(again)).isEmpty();
        assertThat(again.path("unchanged").toString()).contains("orders", "sessions");

        // a bigger capacity, from stdin
        String bigger = docsExample().replace("\"capacity\": 2", "\"capacity\": 4");
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(bigger.getBytes(StandardCharsets.UTF_8)));
            assertThat(cachesh("apply", "--plan", "-")).as(err).isZero();
        } finally {
            System.setIn(stdin);
        }
        assertThat(changes(new ObjectMapper().readTree(out))).containsExactly("resize orders capacity");
        assertThat(cachesh("-e", "list().each { delete it }; list().size()")).as(err).isZero();
    }

    @Test
    void badDocumentsAreOneLineUsageErrors() throws IOException {
        Path plan = home.resolve("bad.json");
        Files.writeString(plan, "{\"instances\": [{\"name\": \"orders\", \"spec\": \"redis.ha\", \"capacty\": 2}]}");
        assertThat(cachesh("apply", "--plan", plan.toString())).isEqualTo(2);
        assertThat(err).isEqualTo("error: " + plan + ": instances[0]: unknown field 'capacty' (allowed: provider, region, "
                + "name, spec, version, capacity, shards, replicas, zone, tags, params, passwordEnv)\n");

        Files.writeString(plan, "[{\"name\": \"orders\", \"spec\": \"redis.ha\", \"capacity\": 2, \"password\": \"x\"}]");
        assertThat(cachesh("apply", "--plan", plan.toString())).isEqualTo(2);
        assertThat(err).startsWith("error: " + plan + ": instances[0]: a password does not belong in the document");

        Files.writeString(plan, "[{\"name\": \"orders\", \"spec\": \"redis.ha\", \"capacity\": 2, \"passwordEnv\": \"NOPE\"}]");
        assertThat(cachesh("apply", "--plan", plan.toString())).isEqualTo(2);
        assertThat(err).isEqualTo("error: " + plan + ": instances[0]: passwordEnv names NOPE, which is not set\n");

        Files.writeString(plan, "{\"instances\": [");
        assertThat(cachesh("apply", "--plan", plan.toString())).isEqualTo(2);
        assertThat(err).startsWith("error: " + plan + ": not JSON: ");

        Files.writeString(plan, "[{\"name\": \"orders\", \"spec\": \"redis.huge\", \"capacity\": 2}]");
        assertThat(cachesh("apply", "--plan", plan.toString(), "--dry-run")).isEqualTo(2);
        assertThat(err).contains("unknown spec 'redis.huge'");

        assertThat(cachesh("apply", "--plan", home.resolve("missing.json").toString())).isEqualTo(2);
        assertThat(err).startsWith("error: no such plan file: ");
        assertThat(emulator.fleet().instances()).isEmpty();
    }
}
