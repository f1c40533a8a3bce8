package io.cachesh.client.internal;

import io.cachesh.client.core.RateLimiter;
import io.cachesh.client.core.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Token bucket with reservations: a caller takes a token, possibly going into debt, and sleeps (outside the
 * lock) until its token would have been refilled, so concurrent callers queue fairly at the configured rate.
 */
public final class TokenBucketRateLimiter implements RateLimiter {

    private final double permitsPerNano;
    private final double capacity;
    private final Clock clock;
    private final Sleeper sleeper;
    private double tokens;
    private long lastNanos;

    public TokenBucketRateLimiter(double permitsPerSecond, Clock clock, Sleeper sleeper) {
        if (!(permitsPerSecond > 0)) throw new IllegalArgumentException("permitsPerSecond <= 0: " + permitsPerSecond);
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
        this.permitsPerNano = permitsPerSecond / 1e9;
        this.capacity = Math.max(1.0, permitsPerSecond);
        this.tokens = capacity;
        this.lastNanos = nanos();
    }

    @Override
    public void acquire() {
        long waitNanos;
        synchronized (this) {
            long now = nanos();
            if (now > lastNanos) {
                tokens = Math.min(capacity, tokens + (now - lastNanos) * permitsPerNano);
                lastNanos = now;
            }
            tokens -= 1;
            waitNanos = tokens >= 0 ? 0 : (long) Math.ceil(-tokens / permitsPerNano);
        }
        if (waitNanos > 0) sleeper.sleep(Duration.ofNanos(waitNanos));
    }

    private long nanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public String toString() {
        return "TokenBucketRateLimiter[" + permitsPerNano * 1e9 + "/s]";
    }
}
