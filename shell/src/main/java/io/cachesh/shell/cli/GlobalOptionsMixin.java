package io.cachesh.shell.cli;

import io.cachesh.shell.config.OutputFormat;
import io.cachesh.shell.config.ShellSettings;
import picocli.CommandLine.Option;

/** Options every command takes: {@code --provider --region --endpoint --output --debug}. */
public final class GlobalOptionsMixin {

    @Option(names = "--provider", paramLabel = "<name>", description = "Provider (default: tencent).")
    String provider;

    @Option(names = "--region", paramLabel = "<id>", description = "Region (default: ap-guangzhou).")
    String region;

    @Option(names = "--endpoint", paramLabel = "<url>",
            description = "API endpoint override, e.g. http://127.0.0.1:9000 for `cachesh emulator`.")
    String endpoint;

    @Option(names = {"-o", "--output"}, paramLabel = "<format>", description = "Result format: table, json or text.")
    String output;

    @Option(names = "--debug", description = "Print stack traces of errors, and each API request and answer on stderr (secrets masked).")
    boolean debug;

    /** These options over {@code base}: a value given here wins. */
    ShellSettings apply(ShellSettings base) {
        ShellSettings s = base;
        if (provider != null) s = s.withProvider(provider);
        if (region != null) s = s.withRegion(region);
        if (endpoint != null) s = s.withEndpoint(endpoint);
        if (output != null) s = s.withOutput(OutputFormat.parse(output));
        return s;
    }
}
