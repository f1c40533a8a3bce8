package io.cachesh.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jline.reader.Candidate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Runs every completion benchmark method exactly once on the benchmark's own set-up (a 1,000-instance canned fleet,
 * the REPL's session and instance cache), and checks that each context offers what the REPL would offer there, so
 * that a benchmark measuring an empty or wrong completion fails the build. No timing: that is {@code bench/run}'s.
 */
@Timeout(120)
class CompletionBenchmarkSmokeTest {

    static CompletionBenchmark.Shell shell;

    @BeforeAll
    static void setUp() throws Exception {
        shell = new CompletionBenchmark.Shell();
        shell.setUp();
    }

    @AfterAll
    static void tearDown() {
        shell.tearDown();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyContextRunsOnceAndOffersWhatTheReplOffersThere() throws Exception {
        List<Method> benchmarks = Arrays.stream(CompletionBenchmark.class.getMethods())
                .filter(m -> m.isAnnotationPresent(Benchmark.class))
                .sorted(Comparator.comparing(Method::getName))
                .toList();
        assertThat(benchmarks).hasSize(11);
        CompletionBenchmark bench = new CompletionBenchmark();
        Map<String, List<String>> values = new java.util.HashMap<>();
        for (Method m : benchmarks) {
            List<Candidate> candidates = (List<Candidate>) m.invoke(bench, shell);
            values.put(m.getName(), candidates.stream().map(Candidate::value).collect(Collectors.toList()));
        }
        assertThat(values.get("verbs")).contains("create", "describe", "all");
        assertThat(values.get("verbArguments")).contains("spec:", "capacity:");
        assertThat(values.get("specNames")).contains("redis.ha'");
        assertThat(values.get("versions")).isNotEmpty().allMatch(v -> v.endsWith("'"));
        assertThat(values.get("regions")).contains("ap-guangzhou");
        assertThat(values.get("zones")).contains("ap-guangzhou-3'");
        // every instance of the fleet, by name and by id (from the session's list() and the background cache)
        assertThat(values.get("instances")).hasSize(2 * CompletionBenchmark.FLEET)
                .contains("bench-0000'", "crs-bench0999'");
        assertThat(values.get("rawOperations")).contains("tencent.redis.describeInstances");
        assertThat(values.get("operationParameters")).contains("limit:", "offset:");
        assertThat(values.get("magics")).contains("provider");
        assertThat(values.get("filePaths")).hasSize(CompletionBenchmark.FILES).contains("runbook-000.groovy");
    }
}
