package io.cachesh.client.internal;

import io.cachesh.client.core.ApiRequest;
import io.cachesh.client.core.Interceptor;
import java.util.List;
import java.util.Objects;

/** The chain handed to stage {@code index}; immutable, so a stage may proceed more than once (retries). */
public final class RealInterceptorChain implements Interceptor.Chain {

    private final List<Interceptor> interceptors;
    private final int index;
    private final ApiRequest request;

    public RealInterceptorChain(List<Interceptor> interceptors, int index, ApiRequest request) {
        this.interceptors = List.copyOf(interceptors);
        this.index = index;
        this.request = Objects.requireNonNull(request, "request == null");
    }

    @Override
    public ApiRequest request() {
        return request;
    }

    @Override
    public Object proceed(ApiRequest request) {
        Objects.requireNonNull(request, "request == null");
        if (index >= interceptors.size()) {
            throw new IllegalStateException("no stage after " + interceptors.get(interceptors.size() - 1)
                    + " to proceed to");
        }
        Interceptor interceptor = interceptors.get(index);
        Object response = interceptor.intercept(new RealInterceptorChain(interceptors, index + 1, request));
        if (response == null) {
            throw new NullPointerException("interceptor " + interceptor + " returned null");
        }
        if (!request.responseType().isInstance(response)) {
            throw new IllegalStateException("interceptor " + interceptor + " returned a "
                    + response.getClass().getSimpleName() + ", not a " + request.responseType().getSimpleName());
        }
        return response;
    }
}
