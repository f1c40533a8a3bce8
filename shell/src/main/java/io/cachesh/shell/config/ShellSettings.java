package io.cachesh.shell.config;

import io.cachesh.shell.render.Query;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a session talks to and how results print.
 *
 * @param provider    {@code tencent}
 * @param region      region id, {@code ap-guangzhou} by default
 * @param endpoint    endpoint override ({@code http://127.0.0.1:9000}), null for the vendor's own
 * @param dryRun      when true the DSL prints what it would change instead of changing it
 * @param output      how results print
 * @param waitTimeout how long {@code wait: true} waits
 * @param query       the {@code --query} applied to results before they print, or empty
 */
public record ShellSettings(String provider, String region, String endpoint, boolean dryRun, OutputFormat output,
                            Duration waitTimeout, Optional<Query> query) {

    public static final String DEFAULT_PROVIDER = "tencent";
    public static final String DEFAULT_REGION = "ap-guangzhou";
    public static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofMinutes(10);

    public ShellSettings {
        Objects.requireNonNull(provider, "provider == null");
        Objects.requireNonNull(region, "region == null");
        Objects.requireNonNull(output, "output == null");
        Objects.requireNonNull(waitTimeout, "waitTimeout == null");
        if (query == null) query = Optional.empty();
    }

    /** Settings without a query. */
    public ShellSettings(String provider, String region, String endpoint, boolean dryRun, OutputFormat output,
                         Duration waitTimeout) {
        this(provider, region, endpoint, dryRun, output, waitTimeout, Optional.empty());
    }

    public static ShellSettings defaults() {
        return new ShellSettings(DEFAULT_PROVIDER, DEFAULT_REGION, null, false, OutputFormat.TABLE, DEFAULT_WAIT_TIMEOUT);
    }

    public ShellSettings withProvider(String value) {
        return new ShellSettings(value, region, endpoint, dryRun, output, waitTimeout, query);
    }

    public ShellSettings withRegion(String value) {
        return new ShellSettings(provider, value, endpoint, dryRun, output, waitTimeout, query);
    }

    public ShellSettings withEndpoint(String value) {
        return new ShellSettings(provider, region, value, dryRun, output, waitTimeout, query);
    }

    public ShellSettings withDryRun(boolean value) {
        return new ShellSettings(provider, region, endpoint, value, output, waitTimeout, query);
    }

    public ShellSettings withOutput(OutputFormat value) {
        return new ShellSettings(provider, region, endpoint, dryRun, value, waitTimeout, query);
    }

    public ShellSettings withQuery(Optional<Query> value) {
        return new ShellSettings(provider, region, endpoint, dryRun, output, waitTimeout, value);
    }

    /** True when a session built for {@code other} would differ from one built for these settings. */
    public boolean sessionDiffers(ShellSettings other) {
        return !provider.equals(other.provider) || !region.equals(other.region)
                || !Objects.equals(endpoint, other.endpoint) || dryRun != other.dryRun
                || !waitTimeout.equals(other.waitTimeout);
    }
}
