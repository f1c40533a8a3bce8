package io.cachesh.shell.magic;

import io.cachesh.shell.config.ShellSettings;
import io.cachesh.shell.repl.Vocabulary;
import java.io.PrintWriter;
import java.util.Map;

/** What magics may see and change in the REPL. */
public interface MagicContext {

    ShellSettings settings();

    /** Applies new settings; a new DSL session is opened on the next cell when the target changed. */
    void settings(ShellSettings settings);

    /** Evaluates a cell as if typed (magics included) and returns its result. */
    Object evaluate(String cell);

    /** The cells typed so far, by number. */
    Map<Integer, String> inputs();

    Vocabulary vocabulary();

    MagicRegistry magics();

    /** Where magics print (the terminal). */
    PrintWriter out();

    /** Whether output may use ANSI colour. */
    boolean colour();
}
