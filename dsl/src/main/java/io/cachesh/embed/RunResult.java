package io.cachesh.embed;

import java.util.List;
import java.util.Optional;

/**
 * What a run of {@link Cachesh} gave: the script's value (its last expression or {@code return}), the exit status
 * (the same codes as the {@code cachesh} CLI, plus {@link #CANCELLED}), the lines the script printed through the
 * DSL's output ({@code info}, progress, {@code warning: ...}) and, when it failed, one error line.
 *
 * @param value      the script's value, null when it failed or returned nothing
 * @param exitStatus {@link #OK}, {@link #RUNTIME_ERROR}, {@link #USAGE_ERROR} or {@link #CANCELLED}
 * @param messages   the output lines of the run, then {@code error: ...} when it failed
 * @param error      the one-line error ({@code provision.groovy:3: create: capacity is required ...}), null on
 *                   success
 * @param cause      the exception behind {@code error}, null on success
 */
public record RunResult(Object value, int exitStatus, List<String> messages, String error, Throwable cause) {

    /** The script finished. */
    public static final int OK = 0;
    /** A vendor error, a wait that timed out, an exception of the script itself. */
    public static final int RUNTIME_ERROR = 1;
    /** A DSL mistake (unknown verb or argument, wrong value, instance not found) or a syntax error. */
    public static final int USAGE_ERROR = 2;
    /** Cancelled through its {@link CancellationToken} (128 + SIGINT, as a shell reports Ctrl-C). */
    public static final int CANCELLED = 130;

    public RunResult {
        messages = List.copyOf(messages);
    }

    public boolean succeeded() {
        return exitStatus == OK;
    }

    public boolean cancelled() {
        return exitStatus == CANCELLED;
    }

    /** The value, when the run succeeded. */
    public Optional<Object> valueIfSucceeded() {
        return succeeded() ? Optional.ofNullable(value) : Optional.empty();
    }

    @Override
    public String toString() {
        return "RunResult[exitStatus=" + exitStatus + (error == null ? ", value=" + value : ", error=" + error) + "]";
    }
}
