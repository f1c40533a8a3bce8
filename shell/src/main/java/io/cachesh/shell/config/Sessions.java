package io.cachesh.shell.config;

import io.cachesh.client.auth.Credentials;
import io.cachesh.client.core.ClientConfig;
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

    /** Network ids the emulator accepts for new Huawei instances (it checks their form, not their existence). */
    private static final String EMULATOR_VPC = "5e37b3be-950a-48e1-b498-65b63d336481";
    private static final String EMULATOR_SUBNET = "a4112635-3ec0-471c-95c3-5cf49b9533af";

    private final Optional<ResolvedCredentials> credentials;
    private final Supplier<Emulator> shared;
    private volatile boolean useEmulator;
    private Emulator emulator;
    private boolean closed;

    /**
     * @param credentials   what {@link CredentialsResolver} found
     * @param forceEmulator use the embedded emulator even with credentials
     */
    public Sessions(Optional<ResolvedCredentials> credentials, boolean forceEmulator) {
        this(credentials, forceEmulator, null);
    }

    /**
     * @param shared an emulator that outlives these sessions (the daemon's, started on first use), or null for
     *               one of their own
     */
    public Sessions(Optional<ResolvedCredentials> credentials, boolean forceEmulator, Supplier<Emulator> shared) {
        this.credentials = credentials;
        this.shared = shared;
        this.useEmulator = forceEmulator || credentials.isEmpty();
    }

    @Override
    public boolean usesEmulator() {
        return useEmulator;
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
        Map<String, String> options = Map.of();
        String region = settings.region();
        if (useEmulator) {
            endpoint = startEmulator();
            synchronized (this) {
                creds = emulator.credentials();
            }
            options = emulatorOptions(settings.provider());
        } else {
            if (!CredentialsResolver.PROVIDER.equals(settings.provider())) throw new UsageException(notConfigured(settings.provider()));
            creds = credentials.orElseThrow().credentials();
            endpoint = settings.endpoint();
        }
        if (!CredentialsResolver.PROVIDER.equals(settings.provider()) && ProviderSettings.DEFAULT_REGION.equals(region)) {
            region = ProviderSettings.defaultRegion(settings.provider()); // a Tencent region means nothing to the others
        }
        ProviderSettings provider = new ProviderSettings(settings.provider(), creds, region, endpoint,
                settings.waitTimeout(), options);
        CacheshSession session = CacheshSession.builder()
                .provider(provider)
                .defaultProvider(settings.provider())
                .output(output)
                .dryRun(settings.dryRun())
                .build();
        ClientConfig config = ClientConfig.builder().credentials(creds).region(settings.region()).endpoint(endpoint).build();
        return new DslEngine(session, config);
    }

    /** What the other providers need beside credentials, for the emulator: its project, and any network ids. */
    private synchronized Map<String, String> emulatorOptions(String provider) {
        return switch (provider) {
            case "huawei" -> Map.of(ProviderSettings.PROJECT_ID, emulator.huaweiProjectId(),
                    ProviderSettings.VPC_ID, EMULATOR_VPC, ProviderSettings.SUBNET_ID, EMULATOR_SUBNET);
            case "capitalonline" -> Map.of(ProviderSettings.VDC_ID, "vdc-emulator", ProviderSettings.PIPE_ID, "pipe-emulator",
                    ProviderSettings.SITE, "CN_Beijing_H");
            default -> Map.of();
        };
    }

    /** Why a provider other than Tencent cannot be used with the configured credentials, and what to do. */
    public static String notConfigured(String provider) {
        return provider + " is not configured: cachesh reads credentials for " + CredentialsResolver.PROVIDER + " only ("
                + CredentialsResolver.ENV_SECRET_ID + "/" + CredentialsResolver.ENV_SECRET_KEY + " or ~/.cachesh/credentials); "
                + "the embedded emulator serves " + provider + " locally: %emulator start, then %provider " + provider;
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
