package io.cachesh.dsl;

/**
 * A user error in a DSL call: an unknown verb, argument or spec, a value out of range, an impossible combination.
 * The message is one line naming the verb, the argument and the allowed values, e.g.
 * {@code create: unknown spec 'redis.hA' (allowed: redis.standalone, redis.ha, redis.cluster, redis.rw, memcached)}.
 * Vendor errors are not wrapped: they surface as {@code io.cachesh.client.error.ApiException}.
 *
 * <p>When the error escapes a script, the session records where ({@link #getLine()}); {@link #getLocatedMessage()}
 * is the line the user sees: {@code scripts/x.groovy:12: create: ...} for a runbook, {@code line 3: create: ...} for a
 * cell. {@link #getMessage()} stays the bare message.
 */
public class DslException extends RuntimeException {

    private volatile String script;
    private volatile int line;

    public DslException(String message) {
        super(message);
    }

    public DslException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Records where the error happened, once (the innermost location wins); returns this. */
    public DslException at(String script, int line) {
        if (this.line <= 0 && line > 0) {
            this.script = script;
            this.line = line;
        }
        return this;
    }

    /** The line of the script that failed, 0 when unknown. */
    public int getLine() {
        return line;
    }

    /** The runbook file as the user named it, null for a cell or snippet (or when unknown). */
    public String getScriptName() {
        return script;
    }

    /** {@code file:line: message}, {@code line N: message}, or the message when the location is unknown. */
    public String getLocatedMessage() {
        if (line <= 0) return getMessage();
        return (script == null ? "line " + line : script + ":" + line) + ": " + getMessage();
    }
}
