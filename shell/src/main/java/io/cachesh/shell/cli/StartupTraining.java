package io.cachesh.shell.cli;

import io.cachesh.shell.config.ShellEnvironment;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.jline.terminal.impl.DumbTerminal;
import picocli.CommandLine;

/**
 * What the launcher's class-data-sharing archive records (see {@code io.cachesh.launcher.StartupArchive}): one
 * {@code -e} and one REPL session on a closed input, in-process and against the embedded emulator, with no output.
 * The classes they load are then mapped from the archive instead of being read and verified on every start.
 */
public final class StartupTraining {

    private StartupTraining() {
    }

    public static void main(String[] args) throws Exception {
        Main.quietLogging(args);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(io.cachesh.launcher.DaemonDir::credential); // the embedded emulator, never a vendor
        Path home = Files.createTempDirectory("cachesh-training");
        ShellEnvironment shell = new ShellEnvironment(env, home,
                () -> new DumbTerminal("training", "dumb", new ByteArrayInputStream(new byte[0]), OutputStream.nullOutputStream(),
                        StandardCharsets.UTF_8),
                false, CountDownLatch::await);
        PrintWriter none = new PrintWriter(OutputStream.nullOutputStream());
        for (String[] command : new String[][] {{"-e", "[1, 2].sum()"}, {}}) {
            CommandLine cl = CacheshCommand.newCommandLine(shell);
            cl.setOut(none);
            cl.setErr(none);
            cl.execute(command);
        }
        System.exit(0);
    }
}
