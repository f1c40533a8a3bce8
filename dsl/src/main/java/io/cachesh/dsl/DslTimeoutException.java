package io.cachesh.dsl;

/** A wait ran out of time; the message names the instance or task, the target and the last status seen. */
public class DslTimeoutException extends DslException {

    public DslTimeoutException(String message) {
        super(message);
    }
}
