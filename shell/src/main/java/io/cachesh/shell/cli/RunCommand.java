package io.cachesh.shell.cli;

import io.cachesh.shell.config.CredentialsResolver;
import io.cachesh.shell.config.OutputFormat;
import io.cachesh.shell.config.ResolvedCredentials;
import io.cachesh.shell.config.Sessions;
import io.cachesh.shell.config.ShellSettings;
import io.cachesh.shell.config.UsageException;
import io.cachesh.shell.config.WriterOutput;
import io.cachesh.shell.repl.ShellEngine;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cachesh run runbook.groovy --param k=v --output json}: runs a runbook and prints its result on stdout
 * (progress on stderr). Never falls back to the emulator silently: without credentials it needs {@code --emulator}.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a runbook script and print its result.")
public final class RunCommand implements Callable<Integer> {

    static final String NO_CREDENTIALS = "no credentials found: set " + CredentialsResolver.ENV_SECRET_ID + " and "
            + CredentialsResolver.ENV_SECRET_KEY + " (or write ~/.cachesh/credentials), or pass --emulator";

    @ParentCommand
    CacheshCommand parent;

    @Mixin
    GlobalOptionsMixin global;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<script>", description = "The runbook (a .groovy file).")
    Path script;

    @Option(names = {"-p", "--param"}, paramLabel = "<key=value>", description = "A runbook parameter (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--emulator", description = "Run against an embedded emulator instead of the vendor.")
    boolean emulator;

    @Option(names = "--dry-run", description = "Print what would change instead of changing it.")
    boolean dryRun;

    @Override
    public Integer call() {
        boolean debug = global.debug || parent.global.debug;
        try {
            ShellSettings settings = global.apply(parent.global.apply(ShellSettings.defaults())).withDryRun(dryRun);
            return run(settings);
        } catch (Exception e) {
            return CacheshCommand.fail(spec, e, debug);
        }
    }

    private int run(ShellSettings settings) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(script)) throw new UsageException("no such script: " + script);
        Optional<ResolvedCredentials> creds = parent.environment().credentials().resolve(settings.provider());
        if (creds.isEmpty() && !emulator) throw new UsageException(NO_CREDENTIALS);
        try (Sessions sessions = parent.environment().sessions(creds, emulator)) {
            if (sessions.usesEmulator()) {
                var warm = Warmup.dslInBackground();
                err.println("using the embedded emulator at " + sessions.startEmulator());
                err.flush();
                warm.join();
            }
            try (ShellEngine engine = sessions.open(settings, new WriterOutput(err))) {
                if (settings.output() == OutputFormat.JSON) engine.binding().setVariable("out", err);
                Object result = engine.run(script, new LinkedHashMap<>(params));
                CacheshCommand.print(out, result, settings, parent.environment());
            }
        } finally {
            out.flush();
            err.flush();
        }
        return 0;
    }
}
