package io.cachesh.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.dsl.CacheshSession;
import io.cachesh.dsl.DslException;
import io.cachesh.dsl.DslOutput;
import io.cachesh.dsl.ProviderSettings;
import io.cachesh.emulator.Emulator;
import io.cachesh.reliability.support.Gen;
import io.cachesh.reliability.support.Leaks;
import io.cachesh.reliability.support.Seeded;
import io.cachesh.reliability.support.TestEmulators;
import io.cachesh.shell.cli.CacheshCommand;
import io.cachesh.shell.config.ShellEnvironment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.jline.terminal.impl.DumbTerminal;
import picocli.CommandLine;

/**
 * Malformed scripts through the DSL ({@code CacheshSession.evaluate}) and the CLI ({@code cachesh -e}, {@code cachesh run}):
 * one error line, exit code 2 for usage/validation and 1 for runtime errors, no stack trace, no instance created.
 */
class HostileScriptsTest {

    static Emulator emulator;
    static CacheshSession session;
    static Path home;
    static final AtomicInteger cases = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        emulator = TestEmulators.start(true);
        session = CacheshSession.builder().provider(ProviderSettings.tencent(emulator.credentials())
                        .withEndpoint(emulator.endpoint()).withTaskTimeout(Duration.ofSeconds(30)))
                .defaultProvider("tencent").output(DslOutput.SILENT).build();
        home = Files.createTempDirectory("cachesh-hostile-home");
    }

    @AfterAll
    static void stop() {
        System.out.println("HostileScriptsTest: " + cases.get() + " hostile scripts");
        if (session != null) session.close();
        if (emulator != null) emulator.close();
    }

    /** Scripts that must fail with a usage/validation error (exit 2). */
    static final List<String> VALUES = List.of("null", "''", "'   '", "[]", "[:]", "{ -> 1 }", "1e308", "-1", "0",
            "99999999999999999999999", "9e999999", "Double.NaN", "'NaN'", "-0.0", "'💥'", "'中文'", "'../../etc/passwd'",
            "'\\u0000'", "Integer.MIN_VALUE", "true", "'big'", "2.5G", "new Object()");

    static final List<String> TEMPLATES = List.of(
            "create name: %s, spec: 'redis.ha', capacity: 2, password: 'Orders-Pass1'",
            "create name: 'ok', spec: %s, capacity: 2, password: 'Orders-Pass1'",
            "create name: 'ok', spec: 'redis.ha', capacity: %s, password: 'Orders-Pass1'",
            "create name: 'ok', spec: 'redis.cluster', capacity: 4, shards: %s, password: 'Orders-Pass1'",
            "create name: 'ok', spec: 'redis.ha', capacity: 2, replicas: %s, password: 'Orders-Pass1'",
            "create name: 'ok', spec: 'redis.ha', capacity: 2, password: %s",
            "create name: 'ok', spec: 'redis.ha', capacity: 2, zone: %s, password: 'Orders-Pass1'",
            "create name: 'ok', spec: 'redis.ha', capacity: 2, password: 'Orders-Pass1', timeout: %s, wait: 'sometimes'",
            "create name: 'ok', spec: 'redis.ha', capacity: 2, password: 'Orders-Pass1', bogus: %s",
            "resize %s, capacity: 4", "delete %s", "clear %s", "describe %s", "password %s, password: 'New-Pass-123'",
            "x = = %s", "create(name: %s", "cache { %s ", "'unterminated %s");

    /** Scripts that must fail with a usage/validation error (exit 2). */
    static String invalid(Gen g) {
        return g.filtered(() -> String.format(g.of(TEMPLATES), g.oneOf(() -> g.of(VALUES), () -> "'" + g.alnum(8) + "'")),
                s -> !s.startsWith("create name: null,")   // no name is allowed: the instance is named by its id
                        // a valid name (Tencent's rule: Han characters, letters, digits, '_' and '-')
                        && !s.matches("create name: '[\\p{IsHan}A-Za-z0-9_-]{1,59}',.*"));
    }

    @TestFactory
    Stream<DynamicTest> malformedScriptsFailCleanlyInTheDsl() {
        return Seeded.cases("invalidScriptDsl", 0x5C41_0001L, 400, HostileScriptsTest::invalid,
                HostileScriptsTest::checkInDsl);
    }

    static void checkInDsl(String script) {
        cases.incrementAndGet();
        int before = emulator.fleet().instances().size();
        Throwable failure = null;
        try {
            session.evaluate(script);
        } catch (Throwable t) {
            failure = t;
        }
        assertThat(failure).as("'%s' must fail", script).isNotNull();
        assertThat(failure).as("'%s' failed with a Java bug: %s", script, failure)
                .isNotInstanceOfAny(NullPointerException.class, ClassCastException.class, IndexOutOfBoundsException.class,
                        ArithmeticException.class, StackOverflowError.class, IllegalStateException.class);
        if (failure instanceof DslException) {
            assertThat(failure.getMessage()).as("one line").doesNotContain("\n");
            assertThat(Leaks.find(failure.getMessage())).as("leak in '%s'", failure.getMessage()).isNull();
        }
        assertThat(emulator.fleet().instances()).as("no instance from '%s'", script).hasSize(before);
    }

    record Cli(int code, String out, String err) {
    }

    static Cli cachesh(String... args) {
        Map<String, String> env = Map.of("NO_COLOR", "1", "TENCENTCLOUD_SECRET_ID", emulator.credentials().keyId(),
                "TENCENTCLOUD_SECRET_KEY", emulator.credentials().secret().reveal());
        ShellEnvironment environment = new ShellEnvironment(env, home,
                () -> new DumbTerminal("test", "dumb", new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                        StandardCharsets.UTF_8), false, latch -> { });
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cmd = CacheshCommand.newCommandLine(environment);
        cmd.setOut(new PrintWriter(o, true)).setErr(new PrintWriter(e, true));
        int code = cmd.execute(args);
        return new Cli(code, o.toString(), e.toString());
    }

    static void assertOneLineError(Cli cli, String script, int... allowed) {
        assertThat(cli.code()).as("exit code of '%s': %s", script, cli).isIn(java.util.Arrays.stream(allowed).boxed().toArray());
        List<String> lines = cli.err().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as("stderr of '%s'", script).hasSize(1);
        assertThat(lines.get(0)).startsWith("error: ");
        assertThat(Leaks.find(cli.err())).as("stderr of '%s'", script).isNull();
        assertThat(cli.err()).doesNotContain("\tat ");
    }

    @TestFactory
    Stream<DynamicTest> malformedScriptsFailCleanlyInTheCli() {
        return Seeded.cases("invalidScriptCli", 0x5C41_0002L, 60, HostileScriptsTest::invalid,
                HostileScriptsTest::checkInCli);
    }

    static void checkInCli(String script) throws Exception {
        cases.incrementAndGet();
        int before = emulator.fleet().instances().size();
        boolean syntax = script.startsWith("x = =") || script.startsWith("create(") || script.startsWith("cache {")
                || script.startsWith("'unterminated");
        Cli cli = cachesh("--endpoint", emulator.endpoint(), "-e", script);
        assertOneLineError(cli, script, 1, 2);
        if (syntax) assertThat(cli.code()).as("syntax error '%s': %s", script, cli).isEqualTo(2);
        Path runbook = Files.writeString(home.resolve("hostile.groovy"), script);
        Cli run = cachesh("run", runbook.toString(), "--endpoint", emulator.endpoint());
        assertOneLineError(run, script, 1, 2);
        assertThat(run.code()).as("same exit code for -e and run of '%s'", script).isEqualTo(cli.code());
        assertThat(emulator.fleet().instances()).hasSize(before);
    }

    /** The exit code contract on fixed cases: 2 for usage, syntax and DSL validation, 1 for runtime and vendor errors. */
    @Test
    void exitCodes() {
        Object[][] expected = {
                {"create name: 'x', spec: 'redis.huge', capacity: 2, password: 'Orders-Pass1'", 2},
                {"create name: 'x', spec: 'redis.ha', capacity: 99999999999999999999999, password: 'Orders-Pass1'", 2},
                {"create name: null, spec: null", 2},
                {"create name: '中文💥', spec: 'redis.ha', capacity: 2, password: 'Orders-Pass1'", 2},
                {"x = = 1", 2},
                {"frobnicate 'everything'", 2},
                {"tencent.redis.describeInstances(limit: 5000)", 1},
                {"throw new RuntimeException('boom')", 1},
        };
        for (Object[] c : expected) {
            Cli cli = cachesh("--endpoint", emulator.endpoint(), "-e", (String) c[0]);
            assertOneLineError(cli, (String) c[0], (Integer) c[1]);
        }
        Cli usage = cachesh("--output", "yaml", "-e", "1");
        assertOneLineError(usage, "--output yaml", 2);
        Cli missing = cachesh("run", home.resolve("nope.groovy").toString(), "--emulator");
        assertOneLineError(missing, "run nope.groovy", 2);
        assertThat(emulator.fleet().instances()).isEmpty();
    }

    @Test
    void aValueOfAnOddTypeIsNamedWithoutJavaInternals() {
        Cli cli = cachesh("--endpoint", emulator.endpoint(), "-e",
                "create name: new Object(), spec: 'redis.ha', capacity: 2, password: 'Orders-Pass1'");
        assertOneLineError(cli, "name: new Object()", 2);
    }
}
