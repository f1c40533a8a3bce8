package io.cachesh.emulator.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.cmem.CmemProvider;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.spy.memcached.MemcachedClient;
import org.junit.jupiter.api.Test;

/** The memcached data plane: real processes that answer, flush, resize and never outlive their owner. */
class MemcachedProcessManagerTest {

    static List<ProcessHandle> ourMemcacheds() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("memcached")).orElse(false)).toList();
    }

    @Test
    void startsAnswersFlushesResizesAndStops() throws Exception {
        MemcachedProcessManager manager = MemcachedProcessManager.locate(null);
        assumeTrue(manager.available(), "no memcached");
        MemcachedProcess p = manager.start("m1", 16, 0);
        try {
            assertThat(p.version()).matches("\\d+\\.\\d+.*");
            MemcachedClient mc = new MemcachedClient(new InetSocketAddress("127.0.0.1", p.port()));
            try {
                mc.set("a", 0, "1").get();
                assertThat(mc.get("a")).isEqualTo("1");
                p.setMemoryLimitMb(32);
                assertThat(p.stats().get("limit_maxbytes")).isEqualTo(Long.toString(32L << 20));
                assertThat(mc.get("a")).isEqualTo("1");
                p.flushAll();
                assertThat(mc.get("a")).isNull();
            } finally {
                mc.shutdown();
            }
        } finally {
            manager.close();
        }
        assertThat(p.alive()).isFalse();
        assertThat(manager.running()).isEmpty();
    }

    @Test
    void withoutABinaryItIsControlPlaneOnly() {
        MemcachedProcessManager none = MemcachedProcessManager.locate(Path.of("/nonexistent/memcached"));
        assertThat(none.available()).isFalse();
        assertThat(none.description()).startsWith("none:");
        try (Emulator emulator = Emulator.builder().memcachedBinary(Path.of("/nonexistent/memcached")).build().start()) {
            assertThat(emulator.memcachedAvailable()).isFalse();
            var i = emulator.cmem().create(CmemProvider.Spec.named("noplane"));
            assertThat(i.dataPort()).isZero();
            assertThat(emulator.cmem().describe(i).path("dataPlane").asBoolean()).isFalse();
        }
    }

    @Test
    void closingTheEmulatorLeavesNoMemcachedBehind() {
        assumeTrue(MemcachedProcessManager.locate(null).available(), "no memcached");
        List<Long> before = ourMemcacheds().stream().map(ProcessHandle::pid).toList();
        Emulator emulator = Emulator.builder().taskDelay(Duration.ofMillis(50)).build().start();
        try {
            emulator.cmem().create(CmemProvider.Spec.named("leak1"));
            emulator.cmem().create(CmemProvider.Spec.named("leak2"));
            assertThat(ourMemcacheds().stream().filter(p -> !before.contains(p.pid())).count()).isEqualTo(2);
        } finally {
            emulator.close();
        }
        assertThat(ourMemcacheds().stream().filter(p -> !before.contains(p.pid())).toList()).isEmpty();
    }
}
