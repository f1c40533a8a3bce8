package io.cachesh.shell.config;

import io.cachesh.client.auth.Credentials;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.debug.WireLogInterceptor;
import io.cachesh.client.retry.RetryPolicy;
import io.cachesh.dsl.CacheshSession;
import io.cachesh.dsl.DslOutput;
import io.cachesh.dsl.ProviderSettings;
import io.cachesh.emulator.Emulator;
import io.cachesh.shell.repl.DslEngine;
import io.cachesh.shell.repl.ShellEngine;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Opens DSL sessions against the vendor with the resolved credentials, or against an embedded in-process
 * {@link Emulator} when there are none (or {@code --emulator} was given). The emulator starts on first use
 * and stops, with its redis processes, on {@link #close()}.
 */
public final class Sessions implements EngineFactory, EmulatorControl, AutoCloseable {

    private final Optional<ResolvedCredentials> credentials;
    /** Options of the selected provider and the credentials, regions and options of the others; null: none. */
    private final ResolvedConfig config;
    /** An emulator that outlives these sessions (the daemon's, started on first use), or null for one of their own. */
    private final Supplier<Emulator> shared;
    private volatile boolean useEmulator;
    private Emulator emulator;
    private boolean closed;
    private volatile java.util.function.Consumer<String> wireLog;
    private volatile boolean waitByDefault = true;

    /**
     * @param credentials   what {@link CredentialsResolver} found
     * @param forceEmulator use the embedded emulator even with credentials
     */
    public Sessions(Optional<ResolvedCredentials> credentials, boolean forceEmulator) {
        this(credentials, null, forceEmulator);
    }

    /**
     * @param credentials   the selected provider's credentials (what {@link ResolvedConfig#selectedCredentials()}
     *                      found, or the emulator's defaults for {@code --endpoint})
     * @param config        the configuration: the selected provider's options ({@code projectId}...), and every other
     *                      provider that has credentials, so {@code provider huawei} works in a tencent session
     * @param forceEmulator use the embedded emulator even with credentials
     */
    public Sessions(Optional<ResolvedCredentials> credentials, ResolvedConfig config, boolean forceEmulator) {
        this(credentials, config, forceEmulator, null);
    }

    /**
     * @param shared an emulator that outlives these sessions (the daemon's, started on first use), or null for
     *               one of their own
     */
    public Sessions(Optional<ResolvedCredentials> credentials, ResolvedConfig config, boolean forceEmulator,
                    Supplier<Emulator> shared) {
        this.credentials = credentials;
        this.config = config;
        this.shared = shared;
        this.useEmulator = forceEmulator || credentials.isEmpty();
    }

    /** {@code --debug}: every API request and answer of the sessions opened from now on goes here, secrets masked. */
    public Sessions wireLog(java.util.function.Consumer<String> log) {
        this.wireLog = log;
        return this;
    }

    /** {@code --no-wait}: verbs of the sessions opened from now on return once a change is accepted. */
    public Sessions waitByDefault(boolean wait) {
        this.waitByDefault = wait;
        return this;
    }

    @Override
    public boolean usesEmulator() {
        return useEmulator;
    }

    @Override
    public boolean canServe(String provider) {
        if (useEmulator) return true;
        if (config == null) return "tencent".equals(provider);
        return config.settings().provider().equals(provider) || config.credentialsOf(provider).isPresent();
    }

    /** Why a provider cannot be used with the configured credentials, and what to do. */
    public static String notConfigured(String provider) {
        VendorKeys keys = VendorKeys.require(provider);
        return provider + " is not configured: set " + keys.envId() + "/" + keys.envSecret() + " or run cachesh configure"
                + " --provider " + provider + "; the embedded emulator serves " + provider
                + " locally: %emulator start, then %provider " + provider;
    }

    public Optional<ResolvedCredentials> credentials() {
        return credentials;
    }

    /** Starts the embedded emulator if it is not running yet; returns its endpoint. */
    @Override
    public synchronized String startEmulator() {
        if (closed) throw new IllegalStateException("closed");
        if (emulator == null) {
            if (shared != null) {
                emulator = shared.get();
            } else {
                Emulator e = Emulator.builder().port(0).stateDir(null).build();
                e.start();
                emulator = e;
            }
        }
        useEmulator = true;
        return emulator.endpoint();
    }

    /**
     * Stops the embedded emulator and its redis processes. With credentials, new sessions go back to the vendor;
     * without, the next session starts a fresh emulator.
     */
    @Override
    public synchronized int stopEmulator() {
        if (emulator == null) return -1;
        int processes = redisProcesses(emulator);
        try {
            if (shared == null) emulator.close();
        } finally {
            emulator = null;
            useEmulator = credentials.isEmpty();
        }
        return processes;
    }

    @Override
    public synchronized Optional<Status> emulatorStatus() {
        if (emulator == null) return Optional.empty();
        return Optional.of(new Status(emulator.endpoint(), emulator.fleet().instances().size(), redisProcesses(emulator),
                emulator.dataPlaneDescription()));
    }

    @Override
    public synchronized Optional<io.cachesh.emulator.control.Faults> emulatorFaults() {
        return emulator == null ? Optional.empty() : Optional.of(emulator.faults());
    }

    private static int redisProcesses(Emulator e) {
        try {
            var plane = e.fleet().dataPlane();
            return plane == null ? 0 : plane.running().size();
        } catch (RuntimeException ex) {
            return 0;
        }
    }

    @Override
    public ShellEngine open(ShellSettings settings, DslOutput output) {
        Credentials creds;
        String endpoint;
        if (useEmulator) {
            endpoint = startEmulator();
            synchronized (this) {
                creds = emulator.credentials();
            }
        } else {
            // %provider may have switched to another provider of the profile: use its own keys
            if (!canServe(settings.provider())) throw new UsageException(notConfigured(settings.provider()));
            creds = (config == null ? Optional.<ResolvedCredentials>empty() : config.credentialsOf(settings.provider()))
                    .or(() -> credentials).orElseThrow().credentials();
            endpoint = settings.endpoint();
        }
        java.util.function.Consumer<String> log = wireLog;
        java.util.function.UnaryOperator<ClientConfig.Builder> debug = log == null ? b -> b
                : b -> b.addNetworkInterceptor(new WireLogInterceptor(log, RetryPolicy.defaults()));
        boolean emulatorKeys = useEmulator || creds.equals(Emulator.DEFAULT_CREDENTIALS);
        CacheshSession.Builder builder = CacheshSession.builder();
        boolean derived = emulatorKeys && !"tencent".equals(settings.provider());
        if (derived) {
            // on an emulator the session derives huawei/capitalonline (project, VPC, VDC...) from a loopback tencent
            builder.provider(new ProviderSettings("tencent", creds, ProviderSettings.defaultRegion("tencent"), endpoint,
                    settings.waitTimeout()));
        } else {
            builder.provider(new ProviderSettings(settings.provider(), creds, settings.region(), endpoint,
                    settings.waitTimeout(), config == null || useEmulator ? Map.of() : config.optionsOf(settings.provider())));
        }
        if (config != null && !useEmulator) {
            config.credentials().forEach((name, other) -> {
                if (name.equals(settings.provider())) return;
                builder.provider(new ProviderSettings(name, other.credentials(), config.regionOf(name), endpoint,
                        settings.waitTimeout(), config.optionsOf(name)));
            });
        }
        CacheshSession session = builder
                .defaultProvider(settings.provider())
                .output(output)
                .dryRun(settings.dryRun())
                .clientConfig(debug)
                .waitByDefault(waitByDefault)
                .build();
        if (derived) session.use(settings.provider(), settings.region());
        ClientConfig clientConfig = debug.apply(ClientConfig.builder().credentials(creds).region(settings.region())
                .endpoint(endpoint)).build();
        return new DslEngine(session, clientConfig);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (emulator != null) {
            if (shared == null) emulator.close();
            emulator = null;
        }
    }
}
