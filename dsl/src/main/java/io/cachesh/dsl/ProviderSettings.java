package io.cachesh.dsl;

import io.cachesh.client.auth.Credentials;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one provider.
 *
 * @param provider    provider name, {@code "tencent"}
 * @param credentials the access key pair
 * @param region      the vendor's region id, default {@code ap-guangzhou}
 * @param endpoint    endpoint override such as the emulator's {@code http://127.0.0.1:PORT}; null for the real cloud
 * @param taskTimeout default timeout of waits (task, instance status), default 10 minutes
 */
public record ProviderSettings(String provider, Credentials credentials, String region, String endpoint,
                               Duration taskTimeout) {

    public static final String DEFAULT_REGION = "ap-guangzhou";
    public static final Duration DEFAULT_TASK_TIMEOUT = Duration.ofMinutes(10);

    public ProviderSettings {
        Objects.requireNonNull(provider, "provider == null");
        Objects.requireNonNull(credentials, "credentials == null");
        if (region == null || region.isBlank()) region = DEFAULT_REGION;
        if (taskTimeout == null) taskTimeout = DEFAULT_TASK_TIMEOUT;
        if (taskTimeout.isNegative() || taskTimeout.isZero()) {
            throw new IllegalArgumentException("taskTimeout <= 0: " + taskTimeout);
        }
    }

    /** Tencent Cloud in {@code ap-guangzhou}, real endpoint, default timeout. */
    public static ProviderSettings tencent(Credentials credentials) {
        return new ProviderSettings("tencent", credentials, DEFAULT_REGION, null, DEFAULT_TASK_TIMEOUT);
    }

    public ProviderSettings withRegion(String region) {
        return new ProviderSettings(provider, credentials, region, endpoint, taskTimeout);
    }

    public ProviderSettings withEndpoint(String endpoint) {
        return new ProviderSettings(provider, credentials, region, endpoint, taskTimeout);
    }

    public ProviderSettings withTaskTimeout(Duration taskTimeout) {
        return new ProviderSettings(provider, credentials, region, endpoint, taskTimeout);
    }
}
