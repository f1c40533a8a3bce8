package io.cachesh.dsl;

import groovy.lang.Binding;
import groovy.lang.Script;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import javax.lang.model.SourceVersion;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.customizers.ImportCustomizer;
import org.codehaus.groovy.runtime.InvokerHelper;

/**
 * One DSL session: the providers it may use, a Groovy compiler whose scripts extend {@link RunbookScript}, and one
 * shared {@link Binding}, so variables assigned without {@code def} persist from one {@link #evaluate} to the next
 * (as in groovysh), as do types a cell declares ({@code class}, {@code enum}, {@code interface}, {@code trait}).
 * Any other class a cell compiled is collected once nothing refers to it ({@link CellClassLoader}). Closing it
 * closes every client.
 *
 * <pre>{@code
 * try (CacheshSession s = CacheshSession.builder()
 *         .provider(ProviderSettings.tencent(credentials).withEndpoint(emulator.endpoint()))
 *         .build()) {
 *     s.evaluate("orders = create name: 'orders', spec: 'redis.ha', capacity: 2, password: 'Orders-Pass1'");
 *     s.evaluate("resize orders, capacity: 4");
 * }
 * }</pre>
 */
public final class CacheshSession implements AutoCloseable {

    /**
     * The class name of every cell's script and of every runbook without a file: one name, not one per cell (see
     * {@link CellClassLoader#compile}), unlikely to be a type a user declares. Errors still name the cell's own file,
     * {@code CellN.groovy}.
     */
    private static final String CELL_CLASS = "cachesh_cell";
    private static final String SCRIPT_CLASS = "cachesh_script";

    private final DslContext context;
    private final DslBinding binding;
    private final CellClassLoader classes;
    private final AtomicInteger cells = new AtomicInteger();
    private String defaultProvider;

    private CacheshSession(Builder b) {
        this.defaultProvider = b.defaultProvider != null ? b.defaultProvider
                : b.providers.isEmpty() ? "tencent" : b.providers.keySet().iterator().next();
        this.context = new DslContext(Collections.unmodifiableMap(new LinkedHashMap<>(b.providers)), defaultProvider,
                b.output, b.dryRun, b.clientCustomizer);
        this.context.waitByDefault = b.waitByDefault;
        this.binding = new DslBinding(context);
        this.classes = new CellClassLoader(CacheshSession.class.getClassLoader(), CacheshSession::compilerConfiguration);
    }

    /** How cells and runbooks are compiled: scripts extend {@link RunbookScript}, with the DSL's imports. */
    private static CompilerConfiguration compilerConfiguration() {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(RunbookScript.class.getName());
        ImportCustomizer imports = new ImportCustomizer();
        imports.addStarImports("io.cachesh.dsl.result");
        imports.addImports(ProviderSettings.class.getName(), DslException.class.getName(),
                RedisConnection.class.getName(), MemcachedConnection.class.getName(),
                UnsupportedVerbException.class.getName());
        config.addCompilationCustomizers(imports);
        return config;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Evaluates one cell or snippet; variables assigned without {@code def} stay in {@link #binding()}. A cell of
     * type declarations only ({@code class Point { int x }}) defines them and gives null.
     */
    public Object evaluate(String source) {
        Objects.requireNonNull(source, "source == null");
        String compiledName = "Cell" + cells.incrementAndGet() + ".groovy";
        CellClassLoader.Unit unit = classes.compile(source, compiledName, CELL_CLASS);
        try {
            return runUnit(unit);
        } catch (RuntimeException e) {
            throw ScriptErrors.locate(e, compiledName, null, binding);
        } finally {
            classes.release(unit);
        }
    }

    /** Runs the unit's script; a unit of type declarations only has none (unless a class of it has a main). */
    private Object runUnit(CellClassLoader.Unit unit) {
        if (!Script.class.isAssignableFrom(unit.main()) && !hasMain(unit.main())) return null;
        return InvokerHelper.createScript(unit.main(), binding).run();
    }

    private static boolean hasMain(Class<?> type) {
        try {
            return java.lang.reflect.Modifier.isStatic(type.getMethod("main", String[].class).getModifiers());
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /**
     * Runs a runbook file. {@code params} are visible as {@code params.k} and, when {@code k} is a valid name, as the
     * variable {@code k}. The result is what the runbook gave to {@code output}, else the script's value; {@code fail}
     * throws {@link RunbookFailedException}.
     */
    public Object run(Path script, Map<String, Object> params) {
        Objects.requireNonNull(script, "script == null");
        String source;
        try {
            source = Files.readString(script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + script, e);
        }
        return run(script.toString(), source, params);
    }

    /**
     * Runs runbook text as {@link #run(Path, Map)} runs a file; {@code name} is how errors name it
     * ({@code name:3: ...}), e.g. {@code provision.groovy}; null for text without a file ({@code line 3: ...}).
     */
    public Object run(String name, String source, Map<String, Object> params) {
        Objects.requireNonNull(source, "source == null");
        if (name == null) {
            return runNamed(null, "Script" + cells.incrementAndGet(), source, params);
        }
        return runNamed(name, null, source, params);
    }

    private Object runNamed(String name, String fixedClassName, String source, Map<String, Object> params) {
        Map<String, Object> p = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        binding.setVariable("params", p);
        p.forEach((k, v) -> {
            if (SourceVersion.isIdentifier(k) && !SourceVersion.isKeyword(k)) binding.setVariable(k, v);
        });
        String className = fixedClassName != null ? fixedClassName : name.replaceAll(".*[/\\\\]", "")
                .replaceAll("\\.groovy$", "").replaceAll("[^A-Za-z0-9_]", "_");
        if (className.isEmpty() || !Character.isJavaIdentifierStart(className.charAt(0))) {
            className = "Runbook_" + className;
        }
        CellClassLoader.Unit unit = classes.compile(source, className + ".groovy",
                fixedClassName != null ? SCRIPT_CLASS : className);
        binding.runbookOutput = null;
        binding.hasRunbookOutput = false;
        Object value;
        try {
            value = runUnit(unit);
        } catch (RunbookFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw ScriptErrors.locate(e, className + ".groovy", name, binding);
        } finally {
            classes.release(unit);
        }
        // `output x` names the runbook's result explicitly; otherwise it is the script's value
        return binding.hasRunbookOutput ? binding.runbookOutput : value;
    }

    /** The adapter of {@code provider} in {@code region} (created on first use). */
    CacheService service(String provider, String region) {
        return context.service("service", provider, region);
    }

    /** Uses {@code service} for {@code provider} in {@code region} instead of the built-in adapter (tests, embedding). */
    void register(String provider, String region, CacheService service) {
        context.register(provider, region, service);
    }

    /** The shared variables of this session. */
    public Binding binding() {
        return binding;
    }

    public boolean isDryRun() {
        return context.dryRun;
    }

    /** Switches dry-run mode (the shell's {@code %dryrun}): mutating calls are printed instead of sent. */
    public void setDryRun(boolean dryRun) {
        context.dryRun = dryRun;
    }

    public String defaultProvider() {
        return defaultProvider;
    }

    /** Provider and region of top-level verbs ({@code %provider}, {@code %region}). */
    public void use(String provider, String region) {
        Map<String, Object> named = region == null ? Map.of() : Map.of("region", region);
        context.top.provider(named, provider);
        this.defaultProvider = provider;
    }

    /** Region of top-level verbs. */
    public String region() {
        return context.top.getRegion();
    }

    /** Providers configured in this session. */
    public List<String> providers() {
        return List.copyOf(context.settings.keySet());
    }

    public DslOutput output() {
        return context.output;
    }

    @Override
    public void close() {
        context.close();
    }

    public static final class Builder {
        private final Map<String, ProviderSettings> providers = new LinkedHashMap<>();
        private String defaultProvider;
        private DslOutput output = DslOutput.STDOUT;
        private boolean dryRun;
        private boolean waitByDefault = true;
        private java.util.function.UnaryOperator<io.cachesh.client.core.ClientConfig.Builder> clientCustomizer;

        private Builder() {
        }

        /**
         * Adjusts the vendor clients' configuration (retry policy, timeouts) after the session has set credentials,
         * region and endpoint. One client per provider and region is shared by every verb and every fleet thread,
         * so its per-operation rate limiter is shared too.
         */
        public Builder clientConfig(
                java.util.function.UnaryOperator<io.cachesh.client.core.ClientConfig.Builder> customizer) {
            this.clientCustomizer = Objects.requireNonNull(customizer, "customizer == null");
            return this;
        }

        /** Adds (or replaces) the settings of one provider. */
        public Builder provider(ProviderSettings settings) {
            Objects.requireNonNull(settings, "settings == null");
            if (!DslVocabulary.providers().contains(settings.provider())) {
                throw new DslException("provider: unknown provider '" + settings.provider() + "' (allowed: "
                        + String.join(", ", DslVocabulary.providers()) + ")");
            }
            providers.put(settings.provider(), settings);
            return this;
        }

        public Builder defaultProvider(String provider) {
            this.defaultProvider = Objects.requireNonNull(provider, "provider == null");
            return this;
        }

        public Builder output(DslOutput output) {
            this.output = Objects.requireNonNull(output, "output == null");
            return this;
        }

        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /**
         * With false, verbs that change an instance return as soon as the vendor accepted the change (the id is
         * printed first) unless a call says {@code wait: true}: a command line's {@code --no-wait}.
         */
        public Builder waitByDefault(boolean waitByDefault) {
            this.waitByDefault = waitByDefault;
            return this;
        }

        public CacheshSession build() {
            return new CacheshSession(this);
        }
    }
}
