package io.cachesh.shell.config;

import io.cachesh.dsl.ProviderSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Changes one profile of {@code ~/.cachesh/config} and {@code ~/.cachesh/credentials} and saves both (atomically,
 * mode 600): what {@code cachesh configure} does once it knows the values. The provider being configured gets its
 * region, options and key pair; the profile's {@code provider} is set only when it has none yet (so adding Huawei keys
 * to a Tencent profile keeps Tencent the default) or on request. Secrets go to the credentials file only.
 */
public final class ProfileEditor {

    private final ProfileFiles files;
    private final String profile;
    private final IniFile config;
    private final IniFile credentials;
    private final boolean legacyCredentials;

    public ProfileEditor(ProfileFiles files, String profile) {
        if (!IniFile.validName(profile)) {
            throw new UsageException("bad profile name '" + profile + "': use letters, digits, '-', '_' or '.'");
        }
        this.files = files;
        this.profile = profile;
        this.config = files.readConfig();
        this.credentials = files.readCredentials();
        this.legacyCredentials = credentials.headerless();
    }

    public String profile() {
        return profile;
    }

    /** The profile's default provider, or empty when it has none. */
    public Optional<String> defaultProvider() {
        return config.get(profile, "provider");
    }

    /** A current value of the config file's profile. */
    public Optional<String> setting(String key) {
        return config.get(profile, key);
    }

    /** A current value of the credentials file's profile. */
    public Optional<String> credential(String key) {
        return credentials.get(profile, key);
    }

    /** The config key of {@code provider}'s region: {@code region} for the profile's provider, else {@code huawei_region}. */
    public String regionKey(VendorKeys provider) {
        return provider.provider().equals(defaultProvider().orElse(ShellSettings.DEFAULT_PROVIDER))
                ? "region" : provider.fileRegion();
    }

    /** The profile's region of {@code provider} as the resolver would read it, or the provider's default. */
    public String currentRegion(VendorKeys provider) {
        return setting(provider.fileRegion()).or(() -> provider.provider().equals(
                        defaultProvider().orElse(ShellSettings.DEFAULT_PROVIDER)) ? setting("region") : Optional.empty())
                .orElse(ProviderSettings.defaultRegion(provider.provider()));
    }

    /** Makes {@code provider} the profile's default; its previous default's {@code region} moves to {@code <old>_region}. */
    public void setDefaultProvider(VendorKeys provider) {
        String old = defaultProvider().orElse(ShellSettings.DEFAULT_PROVIDER);
        if (!old.equals(provider.provider())) {
            Optional<String> oldRegion = setting("region");
            VendorKeys oldKeys = VendorKeys.of(old).orElse(null);
            if (oldRegion.isPresent() && oldKeys != null && setting(oldKeys.fileRegion()).isEmpty()) {
                config.set(profile, oldKeys.fileRegion(), oldRegion.get());
            }
            config.set(profile, "region", setting(provider.fileRegion()).orElse(null));
            config.set(profile, provider.fileRegion(), null);
        }
        config.set(profile, "provider", provider.provider());
    }

    /** Sets (null: removes) one setting, checking its key and value. */
    public void set(String key, String value) {
        if (VendorKeys.isSecretKey(key) || isKeyId(key)) {
            throw new UsageException(key + " is a credential: give it with --secret-id/--secret-key/--token (or "
                    + "interactively), not --set");
        }
        switch (key) {
            case "provider" -> {
                if (value == null) throw new UsageException("provider cannot be removed: set another one");
                setDefaultProvider(VendorKeys.require(value));
                return;
            }
            case "output" -> {
                if (value != null) value = OutputFormat.parse(value).toString();
            }
            case "region", "endpoint" -> {
            }
            default -> {
                if (!knownKey(key)) {
                    throw new UsageException("unknown setting '" + key + "': use one of " + String.join(", ", knownKeys()));
                }
            }
        }
        if (value != null && value.isBlank()) value = null;
        if (value != null && ("region".equals(key) || key.endsWith("_region")) && !value.matches("[A-Za-z0-9_-]+")) {
            throw new UsageException("bad region '" + value + "' for " + key + ": a region id such as ap-guangzhou or cn-north-4");
        }
        config.set(profile, key, value);
    }

    /** Sets the key pair (and token; null removes it) of {@code provider}. */
    public void setKeys(VendorKeys provider, String keyId, String secret, String token) {
        if (keyId == null || keyId.isBlank() || secret == null || secret.isBlank()) {
            throw new UsageException(provider.provider() + " needs both " + provider.idLabel() + " and " + provider.secretLabel());
        }
        if (token != null && !provider.supportsToken()) {
            throw new UsageException(provider.provider() + " has no temporary credentials: drop the token");
        }
        credentials.set(profile, provider.fileId(), keyId.strip());
        credentials.set(profile, provider.fileSecret(), secret.strip());
        if (provider.supportsToken()) credentials.set(profile, provider.fileToken(), token == null || token.isBlank() ? null : token.strip());
    }

    /** Writes both files; returns what to tell the user (one line each). */
    public List<String> save() {
        List<String> notes = new ArrayList<>();
        if (!config.hasProfile(profile) && !credentials.hasProfile(profile)) config.set(profile, "provider", ShellSettings.DEFAULT_PROVIDER);
        files.writeConfig(config);
        files.writeCredentials(credentials);
        if (legacyCredentials) {
            notes.add("migrated " + files.display(files.credentials()) + " to the INI format ([default] section)");
        }
        notes.add("profile '" + profile + "' written to " + files.display(files.config()) + " and "
                + files.display(files.credentials()) + " (mode 600)");
        return notes;
    }

    private static boolean isKeyId(String key) {
        for (VendorKeys v : VendorKeys.values()) if (key.equals(v.fileId())) return true;
        return false;
    }

    private static boolean knownKey(String key) {
        return knownKeys().contains(key);
    }

    /** The keys {@code --set} accepts. */
    public static List<String> knownKeys() {
        List<String> keys = new ArrayList<>(List.of("provider", "region", "output", "endpoint"));
        for (VendorKeys v : VendorKeys.values()) {
            keys.add(v.fileRegion());
            for (String o : v.options()) keys.add(v.fileOption(o));
        }
        return keys;
    }
}
