package io.cachesh.shell.repl;

import groovy.lang.Binding;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.dsl.CacheshSession;
import io.cachesh.shell.config.ShellSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A {@link ShellEngine} over the DSL's {@link CacheshSession}. */
public final class DslEngine implements ShellEngine {

    private final CacheshSession session;
    private volatile ClientConfig config;

    /**
     * @param session the DSL session
     * @param config  the typed clients' configuration for the same provider endpoint and credentials ({@code %java}),
     *                null when unknown
     */
    public DslEngine(CacheshSession session, ClientConfig config) {
        this.session = Objects.requireNonNull(session, "session == null");
        this.config = config;
    }

    public DslEngine(CacheshSession session) {
        this(session, null);
    }

    @Override
    public Optional<ClientConfig> clientConfig() {
        return Optional.ofNullable(config);
    }

    @Override
    public Object evaluate(String source) {
        return session.evaluate(source);
    }

    @Override
    public Object run(Path script, Map<String, Object> params) {
        return session.run(script, params);
    }

    @Override
    public Binding binding() {
        return session.binding();
    }

    @Override
    public boolean reconfigure(ShellSettings from, ShellSettings to) {
        if (!Objects.equals(from.endpoint(), to.endpoint()) || !from.waitTimeout().equals(to.waitTimeout())
                || !session.providers().contains(to.provider())) {
            return false;
        }
        session.use(to.provider(), to.region());
        session.setDryRun(to.dryRun());
        if (config != null && !Objects.equals(from.region(), to.region())) config = config.toBuilder().region(to.region()).build();
        return true;
    }

    @Override
    public void close() {
        session.close();
    }
}
