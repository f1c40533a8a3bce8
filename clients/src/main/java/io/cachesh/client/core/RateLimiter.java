package io.cachesh.client.core;

import io.cachesh.client.internal.TokenBucketRateLimiter;
import java.time.Clock;

/** Admits calls at a rate; {@link #acquire()} blocks until the next call may go. Shared by the threads of a client. */
@FunctionalInterface
public interface RateLimiter {

    /** Never waits. */
    RateLimiter UNLIMITED = () -> { };

    void acquire();

    /** A token bucket of {@code permitsPerSecond} tokens refilled continuously; a full bucket allows a burst of that size. */
    static RateLimiter tokenBucket(double permitsPerSecond) {
        return new TokenBucketRateLimiter(permitsPerSecond, Clock.systemUTC(), Sleeper.SYSTEM);
    }

    static RateLimiter tokenBucket(double permitsPerSecond, Clock clock, Sleeper sleeper) {
        return new TokenBucketRateLimiter(permitsPerSecond, clock, sleeper);
    }
}
