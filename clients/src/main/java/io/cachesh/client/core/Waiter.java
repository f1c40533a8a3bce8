package io.cachesh.client.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls a supplier until a predicate holds, a terminal failure shows, or the timeout passes. The last poll happens
 * at the deadline, never after it. Clock and sleeper are injected so tests run in zero time.
 *
 * <pre>{@code
 * Waiter.<Task>builder().description("task 42 to succeed")
 *         .successWhen(t -> t.done()).failWhen(t -> t.failed(), t -> new IllegalStateException(t.message()))
 *         .timeout(Duration.ofMinutes(5)).interval(Duration.ofSeconds(2)).build()
 *         .run(() -> fetchTask(42));
 * }</pre>
 */
public final class Waiter<T> {

    /** Called after every poll, e.g. to draw a progress bar. */
    @FunctionalInterface
    public interface Progress<T> {
        void onPoll(int attempt, Duration elapsed, T state);
    }

    private final String description;
    private final Predicate<? super T> success;
    private final Predicate<? super T> failure;
    private final Function<? super T, ? extends RuntimeException> failureError;
    private final Function<? super T, String> describeState;
    private final Duration timeout;
    private final Duration interval;
    private final Progress<? super T> progress;
    private final Clock clock;
    private final Sleeper sleeper;

    private Waiter(Builder<T> b) {
        this.description = Objects.requireNonNull(b.description, "description == null");
        this.success = Objects.requireNonNull(b.success, "successWhen == null");
        this.failure = b.failure;
        this.failureError = b.failureError;
        this.describeState = b.describeState;
        this.timeout = b.timeout;
        this.interval = b.interval;
        this.progress = b.progress;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** Polls until success (returning the state that satisfied it), failure (thrown) or timeout. */
    public T run(Supplier<? extends T> poll) {
        Instant start = clock.instant();
        Instant deadline = start.plus(timeout);
        T state = null;
        for (int attempt = 1; ; attempt++) {
            state = poll.get();
            Instant now = clock.instant();
            if (progress != null) progress.onPoll(attempt, Duration.between(start, now), state);
            if (success.test(state)) return state;
            if (failure != null && failure.test(state)) throw failureError.apply(state);
            if (!now.isBefore(deadline)) {
                throw new WaiterTimeoutException(description, describeState.apply(state), attempt, timeout);
            }
            Duration left = Duration.between(now, deadline);
            sleeper.sleep(left.compareTo(interval) < 0 ? left : interval);
        }
    }

    public static final class Builder<T> {
        private String description;
        private Predicate<? super T> success;
        private Predicate<? super T> failure;
        private Function<? super T, ? extends RuntimeException> failureError;
        private Function<? super T, String> describeState = String::valueOf;
        private Duration timeout = Duration.ofMinutes(10);
        private Duration interval = Duration.ofSeconds(2);
        private Progress<? super T> progress;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;

        private Builder() {
        }

        /** What is awaited, for messages: {@code "task 42 to succeed"}. */
        public Builder<T> description(String description) {
            this.description = description;
            return this;
        }

        public Builder<T> successWhen(Predicate<? super T> success) {
            this.success = success;
            return this;
        }

        /** A terminal failure: stop polling and throw {@code error.apply(state)}. */
        public Builder<T> failWhen(Predicate<? super T> failure, Function<? super T, ? extends RuntimeException> error) {
            this.failure = Objects.requireNonNull(failure, "failure == null");
            this.failureError = Objects.requireNonNull(error, "error == null");
            return this;
        }

        /** How a state shows in the timeout message (default {@code String.valueOf}). */
        public Builder<T> describeState(Function<? super T, String> describeState) {
            this.describeState = Objects.requireNonNull(describeState, "describeState == null");
            return this;
        }

        public Builder<T> timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout == null");
            if (timeout.isNegative()) throw new IllegalArgumentException("timeout < 0: " + timeout);
            this.timeout = timeout;
            return this;
        }

        public Builder<T> interval(Duration interval) {
            Objects.requireNonNull(interval, "interval == null");
            if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("interval <= 0: " + interval);
            this.interval = interval;
            return this;
        }

        public Builder<T> progress(Progress<? super T> progress) {
            this.progress = progress;
            return this;
        }

        public Builder<T> clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock == null");
            return this;
        }

        public Builder<T> sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
            return this;
        }

        public Waiter<T> build() {
            return new Waiter<>(this);
        }
    }
}
