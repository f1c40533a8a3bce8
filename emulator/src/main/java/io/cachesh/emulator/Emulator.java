package io.cachesh.emulator;

import io.cachesh.client.auth.CapitalOnlineSigner;
import io.cachesh.client.auth.Credentials;
import io.cachesh.client.auth.IamPasswordCredentials;
import io.cachesh.emulator.capitalonline.CapitalOnlineFrontEnd;
import io.cachesh.emulator.capitalonline.CapitalOnlineMemcachedProvider;
import io.cachesh.emulator.cmem.CmemControlHandler;
import io.cachesh.emulator.cmem.CmemProvider;
import io.cachesh.emulator.control.ControlHandler;
import io.cachesh.emulator.control.Faults;
import io.cachesh.emulator.dataplane.MemcachedProcessManager;
import io.cachesh.emulator.dataplane.RedisBinary;
import io.cachesh.emulator.dataplane.RedisProcessManager;
import io.cachesh.emulator.fleet.Fleet;
import io.cachesh.emulator.huawei.HuaweiContext;
import io.cachesh.emulator.huawei.HuaweiDcsFrontEnd;
import io.cachesh.emulator.huawei.HuaweiDcsProvider;
import io.cachesh.emulator.huawei.HuaweiFlavors;
import io.cachesh.emulator.huawei.HuaweiIam;
import io.cachesh.emulator.protocol.HttpRequestData;
import io.cachesh.emulator.server.EmulatorServer;
import io.cachesh.emulator.tencent.ProductCatalog;
import io.cachesh.emulator.tencent.TencentApi3FrontEnd;
import io.cachesh.emulator.tencent.TencentRedisProvider;
import io.cachesh.emulator.tencent.TencentThrottle;
import io.cachesh.emulator.tencentlegacy.TencentRedisLegacyProvider;
import io.cachesh.emulator.tencentlegacy.TencentV2FrontEnd;
import io.cachesh.model.ApiModel;
import io.cachesh.model.Models;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The local cloud: every emulated vendor API on one loopback port, a stateful {@link Fleet} behind them and real
 * {@code redis-server} processes as the data plane.
 *
 * <pre>{@code
 * try (Emulator emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(100)).build().start()) {
 *     String endpoint = emulator.endpoint();          // http://127.0.0.1:PORT
 *     Credentials keys = emulator.credentials();       // sign requests with these
 * }
 * }</pre>
 */
public final class Emulator implements AutoCloseable {

    /** The key pair the emulator accepts unless told otherwise (a local key; printing it is fine). */
    public static final Credentials DEFAULT_CREDENTIALS =
            Credentials.of("AKIDcacheshEmulator0000000000000000", "cachesh-emulator-secret-key");

    /** The Huawei project id the emulator plays unless told otherwise ({@code {project_id}} of every DCS path). */
    public static final String DEFAULT_HUAWEI_PROJECT_ID = "0000000000000000000000000000cach";

    /**
     * The IAM user the emulator's {@code POST /v3/auth/tokens} accepts unless told otherwise: user {@code cachesh},
     * password {@code cachesh-emulator-password}, account (domain) {@code cachesh}, project {@code cn-north-4}.
     */
    public static final IamPasswordCredentials DEFAULT_IAM_CREDENTIALS =
            IamPasswordCredentials.of("cachesh", "cachesh-emulator-password", "cachesh", HuaweiContext.REGION);

    private static final System.Logger LOG = System.getLogger(Emulator.class.getName());

    private final int port;
    private final Path stateDir;
    private final Duration taskDelay;
    private final Credentials credentials;
    private final String huaweiProjectId;
    private final IamPasswordCredentials iamCredentials;
    private final Path redisServerBinary;
    private final Clock clock;
    private final boolean throttling;
    private final Consumer<HttpRequestData> requestObserver;
    private final Path memcachedBinary;
    private final CapitalOnlineSigner.KeyDerivation capitalOnlineKeyDerivation;
    private MemcachedProcessManager memcached;
    private CmemProvider cmem;
    private RedisBinary binary;
    private Fleet fleet;
    private EmulatorServer server;
    private final Faults faults = new Faults(42);
    private boolean started;
    private boolean closed;

    private Emulator(Builder b) {
        this.port = b.port;
        this.stateDir = b.stateDir;
        this.taskDelay = b.taskDelay;
        this.credentials = b.credentials;
        this.huaweiProjectId = b.huaweiProjectId;
        this.iamCredentials = b.iamCredentials;
        this.redisServerBinary = b.redisServerBinary;
        this.clock = b.clock;
        this.throttling = b.throttling;
        this.requestObserver = b.requestObserver;
        this.memcachedBinary = b.memcachedBinary;
        this.capitalOnlineKeyDerivation = b.capitalOnlineKeyDerivation;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Finds the data plane, loads saved state, binds the port. Returns {@code this}.
     *
     * @throws UncheckedIOException when the port cannot be bound or the state directory cannot be read
     */
    public synchronized Emulator start() {
        try {
            return startChecked();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the emulator: " + e.getMessage(), e);
        }
    }

    private Emulator startChecked() throws IOException {
        if (closed) throw new IllegalStateException("emulator closed");
        if (started) return this;
        binary = RedisBinary.locate(redisServerBinary);
        if (binary.available()) {
            LOG.log(System.Logger.Level.INFO, "data plane: {0} ({1}, {2})", binary.path(), binary.version(), binary.source());
        } else {
            LOG.log(System.Logger.Level.WARNING, "NO DATA PLANE - instances will have no redis-server: {0}", binary.version());
        }
        RedisProcessManager redis = new RedisProcessManager(binary);
        // at JVM exit: save state and stop servers cleanly, then the manager's hook kills whatever is left
        redis.onJvmExit(this::close);
        try {
            fleet = new Fleet(taskDelay, clock, stateDir, redis);
        } catch (IOException | RuntimeException e) {
            redis.close(false);
            throw e;
        }
        // Memcached data plane (Tencent CMEM, CapitalOnline): before load() so saved instances get their memcached back
        memcached = MemcachedProcessManager.locate(memcachedBinary);
        fleet.memcached(memcached);
        try {
            TencentRedisProvider tencent = new TencentRedisProvider(fleet, ProductCatalog.load());
            HuaweiDcsProvider huawei = new HuaweiDcsProvider(fleet, HuaweiFlavors.standard(), huaweiProjectId);
            fleet.load();
            ApiModel tencentModel = Models.load("tencent-redis");
            TencentApi3FrontEnd tencentApi = new TencentApi3FrontEnd(tencentModel, tencent, credentials, clock, faults)
                    .throttle(throttling ? new TencentThrottle(tencentModel) : null)
                    .observer(requestObserver);
            HuaweiDcsFrontEnd huaweiApi = new HuaweiDcsFrontEnd(Models.load("huawei-dcs-v2"), Models.load("huawei-dcs-v1"),
                    huawei, credentials, new HuaweiIam(iamCredentials, huaweiProjectId, HuaweiContext.REGION, clock), clock, faults)
                    .observer(requestObserver);
            // Tencent legacy v2 (/v2/index.php: Redis 2017 API and CMEM) and CapitalOnline Memcached (/memcached)
            cmem = new CmemProvider(Models.load("tencent-cmem"), fleet);
            TencentV2FrontEnd tencentV2 = new TencentV2FrontEnd(List.of(
                    new TencentRedisLegacyProvider(Models.load("tencent-redis-legacy"), tencent), cmem),
                    credentials, clock, faults, throttling);
            CapitalOnlineFrontEnd capitalOnline = new CapitalOnlineFrontEnd(Models.load("capitalonline-memcached"),
                    new CapitalOnlineMemcachedProvider(fleet), credentials, capitalOnlineKeyDerivation, clock, faults, throttling);
            server = new EmulatorServer(port, List.of(
                    new CmemControlHandler(cmem),
                    new ControlHandler(fleet, dataPlaneDescription(), faults),
                    tencentApi,
                    tencentV2,
                    capitalOnline,
                    // after tencentV2: /v2/index.php is Tencent's, the rest of /v2/ Huawei's
                    huaweiApi));
            server.start();
        } catch (IOException | RuntimeException e) {
            fleet.close();
            throw e;
        }
        started = true;
        return this;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String endpoint() {
        requireStarted();
        return "http://127.0.0.1:" + server.port();
    }

    public int port() {
        requireStarted();
        return server.port();
    }

    /**
     * Injected faults (also {@code /_emulator/faults}, {@code --faults FILE}): vendor errors, latency, HTTP 5xx,
     * dropped or trickled answers and failing or hanging tasks for chosen actions, for retry tests.
     */
    public Faults faults() {
        return faults;
    }

    public Credentials credentials() {
        return credentials;
    }

    /** The Huawei project id: the {@code {project_id}} every DCS path must name ({@code X-Project-Id} when sent). */
    public String huaweiProjectId() {
        return huaweiProjectId;
    }

    /** The Huawei region the emulator plays ({@code cn-north-4}), the project name of IAM token scopes. */
    public String huaweiRegion() {
        return HuaweiContext.REGION;
    }

    /** The IAM user whose password {@code POST /v3/auth/tokens} accepts. */
    public IamPasswordCredentials iamCredentials() {
        return iamCredentials;
    }

    public Fleet fleet() {
        requireStarted();
        return fleet;
    }

    /** True when instances get a real redis-server. */
    public boolean dataPlaneAvailable() {
        if (binary == null) throw new IllegalStateException("emulator not started");
        return binary.available();
    }

    /** The redis-server in use and its version, or why there is none. */
    public String dataPlaneDescription() {
        if (binary == null) throw new IllegalStateException("emulator not started");
        return binary.available() ? binary.path() + " (" + binary.version() + ", from " + binary.source() + ")"
                : "none: " + binary.version();
    }

    public Duration taskDelay() {
        return taskDelay;
    }

    // ---- Memcached surfaces (Tencent CMEM, CapitalOnline) ------------------------------------------------------------

    /** True when Memcached instances (CMEM, CapitalOnline) get a real memcached. */
    public boolean memcachedAvailable() {
        if (memcached == null) throw new IllegalStateException("emulator not started");
        return memcached.available();
    }

    /** The memcached in use and its version, or why there is none. */
    public String memcachedDescription() {
        if (memcached == null) throw new IllegalStateException("emulator not started");
        return memcached.description();
    }

    /** Tencent CMEM, whose seed has no create API: {@code cmem().create(CmemProvider.Spec.named("cache1"))}. */
    public CmemProvider cmem() {
        requireStarted();
        return cmem;
    }

    /** The key rule CapitalOnline signatures are verified with. */
    public CapitalOnlineSigner.KeyDerivation capitalOnlineKeyDerivation() {
        return capitalOnlineKeyDerivation;
    }

    /** Whether each action's rate limit from the model is enforced ({@code RequestLimitExceeded}). */
    public boolean throttling() {
        return throttling;
    }

    /** Stops the HTTP port and every data-plane process; removes their files unless a state directory keeps them. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (server != null) server.close();
        if (fleet != null) fleet.close();
    }

    private void requireStarted() {
        if (!started) throw new IllegalStateException("emulator not started");
    }

    /** Builder of an {@link Emulator}. */
    public static final class Builder {
        private int port;
        private Path stateDir;
        private Duration taskDelay = Duration.ofSeconds(1);
        private Credentials credentials = DEFAULT_CREDENTIALS;
        private String huaweiProjectId = DEFAULT_HUAWEI_PROJECT_ID;
        private IamPasswordCredentials iamCredentials = DEFAULT_IAM_CREDENTIALS;
        private Path redisServerBinary;
        private Clock clock = Clock.systemUTC();
        private boolean throttling = true;
        private Consumer<HttpRequestData> requestObserver;
        private Path memcachedBinary;
        private CapitalOnlineSigner.KeyDerivation capitalOnlineKeyDerivation = CapitalOnlineSigner.KeyDerivation.SECRET_ONLY;

        private Builder() {
        }

        /** A memcached to use instead of the one on the PATH (or /usr/bin/memcached). */
        public Builder memcachedBinary(Path memcachedBinary) {
            this.memcachedBinary = memcachedBinary;
            return this;
        }

        /**
         * The key CapitalOnline signatures are verified with: the bare AccessKeySecret (default, as the clients sign)
         * or the documented {@code AccessKeySecret + "&"}.
         */
        public Builder capitalOnlineKeyDerivation(CapitalOnlineSigner.KeyDerivation keyDerivation) {
            this.capitalOnlineKeyDerivation = Objects.requireNonNull(keyDerivation, "keyDerivation == null");
            return this;
        }

        /**
         * Enforce each action's rate limit from the model per (SecretId, region, action), answering
         * {@code RequestLimitExceeded} above it (default true; the generated clients stay under it by themselves).
         */
        public Builder throttling(boolean throttling) {
            this.throttling = throttling;
            return this;
        }

        /** Test hook: sees every vendor API request as received (headers, exact body bytes), before any check. */
        public Builder requestObserver(Consumer<HttpRequestData> requestObserver) {
            this.requestObserver = requestObserver;
            return this;
        }

        /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
            this.port = port;
            return this;
        }

        /** Directory keeping fleet state and instance data across restarts; null (default) keeps nothing. */
        public Builder stateDir(Path stateDir) {
            this.stateDir = stateDir;
            return this;
        }

        /** How long every async task takes (default 1 s; tests use ~100 ms). */
        public Builder taskDelay(Duration taskDelay) {
            Objects.requireNonNull(taskDelay, "taskDelay == null");
            if (taskDelay.isNegative()) throw new IllegalArgumentException("taskDelay < 0: " + taskDelay);
            this.taskDelay = taskDelay;
            return this;
        }

        public Builder credentials(Credentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials == null");
            return this;
        }

        /** The Huawei project id the DCS surfaces answer for (default {@link #DEFAULT_HUAWEI_PROJECT_ID}). */
        public Builder huaweiProjectId(String huaweiProjectId) {
            Objects.requireNonNull(huaweiProjectId, "huaweiProjectId == null");
            if (!huaweiProjectId.matches("[A-Za-z0-9_-]{1,64}")) {
                throw new IllegalArgumentException("a Huawei project id is 1-64 letters, digits, _ and -: " + huaweiProjectId);
            }
            this.huaweiProjectId = huaweiProjectId;
            return this;
        }

        /** The IAM user the token endpoint accepts (default {@link #DEFAULT_IAM_CREDENTIALS}). */
        public Builder iamCredentials(IamPasswordCredentials iamCredentials) {
            this.iamCredentials = Objects.requireNonNull(iamCredentials, "iamCredentials == null");
            return this;
        }

        /** A redis-server to use instead of the one on the PATH. */
        public Builder redisServerBinary(Path redisServerBinary) {
            this.redisServerBinary = redisServerBinary;
            return this;
        }

        /** Clock for signature timestamps and resource times (tests replay the seed's signed vectors with it). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock == null");
            return this;
        }

        public Emulator build() {
            return new Emulator(this);
        }
    }
}
