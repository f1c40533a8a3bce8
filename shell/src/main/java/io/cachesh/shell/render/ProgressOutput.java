package io.cachesh.shell.render;

import io.cachesh.dsl.DslOutput;
import java.io.PrintWriter;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The shell's {@link DslOutput}. On a terminal (width > 0) fleet progress is a bar redrawn in place with a carriage
 * return, and the status lines of a wait ({@code create orders (crs-..): creating}) are one line updated in place
 * until the final {@code running after 1.2s}; info lines printed meanwhile go above the bar. Elsewhere (pipes, CI,
 * dumb terminals: width 0) every update is a plain line: {@code [3/12] label}.
 */
public final class ProgressOutput implements DslOutput {

    /** A wait's intermediate status: {@code <verb> <label>: <status>} without the final {@code after 1.2s}. */
    private static final Pattern WAIT_STATUS = Pattern.compile("^[a-z]+ [^:]+: [a-z_-]+$");

    private final Supplier<PrintWriter> writer;
    private final IntSupplier width;
    private String transientLine; // what is on the current line, not yet ended by a newline

    /**
     * @param writer where lines go (the terminal)
     * @param width  the terminal width, 0 when bars must not be drawn
     */
    public ProgressOutput(Supplier<PrintWriter> writer, IntSupplier width) {
        this.writer = writer;
        this.width = width;
    }

    private boolean interactive() {
        return width.getAsInt() > 0;
    }

    @Override
    public synchronized void info(String line) {
        PrintWriter w = writer.get();
        if (interactive() && WAIT_STATUS.matcher(line).matches() && !line.contains("\n")) {
            draw(w, cut(line));
            return;
        }
        clear(w);
        w.println(line);
        w.flush();
    }

    @Override
    public synchronized void warn(String line) {
        PrintWriter w = writer.get();
        clear(w);
        w.println("warning: " + line);
        w.flush();
    }

    @Override
    public synchronized void progress(int done, int total, String label) {
        PrintWriter w = writer.get();
        if (!interactive()) {
            w.println("[" + done + "/" + total + "] " + label);
            w.flush();
            return;
        }
        draw(w, ProgressBar.render(done, total, label, width.getAsInt()));
        if (total > 0 && done >= total) finish();
    }

    /** Ends a bar or status line left on the screen (the cell finished). */
    public synchronized void finish() {
        if (transientLine == null) return;
        PrintWriter w = writer.get();
        w.println();
        w.flush();
        transientLine = null;
    }

    private void draw(PrintWriter w, String line) {
        int pad = transientLine == null ? 0 : Math.max(0, transientLine.length() - line.length());
        w.print("\r" + line + " ".repeat(pad));
        if (pad > 0) w.print("\r" + line);
        w.flush();
        transientLine = line;
    }

    private void clear(PrintWriter w) {
        if (transientLine == null) return;
        w.print("\r" + " ".repeat(transientLine.length()) + "\r");
        transientLine = null;
    }

    private String cut(String line) {
        int max = Math.max(10, width.getAsInt() - 1);
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }
}
