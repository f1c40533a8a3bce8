package io.cachesh.shell.config;

import io.cachesh.client.auth.Credentials;
import java.util.Objects;

/** Credentials and where they came from (for the banner; never the secret itself). */
public record ResolvedCredentials(Credentials credentials, String source) {

    public ResolvedCredentials {
        Objects.requireNonNull(credentials, "credentials == null");
        Objects.requireNonNull(source, "source == null");
    }
}
