package io.cachesh.shell.cli;

import io.cachesh.dsl.result.InstanceStatus;
import io.cachesh.shell.config.OutputFormat;
import io.cachesh.shell.config.ResolvedConfig;
import io.cachesh.shell.config.ResolvedCredentials;
import io.cachesh.shell.config.Sessions;
import io.cachesh.shell.config.ShellSettings;
import io.cachesh.shell.config.UsageException;
import io.cachesh.shell.config.WriterOutput;
import io.cachesh.shell.repl.ShellEngine;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cachesh wait crs-1 --until running --timeout 10m}: waits (again) for an instance to reach a status, with the
 * DSL's {@code wait} verb; prints the instance when it gets there. A timed-out wait names the status the instance is
 * in and the command that resumes it.
 */
@Command(name = "wait", mixinStandardHelpOptions = true,
        description = "Wait until an instance reaches a status (resumes a wait that timed out or was skipped).",
        footer = {"", "Example: cachesh wait crs-1 --until running --timeout 10m"})
public final class WaitCommand implements Callable<Integer> {

    private static final Pattern REFERENCE = Pattern.compile("[\\w.:-]+");
    private static final Pattern DURATION = Pattern.compile("\\d+|(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?");

    @ParentCommand
    CacheshCommand parent;

    @Mixin
    GlobalOptionsMixin global;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<instance>", description = "Instance id (or name).")
    String instance;

    @Option(names = "--until", paramLabel = "<status>", defaultValue = InstanceStatus.RUNNING,
            completionCandidates = Statuses.class,
            description = "Target status: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String until;

    @Option(names = "--timeout", paramLabel = "<duration>", defaultValue = "10m",
            description = "How long to wait: 90s, 10m, 1h30m (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--emulator", description = "Wait on an embedded emulator instead of the vendor.")
    boolean emulator;

    /** Completion candidates of {@code --until}. */
    static final class Statuses extends ArrayList<String> {
        Statuses() {
            super(InstanceStatus.ALL);
        }
    }

    @Override
    public Integer call() {
        boolean debug = global.debug || parent.global.debug;
        try {
            return run(debug);
        } catch (Exception e) {
            return CacheshCommand.fail(spec, e, debug, ResumeHint.flags(global, parent.global));
        }
    }

    private int run(boolean debug) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!REFERENCE.matcher(instance).matches()) {
            throw new UsageException("wait: '" + instance + "' is not an instance id or name");
        }
        if (!InstanceStatus.ALL.contains(until)) {
            throw new UsageException("wait: --until must be one of " + String.join(", ", InstanceStatus.ALL)
                    + ", got '" + until + "'");
        }
        if (!DURATION.matcher(timeout).matches()) {
            throw new UsageException("wait: --timeout must be a duration like 90s, 10m or 1h30m, got '" + timeout + "'");
        }
        ResolvedConfig config = global.resolve(parent.environment(), parent.global);
        ShellSettings settings = config.settings();
        Optional<ResolvedCredentials> creds = emulator ? Optional.empty()
                : parent.interactiveCredentials(config);
        if (creds.isEmpty() && !emulator) throw new UsageException(RunCommand.noCredentials(settings.provider()));
        try (Sessions sessions = parent.environment().sessions(creds, config, emulator)) {
            if (debug) sessions.wireLog(CacheshCommand.wireLog(err));
            if (sessions.usesEmulator()) {
                err.println("using the embedded emulator at " + sessions.startEmulator());
                err.flush();
            }
            err.println("wait " + instance + ": until " + until + ", at most " + timeout);
            err.flush();
            try (ShellEngine engine = sessions.open(settings, new WriterOutput(err))) {
                if (settings.output() == OutputFormat.JSON) engine.binding().setVariable("out", err);
                engine.binding().setVariable("__waitTarget", instance);
                engine.binding().setVariable("__waitStatus", until);
                engine.binding().setVariable("__waitTimeout", timeout);
                Object result = engine.evaluate("wait __waitTarget, status: __waitStatus, timeout: __waitTimeout");
                CacheshCommand.print(out, result, settings, parent.environment());
            }
        } finally {
            out.flush();
            err.flush();
        }
        return 0;
    }
}
