package io.cachesh.client.error;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

/** The call did not get an answer: connection refused, reset, timed out. The cause is the {@link IOException}. */
public class TransportException extends RuntimeException {

    private final String operation;

    public TransportException(String operation, String url, IOException cause) {
        super(operation + " to " + url + " failed: " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
        this.operation = operation;
    }

    public String operation() {
        return operation;
    }

    /** True when the request certainly never reached the server, so even a non-idempotent call may be repeated. */
    public boolean beforeSending() {
        Throwable cause = getCause();
        return cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof NoRouteToHostException;
    }
}
