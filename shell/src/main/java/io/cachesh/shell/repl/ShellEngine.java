package io.cachesh.shell.repl;

import groovy.lang.Binding;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.shell.config.ShellSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** What the shell evaluates cells and runbooks with: the DSL session, or a fake in tests. */
public interface ShellEngine extends AutoCloseable {

    /** Evaluates one cell; variables persist in {@link #binding()} between cells. */
    Object evaluate(String source);

    /** Runs a runbook script with its parameters. */
    Object run(Path script, Map<String, Object> params);

    Binding binding();

    /** The typed clients' configuration for this session's provider endpoint and credentials, if known. */
    default Optional<ClientConfig> clientConfig() {
        return Optional.empty();
    }

    /**
     * Switches to new settings in place when the engine can (provider, region, dry run); returns false when the
     * shell must open a new engine instead.
     */
    default boolean reconfigure(ShellSettings from, ShellSettings to) {
        return false;
    }

    @Override
    void close();
}
