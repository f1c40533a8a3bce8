package io.cachesh.shell.config;

import io.cachesh.client.auth.Credentials;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.dsl.CacheshSession;
import io.cachesh.dsl.DslOutput;
import io.cachesh.dsl.ProviderSettings;
import io.cachesh.emulator.Emulator;
import io.cachesh.shell.repl.DslEngine;
import io.cachesh.shell.repl.ShellEngine;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Opens DSL sessions against the vendor with the resolved credentials, or against an embedded in-process
 * {@link Emulator} when there are none (or {@code --emulator} was given). The emulator starts on first use
 * and stops, with its redis processes, on {@link #close()}.
 */
public final class Sessions implements EngineFactory, EmulatorControl, AutoCloseable {

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
        if (useEmulator) {
            endpoint = startEmulator();
            synchronized (this) {
                creds = emulator.credentials();
            }
        } else {
            creds = credentials.orElseThrow().credentials();
            endpoint = settings.endpoint();
        }
        ProviderSettings provider = new ProviderSettings(settings.provider(), creds, settings.region(), endpoint,
                settings.waitTimeout());
        CacheshSession session = CacheshSession.builder()
                .provider(provider)
                .defaultProvider(settings.provider())
                .output(output)
                .dryRun(settings.dryRun())
                .build();
        ClientConfig config = ClientConfig.builder().credentials(creds).region(settings.region()).endpoint(endpoint).build();
        return new DslEngine(session, config);
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
