package io.cachesh.shell.cli;

import io.cachesh.shell.config.ShellEnvironment;

/** The {@code cachesh} executable. */
public final class Main {

    private static final java.util.logging.Logger CACHESH_LOG = java.util.logging.Logger.getLogger("io.cachesh");

    private Main() {
    }

    /** Library log lines are one line each, and below WARNING only for {@code emulator} and {@code --debug}. */
    public static void quietLogging(String[] args) {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%6$s%n");
        }
        boolean verbose = java.util.Arrays.asList(args).contains("--debug") || (args.length > 0 && args[0].equals("emulator"));
        CACHESH_LOG.setLevel(verbose ? java.util.logging.Level.INFO : java.util.logging.Level.WARNING);
    }

    public static void main(String[] args) {
        io.cachesh.shell.render.Utf8Console.install();
        quietLogging(args);
        picocli.CommandLine cl = CacheshCommand.newCommandLine(ShellEnvironment.system());
        cl.setOut(io.cachesh.shell.render.Utf8Console.writer(System.out));
        cl.setErr(io.cachesh.shell.render.Utf8Console.writer(System.err));
        int code = cl.execute(args);
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }
}
