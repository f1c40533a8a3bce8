package io.cachesh.shell.repl;

import io.cachesh.shell.config.EmulatorControl;
import io.cachesh.shell.config.EngineFactory;
import io.cachesh.shell.config.ShellSettings;
import io.cachesh.shell.render.ErrorMessages;
import io.cachesh.shell.render.ProgressOutput;
import io.cachesh.shell.render.ResultRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
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
 * ({@link CacheshCompleter}), syntax highlighting ({@link CacheshHighlighter}), magics, a history file with secrets
 * masked ({@link MaskingHistory}), progress bars ({@link ProgressOutput}). The cells themselves are a
 * {@link CellSession} (shared with the Jupyter kernel): Ctrl-C cancels the running cell (or the line being typed)
 * and the shell goes on; Ctrl-D exits. The DSL session opens on a background thread while the first line is typed.
 */
public final class Repl implements AutoCloseable {

    private final Terminal terminal;
    private final Path historyFile;
    private final boolean colour;
    private final boolean debug;
    private final ProgressOutput progress;
    private final CellSession cells;
    private final InstanceCache instanceCache;
    private LineReader reader;
    private boolean echoInput;

    /**
     * @param terminal    the terminal (a {@code DumbTerminal} in tests)
     * @param settings    initial provider, region, output...
     * @param engines     opens DSL sessions
     * @param vocabulary  verbs, specs and models for completion and help (memoized here)
     * @param historyFile where history is kept, null for none
     * @param colour      whether to use ANSI colour (also: highlighting and progress bars)
     * @param debug       print stack traces of failed cells
     */
    public Repl(Terminal terminal, ShellSettings settings, EngineFactory engines, Supplier<Vocabulary> vocabulary,
                Path historyFile, boolean colour, boolean debug) {
        this.terminal = Objects.requireNonNull(terminal, "terminal == null");
        this.historyFile = historyFile;
        this.colour = colour;
        this.debug = debug;
        this.progress = new ProgressOutput(terminal::writer, colour ? terminal::getWidth : () -> 0);
        this.cells = new CellSession(settings, engines, vocabulary, terminal::writer, progress, colour);
        this.instanceCache = new InstanceCache(cells::clientConfig, () -> cells.settings().provider());
    }

    /** Enables {@code %emulator start|stop|status}. */
    public Repl emulator(EmulatorControl control) {
        cells.emulator(control);
        return this;
    }

    /** Where {@code %load}, {@code %run}, {@code %save} and file completion resolve relative paths. */
    public Repl workingDirectory(Path dir) {
        cells.workingDirectory(dir);
        return this;
    }

    /**
     * Echo each cell after its prompt, for input that the terminal does not echo (piped stdin): the output
     * then reads like a notebook.
     */
    public Repl echoInput(boolean echo) {
        this.echoInput = echo;
        return this;
    }

    /** The cells behind this REPL. */
    public CellSession cells() {
        return cells;
    }

    /** Prints the banner lines and reads cells until Ctrl-D or {@code exit}; returns the exit code (0). */
    public int run(List<String> banner) {
        cells.openInBackground();
        Thread warm = new Thread(() -> {
            try {
                cells.vocabulary(); // models for completion and highlighting, before the first TAB
            } catch (RuntimeException | LinkageError ignored) {
                // completion reports it later
            }
        }, "cachesh-vocabulary");
        warm.setDaemon(true);
        warm.start();
        reader = buildReader();
        PrintWriter out = terminal.writer();
        for (String line : banner) out.println(line);
        out.flush();
        while (true) {
            String source;
            String buffer = cells.takeNextInput();
            int n = cells.nextCellNumber();
            try {
                source = reader.readLine(prompt("In [" + n + "]: ", AttributedStyle.GREEN), null, (org.jline.reader.MaskingCallback) null, buffer);
            } catch (UserInterruptException e) {
                continue; // Ctrl-C on the prompt: drop the line
            } catch (EndOfFileException e) {
                out.println();
                break;
            }
            if (echoInput) echo(source, n, buffer);
            String trimmed = source.strip();
            if (trimmed.isEmpty()) continue;
            if (trimmed.equals("exit") || trimmed.equals("quit")) break;
            CellSession.Outcome outcome = evaluate(source);
            progress.finish();
            if (outcome.failed()) printError(outcome.error());
            else if (outcome.result() != null) show(outcome.number(), outcome.result());
            out.flush();
            if (!trimmed.startsWith("%") && !trimmed.startsWith("?")) instanceCache.refreshAfterCell();
        }
        saveHistory();
        return 0;
    }

    private CellSession.Outcome evaluate(String source) {
        // the handler goes in first: a Ctrl-C right after the cell starts must not be lost
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> cells.cancel());
        try {
            return cells.execute(source);
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
        }
    }

    private void echo(String source, int n, String buffer) {
        PrintWriter out = terminal.writer();
        // a dumb terminal shows a pre-filled buffer (%load) itself: echo only what was typed after it
        String shown = buffer != null && source.startsWith(buffer) ? source.substring(buffer.length()) : source;
        if (buffer != null) {
            out.println();
            if (shown.isEmpty()) return;
        }
        String[] lines = shown.split("\n", -1);
        String pad = " ".repeat(Math.max(0, ("In [" + n + "]: ").length() - "...: ".length()));
        out.println(lines[0]);
        for (int i = 1; i < lines.length; i++) out.println(pad + "...: " + lines[i]);
    }

    private LineReader buildReader() {
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("cachesh")
                .parser(new CellParser())
                .completer(new CacheshCompleter(cells.vocabularySupplier(), cells::variableNames, cells.magics()::usages)
                        .instances(this::instanceRefs)
                        .zones(instanceCache::zones)
                        .files(cells::workingDirectory))
                .highlighter(new CacheshHighlighter(cells.vocabularySupplier(), colour))
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

    /** Instances held in variables and results, and those the background refresh found at the provider. */
    private java.util.Collection<String> instanceRefs() {
        java.util.Set<String> refs = new java.util.LinkedHashSet<>(cells.instanceRefs());
        refs.addAll(instanceCache.instances());
        return refs;
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

    /** Evaluates one cell (for tests): a magic, {@code ?topic}/{@code help topic}, or Groovy on the worker thread. */
    Object evaluateCell(String source) {
        return cells.evaluateCell(source);
    }

    private void show(int n, Object result) {
        String rendered;
        try {
            rendered = ResultRenderer.render(result, cells.settings().output(), cells.settings().query(), colour);
        } catch (io.cachesh.shell.config.UsageException bad) {
            terminal.writer().println("error: " + bad.getMessage()); // a --query/%query that fails on this result
            terminal.writer().flush();
            return;
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
        if (e instanceof CellSession.CellCancelledException) {
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

    /** Closes the session (the embedded emulator belongs to whoever made the engine factory). */
    @Override
    public void close() {
        instanceCache.close();
        cells.close();
    }
}
