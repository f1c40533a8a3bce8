package io.cachesh.shell.cli;

import io.cachesh.shell.config.ConfigOverrides;
import io.cachesh.shell.config.OutputFormat;
import io.cachesh.shell.config.ResolvedConfig;
import io.cachesh.shell.config.ShellEnvironment;
import io.cachesh.shell.config.ShellSettings;
import io.cachesh.shell.render.Query;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Options every command takes: {@code --profile --provider --region --endpoint --output --query --debug} and the
 * credential flags. Values given here win over the environment and the profile ({@link #resolve}).
 */
public final class GlobalOptionsMixin {

    @Option(names = "--profile", paramLabel = "<name>",
            description = "Profile of ~/.cachesh/config and ~/.cachesh/credentials (default: $CACHESH_PROFILE, else default).")
    String profile;

    @Option(names = "--provider", paramLabel = "<name>", description = "Provider: tencent, huawei or capitalonline (default: tencent).")
    String provider;

    @Option(names = "--region", paramLabel = "<id>", description = "Region (default: the provider's, e.g. ap-guangzhou).")
    String region;

    @Option(names = "--endpoint", paramLabel = "<url>",
            description = "API endpoint override, e.g. http://127.0.0.1:9000 for `cachesh emulator`.")
    String endpoint;

    @Option(names = {"-o", "--output"}, paramLabel = "<format>", description = "Result format: table, json, text or tsv.")
    String output;

    @Option(names = "--query", paramLabel = "<jmespath>",
            description = "Print only what this JMESPath expression selects from the JSON form, e.g. InstanceSet[].InstanceId.")
    String query;

    @Option(names = "--secret-id", paramLabel = "<id>",
            description = "Key id (SecretId, AK, AccessKeyId) of the provider; prefer the environment or a profile.")
    String secretId;

    @Option(names = "--secret-key", paramLabel = "<key>",
            description = "Its secret; visible to other users in ps: prefer the environment or a profile.")
    String secretKey;

    @Option(names = "--token", paramLabel = "<token>",
            description = "Session token of temporary credentials (Tencent Token, Huawei security token).")
    String token;

    @Option(names = "--debug", description = "Print stack traces of errors, and each API request and answer on stderr (secrets masked).")
    boolean debug;

    /** The values given on the command line (null where absent). */
    public ConfigOverrides overrides() {
        return new ConfigOverrides(profile, provider, region, endpoint, output, query, secretId, secretKey, token);
    }

    /**
     * The effective configuration: these options, then {@code outer}'s (the main command's, for a subcommand; may be
     * null), then the environment, the profile and the defaults.
     */
    public ResolvedConfig resolve(ShellEnvironment environment, GlobalOptionsMixin outer) {
        ConfigOverrides mine = overrides();
        return environment.config(outer == null ? mine : mine.over(outer.overrides()));
    }

    /**
     * These options over {@code base} without the environment or a profile (a value given here wins).
     * Prefer {@link #resolve}.
     */
    ShellSettings apply(ShellSettings base) {
        ShellSettings s = base;
        if (provider != null) s = s.withProvider(provider);
        if (region != null) s = s.withRegion(region);
        if (endpoint != null) s = s.withEndpoint(endpoint);
        if (output != null) s = s.withOutput(OutputFormat.parse(output));
        if (query != null) s = s.withQuery(Optional.of(Query.parse(query)));
        return s;
    }
}
