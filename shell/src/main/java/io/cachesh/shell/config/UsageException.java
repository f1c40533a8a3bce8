package io.cachesh.shell.config;

/** A user mistake in how the shell was invoked or configured: one line, exit code 2. */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
