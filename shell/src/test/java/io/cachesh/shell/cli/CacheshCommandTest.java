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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI end to end, against the real DSL and an embedded emulator; colour off, no credentials unless given. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CacheshCommandTest {

    private static final String EMULATOR_NOTE = "no credentials found: using the embedded emulator at http://127\\.0\\.0\\.1:\\d+\n";

    @TempDir
    Path home;

    final Map<String, String> env = new HashMap<>(Map.of("NO_COLOR", "1"));
    String typed = "";
    final ByteArrayOutputStream terminalOut = new ByteArrayOutputStream();
    String out;
    String err;

    private ShellEnvironment environment() {
        return new ShellEnvironment(env, home,
                () -> new DumbTerminal("test", "dumb", new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)),
                        terminalOut, StandardCharsets.UTF_8),
                false, latch -> { });
    }

    private int cachesh(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cmd = CacheshCommand.newCommandLine(environment());
        cmd.setOut(new PrintWriter(o, true)).setErr(new PrintWriter(e, true));
        int code = cmd.execute(args);
        out = o.toString().replace("\r", "");
        err = e.toString().replace("\r", "");
        return code;
    }

    private Path script(String name, String text) throws IOException {
        Path p = home.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void versionPrintsTheProjectVersion() {
        assertThat(cachesh("--version")).isZero();
        assertThat(out).matches("cachesh 0\\.1\\.0-SNAPSHOT \\((commit [0-9a-f]{10}, )?Java [\\w.+-]+\\)\n");
    }

    @Test
    void helpListsTheCommands() {
        assertThat(cachesh("--help")).isZero();
        assertThat(out).contains("Usage: cachesh", "-e, --eval=<groovy>", "--output=<format>", "run", "emulator",
                "Exit codes: 0 ok, 1 runtime or vendor error, 2 usage or validation error.",
                "Exit code 3: the runbook called fail (its output is still printed).", "apply");
    }

    @Test
    void evalPrintsTheResultAndUsesTheEmbeddedEmulatorWithoutCredentials() {
        assertThat(cachesh("-e", "1 + 1")).isZero();
        assertThat(out).isEqualTo("2\n");
        assertThat(err).matches(EMULATOR_NOTE);
    }

    @Test
    void evalRunsTheDslAgainstTheEmbeddedEmulator() {
        assertThat(cachesh("-e", "create name: 'orders', spec: 'redis.ha', capacity: 1, password: 'Orders-Pass1'\n"
                + "list().collect { [it.name, it.spec, it.status] }")).isZero();
        assertThat(out).isEqualTo("[[orders, redis.ha, running]]\n");
        assertThat(err).contains("create orders (crs-", "running after");
    }

    @Test
    void evalWithJsonOutputPrintsOnlyJsonOnStdout() throws IOException {
        assertThat(cachesh("--output", "json", "-e", "println 'to stderr'; [name: 'orders', sizes: [1, 2]]")).isZero();
        assertThat(out).isEqualTo("""
                {
                  "name" : "orders",
                  "sizes" : [ 1, 2 ]
                }
                """);
        assertThat(err).contains("to stderr");
    }

    @Test
    void errorsAreOneLineWithTheirExitCodes() {
        assertThat(cachesh("-e", "nosuch")).isEqualTo(2);
        assertThat(err).matches(EMULATOR_NOTE + "error: line 1: unknown name 'nosuch' \\(quote it if it is text: "
                + "'nosuch'\\)\n");

        assertThat(cachesh("-e", "create name: 'x', spec: 'redis.huge'")).isEqualTo(2);
        assertThat(err).endsWith("error: line 1: create: unknown spec 'redis.huge', did you mean 'redis.ha'? (allowed: "
                + "redis.standalone, redis.ha, redis.cluster, redis.rw, memcached)\n");

        assertThat(cachesh("-e", "x = = 1")).isEqualTo(2);
        assertThat(err).endsWith("error: syntax error at line 1, column 5: Unexpected input: '='\n");

        assertThat(cachesh("-e", "tencent.redis.describeInstances(limit: 5000)")).isEqualTo(1);
        assertThat(err).containsPattern("error: tencent InvalidParameterValue: .*Limit.* \\(RequestId [\\w-]+\\)\n$");
        assertThat(out).isEmpty();
    }

    @Test
    void debugPrintsTheStackTrace() {
        assertThat(cachesh("--debug", "-e", "nosuch")).isEqualTo(2);
        assertThat(err).contains("groovy.lang.MissingPropertyException", "\tat ")
                .endsWith("error: line 1: unknown name 'nosuch' (quote it if it is text: 'nosuch')\n");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(cachesh("--bogus")).isEqualTo(2);
        assertThat(err).isEqualTo("error: Unknown option: '--bogus' (see cachesh --help)\n");

        assertThat(cachesh("--output", "yaml", "-e", "1")).isEqualTo(2);
        assertThat(err).isEqualTo("error: unknown output format 'yaml': use one of table, json, text, tsv\n");
    }

    @Test
    void runWithoutCredentialsOrEmulatorIsRefused() throws IOException {
        Path runbook = script("noop.groovy", "1");
        assertThat(cachesh("run", runbook.toString())).isEqualTo(2);
        assertThat(out).isEmpty();
        assertThat(err).isEqualTo("error: no credentials found for tencent: set TENCENTCLOUD_SECRET_ID and "
                + "TENCENTCLOUD_SECRET_KEY (or run cachesh configure), or pass --emulator\n");
    }

    @Test
    void runOfAMissingScriptIsAUsageError() {
        assertThat(cachesh("run", home.resolve("nope.groovy").toString(), "--emulator")).isEqualTo(2);
        assertThat(err).isEqualTo("error: no such script: " + home.resolve("nope.groovy") + "\n");
    }

    @Test
    void runWithTheEmulatorPrintsParseableJson() throws IOException {
        Path runbook = script("provision.groovy", """
                cache {
                    provider tencent, region: 'ap-guangzhou'
                    create name: params.name, spec: 'redis.ha', capacity: capacity as int, password: 'Orders-Pass1'
                    println 'created'
                    list()
                }
                """);
        assertThat(cachesh("run", runbook.toString(), "--param", "name=orders", "-p", "capacity=1",
                "--output", "json", "--emulator")).isZero();
        JsonNode json = new ObjectMapper().readTree(out);
        assertThat(json.isArray()).isTrue();
        assertThat(json.get(0).get("name").asText()).isEqualTo("orders");
        assertThat(json.get(0).get("capacityGb").asInt()).isEqualTo(1);
        assertThat(json.get(0).get("status").asText()).isEqualTo("running");
        assertThat(err).startsWith("using the embedded emulator at http://127.0.0.1:").contains("created");
    }

    @Test
    void theRunbookOfTheDocsRuns() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docs/shell.md"))) dir = dir.getParent();
        assertThat(dir).as("docs/shell.md above the working directory").isNotNull();
        String docs = Files.readString(dir.resolve("docs/shell.md"));
        int start = docs.indexOf("```groovy\n") + "```groovy\n".length();
        Path runbook = script("provision.groovy", docs.substring(start, docs.indexOf("```", start)));
        assertThat(cachesh("run", runbook.toString(), "--param", "name=orders", "-p", "capacity=2", "--emulator",
                "--output", "table")).isZero();
        assertThat(out).matches("id +name +spec +capacity +status +host:port +region\ncrs-\\w+ +orders +redis\\.ha +2 +running "
                + "+127\\.0\\.0\\.1:\\d+ +ap-guangzhou\n");
    }

    @Test
    void runDryRunChangesNothing() throws IOException {
        Path runbook = script("dry.groovy", "create name: 'x', spec: 'redis.ha', capacity: 1, password: 'Orders-Pass1'\nlist().size()");
        assertThat(cachesh("run", runbook.toString(), "--emulator", "--dry-run", "--output", "text")).isZero();
        assertThat(out).isEqualTo("0\n");
        assertThat(err).contains("dry-run: CreateInstances");
    }

    @Test
    void aProfileReadableByOthersIsRefused() throws IOException {
        Path profile = home.resolve(".cachesh/credentials");
        Files.createDirectories(profile.getParent());
        Files.writeString(profile, "tencent.secretId=AKID1\ntencent.secretKey=k\n");
        Files.setPosixFilePermissions(profile, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(cachesh("-e", "1")).isEqualTo(2);
        assertThat(err).isEqualTo("error: " + profile + " is readable by other users (mode rw-r-----): run chmod 600 "
                + profile + "\n");
    }

    @Test
    void emulatorCommandPrintsEndpointAndCredentials() {
        assertThat(cachesh("emulator", "--port", "0", "--task-delay-ms", "10")).isZero();
        assertThat(out).matches("""
                cachesh emulator listening on http://127\\.0\\.0\\.1:\\d+
                  SecretId:  \\S+
                  SecretKey: \\S+
                Use it: export TENCENTCLOUD_SECRET_ID=\\S+ TENCENTCLOUD_SECRET_KEY=\\S+; cachesh --endpoint http://127\\.0\\.0\\.1:\\d+
                Press Ctrl-C to stop\\.
                """);
    }

    @Test
    void emulatorCommandLoadsTheFaultFileOfTheDocs() {
        java.nio.file.Path example = java.nio.file.Path.of("..", "docs", "examples", "faults.json");
        assertThat(cachesh("emulator", "--port", "0", "--task-delay-ms", "10", "--faults", example.toString())).isZero();
        assertThat(out).contains(
                "  fault:     tencent CreateInstances: reset mid-answer after the action, 1 time\n",
                "  fault:     tencent UpgradeInstance: HTTP 502 after the action, 1 time\n",
                "  fault:     tencent DescribeInstances: +300 ms, every time, probability 0.05\n",
                "  fault:     tencent DescribeTaskList: body trickled over 2000 ms, 2 times\n",
                "  fault:     huawei ResizeInstance: task fails, 1 time\n",
                "  fault:     huawei CreateInstance: task hangs, 1 time\n",
                "  fault:     capitalonline CreateMemcachedInstance: error Throttling, 3 times\n",
                "  fault:     any vendor DescribeTaskInfo: error InternalError, every time, probability 0.1\n");
    }

    @Test
    void aBadFaultFileIsAUsageErrorNamingTheRuleAndTheField() throws IOException {
        Path file = home.resolve("faults.json");
        Files.writeString(file, "[{\"action\":\"CreateInstances\",\"reset\":true},{\"action\":\"X\",\"resett\":true}]");
        assertThat(cachesh("emulator", "--port", "0", "--faults", file.toString())).isEqualTo(2);
        assertThat(err).startsWith("error: --faults: " + file + ": fault 2: unknown field `resett` (known: ");
    }

    @Test
    void replStartsWithTheEmbeddedEmulatorAndEvaluatesCells() {
        typed = "x = 6\nx * 7\nsecret = 'hunter2'\n";
        assertThat(cachesh()).isZero();
        String transcript = terminalOut.toString(StandardCharsets.UTF_8).replace("\r", "");
        assertThat(transcript).matches("""
                cachesh 0\\.1\\.0-SNAPSHOT — %help for help, TAB to complete, Ctrl-D to exit
                no credentials found: using the embedded emulator \\(starting in the background; %emulator status shows it\\)
                In \\[1]: x = 6
                Out\\[1]: 6

                In \\[2]: x \\* 7
                Out\\[2]: 42

                In \\[3]: secret = 'hunter2'
                Out\\[3]: hunter2

                In \\[4]:\\s
                """);
    }

    @Test
    void replHistoryNeverHoldsASecret() throws IOException {
        typed = "create name: 'a', spec: 'redis.ha', capacity: 1, password: 'Orders-Pass1', wait: false\n";
        assertThat(cachesh()).isZero();
        String history = Files.readString(home.resolve(".cachesh/history"));
        assertThat(history).contains("password: '******'").doesNotContain("Orders-Pass1");
    }
}
