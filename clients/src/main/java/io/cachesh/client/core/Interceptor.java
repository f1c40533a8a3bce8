package io.cachesh.client.core;

/**
 * One stage of a client's call pipeline: observes, changes, short-circuits or repeats a call. The runtime runs
 * an ordered list of stages, each calling {@link Chain#proceed} to hand on to the next one:
 * <pre>
 *   application interceptors ({@link ClientConfig#interceptors()}: once per call)
 *   RetryInterceptor        repeats what is safe to repeat ({@link io.cachesh.client.retry.RetryPolicy})
 *   RateLimitInterceptor    holds each attempt to the operation's rate limit
 *   SigningInterceptor      builds and signs the HTTP request (afresh for every attempt)
 *   network interceptors    ({@link ClientConfig#networkInterceptors()}: once per attempt, signed request at hand)
 *   LoggingInterceptor      one redacted line per attempt
 *   CallServerInterceptor   sends it and binds the vendor's answer, or throws the typed error
 * </pre>
 * An interceptor returns an instance of {@link ApiRequest#responseType()} or throws (an
 * {@link io.cachesh.client.error.ApiException}, a {@link io.cachesh.client.error.TransportException}, ...).
 * Fault injection is a network interceptor that throws; a dry run is an application interceptor that answers
 * without proceeding, e.g. with {@code chain.request().bind("{}")}.
 */
@FunctionalInterface
public interface Interceptor {

    Object intercept(Chain chain);

    /** The rest of the pipeline, as seen by one stage. */
    interface Chain {

        /** The call as it reaches this stage. */
        ApiRequest request();

        /** Runs the remaining stages on {@code request} and returns their answer; a stage may call it more than once. */
        Object proceed(ApiRequest request);
    }
}
