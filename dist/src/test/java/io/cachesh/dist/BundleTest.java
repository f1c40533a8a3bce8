package io.cachesh.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release bundle as a user gets it: unpacked into an empty directory with tar and run through its own launcher,
 * with a HOME of its own (no credentials, no history) and only Java on the PATH.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BundleTest {

    private static final String VERSION = "0.1.0-SNAPSHOT";

    @TempDir
    static Path dir;
    static Path root;
    static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        Path bundle = Path.of(System.getProperty("cachesh.bundle", "target/cachesh-" + VERSION + ".tar.gz"));
        assertThat(bundle).as("the bundle (built at package)").isRegularFile();
        assertThat(bundle.getFileName().toString()).isEqualTo("cachesh-" + VERSION + ".tar.gz");
        Path target = Files.createDirectory(dir.resolve("unpacked"));
        Result tar = exec(target, Map.of(), "tar", "xzf", bundle.toAbsolutePath().toString());
        assertThat(tar.code).as(tar.err).isZero();
        root = target.resolve("cachesh-" + VERSION);
        home = Files.createDirectory(dir.resolve("home"));
    }

    record Result(int code, String out, String err) {
    }

    static Result exec(Path cwd, Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TENCENTCLOUD_") || k.startsWith("CACHESH_"));
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        p.getOutputStream().close();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private Result cachesh(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("bin/cachesh").toString());
        command.addAll(List.of(args));
        return exec(dir, Map.of("HOME", home.toString(), "NO_COLOR", "1", "CACHESH_DAEMON_DIR", daemonDir().toString()),
                command.toArray(String[]::new));
    }

    /** The launcher hands -e and run to a per-user daemon: this bundle's own, never the user's. */
    private static Path daemonDir() {
        return dir.resolve("daemon");
    }

    @AfterAll
    static void stopTheDaemon() throws Exception {
        if (root == null) return;
        Result stop = exec(dir, Map.of("HOME", home.toString(), "CACHESH_DAEMON_DIR", daemonDir().toString()),
                root.resolve("bin/cachesh").toString(), "daemon", "stop");
        assertThat(stop.code).as(stop.out + stop.err).isZero();
    }

    @Test
    void holdsTheLauncherTheJarTheManPageAndTheCompletionScripts() {
        assertThat(root.resolve("bin/cachesh")).isExecutable();
        assertThat(root.resolve("lib/cachesh.jar")).isRegularFile();
        assertThat(root.resolve("lib/cachesh-launcher.jar")).isRegularFile();
        assertThat(root.resolve("README.txt")).content().contains("cachesh " + VERSION, "Java 17");
        assertThat(root.resolve("man/cachesh.1")).content().startsWith(".TH CACHESH 1").contains(".SS cachesh call",
                "\\fB\\-\\-generate\\-skeleton\\fR");
        assertThat(root.resolve("completion/cachesh.bash")).content().contains("complete -F _complete_cachesh");
        assertThat(root.resolve("completion/cachesh.zsh")).content().contains("bashcompinit");
        assertThat(root.resolve("completion/cachesh.fish")).content().contains("complete -c cachesh");
    }

    @Test
    void printsItsVersion() throws Exception {
        Result r = cachesh("--version");
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).startsWith("cachesh " + VERSION + " (");
    }

    @Test
    void evaluatesAnExpressionOnTheEmbeddedEmulator() throws Exception {
        Result r = cachesh("-e", "1+1");
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).isEqualTo("2\n");
        assertThat(r.err).contains("using the embedded emulator");
    }

    @Test
    void runsARunbookWithTheEmulator() throws Exception {
        Path script = dir.resolve("count.groovy");
        Files.writeString(script, "list().size()\n");
        Result r = cachesh("run", script.toString(), "--emulator", "-o", "json");
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out.strip()).isEqualTo("0");
    }

    @Test
    void worksThroughASymlinkAndRefusesAnOldJava() throws Exception {
        Path link = dir.resolve("cachesh-link");
        if (!Files.exists(link)) Files.createSymbolicLink(link, root.resolve("bin/cachesh"));
        Result viaLink = exec(dir, Map.of("HOME", home.toString(), "CACHESH_DAEMON_DIR", daemonDir().toString()),
                link.toString(), "--version");
        assertThat(viaLink.code).as(viaLink.err).isZero();

        Path oldJdk = Files.createDirectories(dir.resolve("jdk11/bin"));
        Path fakeJava = oldJdk.resolve("java");
        Files.writeString(fakeJava, "#!/bin/sh\necho 'should not run' >&2\nexit 3\n");
        Files.setPosixFilePermissions(fakeJava, java.util.Set.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
        Files.writeString(oldJdk.getParent().resolve("release"), "JAVA_VERSION=\"11.0.2\"\n");
        Result old = exec(dir, Map.of("HOME", home.toString(), "JAVA_HOME", oldJdk.getParent().toString()),
                root.resolve("bin/cachesh").toString(), "--version");
        assertThat(old.code).isEqualTo(1);
        assertThat(old.err).isEqualTo("cachesh: Java 17 or newer is needed, found 11 at " + fakeJava + " (set JAVA_HOME)\n");
    }
}
