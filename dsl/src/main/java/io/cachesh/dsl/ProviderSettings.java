package io.cachesh.dsl;

import io.cachesh.client.auth.Credentials;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach one provider.
 *
 * @param provider    provider name: {@code tencent}, {@code huawei}, {@code capitalonline}
 * @param credentials the access key pair (Tencent SecretId/SecretKey, Huawei AK/SK, CapitalOnline AccessKey)
 * @param region      the vendor's region id; default per provider ({@link #defaultRegion(String)}):
 *                    {@code ap-guangzhou}, {@code cn-north-4}, {@code cn}
 * @param endpoint    endpoint override such as the emulator's {@code http://127.0.0.1:PORT}; null for the real cloud
 * @param taskTimeout default timeout of waits (task, instance status), default 10 minutes
 * @param options     provider-specific settings: {@code projectId}, {@code vpcId}, {@code subnetId} (huawei),
 *                    {@code vdcId}, {@code pipeId}, {@code site} (capitalonline); never null
 */
public record ProviderSettings(String provider, Credentials credentials, String region, String endpoint,
                               Duration taskTimeout, Map<String, String> options) {

    public static final String DEFAULT_REGION = "ap-guangzhou";
    public static final String HUAWEI_DEFAULT_REGION = "cn-north-4";
    public static final String CAPITALONLINE_DEFAULT_REGION = "cn";
    public static final Duration DEFAULT_TASK_TIMEOUT = Duration.ofMinutes(10);
    /** Option keys. */
    public static final String PROJECT_ID = "projectId";
    public static final String VPC_ID = "vpcId";
    public static final String SUBNET_ID = "subnetId";
    public static final String VDC_ID = "vdcId";
    public static final String PIPE_ID = "pipeId";
    public static final String SITE = "site";

    public ProviderSettings {
        Objects.requireNonNull(provider, "provider == null");
        Objects.requireNonNull(credentials, "credentials == null");
        if (region == null || region.isBlank()) region = defaultRegion(provider);
        if (taskTimeout == null) taskTimeout = DEFAULT_TASK_TIMEOUT;
        if (taskTimeout.isNegative() || taskTimeout.isZero()) {
            throw new IllegalArgumentException("taskTimeout <= 0: " + taskTimeout);
        }
        options = options == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** The settings without provider options (the shape callers used before options existed). */
    public ProviderSettings(String provider, Credentials credentials, String region, String endpoint,
                            Duration taskTimeout) {
        this(provider, credentials, region, endpoint, taskTimeout, Map.of());
    }

    /** The region used when none is given: {@code ap-guangzhou} (tencent), {@code cn-north-4} (huawei), {@code cn}. */
    public static String defaultRegion(String provider) {
        return switch (provider == null ? "" : provider) {
            case "huawei" -> HUAWEI_DEFAULT_REGION;
            case "capitalonline" -> CAPITALONLINE_DEFAULT_REGION;
            default -> DEFAULT_REGION;
        };
    }

    /** Tencent Cloud in {@code ap-guangzhou}, real endpoint, default timeout. */
    public static ProviderSettings tencent(Credentials credentials) {
        return new ProviderSettings("tencent", credentials, DEFAULT_REGION, null, DEFAULT_TASK_TIMEOUT);
    }

    /**
     * Huawei Cloud DCS in {@code cn-north-4} with AK/SK credentials; {@code projectId} fills the {@code {project_id}}
     * of every call (Huawei's console shows it under My Credentials, one per region).
     */
    public static ProviderSettings huawei(Credentials credentials, String projectId) {
        return new ProviderSettings("huawei", credentials, HUAWEI_DEFAULT_REGION, null, DEFAULT_TASK_TIMEOUT,
                projectId == null ? Map.of() : Map.of(PROJECT_ID, projectId));
    }

    /**
     * Huawei Cloud DCS with the VPC and subnet new instances go into (CreateInstance requires both).
     */
    public static ProviderSettings huawei(Credentials credentials, String projectId, String vpcId, String subnetId) {
        return huawei(credentials, projectId).withOption(VPC_ID, vpcId).withOption(SUBNET_ID, subnetId);
    }

    /**
     * CapitalOnline in API area {@code cn}; {@code vdcId} and {@code pipeId} are the virtual data centre and network
     * segment new Memcached instances go into (CreateMemcachedInstance requires both).
     */
    public static ProviderSettings capitalOnline(Credentials credentials, String vdcId, String pipeId) {
        Map<String, String> o = new LinkedHashMap<>();
        if (vdcId != null) o.put(VDC_ID, vdcId);
        if (pipeId != null) o.put(PIPE_ID, pipeId);
        return new ProviderSettings("capitalonline", credentials, CAPITALONLINE_DEFAULT_REGION, null,
                DEFAULT_TASK_TIMEOUT, o);
    }

    /** Huawei's project id, or null. */
    public String projectId() {
        return options.get(PROJECT_ID);
    }

    /** One provider option, or null. */
    public String option(String key) {
        return options.get(key);
    }

    public ProviderSettings withOption(String key, String value) {
        Map<String, String> o = new LinkedHashMap<>(options);
        if (value == null) o.remove(key);
        else o.put(key, value);
        return new ProviderSettings(provider, credentials, region, endpoint, taskTimeout, o);
    }

    public ProviderSettings withRegion(String region) {
        return new ProviderSettings(provider, credentials, region, endpoint, taskTimeout, options);
    }

    public ProviderSettings withEndpoint(String endpoint) {
        return new ProviderSettings(provider, credentials, region, endpoint, taskTimeout, options);
    }

    public ProviderSettings withTaskTimeout(Duration taskTimeout) {
        return new ProviderSettings(provider, credentials, region, endpoint, taskTimeout, options);
    }

    /** The same settings for another provider (same credentials, endpoint and timeout; its default region). */
    ProviderSettings forProvider(String other, Map<String, String> otherOptions) {
        return new ProviderSettings(other, credentials, defaultRegion(other), endpoint, taskTimeout, otherOptions);
    }
}
