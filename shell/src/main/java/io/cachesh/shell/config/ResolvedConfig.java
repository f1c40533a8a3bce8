package io.cachesh.shell.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The effective configuration of one command: the settings, credentials and provider options, and for
 * {@code cachesh configure list} every value with its source. Built by {@link ConfigResolver}.
 *
 * @param profile     the profile in use ({@code default} unless {@code --profile} or {@code CACHESH_PROFILE})
 * @param settings    provider, region, endpoint, output and query
 * @param credentials credentials by provider (only providers that have them)
 * @param options     provider options by provider ({@code projectId}, {@code vdcId}...)
 * @param regions     the region of every provider (the selected one's is {@code settings.region()})
 * @param entries     every value and its source, secrets masked when shown
 */
public record ResolvedConfig(String profile, ShellSettings settings, Map<String, ResolvedCredentials> credentials,
                             Map<String, Map<String, String>> options, Map<String, String> regions,
                             List<ConfigValue> entries) {

    public ResolvedConfig {
        credentials = Map.copyOf(credentials);
        options = Map.copyOf(options);
        regions = Map.copyOf(regions);
        entries = List.copyOf(entries);
    }

    /** Credentials of the selected provider, or empty. */
    public Optional<ResolvedCredentials> selectedCredentials() {
        return credentialsOf(settings.provider());
    }

    public Optional<ResolvedCredentials> credentialsOf(String provider) {
        return Optional.ofNullable(credentials.get(provider));
    }

    public Map<String, String> optionsOf(String provider) {
        return options.getOrDefault(provider, Map.of());
    }

    public String regionOf(String provider) {
        return provider.equals(settings.provider()) ? settings.region()
                : regions.getOrDefault(provider, io.cachesh.dsl.ProviderSettings.defaultRegion(provider));
    }
}
