package io.cachesh.shell.cli;

import io.cachesh.shell.config.ResolvedConfig;
import io.cachesh.shell.config.ResolvedCredentials;
import io.cachesh.shell.config.Sessions;
import io.cachesh.shell.config.ShellSettings;
import io.cachesh.shell.config.UsageException;
import io.cachesh.shell.kernel.ConnectionInfo;
import io.cachesh.shell.kernel.JupyterKernel;
import io.cachesh.shell.kernel.KernelSpec;
import io.cachesh.shell.repl.Vocabulary;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cachesh kernel --connection-file F}: a Jupyter kernel over the REPL's engine (credentials as in the REPL,
 * the embedded emulator without them). {@code cachesh kernel install [--user]} registers the kernelspec.
 */
@Command(name = "kernel", mixinStandardHelpOptions = true, subcommands = KernelCommand.Install.class,
        description = "Run as a Jupyter kernel (started by Jupyter with a connection file).")
public final class KernelCommand implements Callable<Integer> {

    @ParentCommand
    CacheshCommand parent;

    @Mixin
    GlobalOptionsMixin global;

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--connection-file"}, paramLabel = "<file>", description = "The connection file Jupyter wrote.")
    Path connectionFile;

    @Override
    public Integer call() {
        boolean debug = global.debug || parent.global.debug;
        try {
            if (connectionFile == null) throw new UsageException("kernel: --connection-file is required (Jupyter passes it; see cachesh kernel install)");
            if (!Files.isRegularFile(connectionFile)) throw new UsageException("no such connection file: " + connectionFile);
            ConnectionInfo info = ConnectionInfo.read(connectionFile);
            ResolvedConfig config = global.resolve(parent.environment(), parent.global);
            return serve(info, config, debug);
        } catch (Exception e) {
            return CacheshCommand.fail(spec, e, debug);
        }
    }

    private int serve(ConnectionInfo info, ResolvedConfig config, boolean debug) throws InterruptedException {
        ShellSettings settings = config.settings();
        PrintWriter err = spec.commandLine().getErr();
        Optional<ResolvedCredentials> creds = parent.interactiveCredentials(config);
        try (Sessions sessions = new Sessions(creds, config, false)) {
            String target = sessions.usesEmulator()
                    ? CacheshCommand.emulatorNote(sessions.startEmulator())
                    : "provider " + settings.provider() + ", region " + settings.region() + ", credentials from "
                    + creds.orElseThrow().source();
            String banner = "cachesh " + VersionProvider.version() + " — %help for help\n" + target;
            try (JupyterKernel kernel = new JupyterKernel(info, settings, sessions, Vocabulary::load, sessions, banner, debug, err)) {
                kernel.start();
                err.println("cachesh kernel: listening on " + info.address(info.shellPort()) + " (" + target + ")");
                err.flush();
                kernel.awaitShutdown();
                kernel.cells().close();
            }
        }
        return 0;
    }

    /** {@code cachesh kernel install [--user] [--prefix DIR]}. */
    @Command(name = "install", mixinStandardHelpOptions = true, description = "Register the cachesh kernel with Jupyter.")
    static final class Install implements Callable<Integer> {

        @ParentCommand
        KernelCommand kernel;

        @Spec
        CommandSpec spec;

        @Option(names = "--user", description = "Install for this user (~/.local/share/jupyter) instead of system-wide.")
        boolean user;

        @Option(names = "--prefix", paramLabel = "<dir>", description = "Install into <dir>/share/jupyter (a virtualenv, conda env).")
        Path prefix;

        @Override
        public Integer call() {
            try {
                var env = kernel.parent.environment();
                Path dataDir = KernelSpec.dataDir(env.env(), env.home(), user, prefix);
                Path dir = KernelSpec.install(dataDir, KernelSpec.argv());
                PrintWriter out = spec.commandLine().getOut();
                out.println("installed kernelspec " + KernelSpec.NAME + " in " + dir);
                out.flush();
                return 0;
            } catch (Exception e) {
                return CacheshCommand.fail(spec, e, false);
            }
        }
    }
}
