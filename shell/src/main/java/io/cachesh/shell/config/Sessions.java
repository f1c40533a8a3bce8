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

/**
 * Opens DSL sessions against the vendor with the resolved credentials, or against an embedded in-process
 * {@link Emulator} when there are none (or {@code --emulator} was given). The emulator starts on first use
 * and stops, with its redis processes, on {@link #close()}.
 */
public final class Sessions implements EngineFactory, EmulatorControl, AutoCloseable {

    private final Optional<ResolvedCredentials> credentials;
    private volatile boolean useEmulator;
    private Emulator emulator;
    private boolean closed;

    /**
     * @param credentials   what {@link CredentialsResolver} found
     * @param forceEmulator use the embedded emulator even with credentials
     */
    public Sessions(Optional<ResolvedCredentials> credentials, boolean forceEmulator) {
        this.credentials = credentials;
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
            Emulator e = Emulator.builder().port(0).stateDir(null).build();
            e.start();
            emulator = e;
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
            emulator.close();
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
            emulator.close();
            emulator = null;
        }
    }
}
