package io.cachesh.embed;

import io.cachesh.client.auth.Credentials;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.error.ApiException;
import io.cachesh.dsl.CacheshSession;
import io.cachesh.dsl.DslException;
import io.cachesh.dsl.DslOutput;
import io.cachesh.dsl.DslTimeoutException;
import io.cachesh.dsl.ProviderSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;

/**
 * Runs cachesh DSL text and runbook files inside a host application (a service, a build, a test suite) with the
 * host's credentials, parameters, output sink and cancellation. Each run gets a fresh DSL session (its own variables
 * and clients), closed when the run ends; runs may go in parallel. Failures do not throw: they come back as a
 * {@link RunResult} with the CLI's exit status and one error line.
 *
 * <pre>{@code
 * Cachesh cachesh = Cachesh.builder()
 *         .credentials(() -> vault.tencentKeys())        // asked once per run
 *         .output(line -> log.info(line))
 *         .build();
 * RunResult r = cachesh.run(Path.of("provision.groovy"), Map.of("env", "prod"));
 * if (!r.succeeded()) throw new IllegalStateException(r.error());
 * }</pre>
 */
public final class Cachesh {

    private final Supplier<Credentials> credentials;
    private final String endpoint;
    private final String region;
    private final Duration taskTimeout;
    private final List<ProviderSettings> providers;
    private final String defaultProvider;
    private final DslOutput output;
    private final boolean dryRun;
    private final UnaryOperator<ClientConfig.Builder> clientConfig;

    private Cachesh(Builder b) {
        this.credentials = b.credentials;
        this.endpoint = b.endpoint;
        this.region = b.region;
        this.taskTimeout = b.taskTimeout;
        this.providers = List.copyOf(b.providers);
        this.defaultProvider = b.defaultProvider;
        this.output = b.output;
        this.dryRun = b.dryRun;
        this.clientConfig = b.clientConfig;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs a runbook file; {@code params} are {@code params.k} (and the variable {@code k}) in the script. */
    public RunResult run(Path runbook, Map<String, ?> params) {
        return run(runbook, params, CancellationToken.none());
    }

    public RunResult run(Path runbook, Map<String, ?> params, CancellationToken token) {
        Objects.requireNonNull(runbook, "runbook == null");
        return execute(runbook.toString(), null, runbook, params, token);
    }

    /** Runs DSL text ({@code "cache(tencent) { list() }"}); errors name its lines as {@code line 3: ...}. */
    public RunResult run(String script, Map<String, ?> params) {
        return run(script, params, CancellationToken.none());
    }

    public RunResult run(String script, Map<String, ?> params, CancellationToken token) {
        Objects.requireNonNull(script, "script == null");
        return execute(null, script, null, params, token);
    }

    /** Starts a runbook file on a background thread; {@link RunHandle#cancel()} stops it. */
    public RunHandle start(Path runbook, Map<String, ?> params) {
        CancellationToken token = new CancellationToken();
        return background(token, () -> run(runbook, params, token));
    }

    /** Starts DSL text on a background thread; {@link RunHandle#cancel()} stops it. */
    public RunHandle start(String script, Map<String, ?> params) {
        CancellationToken token = new CancellationToken();
        return background(token, () -> run(script, params, token));
    }

    private static RunHandle background(CancellationToken token, Supplier<RunResult> run) {
        CompletableFuture<RunResult> future = new CompletableFuture<>();
        Thread t = new Thread(() -> future.complete(run.get()), "cachesh-run");
        t.setDaemon(true);
        t.start();
        return new RunHandle(token, future);
    }

    private RunResult execute(String name, String text, Path file, Map<String, ?> params, CancellationToken token) {
        Objects.requireNonNull(token, "token == null");
        List<String> messages = Collections.synchronizedList(new ArrayList<>());
        if (!token.enter()) return cancelled(messages, null);
        try (CacheshSession session = session(new Recording(output, messages))) {
            Map<String, Object> p = params == null ? Map.of() : new LinkedHashMap<>(params);
            String source = file == null ? text : Files.readString(file, StandardCharsets.UTF_8);
            Object value = session.run(name, source, p);
            if (token.isCancelled()) return cancelled(messages, null);
            return new RunResult(value, RunResult.OK, messages, null, null);
        } catch (IOException e) {
            return failed(messages, RunResult.USAGE_ERROR, "cannot read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException | AssertionError e) {
            if (token.isCancelled()) return cancelled(messages, e);
            return failed(messages, status(e), message(e), e);
        } finally {
            token.exit();
        }
    }

    private CacheshSession session(DslOutput out) {
        CacheshSession.Builder b = CacheshSession.builder().output(out).dryRun(dryRun);
        if (credentials != null) {
            Credentials c = Objects.requireNonNull(credentials.get(), "the credentials supplier returned null");
            ProviderSettings tencent = ProviderSettings.tencent(c).withEndpoint(endpoint);
            if (region != null) tencent = tencent.withRegion(region);
            if (taskTimeout != null) tencent = tencent.withTaskTimeout(taskTimeout);
            b.provider(tencent);
        }
        providers.forEach(b::provider);
        if (defaultProvider != null) b.defaultProvider(defaultProvider);
        if (clientConfig != null) b.clientConfig(clientConfig);
        return b.build();
    }

    private static RunResult cancelled(List<String> messages, Throwable cause) {
        return failed(messages, RunResult.CANCELLED, "cancelled", cause);
    }

    private static RunResult failed(List<String> messages, int status, String error, Throwable cause) {
        List<String> all = new ArrayList<>(messages);
        all.add("error: " + error);
        return new RunResult(null, status, all, error, cause);
    }

    /** The CLI's exit codes: DSL mistakes and syntax errors 2, vendor errors, timeouts and the rest 1. */
    static int status(Throwable e) {
        Throwable user = find(e);
        if (user instanceof DslTimeoutException) return RunResult.RUNTIME_ERROR;
        if (user instanceof DslException || user instanceof MultipleCompilationErrorsException) {
            return RunResult.USAGE_ERROR;
        }
        return RunResult.RUNTIME_ERROR;
    }

    /** One line, never a stack trace. */
    static String message(Throwable e) {
        Throwable user = find(e);
        if (user instanceof DslException d) return firstLine(d.getLocatedMessage());
        if (user instanceof MultipleCompilationErrorsException c) return compileMessage(c);
        if (user instanceof CancellationException) return "cancelled";
        String m = firstLine(user.getMessage());
        return m.isEmpty() ? user.getClass().getSimpleName() : m;
    }

    private static Throwable find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DslException || t instanceof ApiException || t instanceof MultipleCompilationErrorsException) {
                return t;
            }
        }
        return e;
    }

    private static String compileMessage(MultipleCompilationErrorsException e) {
        List<? extends Message> errors = e.getErrorCollector().getErrors();
        if (errors != null && !errors.isEmpty() && errors.get(0) instanceof SyntaxErrorMessage s) {
            return "syntax error at line " + s.getCause().getLine() + ", column " + s.getCause().getStartColumn()
                    + ": " + firstLine(s.getCause().getOriginalMessage());
        }
        return "compile error: " + firstLine(e.getMessage());
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.strip().lines().findFirst().orElse("").strip();
    }

    /** Passes lines to the host's output and keeps them for the result. */
    private record Recording(DslOutput host, List<String> messages) implements DslOutput {
        @Override
        public void info(String line) {
            messages.add(line);
            host.info(line);
        }

        @Override
        public void warn(String line) {
            messages.add("warning: " + line);
            host.warn(line);
        }

        @Override
        public void progress(int done, int total, String label) {
            host.progress(done, total, label);
        }
    }

    public static final class Builder {
        private Supplier<Credentials> credentials;
        private String endpoint;
        private String region;
        private Duration taskTimeout;
        private final List<ProviderSettings> providers = new ArrayList<>();
        private String defaultProvider;
        private DslOutput output = DslOutput.SILENT;
        private boolean dryRun;
        private UnaryOperator<ClientConfig.Builder> clientConfig;

        private Builder() {
        }

        /** Tencent Cloud credentials, asked for once per run (so rotated keys are picked up). */
        public Builder credentials(Supplier<Credentials> credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials == null");
            return this;
        }

        public Builder credentials(Credentials credentials) {
            Objects.requireNonNull(credentials, "credentials == null");
            return credentials(() -> credentials);
        }

        /**
         * Endpoint of the Tencent credentials: null for the real cloud, {@code http://127.0.0.1:PORT} for the
         * emulator (on the emulator, {@code huawei} and {@code capitalonline} work with the same keys).
         */
        public Builder endpoint(String endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** Tencent region of the runs (default {@code ap-guangzhou}). */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** Longest wait of a verb (default 10 minutes). */
        public Builder taskTimeout(Duration taskTimeout) {
            this.taskTimeout = taskTimeout;
            return this;
        }

        /** Another provider (or Tencent with settings of its own): {@code ProviderSettings.huawei(...)}. */
        public Builder provider(ProviderSettings settings) {
            providers.add(Objects.requireNonNull(settings, "settings == null"));
            return this;
        }

        /** The provider of verbs outside {@code cache(provider) { }} blocks (default tencent, else the first). */
        public Builder defaultProvider(String provider) {
            this.defaultProvider = provider;
            return this;
        }

        /** Where progress lines and warnings go while a run goes (they are in {@link RunResult#messages()} too). */
        public Builder output(DslOutput output) {
            this.output = Objects.requireNonNull(output, "output == null");
            return this;
        }

        /** Every line to one consumer; warnings as {@code warning: ...}. */
        public Builder output(Consumer<String> lines) {
            Objects.requireNonNull(lines, "lines == null");
            return output(new DslOutput() {
                @Override
                public void info(String line) {
                    lines.accept(line);
                }

                @Override
                public void warn(String line) {
                    lines.accept("warning: " + line);
                }
            });
        }

        /** Mutating verbs print the call they would make instead of making it. */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /** Adjusts the vendor clients (retries, timeouts) after credentials, region and endpoint are set. */
        public Builder clientConfig(UnaryOperator<ClientConfig.Builder> customizer) {
            this.clientConfig = customizer;
            return this;
        }

        public Cachesh build() {
            if (credentials == null && providers.isEmpty()) {
                throw new IllegalStateException("cachesh: no credentials (credentials(...)) and no provider (provider(...))");
            }
            return new Cachesh(this);
        }
    }
}
