package io.cachesh.dsl;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether a verb waits for its effect, and for how long at most.
 *
 * @param enabled true to wait (the default of every mutating verb)
 * @param timeout the longest wait
 */
public record WaitOptions(boolean enabled, Duration timeout) {

    public WaitOptions {
        Objects.requireNonNull(timeout, "timeout == null");
    }
}
