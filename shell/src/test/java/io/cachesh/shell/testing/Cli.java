package io.cachesh.shell.testing;

import io.cachesh.shell.cli.CacheshCommand;
import io.cachesh.shell.config.ShellEnvironment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.jline.terminal.impl.DumbTerminal;
import picocli.CommandLine;

/** Runs the {@code cachesh} command line in-process, as {@code main} would, and keeps what it printed. */
public final class Cli {

    /** The exit code and the two streams, line ends normalised. */
    public record Result(int code, String out, String err) {
    }

    private Cli() {
    }

    /** An environment of {@code env} and {@code home} whose terminal reads {@code typed} and writes to {@code terminalOut}. */
    public static ShellEnvironment environment(Map<String, String> env, Path home, String typed, OutputStream terminalOut) {
        byte[] input = typed.getBytes(StandardCharsets.UTF_8);
        return new ShellEnvironment(env, home,
                () -> new DumbTerminal("test", "dumb", new ByteArrayInputStream(input), terminalOut, StandardCharsets.UTF_8),
                false, latch -> { });
    }

    /** An environment with nothing typed and the terminal's output dropped. */
    public static ShellEnvironment environment(Map<String, String> env, Path home) {
        return environment(env, home, "", new ByteArrayOutputStream());
    }

    public static Result run(ShellEnvironment environment, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cmd = CacheshCommand.newCommandLine(environment);
        cmd.setOut(new PrintWriter(o, true)).setErr(new PrintWriter(e, true));
        int code = cmd.execute(args);
        return new Result(code, o.toString().replace("\r", ""), e.toString().replace("\r", ""));
    }
}
