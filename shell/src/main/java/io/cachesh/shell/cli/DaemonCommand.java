package io.cachesh.shell.cli;

import io.cachesh.launcher.Client;
import io.cachesh.launcher.DaemonDir;
import io.cachesh.launcher.DaemonSpawner;
import io.cachesh.launcher.Wire;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code cachesh daemon status|stop|start}: the warm per-user daemon that runs {@code -e} and {@code run}. */
@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = "Show, stop or start the per-user daemon that runs -e, run and --version warm.")
public final class DaemonCommand implements Callable<Integer> {

    /** {@code status} exits with this when no daemon runs (as LSB init scripts do). */
    static final int NOT_RUNNING = 3;

    @ParentCommand
    CacheshCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<action>", description = "status, stop or start.")
    String action;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            DaemonDir dir = DaemonDir.of(parent.environment().env());
            switch (action) {
                case "status" -> {
                    String s = Client.control(dir, Wire.STATUS);
                    out.print(s != null ? s : "daemon: not running (" + dir.socket() + ")\n");
                    out.flush();
                    return s != null ? 0 : NOT_RUNNING;
                }
                case "stop" -> {
                    String s = Client.control(dir, Wire.STOP);
                    out.print(s != null ? s : "daemon: not running\n");
                    out.flush();
                    return 0;
                }
                case "start" -> {
                    return start(dir, out);
                }
                default -> throw new io.cachesh.shell.config.UsageException(
                        "daemon: unknown action '" + action + "' (allowed: status, stop, start)");
            }
        } catch (Exception e) {
            return CacheshCommand.fail(spec, e, parent.global.debug);
        }
    }

    private int start(DaemonDir dir, PrintWriter out) throws Exception {
        if (Client.control(dir, Wire.STATUS) == null) {
            DaemonSpawner.start(dir, parent.environment().env());
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (Client.control(dir, Wire.STATUS) == null) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("the daemon did not start; see " + dir.log());
                Thread.sleep(50);
            }
        }
        out.print(Client.control(dir, Wire.STATUS));
        out.flush();
        return 0;
    }
}
