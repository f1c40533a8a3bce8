package io.cachesh.client.internal;

import io.cachesh.client.core.Interceptor;
import io.cachesh.client.core.OperationInfo;
import io.cachesh.client.core.RateLimiter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds every attempt to its operation's rate limit from the model (one token bucket per operation, shared by the
 * threads of a client). Sits inside the retry stage: a retry is another request the vendor counts.
 */
public final class RateLimitInterceptor implements Interceptor {

    private final boolean enabled;
    private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();

    public RateLimitInterceptor(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public Object intercept(Chain chain) {
        limiter(chain.request().operation()).acquire();
        return chain.proceed(chain.request());
    }

    RateLimiter limiter(OperationInfo operation) {
        if (!enabled) return RateLimiter.UNLIMITED;
        return limiters.computeIfAbsent(operation.name(), name -> RateLimiter.tokenBucket(operation.rateLimit()));
    }

    @Override
    public String toString() {
        return "RateLimitInterceptor[" + (enabled ? "per operation" : "off") + "]";
    }
}
