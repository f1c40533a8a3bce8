package io.cachesh.client.error;

/**
 * The server answered something that is not the vendor's envelope (not JSON, no {@code Response} object, a
 * member of the wrong type). The message names the operation and quotes the start of the body.
 */
public class MalformedResponseException extends RuntimeException {

    public MalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
