package io.cachesh.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final FakeTime time = new FakeTime();

    @Test
    void fullBucketAllowsABurstThenSpacesCallsAtTheRate() {
        RateLimiter limiter = RateLimiter.tokenBucket(20, time, time);
        for (int i = 0; i < 20; i++) limiter.acquire();
        assertThat(time.sleeps).isEmpty();
        limiter.acquire();
        limiter.acquire();
        assertThat(time.sleeps).containsExactly(Duration.ofMillis(50), Duration.ofMillis(50));
    }

    @Test
    void tokensRefillWithElapsedTimeUpToTheCapacity() {
        RateLimiter limiter = RateLimiter.tokenBucket(2, time, time);
        limiter.acquire();
        limiter.acquire();
        time.advance(Duration.ofSeconds(10));
        limiter.acquire();
        limiter.acquire();
        assertThat(time.sleeps).isEmpty();
        limiter.acquire();
        assertThat(time.sleeps).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void concurrentCallersQueueBehindEachOther() throws Exception {
        // callers that have not slept yet leave a debt: the second waits 1 s, the third 2 s
        List<Duration> waits = java.util.Collections.synchronizedList(new ArrayList<>());
        RateLimiter limiter = RateLimiter.tokenBucket(1, time, waits::add);
        limiter.acquire();
        Thread a = new Thread(limiter::acquire);
        a.start();
        a.join();
        Thread b = new Thread(limiter::acquire);
        b.start();
        b.join();
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void unlimitedNeverWaits() {
        for (int i = 0; i < 1000; i++) RateLimiter.UNLIMITED.acquire();
    }

    @Test
    void rejectsNonPositiveRates() {
        assertThatThrownBy(() -> RateLimiter.tokenBucket(0, time, time)).hasMessage("permitsPerSecond <= 0: 0.0");
    }
}
