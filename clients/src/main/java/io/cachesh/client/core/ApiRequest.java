package io.cachesh.client.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cachesh.client.internal.Transport;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import okhttp3.Request;

/**
 * One call on its way through the {@link Interceptor} chain: the operation, its parameters as JSON, the type
 * to bind the answer to and, from the signing stage on, the attempt number and the signed HTTP request.
 * Immutable; stages derive changed copies with {@link #newBuilder()}.
 */
public final class ApiRequest {

    private final String service;
    private final OperationInfo operation;
    private final byte[] body;
    private final Class<?> responseType;
    private final int attempt;
    private final Request httpRequest;

    private ApiRequest(Builder b) {
        this.service = Objects.requireNonNull(b.service, "service == null");
        this.operation = Objects.requireNonNull(b.operation, "operation == null");
        this.body = Objects.requireNonNull(b.body, "body == null");
        this.responseType = Objects.requireNonNull(b.responseType, "responseType == null");
        if (b.attempt < 0) throw new IllegalArgumentException("attempt < 0: " + b.attempt);
        this.attempt = b.attempt;
        this.httpRequest = b.httpRequest;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder newBuilder() {
        Builder b = new Builder();
        b.service = service;
        b.operation = operation;
        b.body = body;
        b.responseType = responseType;
        b.attempt = attempt;
        b.httpRequest = httpRequest;
        return b;
    }

    /** The model's service id, e.g. {@code tencent-redis}. */
    public String service() {
        return service;
    }

    public OperationInfo operation() {
        return operation;
    }

    /** The parameters as JSON (the generated request object, written with the wire names). */
    public byte[] body() {
        return body.clone();
    }

    public String bodyUtf8() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** What the answer is bound to: a generated response class, or {@code JsonNode} for untyped calls. */
    public Class<?> responseType() {
        return responseType;
    }

    /** 1 for the first attempt, 2 for the first retry, ...; 0 before the retry stage. */
    public int attempt() {
        return attempt;
    }

    /** The signed HTTP request, or null before the signing stage. */
    public Request httpRequest() {
        return httpRequest;
    }

    /** Binds {@code json} (the members of the vendor's answer, e.g. {@code {"TaskId":1}}) to {@link #responseType()}. */
    public Object bind(String json) {
        try {
            return Transport.MAPPER.readValue(json, responseType);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot bind to " + responseType.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ApiRequest[" + service + " " + operation.name() + ", attempt " + attempt
                + (httpRequest == null ? "" : ", " + httpRequest.method() + " " + httpRequest.url()) + "]";
    }

    public static final class Builder {
        private String service;
        private OperationInfo operation;
        private byte[] body = new byte[] {'{', '}'};
        private Class<?> responseType;
        private int attempt;
        private Request httpRequest;

        private Builder() {
        }

        public Builder service(String service) {
            this.service = Objects.requireNonNull(service, "service == null");
            return this;
        }

        public Builder operation(OperationInfo operation) {
            this.operation = Objects.requireNonNull(operation, "operation == null");
            return this;
        }

        public Builder body(byte[] body) {
            this.body = Objects.requireNonNull(body, "body == null").clone();
            return this;
        }

        public Builder responseType(Class<?> responseType) {
            this.responseType = Objects.requireNonNull(responseType, "responseType == null");
            return this;
        }

        public Builder attempt(int attempt) {
            if (attempt < 0) throw new IllegalArgumentException("attempt < 0: " + attempt);
            this.attempt = attempt;
            return this;
        }

        /** The signed request; a stage that changes it after signing must sign again. */
        public Builder httpRequest(Request httpRequest) {
            this.httpRequest = httpRequest;
            return this;
        }

        public ApiRequest build() {
            return new ApiRequest(this);
        }
    }
}
