package io.cachesh.client.internal;

import io.cachesh.client.core.ApiRequest;
import io.cachesh.client.core.Interceptor;
import io.cachesh.client.retry.RetryPolicy;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs the rest of the chain once per attempt, numbering the attempts, as long as the {@link RetryPolicy} allows. */
public final class RetryInterceptor implements Interceptor {

    private final RetryPolicy policy;

    public RetryInterceptor(RetryPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Object intercept(Chain chain) {
        ApiRequest request = chain.request();
        AtomicInteger attempt = new AtomicInteger();
        return policy.execute(request.operation(),
                () -> chain.proceed(request.newBuilder().attempt(attempt.incrementAndGet()).build()));
    }

    @Override
    public String toString() {
        return "RetryInterceptor[" + policy + "]";
    }
}
