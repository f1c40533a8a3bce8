package io.cachesh.shell.repl;

import groovy.lang.Binding;
import io.cachesh.shell.config.EngineFactory;
import io.cachesh.shell.config.ShellSettings;
import io.cachesh.shell.config.WriterOutput;
import io.cachesh.shell.magic.HelpMagic;
import io.cachesh.shell.magic.MagicContext;
import io.cachesh.shell.magic.MagicRegistry;
import io.cachesh.shell.render.ErrorMessages;
import io.cachesh.shell.render.ResultRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * The interactive shell: Jupyter-style numbered cells ({@code In [n]:} / {@code Out[n]:}), {@code _}, {@code __},
 * {@code In[n]} and {@code Out[n]} in the session, multi-line cells ({@link CellParser}), completion
 * ({@link CacheshCompleter}), magics, a history file with secrets masked ({@link MaskingHistory}). Cells run on
 * a worker thread: Ctrl-C cancels the running cell (or the line being typed) and the shell goes on; Ctrl-D exits.
 * The DSL session opens on a background thread while the first line is typed.
 */
public final class Repl implements AutoCloseable {

    private static final Pattern HELP_WORD = Pattern.compile("^help(?:\\s+(\\S+))?\\s*$");

    private final Terminal terminal;
    private final EngineFactory engines;
    private final Supplier<Vocabulary> vocabulary;
    private final Path historyFile;
    private final boolean colour;
    private final boolean debug;
    private final MagicRegistry magics = MagicRegistry.defaults();
    private final Map<Integer, String> inputs = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<Integer, Object> outputs = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Context context = new Context();

    private ShellSettings settings;
    private ShellSettings engineSettings;
    private CompletableFuture<ShellEngine> engine;
    private ExecutorService worker = newWorker();
    private int cell = 1;
    private LineReader reader;
    private boolean echoInput;

    /**
     * @param terminal    the terminal (a {@code DumbTerminal} in tests)
     * @param settings    initial provider, region, output...
     * @param engines     opens DSL sessions
     * @param vocabulary  verbs, specs and models for completion and help (memoized here)
     * @param historyFile where history is kept, null for none
     * @param colour      whether to use ANSI colour
     * @param debug       print stack traces of failed cells
     */
    public Repl(Terminal terminal, ShellSettings settings, EngineFactory engines, Supplier<Vocabulary> vocabulary,
                Path historyFile, boolean colour, boolean debug) {
        this.terminal = Objects.requireNonNull(terminal, "terminal == null");
        this.settings = Objects.requireNonNull(settings, "settings == null");
        this.engines = Objects.requireNonNull(engines, "engines == null");
        this.vocabulary = memoize(vocabulary);
        this.historyFile = historyFile;
        this.colour = colour;
        this.debug = debug;
    }

    /**
     * Echo each cell after its prompt, for input that the terminal does not echo (piped stdin): the output
     * then reads like a notebook.
     */
    public Repl echoInput(boolean echo) {
        this.echoInput = echo;
        return this;
    }

    /** Prints the banner lines and reads cells until Ctrl-D or {@code exit}; returns the exit code (0). */
    public int run(List<String> banner) {
        openEngineInBackground();
        reader = buildReader();
        PrintWriter out = terminal.writer();
        for (String line : banner) out.println(line);
        out.flush();
        while (true) {
            String source;
            try {
                source = reader.readLine(prompt("In [" + cell + "]: ", AttributedStyle.GREEN));
            } catch (UserInterruptException e) {
                continue; // Ctrl-C on the prompt: drop the line
            } catch (EndOfFileException e) {
                out.println();
                break;
            }
            if (echoInput) echo(source);
            String trimmed = source.strip();
            if (trimmed.isEmpty()) continue;
            if (trimmed.equals("exit") || trimmed.equals("quit")) break;
            int n = cell++;
            inputs.put(n, source);
            try {
                Object result = evaluateCell(source);
                if (result != null) show(n, result);
            } catch (RuntimeException | Error e) {
                printError(e);
            }
            out.flush();
        }
        saveHistory();
        return 0;
    }

    private void echo(String source) {
        PrintWriter out = terminal.writer();
        String[] lines = source.split("\n", -1);
        String pad = " ".repeat(Math.max(0, ("In [" + cell + "]: ").length() - "...: ".length()));
        out.println(lines[0]);
        for (int i = 1; i < lines.length; i++) out.println(pad + "...: " + lines[i]);
    }

    private LineReader buildReader() {
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("cachesh")
                .parser(new CellParser())
                .completer(new CacheshCompleter(vocabulary, this::variableNames, magics::usages).instances(this::instanceRefs))
                .history(new MaskingHistory())
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P ...: ")
                .variable(LineReader.BLINK_MATCHING_PAREN, 0)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.INSERT_TAB, false)
                .option(LineReader.Option.AUTO_FRESH_LINE, true);
        if (historyFile != null) {
            prepareHistoryFile();
            builder.variable(LineReader.HISTORY_FILE, historyFile);
        }
        return builder.build();
    }

    private void prepareHistoryFile() {
        try {
            Path dir = historyFile.toAbsolutePath().getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                setMode(dir, "rwx------");
            }
            if (!Files.exists(historyFile)) {
                Files.createFile(historyFile);
                setMode(historyFile, "rw-------");
            }
        } catch (IOException e) {
            terminal.writer().println("warning: cannot use history file " + historyFile + ": " + e.getMessage());
        }
    }

    private static void setMode(Path path, String mode) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        } catch (UnsupportedOperationException ignored) {
            // not POSIX
        }
    }

    private void saveHistory() {
        try {
            if (reader != null && historyFile != null) reader.getHistory().save();
        } catch (IOException e) {
            terminal.writer().println("warning: cannot save history: " + e.getMessage());
        }
    }

    /** Evaluates one cell: a magic, {@code ?topic}/{@code help topic}, or Groovy on the worker thread. */
    Object evaluateCell(String source) {
        String trimmed = source.strip();
        if (trimmed.startsWith("%")) return magics.run(trimmed, context);
        if (trimmed.startsWith("?")) return help(trimmed.substring(1).strip());
        Matcher help = HELP_WORD.matcher(trimmed);
        if (help.matches()) return help(help.group(1) == null ? "" : help.group(1));
        return evaluateGroovy(source);
    }

    private Object help(String topic) {
        terminal.writer().println(HelpMagic.help(topic, vocabulary.get(), magics, colour));
        return null;
    }

    private Object evaluateGroovy(String source) {
        ShellEngine e = engine();
        CompletableFuture<Future<Object>> cell = new CompletableFuture<>();
        // the handler goes in first: a Ctrl-C right after the cell starts must not be lost
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> cell.thenAccept(f -> f.cancel(true)));
        Future<Object> running = worker.submit(() -> e.evaluate(source));
        cell.complete(running);
        try {
            return running.get();
        } catch (CancellationException | InterruptedException cancelled) {
            if (cancelled instanceof InterruptedException) Thread.currentThread().interrupt();
            worker.shutdownNow();
            worker = newWorker(); // the old thread may still be stuck in the cell: leave it behind
            throw new CellCancelledException();
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
        }
    }

    /** The session engine, waiting for the background open and reopening it after settings changed. */
    private synchronized ShellEngine engine() {
        if (engine == null) openEngineInBackground();
        ShellEngine current;
        try {
            current = engine.join();
        } catch (RuntimeException e) {
            engine = null; // try again on the next cell
            throw e;
        }
        if (engineSettings != null && engineSettings.sessionDiffers(settings) && current.reconfigure(engineSettings, settings)) {
            engineSettings = settings;
        }
        if (engineSettings != null && engineSettings.sessionDiffers(settings)) {
            ShellEngine next = engines.open(settings, new WriterOutput(terminal::writer));
            copyVariables(current.binding(), next.binding());
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

    private synchronized void openEngineInBackground() {
        ShellSettings s = settings;
        engine = CompletableFuture.supplyAsync(() -> {
            ShellEngine e = engines.open(s, new WriterOutput(terminal::writer));
            Binding b = e.binding();
            b.setVariable("In", inputs);
            b.setVariable("out", terminal.writer()); // println goes to the terminal
            b.setVariable("Out", outputs);
            return e;
        }, command -> {
            Thread t = new Thread(command, "cachesh-session-open");
            t.setDaemon(true);
            t.start();
        });
        engineSettings = s;
    }

    @SuppressWarnings("unchecked")
    private static void copyVariables(Binding from, Binding to) {
        Map<String, Object> vars = new LinkedHashMap<>(from.getVariables());
        vars.forEach(to::setVariable);
    }

    private void show(int n, Object result) {
        outputs.put(n, result);
        ShellEngine e = engine();
        Binding b = e.binding();
        if (b.hasVariable("__")) b.setVariable("___", b.getVariable("__"));
        if (b.hasVariable("_")) b.setVariable("__", b.getVariable("_"));
        b.setVariable("_", result);
        String rendered;
        try {
            rendered = ResultRenderer.of(settings.output(), colour).render(result);
        } catch (RuntimeException err) {
            rendered = String.valueOf(result);
        }
        PrintWriter out = terminal.writer();
        String prefix = prompt("Out[" + n + "]: ", AttributedStyle.RED);
        if (rendered.contains("\n")) {
            out.println(prefix.stripTrailing());
            out.println(rendered);
        } else {
            out.println(prefix + rendered);
        }
        out.println();
    }

    private void printError(Throwable e) {
        PrintWriter out = terminal.writer();
        if (e instanceof CellCancelledException) {
            out.println(styled("cancelled", AttributedStyle.YELLOW));
            return;
        }
        if (debug) e.printStackTrace(out);
        out.println(styled("error: " + ErrorMessages.message(e), AttributedStyle.RED));
    }

    private String prompt(String text, int colourIndex) {
        return styled(text, colourIndex);
    }

    private String styled(String text, int colourIndex) {
        if (!colour) return text;
        return new AttributedString(text, AttributedStyle.DEFAULT.foreground(colourIndex)).toAnsi(terminal);
    }

    private Collection<String> variableNames() {
        CompletableFuture<ShellEngine> e = engine;
        if (e == null || !e.isDone() || e.isCompletedExceptionally()) return List.of();
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> vars = e.join().binding().getVariables();
            return new TreeSet<>(new ArrayList<>(vars.keySet()));
        } catch (RuntimeException ex) {
            return List.of();
        }
    }

    /** Names and ids of the instances held in session variables and earlier results. */
    private Collection<String> instanceRefs() {
        CompletableFuture<ShellEngine> e = engine;
        if (e == null || !e.isDone() || e.isCompletedExceptionally()) return List.of();
        java.util.Set<String> refs = new java.util.LinkedHashSet<>();
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> vars = new LinkedHashMap<>(e.join().binding().getVariables());
            List<Object> values = new ArrayList<>(vars.values());
            synchronized (outputs) {
                values.addAll(outputs.values());
            }
            for (Object v : values) {
                if (v instanceof Collection<?> c) c.forEach(item -> addInstance(item, refs));
                else addInstance(v, refs);
            }
        } catch (RuntimeException ex) {
            // completion must never fail the prompt
        }
        return refs;
    }

    private static void addInstance(Object value, java.util.Set<String> refs) {
        if (value == null || !"Instance".equals(value.getClass().getSimpleName())) return;
        io.cachesh.shell.render.Values.resultMap(value).ifPresent(m -> {
            if (m.get("name") != null) refs.add(String.valueOf(m.get("name")));
            if (m.get("id") != null) refs.add(String.valueOf(m.get("id")));
        });
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

    /** Closes the session (the embedded emulator belongs to whoever made the engine factory). */
    @Override
    public synchronized void close() {
        worker.shutdownNow();
        if (engine != null && engine.isDone() && !engine.isCompletedExceptionally()) {
            try {
                engine.join().close();
            } catch (RuntimeException ignored) {
                // closing anyway
            }
        }
    }

    /** Thrown when Ctrl-C cancels a running cell. */
    static final class CellCancelledException extends RuntimeException {
        CellCancelledException() {
            super("cancelled", null, false, false);
        }
    }

    private final class Context implements MagicContext {
        @Override
        public ShellSettings settings() {
            return settings;
        }

        @Override
        public void settings(ShellSettings next) {
            settings = Objects.requireNonNull(next, "settings == null");
        }

        @Override
        public Object evaluate(String source) {
            return evaluateCell(source);
        }

        @Override
        public Map<Integer, String> inputs() {
            return inputs;
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
            return terminal.writer();
        }

        @Override
        public boolean colour() {
            return colour;
        }
    }
}
