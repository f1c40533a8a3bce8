package io.cachesh.dsl;

/**
 * One mistake {@link RunbookChecker} found in a runbook, where it is.
 *
 * @param file    the file as the user named it ({@code scripts/x.groovy}), or {@code <script>} for text
 * @param line    1-based
 * @param column  1-based
 * @param message one line: {@code create: unknown argument 'capacty' (did you mean 'capacity'?)}
 */
public record RunbookProblem(String file, int line, int column, String message) {

    /** {@code file:line:col: message}. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
