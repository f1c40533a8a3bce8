package io.cachesh.client.core;

import io.cachesh.client.auth.CapitalOnlineSigner;
import io.cachesh.client.auth.Credentials;
import io.cachesh.client.auth.IamPasswordCredentials;
import io.cachesh.client.auth.SignatureMethod;
import io.cachesh.client.retry.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a client reaches and authenticates to a vendor API. Immutable; {@link #toString()} never shows secrets.
 *
 * <pre>{@code
 * ClientConfig.builder().credentials(Credentials.of(id, key)).region("ap-guangzhou")
 *         .endpoint("http://127.0.0.1:9000")      // optional: the emulator, or any override
 *         .retryPolicy(RetryPolicy.defaults()).readTimeout(Duration.ofSeconds(30)).build();
 * }</pre>
 */
public final class ClientConfig {

    private final Credentials credentials;
    private final String region;
    private final String endpoint;
    private final RetryPolicy retryPolicy;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration callTimeout;
    private final boolean rateLimiting;
    private final Clock clock;
    private final Consumer<String> requestLog;
    private final SignatureMethod signatureMethod;
    private final List<Interceptor> interceptors;
    private final List<Interceptor> networkInterceptors;
    private final String projectId;
    private final IamPasswordCredentials iamCredentials;
    private final String iamEndpoint;
    private final String httpMethod;
    private final CapitalOnlineSigner.KeyDerivation capitalOnlineKeyDerivation;

    private ClientConfig(Builder b) {
        if (b.credentials == null && b.iamCredentials == null) {
            throw new NullPointerException("credentials == null (set credentials, or iamCredentials for Huawei token auth)");
        }
        this.credentials = b.credentials;
        this.projectId = b.projectId;
        this.iamCredentials = b.iamCredentials;
        this.iamEndpoint = b.iamEndpoint;
        this.region = b.region;
        this.endpoint = b.endpoint;
        this.retryPolicy = b.retryPolicy;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.callTimeout = b.callTimeout;
        this.rateLimiting = b.rateLimiting;
        this.clock = b.clock;
        this.requestLog = b.requestLog;
        this.signatureMethod = b.signatureMethod;
        this.interceptors = List.copyOf(b.interceptors);
        this.networkInterceptors = List.copyOf(b.networkInterceptors);
        this.httpMethod = b.httpMethod;
        this.capitalOnlineKeyDerivation = b.capitalOnlineKeyDerivation;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.credentials = credentials;
        b.region = region;
        b.endpoint = endpoint;
        b.retryPolicy = retryPolicy;
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.callTimeout = callTimeout;
        b.rateLimiting = rateLimiting;
        b.clock = clock;
        b.requestLog = requestLog;
        b.signatureMethod = signatureMethod;
        b.interceptors.addAll(interceptors);
        b.networkInterceptors.addAll(networkInterceptors);
        b.projectId = projectId;
        b.iamCredentials = iamCredentials;
        b.iamEndpoint = iamEndpoint;
        b.httpMethod = httpMethod;
        b.capitalOnlineKeyDerivation = capitalOnlineKeyDerivation;
        return b;
    }

    /** The access key pair (null only when {@link #iamCredentials()} authenticates instead). */
    public Credentials credentials() {
        return credentials;
    }

    /**
     * Huawei project id: fills {@code {project_id}} in REST paths and goes in {@code X-Project-Id} with AK/SK signing;
     * null to take it from the IAM token (token auth) or from the request.
     */
    public String projectId() {
        return projectId;
    }

    /** Huawei IAM password credentials: when set, calls carry an IAM token ({@code X-Auth-Token}) instead of an AK/SK signature. */
    public IamPasswordCredentials iamCredentials() {
        return iamCredentials;
    }

    /** IAM endpoint override for token auth ({@code http://127.0.0.1:9000}); null for {@code https://iam.<region>.myhuaweicloud.com}. */
    public String iamEndpoint() {
        return iamEndpoint;
    }

    /** The region sent with every call ({@code X-TC-Region}); null when the API needs none. */
    public String region() {
        return region;
    }

    /** Endpoint override ({@code http://127.0.0.1:9000}), null to use the model's host for the region. */
    public String endpoint() {
        return endpoint;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    /** Bound on one whole attempt (connect, send, receive); zero for none. */
    public Duration callTimeout() {
        return callTimeout;
    }

    /** Whether calls are held to each operation's rate limit from the model (default true). */
    public boolean rateLimiting() {
        return rateLimiting;
    }

    /** Source of request timestamps (signatures); fixed in tests. */
    public Clock clock() {
        return clock;
    }

    /** Receives one redacted line per HTTP attempt, or null for the {@code io.cachesh.client} debug logger. */
    public Consumer<String> requestLog() {
        return requestLog;
    }

    /**
     * How API 3.0 calls are signed; {@link SignatureMethod#TC3_HMAC_SHA256} unless set. The legacy
     * {@code tencent-v2-form} API signs v1 only: {@code HMAC_SHA256} there, HmacSHA1 for anything else.
     */
    public SignatureMethod signatureMethod() {
        return signatureMethod;
    }

    /**
     * {@code GET} or {@code POST} for protocols where the vendor accepts both: Tencent's legacy
     * {@code tencent-v2-form} API (signed query string or signed form body). {@code POST} unless set; protocols
     * with a fixed method per operation ignore it.
     */
    public String httpMethod() {
        return httpMethod;
    }

    /**
     * The HMAC key CapitalOnline calls are signed with: {@code AccessKeySecret + "&"} (the default, what CapitalOnline's
     * published signature text says) or the bare secret (what its published code sample computes); see
     * {@link CapitalOnlineSigner.KeyDerivation}.
     */
    public CapitalOnlineSigner.KeyDerivation capitalOnlineKeyDerivation() {
        return capitalOnlineKeyDerivation;
    }

    /** Application interceptors, outermost first: each sees a call once, before retries (see {@link Interceptor}). */
    public List<Interceptor> interceptors() {
        return interceptors;
    }

    /** Network interceptors: each sees every attempt, after signing and before it is logged and sent. */
    public List<Interceptor> networkInterceptors() {
        return networkInterceptors;
    }

    @Override
    public String toString() {
        return "ClientConfig[credentials=" + credentials + ", region=" + region + ", endpoint=" + endpoint
                + (projectId == null ? "" : ", projectId=" + projectId)
                + (iamCredentials == null ? "" : ", iamCredentials=" + iamCredentials)
                + (iamEndpoint == null ? "" : ", iamEndpoint=" + iamEndpoint)
                + ", retryPolicy=" + retryPolicy + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", callTimeout=" + callTimeout + ", rateLimiting=" + rateLimiting
                + (signatureMethod == SignatureMethod.TC3_HMAC_SHA256 ? "" : ", signatureMethod=" + signatureMethod)
                + ("POST".equals(httpMethod) ? "" : ", httpMethod=" + httpMethod)
                + (capitalOnlineKeyDerivation == CapitalOnlineSigner.KeyDerivation.SECRET_ONLY ? ""
                        : ", capitalOnlineKeyDerivation=" + capitalOnlineKeyDerivation)
                + (interceptors.isEmpty() ? "" : ", interceptors=" + interceptors)
                + (networkInterceptors.isEmpty() ? "" : ", networkInterceptors=" + networkInterceptors) + "]";
    }

    public static final class Builder {
        private Credentials credentials;
        private String region;
        private String endpoint;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(60);
        private Duration callTimeout = Duration.ofSeconds(120);
        private boolean rateLimiting = true;
        private Clock clock = Clock.systemUTC();
        private Consumer<String> requestLog;
        private SignatureMethod signatureMethod = SignatureMethod.TC3_HMAC_SHA256;
        private final List<Interceptor> interceptors = new ArrayList<>();
        private final List<Interceptor> networkInterceptors = new ArrayList<>();
        private String projectId;
        private IamPasswordCredentials iamCredentials;
        private String iamEndpoint;
        private String httpMethod = "POST";
        private CapitalOnlineSigner.KeyDerivation capitalOnlineKeyDerivation = CapitalOnlineSigner.KeyDerivation.SECRET_ONLY;

        private Builder() {
        }

        /** {@code GET} or {@code POST} (the default) where the protocol lets the caller choose (Tencent legacy v2). */
        public Builder httpMethod(String httpMethod) {
            Objects.requireNonNull(httpMethod, "httpMethod == null");
            String upper = httpMethod.toUpperCase(java.util.Locale.ROOT);
            if (!upper.equals("GET") && !upper.equals("POST")) {
                throw new IllegalArgumentException("httpMethod must be GET or POST, not " + httpMethod);
            }
            this.httpMethod = upper;
            return this;
        }

        /** The CapitalOnline signing key: {@code SECRET_ONLY} (default) or {@code SECRET_AMPERSAND}. */
        public Builder capitalOnlineKeyDerivation(CapitalOnlineSigner.KeyDerivation keyDerivation) {
            this.capitalOnlineKeyDerivation = Objects.requireNonNull(keyDerivation, "keyDerivation == null");
            return this;
        }

        /** Huawei project id ({@code {project_id}} in paths, {@code X-Project-Id}); null clears it. */
        public Builder projectId(String projectId) {
            this.projectId = projectId;
            return this;
        }

        /** Huawei token auth: the IAM user whose token every call carries; null clears it (AK/SK signing). */
        public Builder iamCredentials(IamPasswordCredentials iamCredentials) {
            this.iamCredentials = iamCredentials;
            return this;
        }

        /** Where IAM tokens come from ({@code https://iam.<region>.myhuaweicloud.com} when null). */
        public Builder iamEndpoint(String iamEndpoint) {
            this.iamEndpoint = iamEndpoint;
            return this;
        }

        public Builder credentials(Credentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials == null");
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** {@code http://host:port} or {@code https://host}; a bare {@code host[:port]} means https. Null clears it. */
        public Builder endpoint(String endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = checkTimeout(connectTimeout, "connectTimeout");
            return this;
        }

        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = checkTimeout(readTimeout, "readTimeout");
            return this;
        }

        public Builder callTimeout(Duration callTimeout) {
            this.callTimeout = checkTimeout(callTimeout, "callTimeout");
            return this;
        }

        public Builder rateLimiting(boolean rateLimiting) {
            this.rateLimiting = rateLimiting;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock == null");
            return this;
        }

        public Builder requestLog(Consumer<String> requestLog) {
            this.requestLog = requestLog;
            return this;
        }

        /** TC3 (JSON, the default) or v1 (signed form POST, HmacSHA256 or HmacSHA1) for API 3.0 calls. */
        public Builder signatureMethod(SignatureMethod signatureMethod) {
            this.signatureMethod = Objects.requireNonNull(signatureMethod, "signatureMethod == null");
            return this;
        }

        /** Adds an application interceptor: once per call, outside retries; may answer without proceeding. */
        public Builder addInterceptor(Interceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor == null"));
            return this;
        }

        /** Adds a network interceptor: once per attempt, with the signed HTTP request; may throw to inject a fault. */
        public Builder addNetworkInterceptor(Interceptor interceptor) {
            networkInterceptors.add(Objects.requireNonNull(interceptor, "interceptor == null"));
            return this;
        }

        public ClientConfig build() {
            return new ClientConfig(this);
        }

        private static Duration checkTimeout(Duration timeout, String name) {
            Objects.requireNonNull(timeout, name + " == null");
            if (timeout.isNegative()) throw new IllegalArgumentException(name + " < 0: " + timeout);
            return timeout;
        }
    }
}
