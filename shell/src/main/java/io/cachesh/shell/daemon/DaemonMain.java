package io.cachesh.shell.daemon;

import io.cachesh.launcher.DaemonDir;
import io.cachesh.shell.cli.Warmup;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The per-user cachesh daemon ({@code DaemonMain --dir DIR [--idle 3h]}), started in the background by the client
 * on first use. It keeps the JVM, Groovy's compiler and the DSL warm and runs the client's non-interactive calls.
 */
public final class DaemonMain {

    /** The daemon's log (daemon.log: its stdout). */
    static final PrintStream LOG = System.out;

    public static final Duration DEFAULT_IDLE = Duration.ofHours(3);

    private DaemonMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = null;
        Duration idle = DEFAULT_IDLE;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[++i]);
                case "--idle" -> idle = Durations.parse(args[++i]);
                default -> {
                    System.err.println("cachesh daemon: unknown argument " + args[i] + " (usage: --dir DIR [--idle 3h])");
                    System.exit(2);
                }
            }
        }
        if (dir == null) {
            System.err.println("cachesh daemon: --dir is required");
            System.exit(2);
        }
        io.cachesh.shell.cli.Main.quietLogging(new String[0]);
        DaemonServer server = new DaemonServer(new DaemonDir(dir), idle);
        if (!server.bind()) {
            DaemonServer.log("another daemon serves " + dir + "; exiting");
            return;
        }
        CallStreams.install();
        Warmup.dslInBackground(); // the first call finds Groovy's compiler and the DSL loaded
        server.serve();
    }
}
