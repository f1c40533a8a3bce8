package io.cachesh.client.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachesh.client.core.FakeTime;
import io.cachesh.client.core.OperationInfo;
import io.cachesh.client.error.ApiException;
import io.cachesh.client.error.InvalidParameterException;
import io.cachesh.client.error.ThrottlingException;
import io.cachesh.client.error.TransportException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final OperationInfo DESCRIBE = new OperationInfo("DescribeInstances", 35, true, null, null);
    private static final OperationInfo CREATE = new OperationInfo("CreateInstances", 20, false, "DealId", null);

    private final FakeTime time = new FakeTime();
    private final RetryPolicy policy = RetryPolicy.builder().maxAttempts(4).baseDelay(Duration.ofMillis(100))
            .maxDelay(Duration.ofMillis(300)).random(() -> 0.5).sleeper(time).build();

    private static TransportException timeout() {
        return new TransportException("DescribeInstances", "http://x/", new SocketTimeoutException("read timed out"));
    }

    private static ThrottlingException throttled() {
        return new ThrottlingException("tencent", "RequestLimitExceeded", "slow down", "r-1", 200);
    }

    private <T> T failingThen(AtomicInteger attempts, int failures, RuntimeException failure, T result, OperationInfo op) {
        return policy.execute(op, () -> {
            if (attempts.incrementAndGet() <= failures) throw failure;
            return result;
        });
    }

    @Test
    void whenThrottled_backsOffWithJitterAndRetriesEvenNonIdempotentCreate() {
        AtomicInteger attempts = new AtomicInteger();
        assertThat(failingThen(attempts, 3, throttled(), "ok", CREATE)).isEqualTo("ok");
        assertThat(attempts).hasValue(4);
        // ceiling 100, 200, 300 (capped); delay = ceiling/2 + 0.5 * ceiling/2
        assertThat(time.sleeps).containsExactly(Duration.ofMillis(75), Duration.ofMillis(150), Duration.ofMillis(225));
    }

    @Test
    void idempotentDescribeIsRetriedAfterATransportError() {
        AtomicInteger attempts = new AtomicInteger();
        assertThat(failingThen(attempts, 2, timeout(), "ok", DESCRIBE)).isEqualTo("ok");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void retryStopsAtNonIdempotentCreate() {
        AtomicInteger attempts = new AtomicInteger();
        TransportException failure = new TransportException("CreateInstances", "http://x/", new SocketTimeoutException("read timed out"));
        assertThatThrownBy(() -> failingThen(attempts, 5, failure, "ok", CREATE)).isSameAs(failure);
        assertThat(attempts).hasValue(1);
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void connectionRefusedIsRetriedForAnyOperationSinceNothingWasSent() {
        AtomicInteger attempts = new AtomicInteger();
        TransportException refused = new TransportException("CreateInstances", "http://x/", new ConnectException("refused"));
        assertThat(failingThen(attempts, 1, refused, "ok", CREATE)).isEqualTo("ok");
    }

    @Test
    void serverErrorsAreRetriedOnlyForIdempotentOperations() {
        ApiException http503 = new ApiException("tencent", "HttpError.503", "unavailable", null, 503);
        assertThat(policy.isRetryable(DESCRIBE, http503)).isTrue();
        assertThat(policy.isRetryable(CREATE, http503)).isFalse();
        assertThat(policy.isRetryable(DESCRIBE, new ApiException("tencent", "HttpError.400", "bad", null, 400))).isFalse();
    }

    @Test
    void clientErrorsAreNeverRetried() {
        AtomicInteger attempts = new AtomicInteger();
        InvalidParameterException bad = new InvalidParameterException("tencent", "InvalidParameter", "no", "r", 200);
        assertThatThrownBy(() -> failingThen(attempts, 5, bad, "ok", DESCRIBE)).isSameAs(bad);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void givesUpAfterMaxAttemptsWithEarlierFailuresSuppressed() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> failingThen(attempts, 10, throttled(), "ok", DESCRIBE))
                .isInstanceOf(ThrottlingException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).isEmpty());
        assertThat(attempts).hasValue(4);
        assertThat(time.sleeps).hasSize(3);
    }

    @Test
    void delaysGrowExponentiallyUpToTheCap() {
        RetryPolicy full = policy.toBuilder().random(() -> 1.0).maxDelay(Duration.ofSeconds(1)).build();
        assertThat(full.delayBeforeRetry(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(full.delayBeforeRetry(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(full.delayBeforeRetry(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(full.delayBeforeRetry(100)).isEqualTo(Duration.ofSeconds(1));
        RetryPolicy none = policy.toBuilder().random(() -> 0.0).build();
        assertThat(none.delayBeforeRetry(2)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void noneMakesASingleAttempt() {
        assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0)).hasMessage("maxAttempts < 1: 0");
    }
}
