package io.cachesh.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/jenkins/Jenkinsfile with the library of scripts/jenkins, under Groovy 2.4 + CPS, serialized at every step;
 * the {@code sh} steps answer what cachesh would print (the end-to-end run is {@link JenkinsfileEndToEndTest}).
 */
class JenkinsfileTest {

    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("scripts/jenkins/Jenkinsfile"))) dir = dir.getParent();
        if (dir == null) throw new IllegalStateException("scripts/jenkins/Jenkinsfile not found");
        return dir;
    }

    static Path library() {
        return repoRoot().resolve("scripts/jenkins");
    }

    static Credentials credentials() {
        return new Credentials()
                .usernamePassword("tencentcloud-api", "AKIDtest", "tencent-secret-key")
                .string("orders-redis-password", "Orders-Pass123")
                .usernamePassword("huaweicloud-api", "HWAKtest", "huawei-secret-key")
                .string("huaweicloud-project", "0123456789abcdef");
    }

    @TempDir
    Path workspace;

    final List<StepCall> shells = new ArrayList<>();

    /** What cachesh prints for each command of the Jenkinsfile, followed by the library's exit-code marker. */
    private String cannedCachesh(StepCall call) {
        shells.add(call);
        String script = call.text("script");
        String json;
        if (script.contains("'apply' '--plan' '.cachesh/plan.json'")) {
            json = """
                    {"dryRun": false, "applied": true, "changes": [{"action": "create", "target": "orders"}],
                     "unchanged": []}""";
        } else if (script.contains("'scripts/fleet-report.groovy'")) {
            json = """
                    {"instances": {"orders": {"id": "crs-1", "capacityGb": 2}}, "failures": []}""";
        } else if (script.contains("'scripts/nightly-backup.groovy'")) {
            json = """
                    {"backups": {"orders": {"backup": "b-1", "pruned": ["b-0"]}}, "pruned": ["b-0"], "failures": []}""";
        } else if (script.contains("'scripts/right-sizing.groovy'")) {
            json = """
                    {"apply": false, "proposals": [{"name": "orders", "capacityGb": 2, "proposedGb": 1,
                     "reason": "usage 0.01 below 0.2"}], "ok": [], "skipped": [], "failures": []}""";
        } else {
            throw new PipelineHarness.AbortException("unexpected command: " + script);
        }
        return json + "\n#cachesh-exit=0\n";
    }

    PipelineHarness harness;

    @BeforeEach
    void harness() {
        harness = new PipelineHarness(library()).step("sh", this::cannedCachesh);
        credentials().install(harness);
        new Workspace(workspace).install(harness);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theExampleJenkinsfileRunsUnderCpsAndIsSavedAtEveryStep() throws Throwable {
        PipelineHarness.Run run = harness.run(library().resolve("Jenkinsfile"));

        assertThat(run.steps()).extracting(StepCall::name).containsExactly(
                "library", "node", "withCredentials",
                "stage", "writeJSON", "sh", "readJSON", "echo",
                "stage", "sh", "readJSON", "writeJSON", "echo",
                "stage", "sh", "readJSON", "echo",
                "stage", "sh", "readJSON", "echo",
                "withCredentials", "stage", "sh", "readJSON", "echo");
        assertThat(run.serializations()).isEqualTo(run.steps().size());

        // the cache { } block became plain JSON, without the password, and went to cachesh apply
        Map<String, Object> plan = (Map<String, Object>) new Workspace(workspace).readJson(".cachesh/plan.json");
        assertThat(plan).containsEntry("provider", "tencent").containsEntry("region", "ap-guangzhou");
        assertThat((List<Map<String, Object>>) plan.get("instances")).containsExactly(Map.of("name", "orders",
                "spec", "redis.ha", "capacity", 2, "passwordEnv", "ORDERS_PASSWORD",
                "params", Map.of("maxmemory-policy", "allkeys-lru")));
        assertThat(Files.readString(workspace.resolve(".cachesh/plan.json"))).doesNotContain("Orders-Pass123");

        // the commands, and the vendor variables each one saw
        assertThat(shells).extracting(c -> c.text("script")).satisfiesExactly(
                s -> assertThat(s).contains("'cachesh' 'apply' '--plan' '.cachesh/plan.json' '--output' 'json'"),
                s -> assertThat(s).contains("'cachesh' 'run' 'scripts/fleet-report.groovy' '--param' 'since=24h' "
                        + "'--output' 'json'"),
                s -> assertThat(s).contains("'run' 'scripts/nightly-backup.groovy' '--param' 'name=orders*' "
                        + "'--param' 'keep=7'"),
                s -> assertThat(s).contains("'run' 'scripts/right-sizing.groovy' '--output' 'json'"),
                s -> assertThat(s).contains("'run' 'scripts/nightly-backup.groovy' '--param' 'provider=huawei' "
                        + "'--param' 'region=cn-north-4' '--param' 'keep=3' '--output' 'json'"));
        for (StepCall tencent : shells.subList(0, 4)) {
            assertThat((Map<String, Object>) tencent.args().get("env")).containsEntry("TENCENTCLOUD_SECRET_ID", "AKIDtest")
                    .containsEntry("TENCENTCLOUD_SECRET_KEY", "tencent-secret-key")
                    .containsEntry("ORDERS_PASSWORD", "Orders-Pass123").doesNotContainKey("HUAWEICLOUD_SDK_AK");
        }
        assertThat((Map<String, Object>) shells.get(4).args().get("env")).containsEntry("HUAWEICLOUD_SDK_AK", "HWAKtest")
                .containsEntry("HUAWEICLOUD_SDK_SK", "huawei-secret-key")
                .containsEntry("HUAWEICLOUD_SDK_PROJECT_ID", "0123456789abcdef")
                .doesNotContainKey("TENCENTCLOUD_SECRET_ID");

        assertThat(run.log()).containsExactly(
                "desired state: 1 change(s), unchanged: []",
                "fleet report: 1 instance(s), 0 failure(s)",
                "backed up 1 instance(s)",
                "right-sizing: orders 2 GB -> 1 GB (usage 0.01 below 0.2)",
                "huawei: backed up 1 instance(s), pruned 1");
        assertThat((Map<String, Object>) new Workspace(workspace).readJson("fleet-report.json"))
                .containsKey("instances");
    }

    @Test
    void aFailedCommandFailsTheStepWithItsExitCodeUnlessReturnStatusIsAsked() throws Throwable {
        harness.step("sh", call -> "{\"idle\": [{\"name\": \"a\"}]}\n#cachesh-exit=3\n");
        assertThatThrownBy(() -> harness.run("""
                node { cachesh(file: 'scripts/idle-cleanup.groovy', params: [mode: 'delete']) }
                """, "Failing.groovy"))
                .isInstanceOf(PipelineHarness.AbortException.class)
                .hasMessage("cachesh run failed with exit code 3 (the runbook reported a failure); its error is in the "
                        + "log above");

        PipelineHarness.Run run = harness.run("""
                def r = cachesh(file: 'scripts/idle-cleanup.groovy', returnStatus: true)
                echo "status ${r.status}: ${r.meaning}, idle ${r.result.idle*.name}"
                r.status
                """, "ReturnStatus.groovy");
        assertThat(run.value()).isEqualTo(3);
        assertThat(run.log()).containsExactly("status 3: the runbook reported a failure, idle [a]");

        harness.step("sh", call -> "\n#cachesh-exit=2\n");
        assertThatThrownBy(() -> harness.run("cachesh.eval('lisst()')", "Usage.groovy"))
                .hasMessageStartingWith("cachesh -e failed with exit code 2 (usage or validation error)");
    }

    @Test
    void parametersAreQuotedForTheShell() throws Throwable {
        List<String> scripts = new ArrayList<>();
        harness.step("sh", call -> {
            scripts.add(call.text("script"));
            return "{}\n#cachesh-exit=0\n";
        });
        harness.run("cachesh(file: 'scripts/x.groovy', params: [name: \"it's; rm -rf /\"])", "Quoting.groovy");
        assertThat(scripts.get(0)).contains("'--param' 'name=it'\"'\"'s; rm -rf /'");
    }

    @Test
    void theCacheBlockRefusesPasswordsAndLiveObjects() {
        assertThatThrownBy(() -> harness.run("""
                cache { ensure name: 'orders', spec: 'redis.ha', capacity: 2, password: 'Orders-Pass1' }
                """, "Password.groovy"))
                .hasMessageStartingWith("cache: ensure orders: a password is never written to the plan");
        assertThatThrownBy(() -> harness.run("""
                cache { ensure name: 'orders', spec: 'redis.ha', capacity: 2, tags: [since: new Date()] }
                """, "Live.groovy"))
                .hasMessage("cache: java.util.Date is not plain data (use strings, numbers, maps, lists)");
        assertThatThrownBy(() -> harness.run("""
                cache { ensure name: 'orders', spec: 'redis.ha', capacty: 2 }
                """, "Typo.groovy"))
                .hasMessageStartingWith("cache: ensure: unknown field 'capacty' (allowed: provider, region, name");
    }

    // ---------------------------------------------------------------- the harness catches CPS-hostile code

    @Test
    void aNonSerializableLocalAcrossAStepFailsTheRun() throws Throwable {
        assertThatThrownBy(() -> harness.run("""
                def m = ('orders-17' =~ /orders-(\\d+)/)
                m.find()
                echo "instance ${m.group(1)}"
                """, "Matcher.groovy"))
                .hasMessageContaining("NotSerializableException").hasMessageContaining("java.util.regex.Matcher");
        // the same without the live Matcher across the step is fine
        PipelineHarness.Run run = harness.run("""
                String n = ('orders-17' =~ /orders-(\\d+)/)[0][1]
                echo "instance ${n}"
                """, "NoMatcher.groovy");
        assertThat(run.log()).containsExactly("instance 17");
    }

    @Test
    void aCpsClosureGivenToNonCpsCodeFailsTheRun() throws Throwable {
        assertThatThrownBy(() -> harness.run("""
                def names = ['web', 'api', 'db'].sort { a, b -> a <=> b }
                echo names.join(',')
                """, "Sort.groovy"))
                .hasMessageStartingWith("CPS mismatch");
        // a CPS-translated method (collect, each, findAll, ...) is fine
        PipelineHarness.Run run = harness.run("""
                def names = ['web', 'api', 'db'].collect { it.toUpperCase() }
                echo names.join(',')
                """, "Collect.groovy");
        assertThat(run.log()).containsExactly("WEB,API,DB");
    }

    @Test
    void aStepInsideEachIsCaughtWhileAnIndexLoopIsFine() throws Throwable {
        // each's iterator is alive while the step suspends the program (Jenkins needs its iterator workaround here)
        assertThatThrownBy(() -> harness.run("""
                ['web', 'api'].each { name -> echo "instance ${name}" }
                """, "Each.groovy"))
                .hasMessageContaining("NotSerializableException").hasMessageContaining("Itr");
        PipelineHarness.Run run = harness.run("""
                List names = ['web', 'api']
                for (int i = 0; i < names.size(); i++) {
                    echo "instance ${names[i]}"
                }
                """, "IndexLoop.groovy");
        assertThat(run.log()).containsExactly("instance web", "instance api");
    }

    @Test
    void theLibraryWithAMatcherKeptAcrossReadJsonIsCaught(@TempDir Path copy) throws Throwable {
        // a plausible edit of vars/cachesh.groovy: parse the exit-code marker with a regex and keep the Matcher
        Path lib = copyLibrary(copy);
        Path vars = lib.resolve("vars/cachesh.groovy");
        String source = Files.readString(vars);
        String edited = source.replace("int marker = out.lastIndexOf('#cachesh-exit=')",
                "def exit = (out =~ /#cachesh-exit=(\\d+)/)\n    exit.find()\n    int marker = exit.start()");
        assertThat(edited).isNotEqualTo(source);
        Files.writeString(vars, edited);
        PipelineHarness broken = new PipelineHarness(lib).step("sh", call -> "{}\n#cachesh-exit=0\n");
        new Workspace(workspace).install(broken);
        assertThatThrownBy(() -> broken.run("cachesh(file: 'scripts/x.groovy')", "Broken.groovy"))
                .hasMessageContaining("java.util.regex.Matcher");
    }

    static Path copyLibrary(Path to) throws IOException {
        Path from = library();
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
        return to;
    }
}
