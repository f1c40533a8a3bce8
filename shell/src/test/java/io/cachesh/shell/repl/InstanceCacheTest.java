package io.cachesh.shell.repl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.client.auth.Credentials;
import io.cachesh.client.core.ClientConfig;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class InstanceCacheTest {

    final ClientConfig config = ClientConfig.builder().credentials(Credentials.of("id", "secret"))
            .region("ap-guangzhou").endpoint("http://127.0.0.1:9").build();

    @Test
    void readingNeverWaitsForASlowRefresh() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch fetched = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        InstanceCache cache = new InstanceCache(() -> Optional.of(config), () -> "tencent", c -> {
            calls.incrementAndGet();
            release.await();
            fetched.countDown();
            return new InstanceCache.Snapshot(List.of("orders", "crs-1"), List.of("ap-guangzhou-3"));
        });
        try {
            long start = System.nanoTime();
            assertThat(cache.instances()).isEmpty(); // starts a refresh, does not wait for it
            assertThat(cache.zones()).isEmpty();
            assertThat(cache.instances()).isEmpty();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(500);
            assertThat(calls.get()).isLessThanOrEqualTo(1); // one refresh at a time
            release.countDown();
            assertThat(fetched.await(5, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (cache.instances().isEmpty() && System.nanoTime() < deadline) Thread.sleep(10);
            assertThat(cache.instances()).containsExactly("orders", "crs-1");
            assertThat(cache.zones()).containsExactly("ap-guangzhou-3");
        } finally {
            cache.close();
        }
    }

    @Test
    void aFailingRefreshKeepsWhatItHadAndNoSessionMeansNoRefresh() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        InstanceCache none = new InstanceCache(Optional::empty, () -> "tencent", c -> {
            calls.incrementAndGet();
            return null;
        });
        assertThat(none.instances()).isEmpty();
        Thread.sleep(100);
        assertThat(calls.get()).isZero();
        none.close();

        InstanceCache failing = new InstanceCache(() -> Optional.of(config), () -> "tencent", c -> {
            throw new IllegalStateException("network down");
        });
        assertThat(failing.instances()).isEmpty();
        failing.close();
    }
}
