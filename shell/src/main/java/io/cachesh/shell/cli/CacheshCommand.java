package io.cachesh.shell.cli;

import io.cachesh.emulator.Emulator;
import io.cachesh.shell.config.ResolvedConfig;
import io.cachesh.shell.config.ResolvedCredentials;
import io.cachesh.shell.config.Sessions;
import io.cachesh.shell.config.ShellEnvironment;
import io.cachesh.shell.config.ShellSettings;
import io.cachesh.shell.config.WriterOutput;
import io.cachesh.shell.render.Ansi;
import io.cachesh.shell.render.ErrorMessages;
import io.cachesh.shell.render.ResultRenderer;
import io.cachesh.shell.repl.Repl;
import io.cachesh.shell.repl.ShellEngine;
import io.cachesh.shell.repl.Vocabulary;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.jline.terminal.Terminal;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cachesh}: with no arguments the REPL, with {@code -e} one evaluation; subcommands {@code run} and
 * {@code emulator}. Without credentials the REPL and {@code -e} use an embedded emulator and say so.
 */
@Command(name = "cachesh", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        subcommands = {RunCommand.class, EmulatorCommand.class, KernelCommand.class, ConfigureCommand.class,
                CallCommand.class, WaitCommand.class, CompletionCommand.class, ApplyCommand.class, CheckCommand.class,
                DaemonCommand.class},
        description = "Scripting shell for managed Redis/Memcached fleets: a Groovy DSL, a REPL and a local emulator.",
        footer = {"", "Exit codes: 0 ok, 1 runtime or vendor error, 2 usage or validation error.",
                "Exit code 3: the runbook called fail (its output is still printed).",
                "Credentials: the vendor's environment variables (TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY, HUAWEICLOUD_SDK_AK/SK,",
                "CDS_SECRET_ID/KEY) or a profile written by cachesh configure (~/.cachesh/credentials, mode 600)."})
public final class CacheshCommand implements Callable<Integer> {

    @Mixin
    GlobalOptionsMixin global;

    @Option(names = {"-e", "--eval"}, paramLabel = "<groovy>", description = "Evaluate a cell, print its result and exit.")
    String eval;

    @Spec
    CommandSpec spec;

    private final ShellEnvironment environment;

    public CacheshCommand() {
        this(ShellEnvironment.system());
    }

    public CacheshCommand(ShellEnvironment environment) {
        this.environment = environment;
    }

    /** The command line as {@code main} runs it: one-line usage errors, exit code 2. */
    public static CommandLine newCommandLine(ShellEnvironment environment) {
        CommandLine cl = new CommandLine(new CacheshCommand(environment));
        // call's --Name value words are the action's parameters, not options of the command
        cl.getSubcommands().get("call").setUnmatchedOptionsArePositionalParams(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("error: " + ex.getMessage() + " (see " + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            err.flush();
            return ErrorMessages.USAGE;
        });
        return cl;
    }

    ShellEnvironment environment() {
        return environment;
    }

    @Override
    public Integer call() {
        try {
            ResolvedConfig config = global.resolve(environment, null);
            return eval != null ? eval(config) : repl(config);
        } catch (Exception e) {
            return fail(spec, e, global.debug, ResumeHint.flags(global));
        }
    }

    private int eval(ResolvedConfig config) {
        ShellSettings settings = config.settings();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<ResolvedCredentials> creds = interactiveCredentials(config);
        try (Sessions sessions = environment.sessions(creds, config, false)) {
            if (global.debug) sessions.wireLog(wireLog(err));
            if (sessions.usesEmulator()) {
                CompletableFuture<Void> warm = Warmup.dslInBackground();
                err.println(emulatorNote(sessions.startEmulator()));
                err.flush();
                warm.join();
            }
            try (ShellEngine engine = sessions.open(settings, new WriterOutput(err))) {
                if (settings.output().forMachines()) engine.binding().setVariable("out", err);
                Object result = engine.evaluate(eval);
                print(out, result, settings, environment);
            }
        } finally {
            out.flush();
            err.flush();
        }
        return 0;
    }

    private int repl(ResolvedConfig config) throws Exception {
        ShellSettings settings = config.settings();
        Optional<ResolvedCredentials> creds = interactiveCredentials(config);
        try (Sessions sessions = environment.sessions(creds, config, false)) {
            // the prompt does not wait for the embedded emulator: the session opens (and starts it) in the background
            boolean embedded = sessions.usesEmulator();
            try (Terminal terminal = environment.terminal()) {
                boolean colour = Ansi.enabled(environment.env(), !Terminal.TYPE_DUMB.equals(terminal.getType())
                        && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType()));
                List<String> banner = new ArrayList<>();
                banner.add("cachesh " + VersionProvider.version() + " — %help for help, TAB to complete, Ctrl-D to exit");
                if (embedded) {
                    banner.add(EMULATOR_STARTING);
                } else {
                    banner.add("provider " + settings.provider() + ", region " + settings.region() + ", credentials from "
                            + creds.orElseThrow().source()
                            + (settings.endpoint() == null ? "" : ", endpoint " + settings.endpoint()));
                }
                try (Repl repl = new Repl(terminal, settings, sessions, Vocabulary::load, environment.historyFile(),
                        colour, global.debug)) {
                    repl.emulator(sessions);
                    repl.echoInput(!environment.stdoutIsTerminal() && !colour);
                    return repl.run(banner);
                }
            }
        }
    }

    /**
     * Credentials for the REPL and {@code -e}: configured ones, or with only {@code --endpoint} the emulator's
     * defaults (for a standalone {@code cachesh emulator}), or none (the embedded emulator).
     */
    Optional<ResolvedCredentials> interactiveCredentials(ResolvedConfig config) {
        Optional<ResolvedCredentials> creds = config.selectedCredentials();
        if (creds.isEmpty() && config.settings().endpoint() != null) {
            return Optional.of(new ResolvedCredentials(Emulator.DEFAULT_CREDENTIALS, "the emulator defaults"));
        }
        return creds;
    }

    /** The REPL's banner line without credentials: the emulator starts while the first line is typed. */
    static final String EMULATOR_STARTING =
            "no credentials found: using the embedded emulator (starting in the background; %emulator status shows it)";

    static String emulatorNote(String endpoint) {
        return "no credentials found: using the embedded emulator at " + endpoint;
    }

    /** Prints a result to stdout in the chosen format (nothing for null). */
    static void print(PrintWriter out, Object result, ShellSettings settings, ShellEnvironment environment) {
        if (result == null) return;
        boolean colour = Ansi.enabled(environment.env(), environment.stdoutIsTerminal());
        String text = ResultRenderer.render(result, settings.output(), settings.query(), colour);
        if (!text.isEmpty()) out.println(text);
        out.flush();
    }

    /** {@code --debug}: wire-log blocks on stderr, flushed at once so they interleave with progress lines. */
    static java.util.function.Consumer<String> wireLog(PrintWriter err) {
        return block -> {
            err.println(block);
            err.flush();
        };
    }

    /** Prints {@code error: <one line>} (and with --debug the stack trace) and returns the exit code. */
    static int fail(CommandSpec spec, Throwable e, boolean debug) {
        return fail(spec, e, debug, "");
    }

    /** As above; after a timed-out wait also the command that resumes it, with {@code flags} (provider, region). */
    static int fail(CommandSpec spec, Throwable e, boolean debug, String flags) {
        PrintWriter err = spec.commandLine().getErr();
        if (debug) e.printStackTrace(err);
        err.println("error: " + ErrorMessages.message(e));
        ResumeHint.of(e, flags).ifPresent(err::println);
        err.flush();
        return ErrorMessages.exitCode(e);
    }
}
