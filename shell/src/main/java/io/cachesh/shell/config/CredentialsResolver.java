package io.cachesh.shell.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a provider's credentials with no command-line overrides: the environment (the vendor's variables, e.g.
 * {@code TENCENTCLOUD_SECRET_ID}/{@code TENCENTCLOUD_SECRET_KEY}/{@code TENCENTCLOUD_SESSION_TOKEN}), then the
 * profile ({@code CACHESH_PROFILE} or {@code default}) of {@code ~/.cachesh/credentials}. A shortcut over
 * {@link ConfigResolver}, which also takes {@code --profile} and the credential flags.
 */
public final class CredentialsResolver {

    public static final String ENV_SECRET_ID = VendorKeys.TENCENT.envId();
    public static final String ENV_SECRET_KEY = VendorKeys.TENCENT.envSecret();
    public static final String ENV_TOKEN = VendorKeys.TENCENT.envToken().get(0);

    private final ConfigResolver resolver;

    private CredentialsResolver(ConfigResolver resolver) {
        this.resolver = resolver;
    }

    /** A resolver with only a credentials file (no config file). */
    public CredentialsResolver(Map<String, String> env, Path credentialsFile) {
        this(new ConfigResolver(env, new ProfileFiles(null, credentialsFile, null)));
    }

    /** A resolver of both profile files. */
    public static CredentialsResolver of(Map<String, String> env, ProfileFiles files) {
        return new CredentialsResolver(new ConfigResolver(env, files));
    }

    /** The credentials file under a home directory: {@code <home>/.cachesh/credentials}. */
    public static Path profileIn(Path home) {
        return ProfileFiles.in(home).credentials();
    }

    /** Credentials for a provider, or empty when none are configured. */
    public Optional<ResolvedCredentials> resolve(String provider) {
        VendorKeys.require(provider);
        return resolver.resolve(ConfigOverrides.NONE.withProvider(provider)).credentialsOf(provider);
    }
}
