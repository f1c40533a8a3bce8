package io.cachesh.dsl;

/**
 * {@code fail 'message'} in a runbook: the runbook ran and decided the run failed (an instance failed a check, a
 * threshold was crossed). {@code cachesh run} still prints what the runbook gave to {@code output}, then the
 * message on stderr, and exits with {@link #exitCode()} ({@value #DEFAULT_EXIT_CODE} unless the runbook chose
 * another, 3-125), so a pipeline can tell it from a vendor error (1) or a usage error (2).
 */
public final class RunbookFailedException extends RuntimeException {

    public static final int DEFAULT_EXIT_CODE = 3;

    private final int exitCode;
    private final transient Object output;

    public RunbookFailedException(String message, int exitCode, Object output) {
        super(message, null, false, false);
        if (exitCode < 3 || exitCode > 125) {
            throw new DslException("fail: exitCode must be 3-125 (0-2 are cachesh's own), got " + exitCode);
        }
        this.exitCode = exitCode;
        this.output = output;
    }

    public int exitCode() {
        return exitCode;
    }

    /** What the runbook gave to {@code output} before failing, or null. */
    public Object output() {
        return output;
    }
}
