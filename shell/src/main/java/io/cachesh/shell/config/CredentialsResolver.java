package io.cachesh.shell.config;

import io.cachesh.client.auth.Credentials;
import io.cachesh.client.auth.Secret;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Finds Tencent Cloud credentials: first the environment ({@code TENCENTCLOUD_SECRET_ID},
 * {@code TENCENTCLOUD_SECRET_KEY}, optional {@code TENCENTCLOUD_SESSION_TOKEN}), then the profile file
 * {@code ~/.cachesh/credentials}, a properties file:
 * <pre>
 * tencent.secretId=AKID...
 * tencent.secretKey=...
 * </pre>
 * The profile must not be readable by group or others; a file that is, is refused with a
 * {@link UsageException} that says how to fix it.
 */
public final class CredentialsResolver {

    public static final String ENV_SECRET_ID = "TENCENTCLOUD_SECRET_ID";
    public static final String ENV_SECRET_KEY = "TENCENTCLOUD_SECRET_KEY";
    public static final String ENV_TOKEN = "TENCENTCLOUD_SESSION_TOKEN";
    /** The provider whose credentials are read. */
    public static final String PROVIDER = "tencent";

    private static final Set<PosixFilePermission> TOO_OPEN = Set.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Map<String, String> env;
    private final Path profile;

    public CredentialsResolver(Map<String, String> env, Path profile) {
        this.env = Map.copyOf(env);
        this.profile = profile;
    }

    /** The profile file under a home directory: {@code <home>/.cachesh/credentials}. */
    public static Path profileIn(Path home) {
        return home.resolve(".cachesh").resolve("credentials");
    }

    /** Credentials for a provider, or empty when none are configured. Only Tencent credentials are read today. */
    public Optional<ResolvedCredentials> resolve(String provider) {
        if (!PROVIDER.equals(provider)) {
            // no credentials are read for these yet: the embedded emulator serves them
            if (provider.equals("huawei") || provider.equals("capitalonline")) return Optional.empty();
            throw new UsageException("unknown provider '" + provider + "' (known: tencent, huawei, capitalonline)");
        }
        String id = blankToNull(env.get(ENV_SECRET_ID));
        String key = blankToNull(env.get(ENV_SECRET_KEY));
        if (id != null && key != null) {
            String token = blankToNull(env.get(ENV_TOKEN));
            return Optional.of(new ResolvedCredentials(
                    new Credentials(id, Secret.of(key), token == null ? null : Secret.of(token)),
                    "environment (" + ENV_SECRET_ID + ")"));
        }
        if (id != null || key != null) {
            throw new UsageException("set both " + ENV_SECRET_ID + " and " + ENV_SECRET_KEY + " (only "
                    + (id != null ? ENV_SECRET_ID : ENV_SECRET_KEY) + " is set)");
        }
        return fromProfile(provider);
    }

    private Optional<ResolvedCredentials> fromProfile(String provider) {
        if (profile == null || !Files.isRegularFile(profile)) return Optional.empty();
        checkPermissions();
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(profile, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + profile, e);
        }
        String id = blankToNull(first(props, provider + ".secretId", "secretId", ENV_SECRET_ID));
        String key = blankToNull(first(props, provider + ".secretKey", "secretKey", ENV_SECRET_KEY));
        if (id == null && key == null) return Optional.empty();
        if (id == null || key == null) {
            throw new UsageException(profile + " must set both " + provider + ".secretId and " + provider + ".secretKey");
        }
        String token = blankToNull(first(props, provider + ".token", "token"));
        return Optional.of(new ResolvedCredentials(
                new Credentials(id, Secret.of(key), token == null ? null : Secret.of(token)), "profile " + profile));
    }

    private void checkPermissions() {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(profile);
        } catch (UnsupportedOperationException e) {
            return; // not a POSIX file system: nothing to check
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + profile, e);
        }
        for (PosixFilePermission p : perms) {
            if (TOO_OPEN.contains(p)) {
                throw new UsageException(profile + " is readable by other users (mode "
                        + PosixFilePermissions.toString(perms) + "): run chmod 600 " + profile);
            }
        }
    }

    private static String first(Properties props, String... keys) {
        for (String k : keys) {
            String v = props.getProperty(k);
            if (v != null) return v.trim();
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
