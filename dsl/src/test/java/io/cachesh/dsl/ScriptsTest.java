package io.cachesh.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** Every runbook of the repository's {@code scripts/} runs through {@link CacheshSession#run} against the emulator. */
class ScriptsTest extends EmulatorTestSupport {

    /** The repository root: the first directory above the module (tests run in dsl/) holding scripts/ and mvnw. */
    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isDirectory(dir.resolve("scripts")) && Files.isRegularFile(dir.resolve("mvnw")))) {
            dir = dir.getParent();
        }
        if (dir == null) throw new IllegalStateException("no scripts/ above " + Path.of("").toAbsolutePath());
        return dir;
    }

    static Stream<Path> scripts() throws IOException {
        try (Stream<Path> files = Files.list(repoRoot().resolve("scripts"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".groovy")).sorted().toList().stream();
        }
    }

    @Test
    void theReadmeRunbookIsThere() throws IOException {
        assertThat(scripts().map(p -> p.getFileName().toString())).contains("first-steps.groovy");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void everyScriptCompletesWithItsDefaults(Path script) {
        RecordingOutput out = new RecordingOutput();
        try (CacheshSession session = session(out)) {
            try {
                session.run(script, Map.of());
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError(script.getFileName() + " failed: " + e, e);
            }
            assertThat(out.warnings).as("warnings of " + script.getFileName()).isEmpty();
            assertThat(session.evaluate("list()")).as("instances left behind by " + script.getFileName())
                    .asList().isEmpty();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void firstStepsReturnsItsSummaryAndLeavesNothingBehind() {
        RecordingOutput out = new RecordingOutput();
        Map<String, Object> summary;
        try (CacheshSession session = session(out)) {
            summary = (Map<String, Object>) session.run(repoRoot().resolve("scripts/first-steps.groovy"),
                    Map.of("name", "orders"));
        }
        String id = (String) summary.get("instanceId");
        assertThat(id).startsWith("crs-");
        assertThat(summary.get("name")).isEqualTo("orders");
        assertThat((List<String>) summary.get("steps"))
                .containsExactly("create", "write", "password", "check-password", "clear", "resize", "delete");
        long before = ((Number) summary.get("maxmemoryBefore")).longValue();
        long after = ((Number) summary.get("maxmemoryAfter")).longValue();
        assertThat(before).isPositive();
        assertThat(after).isGreaterThan(before);
        assertThat(out.lines).anyMatch(l -> l.startsWith("old password rejected: connect: " + id
                + " rejected the password"));

        // gone from the fleet, and its Redis no longer listens
        assertThat(emulator.fleet().contains(id)).isFalse();
        int port = ((Number) summary.get("port")).intValue();
        assertThat(port).isPositive();
        assertThatThrownBy(() -> {
            try (Jedis j = new Jedis((String) summary.get("host"), port)) {
                j.ping();
            }
        }).isInstanceOf(JedisConnectionException.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theHuaweiAndCapitalOnlineRunbooksGoThroughEveryStep() {
        RecordingOutput out = new RecordingOutput();
        try (CacheshSession session = session(out)) {
            Map<String, Object> huawei = (Map<String, Object>) session.run(
                    repoRoot().resolve("scripts/huawei-lifecycle.groovy"), Map.of("name", "orders"));
            assertThat((List<String>) huawei.get("steps")).containsExactly("cluster", "create", "resize", "password",
                    "backup-clear-restore", "params", "delete");
            assertThat(huawei.get("cluster")).isEqualTo("cachesh-redis-cluster-1");
            assertThat(emulator.fleet().contains((String) huawei.get("instanceId"))).isFalse();
            assertThat(session.evaluate("cache { provider huawei; list() }")).asList().isEmpty();

            Map<String, Object> co = (Map<String, Object>) session.run(
                    repoRoot().resolve("scripts/capitalonline-memcached.groovy"), Map.of("capacity", "3"));
            assertThat((List<String>) co.get("steps")).containsExactly("create", "write", "clear", "resize", "delete");
            assertThat(co.get("capacityGb")).isEqualTo(6.0);
            assertThat(session.evaluate("cache { provider capitalonline; list() }")).asList().isEmpty();
            assertThat(out.warnings).isEmpty();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void ensureOrdersConvergesAndASecondRunChangesNothing() {
        RecordingOutput out = new RecordingOutput();
        try (CacheshSession session = session(out)) {
            Path script = repoRoot().resolve("scripts/ensure-orders.groovy");
            Map<String, Object> first = (Map<String, Object>) session.run(script, Map.of("keep", "true",
                    "password", "Orders-Pass1"));
            assertThat((List<String>) first.get("planned")).containsExactly(
                    "create orders: redis.ha 7.0, 2 GB, 1 replica",
                    "params orders maxmemory-policy: allkeys-lru");
            assertThat((List<String>) first.get("applied")).containsExactly(
                    "create orders: redis.ha 7.0, 2 GB, 1 replica",
                    "params orders maxmemory-policy: noeviction -> allkeys-lru");
            assertThat((List<String>) first.get("second")).isEmpty();

            Map<String, Object> again = (Map<String, Object>) session.run(script, Map.of("keep", "true"));
            assertThat((List<String>) again.get("planned")).isEmpty();
            assertThat((List<String>) again.get("applied")).isEmpty();
            assertThat(again.get("instance")).isEqualTo(first.get("instance"));

            Map<String, Object> bigger = (Map<String, Object>) session.run(script, Map.of("capacity", "4"));
            assertThat((List<String>) bigger.get("applied")).containsExactly("resize orders capacity: 2 GB -> 4 GB");
            assertThat(bigger.get("deleted")).isEqualTo(true);
            assertThat(session.evaluate("list()")).asList().isEmpty();
            assertThat(out.warnings).isEmpty();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void fleetParamsAndFleetReportRunAcrossInstances() {
        RecordingOutput out = new RecordingOutput();
        try (CacheshSession session = session(out)) {
            session.evaluate("(1..5).each { create name: \"shop-$it\", spec: 'redis.ha', capacity: 1, "
                    + "password: 'Shop-Pass12', tags: [env: 'prod'], wait: false }; list().each { wait it }");
            session.evaluate("create name: 'other', spec: 'redis.ha', capacity: 1, password: 'Other-Pass1'");
            try {
                Map<String, Object> r = (Map<String, Object>) session.run(repoRoot().resolve(
                        "scripts/fleet-params.groovy"), Map.of("name", "shop-*", "value", "allkeys-lfu"));
                assertThat(r).containsEntry("total", 5).containsEntry("ok", 5).containsEntry("failed", 0);
                assertThat((List<Map<String, Object>>) r.get("items")).allSatisfy(i ->
                        assertThat(i.get("value")).isEqualTo(Map.of("before", "noeviction", "after", "allkeys-lfu")));
                assertThat(session.evaluate("params('other').find { it.name == 'maxmemory-policy' }.value"))
                        .isEqualTo("noeviction");

                assertThatThrownBy(() -> session.run(repoRoot().resolve("scripts/fleet-params.groovy"),
                        Map.of("name", "shop-*", "value", "sometimes")))
                        .isInstanceOf(DslException.class).hasMessage("fleet-params: 5 instances: 0 ok, 5 failed");

                Map<String, Object> report = (Map<String, Object>) session.run(repoRoot().resolve(
                        "scripts/fleet-report.groovy"), Map.of());
                Map<String, Object> instances = (Map<String, Object>) report.get("instances");
                assertThat(instances).containsKeys("shop-1", "shop-5", "other");
                assertThat((Map<String, Object>) instances.get("shop-3")).containsEntry("tags", Map.of("env", "prod"))
                        .containsEntry("accounts", List.of("root"));
                assertThat((List<?>) report.get("failures")).isEmpty();
            } finally {
                session.evaluate("fleet(parallel: 6) { delete it }");
            }
            assertThat(out.warnings).isEmpty();
        }
    }
}
