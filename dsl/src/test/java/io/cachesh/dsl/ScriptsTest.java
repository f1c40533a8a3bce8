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
}
