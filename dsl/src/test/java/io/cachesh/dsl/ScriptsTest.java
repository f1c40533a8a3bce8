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
import org.junit.jupiter.api.io.TempDir;
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
        assertThat(scripts().map(p -> p.getFileName().toString())).contains("first-steps.groovy", "nightly-backup.groovy",
                "password-rotation.groovy", "fleet-report.groovy", "right-sizing.groovy", "idle-cleanup.groovy");
    }

    /** The parameters a runbook requires (everything else is left to its defaults). */
    static Map<String, Object> requiredParams(Path script, Path tmp) {
        if (script.getFileName().toString().equals("password-rotation.groovy")) {
            return Map.of("store", tmp.resolve("passwords.json").toString());
        }
        return Map.of();
    }

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void everyScriptCompletesWithItsDefaults(Path script) {
        RecordingOutput out = new RecordingOutput();
        try (CacheshSession session = session(out)) {
            try {
                session.run(script, requiredParams(script, tmp));
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

    // ---------------------------------------------------------------- the operations runbooks

    @Test
    @SuppressWarnings("unchecked")
    void nightlyBackupKeepsTheNewestAndListsTheOlderOnesOnTencent() {
        RecordingOutput out = new RecordingOutput();
        try (CacheshSession session = session(out)) {
            session.evaluate("['shop-1', 'shop-2', 'other'].each { create name: it, spec: 'redis.ha', capacity: 1, "
                    + "password: 'Shop-Pass12', wait: false }; list().each { wait it }");
            try {
                Path script = repoRoot().resolve("scripts/nightly-backup.groovy");
                Map<String, Object> r = null;
                for (int i = 0; i < 3; i++) {
                    r = (Map<String, Object>) session.run(script, Map.of("name", "shop-*", "keep", "2"));
                }
                Map<String, Map<String, Object>> byInstance = (Map<String, Map<String, Object>>) r.get("backups");
                assertThat(byInstance).containsOnlyKeys("shop-1", "shop-2");
                Map<String, Object> shop1 = byInstance.get("shop-1");
                assertThat((List<String>) shop1.get("kept")).hasSize(2).first().isEqualTo(shop1.get("backup"));
                // Tencent's API cannot delete a backup: the third one is listed, not deleted
                assertThat((List<String>) shop1.get("expiring")).hasSize(1);
                assertThat((List<String>) r.get("pruned")).isEmpty();
                assertThat((List<?>) r.get("failures")).isEmpty();
                assertThat((List<?>) session.evaluate("backups('shop-1').findAll { it.remark.startsWith('nightly-') }"))
                        .hasSize(3);
                assertThat((List<?>) session.evaluate("backups('other')")).isEmpty();
            } finally {
                session.evaluate("fleet(parallel: 3) { delete it }");
            }
            assertThat(out.warnings).isEmpty();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void nightlyBackupPrunesOlderNightlyBackupsOnHuawei() {
        RecordingOutput out = new RecordingOutput();
        try (CacheshSession session = session(out)) {        // tencent by default: the runbook's provider param
            session.evaluate("cache { provider huawei; create name: 'hw-orders', spec: 'redis.ha', capacity: 1, "
                    + "password: 'Hw-Orders-Pass1'; backup 'hw-orders', remark: 'by-hand' }");
            try {
                Path script = repoRoot().resolve("scripts/nightly-backup.groovy");
                Map<String, Object> onHuawei = Map.of("keep", "1", "provider", "huawei", "region", "cn-north-4");
                Map<String, Object> first = (Map<String, Object>) session.run(script, onHuawei);
                assertThat((List<String>) first.get("pruned")).isEmpty();
                Map<String, Object> second = (Map<String, Object>) session.run(script, onHuawei);
                Map<String, Object> hw = ((Map<String, Map<String, Object>>) second.get("backups")).get("hw-orders");
                String firstBackup = ((Map<String, Map<String, Object>>) first.get("backups")).get("hw-orders")
                        .get("backup").toString();
                assertThat((List<String>) second.get("pruned")).containsExactly(firstBackup);
                assertThat((List<String>) hw.get("kept")).containsExactly(hw.get("backup").toString());
                // the fleet: the hand-made backup and the newest nightly one are left, the older nightly one is deleted
                List<Map<String, Object>> left = (List<Map<String, Object>>) session.evaluate("cache { provider huawei; "
                        + "backups('hw-orders').findAll { it.status != 'deleted' }.collect { [id: it.id, remark: it.remark] } }");
                assertThat(left).extracting(m -> m.get("remark")).containsExactlyInAnyOrder("by-hand",
                        hw.get("remark"));
                assertThat(session.defaultProvider()).isEqualTo("tencent");
            } finally {
                session.evaluate("cache { provider huawei; list().each { delete it } }");
            }
            assertThat(out.warnings).isEmpty();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void passwordRotationStoresTheNewPasswordsOnlyInTheStore() throws Exception {
        RecordingOutput out = new RecordingOutput();
        try (CacheshSession session = session(out)) {
            session.evaluate("['pay-1', 'pay-2', 'other'].each { create name: it, spec: 'redis.ha', capacity: 1, "
                    + "password: 'Old-Pass1234', wait: false }; list().each { wait it }");
            try {
                Path store = tmp.resolve("vault/redis.json");
                Map<String, Object> r = (Map<String, Object>) session.run(
                        repoRoot().resolve("scripts/password-rotation.groovy"),
                        Map.of("name", "pay-*", "store", store.toString()));
                Map<String, Map<String, Object>> rotated = (Map<String, Map<String, Object>>) r.get("rotated");
                assertThat(rotated).containsOnlyKeys("pay-1", "pay-2");
                assertThat(rotated.get("pay-1")).containsEntry("storedIn", store.toString())
                        .containsEntry("verified", true);
                assertThat(rotated.get("pay-1").get("password").toString()).matches("\\*{20}");
                assertThat((List<?>) r.get("failures")).isEmpty();

                assertThat(java.nio.file.Files.getPosixFilePermissions(store))
                        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                Map<String, Map<String, Object>> vault = new com.fasterxml.jackson.databind.ObjectMapper()
                        .readValue(store.toFile(), Map.class);
                assertThat(vault).containsOnlyKeys("pay-1", "pay-2");
                String output = groovy.json.JsonOutput.toJson(r) + String.join("\n", out.lines);
                for (String name : List.of("pay-1", "pay-2")) {
                    Map<String, Object> instance = (Map<String, Object>) session.evaluate("describe('" + name + "').toMap()");
                    String secret = vault.get(name).get("password").toString();
                    assertThat(secret).hasSize(20);
                    io.cachesh.dsl.huawei.HuaweiPasswordRules.check(secret);
                    assertThat(output).doesNotContain(secret);
                    try (Jedis j = new Jedis((String) instance.get("host"), ((Number) instance.get("port")).intValue())) {
                        assertThat(j.auth(secret)).isEqualTo("OK");
                    }
                    try (Jedis j = new Jedis((String) instance.get("host"), ((Number) instance.get("port")).intValue())) {
                        assertThatThrownBy(() -> j.auth("Old-Pass1234")).hasMessageContaining("WRONGPASS");
                    }
                }
                Map<String, Object> other = (Map<String, Object>) session.evaluate("describe('other').toMap()");
                try (Jedis j = new Jedis((String) other.get("host"), ((Number) other.get("port")).intValue())) {
                    assertThat(j.auth("Old-Pass1234")).isEqualTo("OK");
                }

                // a store others can read is refused before anything changes
                java.nio.file.Files.setPosixFilePermissions(store,
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
                assertThatThrownBy(() -> session.run(repoRoot().resolve("scripts/password-rotation.groovy"),
                        Map.of("name", "other", "store", store.toString())))
                        .isInstanceOf(DslException.class).hasMessageContaining("chmod 600");
                assertThatThrownBy(() -> session.run(repoRoot().resolve("scripts/password-rotation.groovy"), Map.of()))
                        .isInstanceOf(DslException.class)
                        .hasMessage("param store is required (pass --param store=<text>)");
            } finally {
                session.evaluate("fleet(parallel: 3) { delete it }");
            }
            assertThat(out.warnings).isEmpty();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void rightSizingProposesFromMemoryUseAndAppliesOnlyWhenAsked() {
        RecordingOutput out = new RecordingOutput();
        try (CacheshSession session = session(out)) {
            session.evaluate("create name: 'cold', spec: 'redis.ha', capacity: 4, password: 'Size-Pass123', wait: false; "
                    + "['hot', 'right'].each { create name: it, spec: 'redis.ha', capacity: 1, password: 'Size-Pass123', "
                    + "wait: false }; list().each { wait it }");
            // about 8 MB on 'hot': above high=0.005 of 1 GB; the target 0.006 asks for about 1.5 GB, so 2 GB
            session.evaluate("connect('hot') { set 'blob', 'x' * (8 * 1024 * 1024) }");
            try {
                Path script = repoRoot().resolve("scripts/right-sizing.groovy");
                Map<String, Object> params = Map.of("low", "0.002", "high", "0.005", "target", "0.006");
                Map<String, Object> dry = (Map<String, Object>) session.run(script, params);
                List<Map<String, Object>> proposals = (List<Map<String, Object>>) dry.get("proposals");
                assertThat(proposals).extracting(p -> p.get("name") + " " + p.get("proposedGb") + " " + p.get("applied"))
                        .containsExactlyInAnyOrder("cold 1 false", "hot 2 false");
                assertThat((List<Map<String, Object>>) dry.get("ok")).extracting(p -> p.get("name")).containsExactly("right");
                assertThat(session.evaluate("describe('cold').capacityGb")).isEqualTo(4.0);

                Map<String, Object> applied = (Map<String, Object>) session.run(script,
                        Map.of("low", "0.002", "high", "0.005", "target", "0.006", "apply", "true"));
                assertThat((List<Map<String, Object>>) applied.get("proposals")).allSatisfy(p ->
                        assertThat(p.get("applied")).isEqualTo(true));
                assertThat(session.evaluate("describe('cold').capacityGb")).isEqualTo(1.0);
                assertThat(session.evaluate("describe('hot').capacityGb")).isEqualTo(2.0);
                assertThat(session.evaluate("connect('hot') { configGet('maxmemory') as long }"))
                        .isEqualTo(2L * 1024 * 1024 * 1024);
                assertThat(session.evaluate("describe('right').capacityGb")).isEqualTo(1.0);

                Map<String, Object> again = (Map<String, Object>) session.run(script, params);
                assertThat((List<?>) again.get("proposals")).isEmpty();
                assertThatThrownBy(() -> session.run(script, Map.of("low", "0.9", "high", "0.5")))
                        .isInstanceOf(DslException.class).hasMessageStartingWith("right-sizing: need 0 < low < high");
            } finally {
                session.evaluate("fleet(parallel: 3) { delete it }");
            }
            assertThat(out.warnings).isEmpty();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void idleCleanupFindsUnusedInstancesAndDeletesOnlyWhenConfirmed() {
        RecordingOutput out = new RecordingOutput();
        try (CacheshSession session = session(out)) {
            session.evaluate("['busy', 'idle-1', 'idle-2'].each { create name: it, spec: 'redis.ha', capacity: 1, "
                    + "password: 'Idle-Pass123', wait: false }; list().each { wait it }");
            session.evaluate("connect('busy') { set 'k', 'v'; 5.times { get 'k' } }");
            try {
                Path script = repoRoot().resolve("scripts/idle-cleanup.groovy");
                Map<String, Object> young = (Map<String, Object>) session.run(script, Map.of());
                assertThat((List<?>) young.get("idle")).as("nothing is idle before minAge (7d)").isEmpty();

                Map<String, Object> report = (Map<String, Object>) session.run(script, Map.of("minAge", "0s"));
                assertThat((List<Map<String, Object>>) report.get("idle")).extracting(m -> m.get("name"))
                        .containsExactlyInAnyOrder("idle-1", "idle-2");
                assertThat((List<Map<String, Object>>) report.get("busy")).extracting(m -> m.get("name"))
                        .containsExactly("busy");
                assertThat(session.evaluate("list().size()")).isEqualTo(3);

                assertThatThrownBy(() -> session.run(script, Map.of("minAge", "0s", "mode", "delete")))
                        .isInstanceOfSatisfying(RunbookFailedException.class, e -> {
                            assertThat(e.exitCode()).isEqualTo(3);
                            assertThat(e.getMessage()).endsWith("pass --param confirm=2");
                            assertThat((List<?>) ((Map<String, Object>) e.output()).get("idle")).hasSize(2);
                        });
                assertThatThrownBy(() -> session.run(script, Map.of("minAge", "0s", "mode", "delete", "confirm", "3")))
                        .isInstanceOf(RunbookFailedException.class);
                assertThat(session.evaluate("list().size()")).isEqualTo(3);

                Map<String, Object> deleted = (Map<String, Object>) session.run(script,
                        Map.of("minAge", "0s", "mode", "delete", "confirm", "2"));
                assertThat((List<String>) deleted.get("changed")).containsExactlyInAnyOrder("idle-1", "idle-2");
                assertThat(session.evaluate("list()*.name")).isEqualTo(List.of("busy"));
                assertThatThrownBy(() -> session.run(script, Map.of("mode", "erase")))
                        .isInstanceOf(DslException.class)
                        .hasMessage("param mode: 'erase' is not allowed (allowed: report, isolate, delete)");
            } finally {
                session.evaluate("fleet(parallel: 3) { delete it }");
            }
            assertThat(out.warnings).isEmpty();
        }
    }
}
