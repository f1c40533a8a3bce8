package io.cachesh.shell.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.emulator.Emulator;
import io.cachesh.launcher.Client;
import io.cachesh.launcher.DaemonDir;
import io.cachesh.launcher.Wire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client ({@code io.cachesh.launcher.Client}, in JVMs of its own as the launcher starts it) against a real
 * daemon ({@code DaemonMain}) on a Unix-domain socket: streams, exit codes, stdin, credentials from the call's
 * environment, isolation of calls, cancel, and the in-process fallback for a stale socket and for a directory or
 * socket that is not private. The daemon's log proves which calls went through it.
 */
class DaemonRoundTripTest {

    private static final String CP = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path tmp;
    Path home;
    DaemonDir dir;
    Process daemon;

    @BeforeEach
    void setUp() throws IOException {
        home = Files.createDirectory(tmp.resolve("home"));
        dir = new DaemonDir(tmp.resolve("daemon"));
    }

    @AfterEach
    void stopDaemon() throws Exception {
        if (Files.isDirectory(dir.path()) && dir.refusal() == null) Client.control(dir, Wire.STOP);
        if (daemon != null) {
            daemon.destroy();
            daemon.waitFor(30, TimeUnit.SECONDS);
        }
    }

    record Result(int code, String out, String err) {
    }

    private Map<String, String> baseEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", home.toString());
        env.put("CACHESH_DAEMON_DIR", dir.path().toString());
        env.put("NO_COLOR", "1");
        return env;
    }

    private Process client(Map<String, String> env, String... args) throws IOException {
        return client(CP, env, args);
    }

    private Process client(String cp, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of(JAVA, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dcachesh.daemon.acceptTimeoutMs=10000", "-cp", cp, "io.cachesh.launcher.Client"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        return pb.start();
    }

    private Result run(Map<String, String> env, String stdin, String... args) throws Exception {
        Process p = client(env, args);
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("client finished").isTrue();
        return new Result(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                in.transferTo(b);
                return b.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }

    private void startDaemon() throws Exception {
        startDaemon("10m");
    }

    private void startDaemon(String idle) throws Exception {
        dir.create();
        ProcessBuilder pb = new ProcessBuilder(JAVA, "-XX:+UseSerialGC", "-cp", CP, "io.cachesh.shell.daemon.DaemonMain",
                "--dir", dir.path().toString(), "--idle", idle);
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv("PATH"));
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.log().toFile()));
        daemon = pb.start();
        await("the daemon answers", () -> status() != null);
    }

    private String status() {
        try {
            return Client.control(dir, Wire.STATUS);
        } catch (IOException e) {
            return null;
        }
    }

    private String log() throws IOException {
        return Files.exists(dir.log()) ? Files.readString(dir.log()) : "";
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for: " + what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static long count(String text, String needle) {
        return text.lines().filter(l -> l.contains(needle)).count();
    }

    @Test
    void callsRunInTheDaemonWithSeparateStreamsExitCodesAndStdin() throws Exception {
        startDaemon();

        Result ok = run(baseEnv(), "", "-e", "println 'to-out'; System.err.println 'to-err'; 6 * 7");
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).isEqualTo("to-out\n42\n");
        assertThat(ok.err()).contains("to-err").contains("using the embedded emulator");
        // the result went to stdout only (a line of its own; the emulator's port may contain the digits)
        assertThat(ok.err().lines()).doesNotContain("42");

        Result syntax = run(baseEnv(), "", "-e", "x = = 1");
        assertThat(syntax.code()).isEqualTo(2);
        assertThat(syntax.out()).isEmpty();
        assertThat(syntax.err()).contains("error: syntax error at line 1");

        Result thrown = run(baseEnv(), "", "-e", "throw new IllegalStateException('boom')");
        assertThat(thrown.code()).isEqualTo(1);
        assertThat(thrown.err()).contains("boom");

        Result stdin = run(baseEnv(), "hello\nworld\n", "-e", "System.in.text.toUpperCase()");
        assertThat(stdin.code()).isZero();
        assertThat(stdin.out()).isEqualTo("HELLO\nWORLD\n\n");

        Path runbook = Files.writeString(tmp.resolve("one-line.groovy"), "println 1 + 1\n'done'\n");
        Result run = run(baseEnv(), "", "run", "one-line.groovy", "--emulator"); // relative to the client's directory
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("2\ndone\n");
        assertThat(runbook).exists();

        Result version = run(baseEnv(), "", "--version");
        assertThat(version.out()).startsWith("cachesh ");

        String log = log();
        assertThat(count(log, "call -e: exit 0")).isEqualTo(2);
        assertThat(count(log, "call -e: exit 2")).isEqualTo(1);
        assertThat(count(log, "call -e: exit 1")).isEqualTo(1);
        assertThat(count(log, "call run: exit 0")).isEqualTo(1);
        assertThat(count(log, "call --version: exit 0")).isEqualTo(1);
    }

    @Test
    void credentialsComeFromEachCallsEnvironmentAndAreNeitherLoggedNorKept() throws Exception {
        startDaemon();
        try (Emulator vendor = Emulator.builder().port(0).stateDir(null).build()) {
            vendor.start();
            String secret = vendor.credentials().secret().reveal();
            Map<String, String> withCreds = baseEnv();
            withCreds.put("TENCENTCLOUD_SECRET_ID", vendor.credentials().keyId());
            withCreds.put("TENCENTCLOUD_SECRET_KEY", secret);
            String describe = "tencent.redis.describeInstances(limit: 1).totalCount";

            Result ok = run(withCreds, "", "--endpoint", vendor.endpoint(), "-e", describe);
            assertThat(ok.code()).as(ok.err()).isZero();
            assertThat(ok.out()).isEqualTo("0\n");
            assertThat(ok.err()).doesNotContain("embedded emulator");

            Map<String, String> wrong = new HashMap<>(withCreds);
            wrong.put("TENCENTCLOUD_SECRET_KEY", "not-the-secret-key");
            Result refused = run(wrong, "", "--endpoint", vendor.endpoint(), "-e", describe);
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.err()).contains("error: ").containsIgnoringCase("signature");

            // the next call without credentials does not see the last one's: it gets the embedded emulator
            Result none = run(baseEnv(), "", "-e", "1");
            assertThat(none.err()).contains("using the embedded emulator");

            assertThat(log()).doesNotContain(secret).doesNotContain("not-the-secret-key").doesNotContain(describe);
            assertThat(Files.readString(Path.of("/proc", String.valueOf(daemon.pid()), "environ"))).doesNotContain(secret);
        }
    }

    @Test
    void callsDoNotSeeEachOthersVariables() throws Exception {
        startDaemon();
        assertThat(run(baseEnv(), "", "-e", "leak = 41; leak + 1").out()).isEqualTo("42\n");
        assertThat(run(baseEnv(), "", "-e", "binding.hasVariable('leak')").out()).isEqualTo("false\n");
        Map<String, String> json = baseEnv();
        json.put("CACHESH_MARK", "first");
        assertThat(run(json, "", "-e", "System.getenv('CACHESH_MARK') ?: 'daemon env'").out()).isEqualTo("daemon env\n");
        assertThat(count(log(), "call -e: exit 0")).isEqualTo(3);
    }

    @Test
    void whatACallChangesForTheWholeJvmIsPutBackBeforeTheNextCall() throws Exception {
        startDaemon();
        Result change = run(baseEnv(), "", "-e", String.join("; ",
                "System.setProperty('cachesh.test.mark', 'from the first call')",
                "System.setProperty('user.timezone', 'changed')",
                "Locale.setDefault(Locale.JAPAN)",
                "TimeZone.setDefault(TimeZone.getTimeZone('Asia/Tokyo'))",
                "String.metaClass.shout = { -> delegate.toUpperCase() + '!' }",
                "'hi'.shout()"));
        assertThat(change.code()).as(change.err()).isZero();
        assertThat(change.out()).isEqualTo("HI!\n");

        Result next = run(baseEnv(), "", "-e", String.join("; ",
                "def shout = { try { 'hi'.shout() } catch (MissingMethodException e) { 'no shout' } }",
                "[System.getProperty('cachesh.test.mark'), System.getProperty('user.timezone') != 'changed',"
                        + " Locale.default != Locale.JAPAN, TimeZone.default.ID != 'Asia/Tokyo', shout()]"));
        assertThat(next.code()).as(next.err()).isZero();
        assertThat(next.out()).isEqualTo("[null, true, true, true, no shout]\n");

        assertThat(count(log(), "call -e: exit 0")).isEqualTo(2); // both ran in the same daemon
        assertThat(log()).containsPattern("put back what calls changed: system properties .*cachesh.test.mark.*user.timezone")
                .contains("default locale").contains("default time zone").contains("meta classes of java.lang.String")
                .doesNotContain("from the first call"); // names only, never values
    }

    @Test
    void ctrlCCancelsTheCallInTheDaemon() throws Exception {
        startDaemon();
        Process p = client(baseEnv(), "-e", "Thread.sleep(600000)");
        await("the call runs in the daemon", () -> String.valueOf(status()).contains("1 running"));
        new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(130);
        await("the daemon ends the call", () -> String.valueOf(status()).contains("0 running"));
        assertThat(log()).contains("call -e: exit 130");
        assertThat(run(baseEnv(), "", "-e", "'still serving'").out()).isEqualTo("still serving\n");
    }

    @Test
    void aStaleSocketFallsBackInProcessAndADaemonStartsInTheBackground() throws Exception {
        dir.create();
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(dir.socket())); // closed below without removing the file
        }
        Files.setPosixFilePermissions(dir.socket(), PosixFilePermissions.fromString("rw-------"));
        Map<String, String> env = baseEnv();
        env.put("TENCENTCLOUD_SECRET_ID", "AKIDfallbacktest");
        env.put("TENCENTCLOUD_SECRET_KEY", "fallback-secret-never-in-the-daemon");

        Result r = run(env, "", "-e", "1 + 1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("2\n");

        await("a daemon started in the background", () -> status() != null);
        long pid = Long.parseLong(status().replaceAll("(?s).*pid (\\d+).*", "$1"));
        assertThat(Files.readString(Path.of("/proc", String.valueOf(pid), "environ")))
                .doesNotContain("fallback-secret-never-in-the-daemon").contains("CACHESH_DAEMON_DIR");
        assertThat(run(baseEnv(), "", "-e", "3 + 3").out()).isEqualTo("6\n");
        await("the call is in the daemon's log", () -> {
            try {
                return log().contains("call -e: exit 0");
            } catch (IOException e) {
                return false;
            }
        });
    }

    @Test
    void aDirectoryOrSocketOthersCanUseIsRefused() throws Exception {
        startDaemon();
        Files.setPosixFilePermissions(dir.socket(), PosixFilePermissions.fromString("rw-rw-rw-"));
        Result open = run(baseEnv(), "", "-e", "1 + 1");
        assertThat(open.out()).isEqualTo("2\n");
        assertThat(open.err()).contains("not using the daemon: " + dir.socket() + " has mode rw-rw-rw-");
        Files.setPosixFilePermissions(dir.socket(), PosixFilePermissions.fromString("rw-------"));

        Files.setPosixFilePermissions(dir.path(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Result openDir = run(baseEnv(), "", "-e", "2 + 2");
        assertThat(openDir.out()).isEqualTo("4\n");
        assertThat(openDir.err()).contains("not using the daemon: " + dir.path() + " has mode rwxr-xr-x (must be rwx------)");
        Files.setPosixFilePermissions(dir.path(), PosixFilePermissions.fromString("rwx------"));

        assertThat(log()).doesNotContain("call -e"); // both ran in-process
    }

    @Test
    void aDaemonThatDoesNotAnswerIsLeftAlone() throws Exception {
        dir.create();
        try (ServerSocketChannel hung = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            hung.bind(UnixDomainSocketAddress.of(dir.socket())); // accepts (the backlog), never answers
            Files.setPosixFilePermissions(dir.socket(), PosixFilePermissions.fromString("rw-------"));
            Result r = run(baseEnv(), "", "-e", "7 * 6");
            assertThat(r.code()).isZero();
            assertThat(r.out()).isEqualTo("42\n");
            assertThat(r.err()).contains("cachesh: the daemon did not answer; running in-process");
        }
    }

    @Test
    void theDaemonStopsWhenIdle() throws Exception {
        startDaemon("1s"); // (no client call here: a client slower than 1 s would find no daemon and start a new one)
        assertThat(daemon.waitFor(120, TimeUnit.SECONDS)).as("the daemon exited").isTrue();
        assertThat(log()).contains("stopping: idle for 1s");
        assertThat(dir.socket()).doesNotExist();
    }

    @Test
    void aClientOfAnotherBuildGetsANewDaemon() throws Exception {
        startDaemon();
        long oldPid = daemon.pid();
        // another class path is another build (a rebuilt or upgraded jar)
        String otherBuild = CP + java.io.File.pathSeparator + Files.createDirectory(tmp.resolve("extra"));
        Process p = client(otherBuild, baseEnv(), "-e", "5 * 5");
        CompletableFuture<String> out = drain(p.getInputStream());
        drain(p.getErrorStream());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(out.get()).isEqualTo("25\n"); // in-process, nothing lost
        assertThat(daemon.waitFor(120, TimeUnit.SECONDS)).as("the old daemon stopped").isTrue();
        assertThat(log()).contains("stopping: a client of another build");
        await("a daemon of the new build", () -> {
            String s = status();
            return s != null && !s.contains("pid " + oldPid + ",");
        });
        Client.control(dir, Wire.STOP);
    }

    @Test
    void routesOnlyNonInteractiveCommandsToTheDaemon() {
        assertThat(Client.class).isNotNull();
        assertThat(viaDaemon("-e", "1")).isTrue();
        assertThat(viaDaemon("--provider", "tencent", "--eval=1")).isTrue();
        assertThat(viaDaemon("run", "x.groovy", "--emulator")).isTrue();
        assertThat(viaDaemon("--region", "ap-beijing", "run", "x.groovy")).isTrue();
        assertThat(viaDaemon("--version")).isTrue();
        assertThat(viaDaemon()).isFalse(); // the REPL
        assertThat(viaDaemon("--region", "ap-beijing")).isFalse();
        assertThat(viaDaemon("emulator", "--port", "0")).isFalse();
        assertThat(viaDaemon("kernel", "-f", "c.json")).isFalse();
        assertThat(viaDaemon("daemon", "status")).isFalse();
    }

    private static boolean viaDaemon(String... args) {
        try {
            var m = Client.class.getDeclaredMethod("viaDaemon", String[].class);
            m.setAccessible(true);
            return (boolean) m.invoke(null, (Object) args);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
