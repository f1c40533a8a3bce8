package io.cachesh.shell.config;

import io.cachesh.client.auth.Credentials;
import io.cachesh.client.auth.Secret;
import io.cachesh.dsl.ProviderSettings;
import io.cachesh.shell.render.Query;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Works out the effective configuration: for every value the command line wins over the environment, which wins over
 * the profile ({@code ~/.cachesh/config} and {@code ~/.cachesh/credentials}), which wins over the defaults. The
 * environment uses the vendors' own variable names ({@link VendorKeys}); the profile is {@code --profile}, else
 * {@code CACHESH_PROFILE}, else {@code default}. A key pair is taken whole from one place (with its token), never
 * half from one and half from another. Every mistake is one {@link UsageException} line saying what to do.
 */
public final class ConfigResolver {

    public static final String ENV_PROFILE = "CACHESH_PROFILE";
    static final String DEFAULT_SOURCE = "default";

    private final Map<String, String> env;
    private final ProfileFiles files;

    public ConfigResolver(Map<String, String> env, ProfileFiles files) {
        this.env = Map.copyOf(env);
        this.files = files;
    }

    /** A value and its source while resolving. */
    private record Found(String value, String source) {
    }

    public ResolvedConfig resolve(ConfigOverrides cli) {
        if (cli == null) cli = ConfigOverrides.NONE;
        List<ConfigValue> entries = new ArrayList<>();
        Found profile = first(flag(cli.profile(), "--profile"), env(ENV_PROFILE), new Found(IniFile.DEFAULT, DEFAULT_SOURCE));
        String name = profile.value().strip();
        if (!IniFile.validName(name)) {
            throw new UsageException("bad profile name '" + name + "' (from " + profile.source()
                    + "): use letters, digits, '-', '_' or '.'");
        }
        IniFile config = files.readConfig();
        IniFile credentials = files.readCredentials();
        if (!IniFile.DEFAULT.equals(name) && !config.hasProfile(name) && !credentials.hasProfile(name)) {
            throw new UsageException(unknownProfile(name, profile.source(), config, credentials));
        }
        refuseSecretsIn(config);
        entries.add(new ConfigValue("profile", name, profile.source(), ConfigValue.Kind.PLAIN));
        Map<String, String> settingsOf = config.entries(name);
        Map<String, String> keysOf = credentials.entries(name);
        String configSource = files.display(files.config()) + " [" + (IniFile.DEFAULT.equals(name) ? name : "profile " + name) + "]";
        String credentialsSource = files.display(files.credentials()) + " [" + name + "]";

        Found provider = first(flag(cli.provider(), "--provider"), file(settingsOf, "provider", configSource),
                new Found(ShellSettings.DEFAULT_PROVIDER, DEFAULT_SOURCE));
        VendorKeys selected = VendorKeys.of(provider.value()).orElseThrow(() -> new UsageException(
                "unknown provider '" + provider.value() + "' (from " + provider.source() + "): use one of "
                        + VendorKeys.names()));
        entries.add(new ConfigValue("provider", provider.value(), provider.source(), ConfigValue.Kind.PLAIN));
        String profileProvider = settingsOf.getOrDefault("provider", ShellSettings.DEFAULT_PROVIDER);

        Map<String, String> regions = new LinkedHashMap<>();
        Found region = null;
        for (VendorKeys v : VendorKeys.values()) {
            Found r = first(v == selected ? flag(cli.region(), "--region") : null, env(v.envRegion()),
                    file(settingsOf, v.fileRegion(), configSource),
                    v.provider().equals(profileProvider) ? file(settingsOf, "region", configSource) : null,
                    new Found(ProviderSettings.defaultRegion(v.provider()), DEFAULT_SOURCE));
            regions.put(v.provider(), r.value());
            if (v == selected) region = r;
        }
        entries.add(new ConfigValue("region", region.value(), region.source(), ConfigValue.Kind.PLAIN));

        Found output = first(flag(cli.output(), "--output"), file(settingsOf, "output", configSource),
                new Found(OutputFormat.TABLE.toString(), DEFAULT_SOURCE));
        OutputFormat format = parseOutput(output);
        entries.add(new ConfigValue("output", format.toString(), output.source(), ConfigValue.Kind.PLAIN));
        Found endpoint = first(flag(cli.endpoint(), "--endpoint"), file(settingsOf, "endpoint", configSource));
        entries.add(new ConfigValue("endpoint", endpoint == null ? null : endpoint.value(),
                endpoint == null ? "-" : endpoint.source(), ConfigValue.Kind.PLAIN));
        Optional<Query> query = cli.query() == null ? Optional.empty() : Optional.of(Query.parse(cli.query()));

        if (cli.hasCredentialFlags() && cli.token() != null && !selected.supportsToken()) {
            throw new UsageException(selected.provider() + " has no temporary credentials: drop --token");
        }
        Map<String, ResolvedCredentials> creds = new LinkedHashMap<>();
        Map<String, Map<String, String>> options = new LinkedHashMap<>();
        for (VendorKeys v : VendorKeys.values()) {
            Optional<KeyPair> pair = keyPair(v, v == selected ? cli : ConfigOverrides.NONE, keysOf, credentialsSource, name);
            pair.ifPresent(p -> creds.put(v.provider(), new ResolvedCredentials(p.credentials(), p.source())));
            if (v == selected || pair.isPresent()) {
                entries.add(new ConfigValue(v.provider() + " " + v.idLabel(), pair.map(p -> p.credentials().keyId()).orElse(null),
                        pair.map(KeyPair::source).orElse("-"), ConfigValue.Kind.KEY_ID));
                entries.add(new ConfigValue(v.provider() + " " + v.secretLabel(),
                        pair.map(p -> p.credentials().secret().reveal()).orElse(null),
                        pair.map(KeyPair::source).orElse("-"), ConfigValue.Kind.SECRET));
                if (v.supportsToken() && pair.isPresent() && pair.get().credentials().token() != null) {
                    entries.add(new ConfigValue(v.provider() + " token", pair.get().credentials().token().reveal(),
                            pair.get().source(), ConfigValue.Kind.SECRET));
                }
            }
            Map<String, String> opts = new LinkedHashMap<>();
            for (String option : v.options()) {
                Found o = first(env(v.envOption(option)), file(settingsOf, v.fileOption(option), configSource));
                if (o == null) continue;
                opts.put(option, o.value());
                entries.add(new ConfigValue(v.provider() + " " + option, o.value(), o.source(), ConfigValue.Kind.PLAIN));
            }
            if (!opts.isEmpty()) options.put(v.provider(), opts);
        }
        ShellSettings settings = new ShellSettings(selected.provider(), region.value(),
                endpoint == null ? null : endpoint.value(), false, format, ShellSettings.DEFAULT_WAIT_TIMEOUT, query);
        return new ResolvedConfig(name, settings, creds, options, regions, entries);
    }

    /** The format; a bad one from a profile says which file and profile hold it. */
    private static OutputFormat parseOutput(Found output) {
        try {
            return OutputFormat.parse(output.value());
        } catch (UsageException e) {
            if ("--output".equals(output.source())) throw e;
            throw new UsageException(e.getMessage() + " (in " + output.source() + ")");
        }
    }

    private String unknownProfile(String name, String source, IniFile config, IniFile credentials) {
        Set<String> known = new LinkedHashSet<>(config.profiles());
        known.addAll(credentials.profiles());
        return "unknown profile '" + name + "' (from " + source + "; "
                + (known.isEmpty() ? "no profiles are configured" : "configured: " + String.join(", ", known))
                + "): run cachesh configure --profile " + name;
    }

    private void refuseSecretsIn(IniFile config) {
        for (String p : config.profiles()) {
            for (String key : config.entries(p).keySet()) {
                if (VendorKeys.isSecretKey(key)) {
                    throw new UsageException(config.displayName() + " [" + p + "] holds the secret " + key
                            + ": move it to " + files.display(files.credentials()) + " (mode 600), e.g. with cachesh configure"
                            + (IniFile.DEFAULT.equals(p) ? "" : " --profile " + p));
                }
            }
        }
    }

    private record KeyPair(Credentials credentials, String source) {
    }

    /** The first place (flags, environment, profile) that has any part of the pair; it must have both halves. */
    private Optional<KeyPair> keyPair(VendorKeys v, ConfigOverrides cli, Map<String, String> profile, String profileSource,
                                      String profileName) {
        if (cli.hasCredentialFlags()) {
            return Optional.of(pair(cli.secretId(), cli.secretKey(), cli.token(), "--secret-id", "--secret-key",
                    "--secret-id/--secret-key", "give both --secret-id and --secret-key"));
        }
        String envId = blank(env.get(v.envId()));
        String envKey = blank(env.get(v.envSecret()));
        if (envId != null || envKey != null) {
            String token = null;
            for (String t : v.envToken()) {
                token = blank(env.get(t));
                if (token != null) break;
            }
            return Optional.of(pair(envId, envKey, token, v.envId(), v.envSecret(), "env " + v.envId(),
                    "set both " + v.envId() + " and " + v.envSecret()));
        }
        String id = blank(profile.get(v.fileId()));
        String key = blank(profile.get(v.fileSecret()));
        String token = v.fileToken() == null ? null : blank(profile.get(v.fileToken()));
        if (id == null && key == null) {
            if (token != null) {
                throw new UsageException(profileSource + " sets " + v.fileToken() + " without " + v.fileId() + " and "
                        + v.fileSecret() + ": run cachesh configure" + profileFlag(profileName));
            }
            return Optional.empty();
        }
        if (id == null || key == null) {
            throw new UsageException(profileSource + " sets " + (id != null ? v.fileId() : v.fileSecret()) + " but not "
                    + (id != null ? v.fileSecret() : v.fileId()) + ": run cachesh configure" + profileFlag(profileName));
        }
        return Optional.of(pair(id, key, token, v.fileId(), v.fileSecret(), profileSource, ""));
    }

    private static String profileFlag(String profile) {
        return IniFile.DEFAULT.equals(profile) ? "" : " --profile " + profile;
    }

    private static KeyPair pair(String id, String key, String token, String idName, String keyName, String source,
                                String fixBoth) {
        if (id == null || key == null) {
            if (id == null && key == null) {
                throw new UsageException(fixBoth + ": " + (token != null ? "a token alone is not a credential" : "none is set"));
            }
            throw new UsageException(fixBoth + " (only " + (id != null ? idName : keyName) + " is set)");
        }
        return new KeyPair(new Credentials(id, Secret.of(key), token == null ? null : Secret.of(token)), source);
    }

    private Found env(String variable) {
        if (variable == null) return null;
        String v = blank(env.get(variable));
        return v == null ? null : new Found(v, "env " + variable);
    }

    private static Found flag(String value, String name) {
        return value == null ? null : new Found(value.strip(), name);
    }

    private static Found file(Map<String, String> entries, String key, String source) {
        String v = blank(entries.get(key));
        return v == null ? null : new Found(v, source);
    }

    private static Found first(Found... candidates) {
        for (Found f : candidates) if (f != null) return f;
        return null;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
