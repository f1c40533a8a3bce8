package io.cachesh.client.debug;

import io.cachesh.client.core.ApiRequest;
import io.cachesh.client.core.Interceptor;
import io.cachesh.client.error.ApiException;
import io.cachesh.client.error.TransportException;
import io.cachesh.client.retry.RetryPolicy;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * {@code --debug}: a network interceptor that writes every attempt as it goes on the wire (method, URL, headers,
 * body, secrets masked; {@link WireFormat}), the answer the client read (or the failure) with its time, and what the
 * retry policy decides after a failure. Install with {@code ClientConfig.Builder.addNetworkInterceptor}.
 */
public final class WireLogInterceptor implements Interceptor {

    private final Consumer<String> out;
    private final RetryPolicy retryPolicy;

    /**
     * @param out         receives one block of text per event (request, answer, decision)
     * @param retryPolicy the client's policy, to say whether a failure will be retried
     */
    public WireLogInterceptor(Consumer<String> out, RetryPolicy retryPolicy) {
        this.out = Objects.requireNonNull(out, "out == null");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
    }

    @Override
    public Object intercept(Chain chain) {
        ApiRequest request = chain.request();
        String call = request.service() + " " + request.operation().name();
        int attempt = Math.max(1, request.attempt());
        out.accept("> " + call + " (attempt " + attempt + ")\n" + WireFormat.request(request.httpRequest()).stripTrailing());
        long start = System.nanoTime();
        try {
            Object response = chain.proceed(request);
            out.accept("< " + call + ": 200 in " + millis(start) + " ms\n" + WireFormat.answer(response));
            return response;
        } catch (RuntimeException e) {
            out.accept("< " + call + ": " + failure(e) + " in " + millis(start) + " ms");
            out.accept("retry: " + decision(request, attempt, e));
            throw e;
        }
    }

    private String decision(ApiRequest request, int attempt, RuntimeException e) {
        if (!retryPolicy.isRetryable(request.operation(), e)) {
            return "not retrying " + request.operation().name() + " ("
                    + (e instanceof ApiException || !request.operation().idempotent()
                    ? "not a transient failure, or not safe to repeat" : "not retryable") + ")";
        }
        if (attempt >= retryPolicy.maxAttempts()) {
            return "giving up on " + request.operation().name() + " after " + attempt + " attempts";
        }
        return "retrying " + request.operation().name() + " (attempt " + (attempt + 1) + " of "
                + retryPolicy.maxAttempts() + ", after a backoff of up to " + backoffCeiling(attempt) + " ms)";
    }

    /** The longest jittered backoff before retry {@code retry} (the policy draws between half of it and it). */
    private long backoffCeiling(int retry) {
        long base = retryPolicy.baseDelay().toMillis();
        long cap = retryPolicy.maxDelay().toMillis();
        return Math.min(cap, base << Math.min(retry - 1, 30));
    }

    private static String failure(RuntimeException e) {
        if (e instanceof ApiException api) {
            return "HTTP " + api.httpStatus() + " " + api.code() + ": " + api.getMessage();
        }
        if (e instanceof TransportException t && t.getCause() != null) {
            return "transport failure " + t.getCause().getClass().getSimpleName() + ": " + t.getCause().getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Override
    public String toString() {
        return "WireLogInterceptor";
    }
}
