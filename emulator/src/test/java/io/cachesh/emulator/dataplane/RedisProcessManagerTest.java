package io.cachesh.emulator.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cachesh.client.auth.Secret;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisProcessManagerTest {

    @Test
    void startsAnAuthenticatedServerWithMaxmemoryAndStopsIt(@TempDir Path dir) throws Exception {
        RedisBinary binary = RedisBinary.locate(null);
        assumeTrue(binary.available(), binary.version());
        RedisProcessManager manager = new RedisProcessManager(binary);
        RedisProcess p = manager.start("crs-test0001", dir, Secret.of("Sekrit-123"), 64L << 20, 0);
        try {
            p.ping();
            assertThat(p.configGet("maxmemory")).isEqualTo(Long.toString(64L << 20));
            assertThat(p.configGet("bind")).isEqualTo("127.0.0.1");
            assertThat(p.configGet("save")).isEmpty();
            try (RespClient anonymous = RespClient.connect("127.0.0.1", p.port(), 1000)) {
                assertThatThrownBy(() -> anonymous.call("GET", "x")).isInstanceOf(RespClient.RedisError.class)
                        .hasMessageContaining("NOAUTH");
            }
            p.setPassword(Secret.of("Other-456"));
            p.call("SET", "k", "v");
            assertThat(p.call("GET", "k")).isEqualTo("v");
            assertThat(p.save()).exists();
            p.flushAll();
            assertThat(p.call("DBSIZE")).isEqualTo(0L);
            assertThat(p.usedMemoryBytes()).isPositive();
            assertThat(manager.running()).containsExactly(p);
        } finally {
            manager.close(false);
        }
        assertThat(p.alive()).isFalse();
        assertThat(manager.running()).isEmpty();
    }

    @Test
    void theEmbeddedRedisFallbackRunsOnThisMachine() {
        RedisBinary embedded = RedisBinary.embedded();
        assumeTrue(embedded.available(), embedded.version());
        assertThat(embedded.source()).isEqualTo("embedded-redis");
        assertThat(embedded.version()).startsWith("Redis server v=6.2");
    }

    @Test
    void aBinaryThatDoesNotRunIsSkipped() {
        RedisBinary binary = RedisBinary.locate(Path.of("/nonexistent/redis-server"));
        assertThat(binary.source()).isNotEqualTo("override");
    }
}
