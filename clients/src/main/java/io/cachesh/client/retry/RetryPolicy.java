package io.cachesh.client.retry;

import io.cachesh.client.core.OperationInfo;
import io.cachesh.client.core.Sleeper;
import io.cachesh.client.error.ApiException;
import io.cachesh.client.error.ThrottlingException;
import io.cachesh.client.error.TransportException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Retries with jittered exponential backoff, only what is safe to retry:
 * <ul>
 *   <li>throttling ({@link ThrottlingException}) for every operation: the vendor rejected it before acting;</li>
 *   <li>a transport failure before anything was sent (connection refused, unknown host) for every operation;</li>
 *   <li>other transport failures and HTTP 5xx only for {@linkplain OperationInfo#idempotent() idempotent} operations.</li>
 * </ul>
 * The delay before retry {@code n} (1-based) is {@code c/2 + random * c/2} with {@code c = min(maxDelay, baseDelay * 2^(n-1))}.
 */
public final class RetryPolicy {

    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final DoubleSupplier random;
    private final Sleeper sleeper;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.baseDelay = b.baseDelay;
        this.maxDelay = b.maxDelay;
        this.random = b.random;
        this.sleeper = b.sleeper;
    }

    /** 4 attempts, 100 ms base, 5 s cap. */
    public static RetryPolicy defaults() {
        return builder().build();
    }

    /** One attempt, no retries. */
    public static RetryPolicy none() {
        return builder().maxAttempts(1).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().maxAttempts(maxAttempts).baseDelay(baseDelay).maxDelay(maxDelay).random(random).sleeper(sleeper);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration baseDelay() {
        return baseDelay;
    }

    public Duration maxDelay() {
        return maxDelay;
    }

    /** Whether a failed attempt of {@code operation} may be repeated (ignoring the attempt budget). */
    public boolean isRetryable(OperationInfo operation, RuntimeException failure) {
        if (failure instanceof ThrottlingException) return true;
        if (failure instanceof TransportException transport) return transport.beforeSending() || operation.idempotent();
        if (failure instanceof ApiException api && api.httpStatus() >= 500) return operation.idempotent();
        return false;
    }

    /** The delay before retry number {@code retry} (1 for the first retry). */
    public Duration delayBeforeRetry(int retry) {
        if (retry < 1) throw new IllegalArgumentException("retry < 1: " + retry);
        long base = baseDelay.toNanos();
        long ceiling = maxDelay.toNanos();
        int shift = Math.min(retry - 1, 62);
        long exp = base > (ceiling >> shift) ? ceiling : Math.min(ceiling, base << shift);
        double r = Math.max(0.0, Math.min(1.0, random.getAsDouble()));
        return Duration.ofNanos(exp / 2 + (long) (r * (exp - exp / 2)));
    }

    /**
     * Runs {@code attempt} until it returns, fails with something not retryable, or the attempts are used up;
     * the last failure is rethrown with the earlier ones suppressed.
     */
    public <T> T execute(OperationInfo operation, Supplier<T> attempt) {
        Objects.requireNonNull(operation, "operation == null");
        RuntimeException first = null;
        for (int n = 1; ; n++) {
            try {
                return attempt.get();
            } catch (RuntimeException e) {
                if (first != null && first != e) e.addSuppressed(first);
                if (n >= maxAttempts || !isRetryable(operation, e)) throw e;
                first = e;
                sleeper.sleep(delayBeforeRetry(n));
            }
        }
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", baseDelay=" + baseDelay + ", maxDelay=" + maxDelay + "]";
    }

    public static final class Builder {
        private int maxAttempts = 4;
        private Duration baseDelay = Duration.ofMillis(100);
        private Duration maxDelay = Duration.ofSeconds(5);
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private Sleeper sleeper = Sleeper.SYSTEM;

        private Builder() {
        }

        /** Attempts in total, including the first; 1 disables retries. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts < 1: " + maxAttempts);
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder baseDelay(Duration baseDelay) {
            Objects.requireNonNull(baseDelay, "baseDelay == null");
            if (baseDelay.isNegative()) throw new IllegalArgumentException("baseDelay < 0: " + baseDelay);
            this.baseDelay = baseDelay;
            return this;
        }

        public Builder maxDelay(Duration maxDelay) {
            Objects.requireNonNull(maxDelay, "maxDelay == null");
            if (maxDelay.isNegative()) throw new IllegalArgumentException("maxDelay < 0: " + maxDelay);
            this.maxDelay = maxDelay;
            return this;
        }

        /** Source of uniform values in [0, 1) for the jitter. */
        public Builder random(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random, "random == null");
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
            return this;
        }

        public RetryPolicy build() {
            return new RetryPolicy(this);
        }
    }
}
