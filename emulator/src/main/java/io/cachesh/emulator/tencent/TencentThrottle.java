package io.cachesh.emulator.tencent;

import io.cachesh.model.ApiModel;
import io.cachesh.model.OperationModel;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Tencent's per-action frequency limits (the model's {@code rateLimit}, the seed's "默认接口请求频率限制"): one token
 * bucket per (SecretId, region, action), refilled at the limit per second. The bucket holds a second's worth plus a
 * small slack, so a client holding itself to the limit with its own bucket (as the generated clients do) is never
 * refused for network jitter, while a burst clearly above the limit gets {@code RequestLimitExceeded}.
 */
public final class TencentThrottle {

    private final ApiModel model;
    private final LongSupplier nanos;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TencentThrottle(ApiModel model) {
        this(model, System::nanoTime);
    }

    /** With a monotonic nanosecond source (tests). */
    public TencentThrottle(ApiModel model, LongSupplier nanos) {
        this.model = Objects.requireNonNull(model, "model == null");
        this.nanos = Objects.requireNonNull(nanos, "nanos == null");
    }

    /** Requests per second allowed for {@code action}: its own {@code rateLimit}, else the model's default. */
    public int limit(String action) {
        OperationModel op = model.operation(action).orElse(null);
        if (op != null) return model.rateLimit(op);
        return model.defaultRateLimit() == null ? 20 : model.defaultRateLimit();
    }

    /** Takes a token; false when the caller is over the limit. */
    public boolean tryAcquire(String secretId, String region, String action) {
        Bucket bucket = buckets.computeIfAbsent(secretId + '\n' + region + '\n' + action, k -> new Bucket(limit(action), nanos.getAsLong()));
        return bucket.tryAcquire(nanos.getAsLong());
    }

    /** Forgets every bucket. */
    public void reset() {
        buckets.clear();
    }

    private static final class Bucket {
        private final double perNano;
        private final double capacity;
        private double tokens;
        private long last;

        Bucket(int perSecond, long now) {
            this.perNano = perSecond / 1e9;
            this.capacity = perSecond + Math.max(2, Math.ceil(perSecond * 0.1));
            this.tokens = capacity;
            this.last = now;
        }

        synchronized boolean tryAcquire(long now) {
            if (now > last) {
                tokens = Math.min(capacity, tokens + (now - last) * perNano);
                last = now;
            }
            if (tokens < 1) return false;
            tokens -= 1;
            return true;
        }
    }
}
