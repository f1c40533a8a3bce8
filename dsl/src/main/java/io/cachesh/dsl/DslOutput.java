package io.cachesh.dsl;

/**
 * Where the DSL writes progress and warnings. The default prints to stdout/stderr; the shell installs its own
 * (progress bars, colours). Implementations must be thread-safe.
 */
public interface DslOutput {

    /** Progress and information lines: "creating orders (crs-1a2b3c4d): creating", "dry-run: CreateInstances {...}". */
    void info(String line);

    /** Something the user should notice but that does not stop the run. */
    void warn(String line);

    /**
     * Progress of a multi-step run ({@code fleet { }}): {@code done} of {@code total} finished, {@code label} says
     * what finished last. Called from worker threads. The default prints {@code [3/12] label} as an info line; a
     * terminal front-end renders a progress bar instead.
     */
    default void progress(int done, int total, String label) {
        info("[" + done + "/" + total + "] " + label);
    }

    /** Prints to {@code System.out} / {@code System.err}. */
    DslOutput STDOUT = new DslOutput() {
        @Override
        public void info(String line) {
            System.out.println(line);
        }

        @Override
        public void warn(String line) {
            System.err.println("warning: " + line);
        }
    };

    /** Discards everything. */
    DslOutput SILENT = new DslOutput() {
        @Override
        public void info(String line) {
        }

        @Override
        public void warn(String line) {
        }
    };
}
