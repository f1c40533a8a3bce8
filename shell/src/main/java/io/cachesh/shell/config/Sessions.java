package io.cachesh.shell.config;

import io.cachesh.client.auth.Credentials;
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
public final class Sessions implements EngineFactory, AutoCloseable {

    private final Optional<ResolvedCredentials> credentials;
    private final boolean useEmulator;
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

    public boolean usesEmulator() {
        return useEmulator;
    }

    public Optional<ResolvedCredentials> credentials() {
        return credentials;
    }

    /** Starts the embedded emulator if it is not running yet; returns its endpoint. */
    public synchronized String startEmulator() {
        if (closed) throw new IllegalStateException("closed");
        if (emulator == null) {
            Emulator e = Emulator.builder().port(0).stateDir(null).build();
            e.start();
            emulator = e;
        }
        return emulator.endpoint();
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
        return new DslEngine(session);
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
