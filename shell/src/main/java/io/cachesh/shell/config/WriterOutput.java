package io.cachesh.shell.config;

import io.cachesh.dsl.DslOutput;
import java.io.PrintWriter;
import java.util.function.Supplier;

/** DSL progress and warnings printed as lines on a writer (stderr for batch runs, the terminal in the REPL). */
public final class WriterOutput implements DslOutput {

    private final Supplier<PrintWriter> writer;

    public WriterOutput(Supplier<PrintWriter> writer) {
        this.writer = writer;
    }

    public WriterOutput(PrintWriter writer) {
        this(() -> writer);
    }

    @Override
    public void info(String message) {
        PrintWriter w = writer.get();
        w.println(message);
        w.flush();
    }

    @Override
    public void warn(String message) {
        PrintWriter w = writer.get();
        w.println("warning: " + message);
        w.flush();
    }
}
