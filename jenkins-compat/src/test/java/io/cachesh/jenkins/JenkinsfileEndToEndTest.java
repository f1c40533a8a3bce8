package io.cachesh.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example Jenkinsfile end to end: under Groovy 2.4 + CPS, saved at every step, with {@code sh} running the real
 * cachesh (shell/target/cachesh.jar, in its own JVM, as on an agent) against its embedded emulator
 * ({@code CACHESH_EMULATOR=true}): real runbooks, a real {@code cachesh apply} creating an instance on a real
 * redis-server, real exit codes.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JenkinsfileEndToEndTest {

    @TempDir
    Path workspace;

    @TempDir
    Path agent;

    final List<String> buildLog = new CopyOnWriteArrayList<>();
    PipelineHarness harness;

    /** The agent: a `cachesh` launcher on the PATH running the shell's jar. */
    @BeforeEach
    void agent() throws IOException {
        Path jar = Path.of(System.getProperty("cachesh.jar", "../shell/target/cachesh.jar")).toAbsolutePath().normalize();
        assertThat(jar).as("the cachesh jar; build it with ./mvnw -B -o -pl shell -am package -DskipTests")
                .isRegularFile();
        Path bin = Files.createDirectories(agent.resolve("bin"));
        Path launcher = bin.resolve("cachesh");
        Files.writeString(launcher, "#!/bin/sh\nexec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar '" + jar
                + "' \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(workspace.resolve("scripts"), JenkinsfileTest.repoRoot().resolve("scripts"));

        harness = new PipelineHarness(JenkinsfileTest.library()).env("CACHESH_EMULATOR", "true")
                .step("sh", call -> sh(call, bin));
        JenkinsfileTest.credentials().install(harness);
        new Workspace(workspace).install(harness);
    }

    /** Jenkins' sh step: {@code sh -e -c script} in the workspace, the build's environment, stderr to the log. */
    private Object sh(StepCall call, Path bin) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", "-e", "-c", call.text("script")).directory(workspace.toFile());
        Map<String, String> env = pb.environment();
        ((Map<?, ?>) call.args().get("env")).forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put("HOME", agent.toString());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new PipelineHarness.AbortException("sh timed out");
        }
        err.lines().forEach(buildLog::add);
        System.out.println("[sh] " + call.text("script") + "\n" + err.indent(2));
        int status = p.exitValue();
        if (call.flag("returnStatus")) return status;
        if (status != 0) throw new PipelineHarness.AbortException("script returned exit code " + status);
        return call.flag("returnStdout") ? new String(out, StandardCharsets.UTF_8) : null;
    }

    @Test
    void theExampleJenkinsfileRunsTheRealCliOnTheAgent() throws Throwable {
        PipelineHarness.Run run = harness.run(JenkinsfileTest.library().resolve("Jenkinsfile"));

        assertThat(run.serializations()).isEqualTo(run.steps().size());
        assertThat(run.steps("sh")).hasSize(5);
        // each cachesh call is its own process with its own emulator: apply created the instance and set the
        // parameter (the password came from ORDERS_PASSWORD); the runbooks ran on fresh, empty fleets
        assertThat(run.log()).containsExactly(
                "desired state: 2 change(s), unchanged: []",
                "fleet report: 0 instance(s), 0 failure(s)",
                "backed up 0 instance(s)",
                "huawei: backed up 0 instance(s), pruned 0");
        assertThat(buildLog).anyMatch(l -> l.startsWith("using the embedded emulator at http://127.0.0.1:"));
        assertThat(String.join("\n", buildLog)).doesNotContain("Orders-Pass123").doesNotContain("tencent-secret-key")
                .doesNotContain("Exception");
        assertThat(new Workspace(workspace).readJson("fleet-report.json"))
                .isEqualTo(Map.of("instances", Map.of(), "failures", List.of()));
    }

    @Test
    void exitCodesOfTheRealCliReachThePipeline() throws Throwable {
        PipelineHarness.Run run = harness.run("""
                def bad = cachesh(file: 'scripts/idle-cleanup.groovy', params: [mode: 'erase'], returnStatus: true)
                def ok = cachesh(file: 'scripts/idle-cleanup.groovy', returnStatus: true)
                [bad.status, bad.meaning, bad.result, ok.status, ok.result.mode]
                """, "ExitCodes.groovy");
        assertThat(run.value()).isEqualTo(java.util.Arrays.asList(2, "usage or validation error", null, 0, "report"));
        // one line, located in the runbook
        assertThat(buildLog).anyMatch(l -> l.matches("error: scripts/idle-cleanup\\.groovy:\\d+: param mode: 'erase' is not "
                + "allowed \\(allowed: report, isolate, delete\\)"));
    }
}
