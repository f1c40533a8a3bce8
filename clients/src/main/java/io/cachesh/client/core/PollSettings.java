package io.cachesh.client.core;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a vendor's waiters poll: interval, clock and sleeper (injected in tests), and an optional progress callback.
 * Immutable; the vendor waiter classes ({@code TencentRedisWaiters}, {@code HuaweiDcsWaiters}, ...) hold one and
 * build every {@link Waiter} from it, so the polling plumbing lives in one place.
 */
public record PollSettings(Duration interval, Clock clock, Sleeper sleeper, Waiter.Progress<Object> progress) {

    public PollSettings {
        Objects.requireNonNull(interval, "interval == null");
        Objects.requireNonNull(clock, "clock == null");
        Objects.requireNonNull(sleeper, "sleeper == null");
    }

    /** Polling every {@code interval} on the system clock, no progress callback. */
    public static PollSettings every(Duration interval) {
        return new PollSettings(interval, Clock.systemUTC(), Sleeper.SYSTEM, null);
    }

    public PollSettings withInterval(Duration interval) {
        return new PollSettings(interval, clock, sleeper, progress);
    }

    public PollSettings withClock(Clock clock, Sleeper sleeper) {
        return new PollSettings(interval, clock, sleeper, progress);
    }

    public PollSettings withProgress(Waiter.Progress<Object> progress) {
        return new PollSettings(interval, clock, sleeper, progress);
    }

    /** A waiter builder for {@code description}, with these settings and {@code timeout}. */
    public <T> Waiter.Builder<T> waiter(String description, Duration timeout) {
        Waiter.Builder<T> builder = Waiter.<T>builder().description(description).timeout(timeout).interval(interval)
                .clock(clock).sleeper(sleeper);
        if (progress != null) builder.progress((attempt, elapsed, state) -> progress.onPoll(attempt, elapsed, state));
        return builder;
    }
}
