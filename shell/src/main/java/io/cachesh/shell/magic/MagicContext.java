package io.cachesh.shell.magic;

import io.cachesh.shell.config.EmulatorControl;
import io.cachesh.shell.config.ShellSettings;
import io.cachesh.shell.repl.ShellEngine;
import io.cachesh.shell.repl.Vocabulary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** What magics may see and change in the REPL (or the Jupyter kernel). */
public interface MagicContext {

    ShellSettings settings();

    /** Applies new settings; a new DSL session is opened on the next cell when the target changed. */
    void settings(ShellSettings settings);

    /** Evaluates a cell as if typed (magics included) and returns its result. */
    Object evaluate(String cell);

    /** Runs a task on the cell worker thread, so that Ctrl-C / a kernel interrupt cancels it. */
    Object onWorker(Callable<Object> task);

    /** The cells typed so far, by number. */
    Map<Integer, String> inputs();

    /** The results so far, by cell number. */
    Map<Integer, Object> outputs();

    /** Sources of the cells that ran without error, in order. */
    List<String> successfulCells();

    Vocabulary vocabulary();

    MagicRegistry magics();

    /** Where magics print (the terminal). */
    PrintWriter out();

    /** Whether output may use ANSI colour. */
    boolean colour();

    /** The DSL session (waits for it to open). */
    ShellEngine engine();

    /** Variables the cells bound (name to value, sorted by name). */
    Map<String, Object> userVariables();

    /** Forgets the user's variables, {@code In}, {@code Out} and {@code _}; the session (connection) stays. */
    void reset();

    /** Puts text into the next input buffer ({@code %load}). */
    void nextInput(String text);

    /** The embedded emulator, when the shell has one. */
    Optional<EmulatorControl> emulator();

    /** Opens a new DSL session on the next cell (variables are kept). */
    void reopenSession();

    /** A path as typed ({@code ~/x}, relative) resolved against the shell's working directory. */
    Path resolve(String path);

    /** The JShell of {@code %java} cells (created on first use). */
    JShellCells java();
}
