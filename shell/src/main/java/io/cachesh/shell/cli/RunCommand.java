package io.cachesh.shell.cli;

import io.cachesh.dsl.RunbookFailedException;
import io.cachesh.shell.config.ResolvedConfig;
import io.cachesh.shell.config.ResolvedCredentials;
import io.cachesh.shell.config.Sessions;
import io.cachesh.shell.config.ShellSettings;
import io.cachesh.shell.config.UsageException;
import io.cachesh.shell.config.VendorKeys;
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

    static final String NO_CREDENTIALS = noCredentials("tencent");

    /** What to do when a batch run has no credentials for {@code provider}. */
    static String noCredentials(String provider) {
        VendorKeys keys = VendorKeys.require(provider);
        return "no credentials found for " + provider + ": set " + keys.envId() + " and " + keys.envSecret()
                + " (or run cachesh configure), or pass --emulator";
    }

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

    @Option(names = "--no-wait", description = "Return once each change is accepted (ids are printed; resume with "
            + "cachesh wait <id>) unless a verb says wait: true.")
    boolean noWait;

    @Override
    public Integer call() {
        boolean debug = global.debug || parent.global.debug;
        try {
            ResolvedConfig config = global.resolve(parent.environment(), parent.global);
            return run(config, config.settings().withDryRun(dryRun), debug);
        } catch (Exception e) {
            return CacheshCommand.fail(spec, e, debug, ResumeHint.flags(global, parent.global));
        }
    }

    private int run(ResolvedConfig config, ShellSettings settings, boolean debug) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(script)) throw new UsageException("no such script: " + script);
        Optional<ResolvedCredentials> creds = config.selectedCredentials();
        if (creds.isEmpty() && !emulator) throw new UsageException(noCredentials(settings.provider()));
        try (Sessions sessions = parent.environment().sessions(creds, config, emulator)) {
            if (debug) sessions.wireLog(CacheshCommand.wireLog(err));
            if (noWait) sessions.waitByDefault(false);
            if (sessions.usesEmulator()) {
                var warm = Warmup.dslInBackground();
                err.println("using the embedded emulator at " + sessions.startEmulator());
                err.flush();
                warm.join();
            }
            try (ShellEngine engine = sessions.open(settings, new WriterOutput(err))) {
                if (settings.output().forMachines()) engine.binding().setVariable("out", err);
                Object result;
                try {
                    result = engine.run(script, new LinkedHashMap<>(params));
                } catch (RunbookFailedException failed) {
                    // `fail` after `output`: the pipeline still gets the runbook's result, then the exit code
                    CacheshCommand.print(out, failed.output(), settings, parent.environment());
                    throw failed;
                }
                CacheshCommand.print(out, result, settings, parent.environment());
            }
        } finally {
            out.flush();
            err.flush();
        }
        return 0;
    }
}
