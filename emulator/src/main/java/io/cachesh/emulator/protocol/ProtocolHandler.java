package io.cachesh.emulator.protocol;

/**
 * A vendor wire protocol served on the emulator's port (LocalStack's per-service provider behind one gateway).
 * The server asks each handler in turn whether it {@link #accepts} a request; the first that does answers it.
 */
public interface ProtocolHandler {

    /** Short name for logs, e.g. {@code tencent-api3}. */
    String name();

    /** Whether this protocol owns the request (by path, headers or parameters). */
    boolean accepts(HttpRequestData request);

    /** Answers the request; must not throw for bad input, only for bugs. */
    HttpResponseData handle(HttpRequestData request);

    /** The answer when {@link #handle} threw: the vendor's internal-error envelope, never a stack trace. */
    HttpResponseData internalError(HttpRequestData request, Throwable error);

    /**
     * The answer to a request the server could not read to its end (two Content-Length values, a broken chunk): the
     * vendor's error for a malformed request, {@code problem} in plain words. The connection is closed after it.
     */
    default HttpResponseData malformed(HttpRequestData request, String problem) {
        return malformedJson(problem);
    }

    /** A malformed request's answer where no vendor's envelope applies: a JSON 400 naming the problem. */
    static HttpResponseData malformedJson(String problem) {
        return HttpResponseData.json(400, Json.write(Json.object().put("error", "malformed request: " + problem)));
    }
}
