package io.cachesh.client.core;

import java.time.Duration;
import java.util.concurrent.CancellationException;

/** Waits; injected so that retries, rate limits and waiters are tested without real sleeps. */
@FunctionalInterface
public interface Sleeper {

    /** {@link Thread#sleep}; an interrupt restores the flag and ends the wait with a {@link CancellationException}. */
    Sleeper SYSTEM = duration -> {
        try {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting " + duration);
        }
    };

    void sleep(Duration duration);
}
