package io.cachesh.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Runs every benchmark method exactly once against an in-process {@link CannedServer}, so that a broken benchmark
 * (a client or SDK change, a canned body that no longer binds) fails the build. No timing, no JMH runner: the
 * benchmarks themselves run only from {@code bench/run}.
 */
class ClientBenchmarkSmokeTest {

    static ClientBenchmark.Clients clients;

    @BeforeAll
    static void setUp() {
        System.clearProperty("bench.endpoint");
        clients = new ClientBenchmark.Clients();
        clients.setUp();
    }

    @AfterAll
    static void tearDown() {
        clients.tearDown();
    }

    @Test
    void everyBenchmarkMethodRunsOnceAndGetsTheCannedAnswer() throws Exception {
        List<Method> benchmarks = Arrays.stream(ClientBenchmark.class.getMethods())
                .filter(m -> m.isAnnotationPresent(Benchmark.class))
                .sorted(Comparator.comparing(Method::getName))
                .toList();
        assertThat(benchmarks).hasSize(10);
        ClientBenchmark bench = new ClientBenchmark();
        for (Method m : benchmarks) {
            assertThat(m.invoke(bench, clients)).as(m.getName()).isNotNull();
        }
        // each operation is measured for both sides
        assertThat(benchmarks.stream().map(m -> m.getName().replaceFirst("_(ours|sdk)$", "")).distinct().count()).isEqualTo(5);
    }

    @Test
    void theCannedAnswersAreWhatTheBenchmarksClaim() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(json.readTree(CannedBodies.load("tencent-describe-instances-20.json")).at("/Response/InstanceSet").size()).isEqualTo(20);
        assertThat(json.readTree(CannedBodies.load("huawei-list-instances-20.json")).at("/instances").size()).isEqualTo(20);
    }
}
