package io.cachesh.client.core;

import java.time.Duration;

/** A {@link Waiter} gave up: names what it waited for and the last state it saw. */
public class WaiterTimeoutException extends RuntimeException {

    private final String description;
    private final String lastState;
    private final int attempts;
    private final Duration timeout;

    public WaiterTimeoutException(String description, String lastState, int attempts, Duration timeout) {
        super("timed out after " + timeout + " waiting for " + description + "; last state: " + lastState
                + " (" + attempts + (attempts == 1 ? " poll)" : " polls)"));
        this.description = description;
        this.lastState = lastState;
        this.attempts = attempts;
        this.timeout = timeout;
    }

    public String description() {
        return description;
    }

    public String lastState() {
        return lastState;
    }

    public int attempts() {
        return attempts;
    }

    public Duration timeout() {
        return timeout;
    }
}
