package io.cachesh.client.internal;

import io.cachesh.client.core.ApiRequest;
import io.cachesh.client.core.Interceptor;
import io.cachesh.client.error.ApiException;
import io.cachesh.client.error.MalformedResponseException;
import io.cachesh.client.error.TransportException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One line per attempt ({@link RequestLog}: method, URL, headers with secrets redacted, outcome, time), whatever
 * the outcome: {@code 200}, {@code 200 <vendor error code>}, the HTTP status of a failure, or the I/O failure.
 */
public final class LoggingInterceptor implements Interceptor {

    private final Consumer<String> log;
    private final BooleanSupplier enabled;

    public LoggingInterceptor(Consumer<String> log) {
        this(log, () -> true);
    }

    /** With a check made on every attempt: when it says no, the line is neither built nor passed on. */
    public LoggingInterceptor(Consumer<String> log, BooleanSupplier enabled) {
        this.log = log;
        this.enabled = enabled;
    }

    @Override
    public Object intercept(Chain chain) {
        ApiRequest request = chain.request();
        if (request.httpRequest() == null) throw new IllegalStateException("LoggingInterceptor needs a signed request");
        if (!enabled.getAsBoolean()) return chain.proceed(request);
        long start = System.nanoTime();
        String outcome = "failed";
        try {
            Object response = chain.proceed(request);
            outcome = "200";
            return response;
        } catch (RuntimeException e) {
            outcome = outcome(e);
            throw e;
        } finally {
            log.accept(RequestLog.line(request.service() + " " + request.operation().name(), request.httpRequest(),
                    request.attempt(), outcome, (System.nanoTime() - start) / 1_000_000));
        }
    }

    static String outcome(RuntimeException e) {
        if (e instanceof ApiException api) {
            return api.httpStatus() == 200 ? "200 " + api.code() : Integer.toString(api.httpStatus());
        }
        if (e instanceof MalformedResponseException) return "200";
        if (e instanceof TransportException && e.getCause() != null) return e.getCause().getClass().getSimpleName();
        return "failed";
    }

    @Override
    public String toString() {
        return "LoggingInterceptor";
    }
}
