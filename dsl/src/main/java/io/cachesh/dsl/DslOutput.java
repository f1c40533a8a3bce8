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
