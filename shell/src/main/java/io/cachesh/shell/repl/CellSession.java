package io.cachesh.shell.repl;

import groovy.lang.Binding;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.dsl.DslOutput;
import io.cachesh.dsl.result.Instance;
import io.cachesh.shell.config.EmulatorControl;
import io.cachesh.shell.config.EngineFactory;
import io.cachesh.shell.config.ShellSettings;
import io.cachesh.shell.config.UsageException;
import io.cachesh.shell.magic.HelpMagic;
import io.cachesh.shell.magic.JShellCells;
import io.cachesh.shell.magic.MagicContext;
import io.cachesh.shell.magic.MagicRegistry;
import io.cachesh.shell.render.Values;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The notebook behind the REPL and the Jupyter kernel, without any terminal: numbered cells, {@code In}/{@code Out},
 * {@code _}/{@code __}/{@code ___}, magics, {@code ?topic}, the DSL session (opened in the background, reopened when
 * settings change, variables kept), cancellation of the running cell, {@code %java} cells. Cells run on a worker
 * thread; {@link #cancel()} interrupts the running one.
 */
public final class CellSession implements AutoCloseable {

    private static final Pattern HELP_WORD = Pattern.compile("^help(?:\\s+(\\S+))?\\s*$");
    /** Session variables that are the shell's, not the user's ({@code %who}, {@code %reset}). */
    private static final Set<String> SHELL_VARIABLES = Set.of("In", "Out", "out", "_", "__", "___");

    /** The outcome of one cell: its number, its result (null for none) or its error. */
    public record Outcome(int number, Object result, Throwable error) {
        public boolean failed() {
            return error != null;
        }
    }

    private final EngineFactory engines;
    private final Supplier<Vocabulary> vocabulary;
    private final Supplier<PrintWriter> out;
    private final DslOutput dslOutput;
    private final boolean colour;
    private final MagicRegistry magics = MagicRegistry.defaults();
    private final Map<Integer, String> inputs = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<Integer, Object> outputs = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Set<Integer> succeeded = Collections.synchronizedSet(new LinkedHashSet<>());
    private final Set<Integer> dryRun = Collections.synchronizedSet(new LinkedHashSet<>());
    private final Context context = new Context();

    // volatile: completion reads them from the reader's thread without the lock (TAB must never wait)
    private volatile ShellSettings settings;
    private ShellSettings engineSettings;
    private volatile CompletableFuture<ShellEngine> engine;
    private volatile Set<String> baseline = Set.of();
    private boolean reopen;
    private ExecutorService worker = newWorker();
    private volatile CompletableFuture<Future<Object>> running;
    private int cell = 1;
    private String nextInput;
    private EmulatorControl emulator;
    private JShellCells java;
    private Path workingDirectory = Path.of("").toAbsolutePath();

    /**
     * @param settings   initial provider, region, output...
     * @param engines    opens DSL sessions
     * @param vocabulary verbs, specs and models (memoized here)
     * @param out        where magics, help and {@code println} print
     * @param dslOutput  where the DSL's progress goes
     * @param colour     whether help tables may use ANSI colour
     */
    public CellSession(ShellSettings settings, EngineFactory engines, Supplier<Vocabulary> vocabulary,
                       Supplier<PrintWriter> out, DslOutput dslOutput, boolean colour) {
        this.settings = Objects.requireNonNull(settings, "settings == null");
        this.engines = Objects.requireNonNull(engines, "engines == null");
        this.vocabulary = memoize(vocabulary);
        this.out = Objects.requireNonNull(out, "out == null");
        this.dslOutput = Objects.requireNonNull(dslOutput, "dslOutput == null");
        this.colour = colour;
    }

    /** Enables {@code %emulator start|stop|status}. */
    public CellSession emulator(EmulatorControl control) {
        this.emulator = control;
        return this;
    }

    /** Where {@code %load}, {@code %run} and {@code %save} resolve relative paths (the process's directory). */
    public CellSession workingDirectory(Path dir) {
        this.workingDirectory = dir.toAbsolutePath();
        return this;
    }

    public Path workingDirectory() {
        return workingDirectory;
    }

    public MagicRegistry magics() {
        return magics;
    }

    public Vocabulary vocabulary() {
        return vocabulary.get();
    }

    public Supplier<Vocabulary> vocabularySupplier() {
        return vocabulary;
    }

    public ShellSettings settings() {
        return settings;
    }

    /** The number the next cell gets. */
    public synchronized int nextCellNumber() {
        return cell;
    }

    /** The text {@code %load} left for the next input buffer (once), or null. */
    public synchronized String takeNextInput() {
        String text = nextInput;
        nextInput = null;
        return text;
    }

    /** Opens the DSL session on a background thread (the prompt does not wait for it). */
    public synchronized void openInBackground() {
        ShellSettings s = settings;
        engine = CompletableFuture.supplyAsync(() -> {
            ShellEngine e = engines.open(s, dslOutput);
            Binding b = e.binding();
            b.setVariable("In", inputs);
            b.setVariable("out", out.get()); // println goes to the terminal
            b.setVariable("Out", outputs);
            baseline = names(b);
            return e;
        }, command -> {
            Thread t = new Thread(command, "cachesh-session-open");
            t.setDaemon(true);
            t.start();
        });
        engineSettings = s;
    }

    /** Runs one cell as typed: records it as {@code In[n]}, and a non-null result as {@code Out[n]} and {@code _}. */
    public Outcome execute(String source) {
        int n;
        synchronized (this) {
            n = cell++;
        }
        inputs.put(n, source);
        boolean dry = settings().dryRun();
        try {
            Object result = evaluateCell(source);
            succeeded.add(n);
            if (dry) dryRun.add(n);
            if (result != null) record(n, result);
            return new Outcome(n, result, null);
        } catch (RuntimeException | Error e) {
            return new Outcome(n, null, e);
        }
    }

    /** Evaluates one cell without numbering it: a magic, {@code ?topic}/{@code help topic}, or Groovy on the worker. */
    public Object evaluateCell(String source) {
        String trimmed = source.strip();
        if (trimmed.startsWith("%")) return magics.run(trimmed, context);
        if (trimmed.startsWith("?")) return help(trimmed.substring(1).strip());
        Matcher help = HELP_WORD.matcher(trimmed);
        if (help.matches()) return help(help.group(1) == null ? "" : help.group(1));
        return onWorker(() -> engine().evaluate(source));
    }

    /** The help text of a topic ({@code resize}, {@code tencent.redis.describeInstances}, {@code %load}). */
    public String helpText(String topic) {
        return HelpMagic.help(topic, vocabulary.get(), magics, colour);
    }

    private Object help(String topic) {
        PrintWriter w = out.get();
        w.println(helpText(topic));
        w.flush();
        return null;
    }

    /** Cancels the running cell (Ctrl-C, a kernel interrupt); a no-op when none runs. */
    public void cancel() {
        CompletableFuture<Future<Object>> current = running;
        if (current != null) current.thenAccept(f -> f.cancel(true));
    }

    private Object onWorker(java.util.concurrent.Callable<Object> task) {
        CompletableFuture<Future<Object>> current = new CompletableFuture<>();
        running = current; // set before the task starts: a cancel right after it starts must not be lost
        ExecutorService w;
        synchronized (this) {
            w = worker;
        }
        Future<Object> future = w.submit(task);
        current.complete(future);
        try {
            return future.get();
        } catch (CancellationException | InterruptedException cancelled) {
            if (cancelled instanceof InterruptedException) Thread.currentThread().interrupt();
            synchronized (this) {
                worker.shutdownNow();
                worker = newWorker(); // the old thread may still be stuck in the cell: leave it behind
            }
            throw new CellCancelledException();
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        } finally {
            running = null;
        }
    }

    /** The session engine, waiting for the background open and reopening it after settings changed. */
    public synchronized ShellEngine engine() {
        if (engine == null) openInBackground();
        ShellEngine current;
        try {
            current = engine.join();
        } catch (RuntimeException e) {
            engine = null; // try again on the next cell
            throw e;
        }
        if (!reopen && engineSettings != null && engineSettings.sessionDiffers(settings)
                && current.reconfigure(engineSettings, settings)) {
            engineSettings = settings;
        }
        if (reopen || engineSettings != null && engineSettings.sessionDiffers(settings)) {
            reopen = false;
            ShellEngine next = engines.open(settings, dslOutput);
            Set<String> fresh = names(next.binding());
            copyVariables(current.binding(), next.binding());
            baseline = fresh;
            engineSettings = settings;
            engine = CompletableFuture.completedFuture(next);
            try {
                current.close();
            } catch (RuntimeException ignored) {
                // the old session's problems are not the new one's
            }
            current = next;
        }
        return current;
    }

    /** The engine if it is open already (completion must never wait). */
    private Optional<ShellEngine> openEngine() {
        CompletableFuture<ShellEngine> e = engine;
        if (e == null || !e.isDone() || e.isCompletedExceptionally()) return Optional.empty();
        try {
            return Optional.of(e.join());
        } catch (RuntimeException ex) {
            return Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<String> names(Binding b) {
        return Set.copyOf(new ArrayList<String>(b.getVariables().keySet()));
    }

    @SuppressWarnings("unchecked")
    private static void copyVariables(Binding from, Binding to) {
        Map<String, Object> vars = new LinkedHashMap<>(from.getVariables());
        vars.forEach(to::setVariable);
    }

    private void record(int n, Object result) {
        if (result != outputs && result != inputs) outputs.put(n, result); // Out[n] == Out would never print

        Binding b = engine().binding();
        if (b.hasVariable("__")) b.setVariable("___", b.getVariable("__"));
        if (b.hasVariable("_")) b.setVariable("__", b.getVariable("_"));
        b.setVariable("_", result);
    }

    /** Names bound in the session (for completion; empty while it opens). */
    public Collection<String> variableNames() {
        return openEngine().map(e -> {
            try {
                return (Collection<String>) new TreeSet<>(names(e.binding()));
            } catch (RuntimeException ex) {
                return (Collection<String>) List.<String>of();
            }
        }).orElse(List.of());
    }

    /** The user's variables: what cells bound, without the DSL's own names and {@code In}, {@code Out}, {@code _}. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> userVariables() {
        Optional<ShellEngine> e = openEngine();
        if (e.isEmpty()) return Map.of();
        Map<String, Object> vars = new java.util.TreeMap<>();
        Set<String> base = baseline;
        new LinkedHashMap<String, Object>(e.get().binding().getVariables()).forEach((k, v) -> {
            if (!base.contains(k) && !SHELL_VARIABLES.contains(k)) vars.put(k, v);
        });
        return vars;
    }

    /** Names and ids of the instances held in session variables and earlier results. */
    @SuppressWarnings("unchecked")
    public Collection<String> instanceRefs() {
        Optional<ShellEngine> e = openEngine();
        if (e.isEmpty()) return List.of();
        Set<String> refs = new LinkedHashSet<>();
        try {
            List<Object> values = new ArrayList<>(new LinkedHashMap<String, Object>(e.get().binding().getVariables()).values());
            synchronized (outputs) {
                values.addAll(outputs.values());
            }
            // a listing is held several times (all = list(), Out[n], _): scan each object once
            Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Object v : values) {
                if (!seen.add(v)) continue;
                if (v instanceof Collection<?> c) c.forEach(item -> addInstance(item, refs));
                else addInstance(v, refs);
            }
        } catch (RuntimeException ex) {
            // completion must never fail the prompt
        }
        return refs;
    }

    private static void addInstance(Object value, Set<String> refs) {
        if (value instanceof Instance i) {
            // the DSL's own: its accessors, not a reflective toMap() per instance (TAB on 1,000 instances)
            if (i.getName() != null) refs.add(i.getName());
            if (i.getId() != null) refs.add(i.getId());
            return;
        }
        if (value == null || !"Instance".equals(value.getClass().getSimpleName())) return;
        Values.resultMap(value).ifPresent(m -> {
            if (m.get("name") != null) refs.add(String.valueOf(m.get("name")));
            if (m.get("id") != null) refs.add(String.valueOf(m.get("id")));
        });
    }

    /** The typed clients' configuration of the open session (background completion uses it), if any. */
    public Optional<ClientConfig> clientConfig() {
        return openEngine().flatMap(ShellEngine::clientConfig);
    }

    /**
     * Sources of the cells that ran without error, in order (magics and help included; {@code %save} filters). Cells
     * that ran in dry-run mode changed nothing: they come commented out ({@code // (dry run) resize ...}).
     */
    public List<String> successfulCells() {
        List<String> cells = new ArrayList<>();
        synchronized (succeeded) {
            for (Integer n : succeeded) {
                String s = inputs.get(n);
                if (s == null) continue;
                if (dryRun.contains(n) && !s.strip().startsWith("%")) {
                    s = String.join("\n", s.strip().lines().map(l -> "// (dry run) " + l).toList());
                }
                cells.add(s);
            }
        }
        return cells;
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cachesh-cell");
            t.setDaemon(true);
            return t;
        });
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) value = supplier.get();
                return value;
            }
        };
    }

    /** Closes the DSL session and the JShell of {@code %java} (the emulator belongs to the engine factory). */
    @Override
    public synchronized void close() {
        worker.shutdownNow();
        if (java != null) java.close();
        if (engine != null && engine.isDone() && !engine.isCompletedExceptionally()) {
            try {
                engine.join().close();
            } catch (RuntimeException ignored) {
                // closing anyway
            }
        }
    }

    /** Thrown when a running cell is cancelled (Ctrl-C, a kernel interrupt). */
    public static final class CellCancelledException extends RuntimeException {
        CellCancelledException() {
            super("cancelled", null, false, false);
        }
    }

    private final class Context implements MagicContext {
        @Override
        public ShellSettings settings() {
            return CellSession.this.settings();
        }

        @Override
        public void settings(ShellSettings next) {
            synchronized (CellSession.this) {
                settings = Objects.requireNonNull(next, "settings == null");
            }
        }

        @Override
        public Object evaluate(String source) {
            return evaluateCell(source);
        }

        @Override
        public Object onWorker(java.util.concurrent.Callable<Object> task) {
            return CellSession.this.onWorker(task);
        }

        @Override
        public Map<Integer, String> inputs() {
            return inputs;
        }

        @Override
        public Map<Integer, Object> outputs() {
            return outputs;
        }

        @Override
        public List<String> successfulCells() {
            return CellSession.this.successfulCells();
        }

        @Override
        public Vocabulary vocabulary() {
            return vocabulary.get();
        }

        @Override
        public MagicRegistry magics() {
            return magics;
        }

        @Override
        public PrintWriter out() {
            return out.get();
        }

        @Override
        public boolean colour() {
            return colour;
        }

        @Override
        public ShellEngine engine() {
            return CellSession.this.engine();
        }

        @Override
        public Map<String, Object> userVariables() {
            engine(); // %who right after start-up waits for the session
            return CellSession.this.userVariables();
        }

        @Override
        public void reset() {
            ShellEngine e = engine();
            Binding b = e.binding();
            for (String name : userVariables().keySet()) b.getVariables().remove(name);
            for (String name : List.of("_", "__", "___")) b.getVariables().remove(name);
            inputs.clear();
            outputs.clear();
            succeeded.clear();
            dryRun.clear();
            synchronized (CellSession.this) {
                if (java != null) {
                    java.close();
                    java = null;
                }
            }
        }

        @Override
        public void nextInput(String text) {
            synchronized (CellSession.this) {
                nextInput = text;
            }
        }

        @Override
        public Optional<EmulatorControl> emulator() {
            return Optional.ofNullable(emulator);
        }

        @Override
        public void reopenSession() {
            synchronized (CellSession.this) {
                reopen = true;
            }
        }

        @Override
        public Path resolve(String path) {
            if (path.isEmpty()) throw new UsageException("a file name is needed");
            String p = path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path;
            return workingDirectory.resolve(p).normalize();
        }

        @Override
        public JShellCells java() {
            synchronized (CellSession.this) {
                if (java == null) java = new JShellCells();
                return java;
            }
        }
    }
}
