package io.cachesh.client.internal;

import io.cachesh.client.core.ApiRequest;
import java.io.IOException;
import okhttp3.Headers;
import okhttp3.Request;
import okhttp3.ResponseBody;

/** One wire protocol: marshalling and signing of an attempt, and the vendor's envelope and errors of its answer. */
public interface Protocol {

    /** The signed HTTP request for one attempt of {@code request}; called afresh for every attempt. */
    Request sign(ApiRequest request);

    /** Binds an answer to {@code request.responseType()}, or throws the typed error it carries. */
    Object read(ApiRequest request, int httpStatus, String reason, String body);

    /**
     * As {@link #read(ApiRequest, int, String, String)}, with the answer's headers (REST vendors carry the request id
     * in {@code X-Request-Id}); the call stage uses this one.
     */
    default Object read(ApiRequest request, int httpStatus, String reason, Headers headers, String body) {
        return read(request, httpStatus, reason, body);
    }

    /**
     * As {@link #read(ApiRequest, int, String, Headers, String)}, straight from the answer's body; the call stage uses
     * this one. By default the body is decoded to a string; JSON protocols override it to bind from the bytes.
     */
    default Object read(ApiRequest request, int httpStatus, String reason, Headers headers, ResponseBody body)
            throws IOException {
        return read(request, httpStatus, reason, headers, body == null ? "" : body.string());
    }
}
