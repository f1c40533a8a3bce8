package io.cachesh.shell.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import io.cachesh.emulator.Emulator;
import java.util.concurrent.CountDownLatch;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The process around the shell: environment variables, home directory, the terminal, whether stdout is a
 * terminal, and how a foreground server waits for Ctrl-C. Tests pass their own.
 */
public final class ShellEnvironment {

    /** Creates the REPL's terminal. */
    @FunctionalInterface
    public interface TerminalFactory {
        Terminal create() throws IOException;
    }

    /** Blocks until the process is asked to stop (the latch counts down in the shutdown hook). */
    @FunctionalInterface
    public interface StopWaiter {
        void await(CountDownLatch stopped) throws InterruptedException;
    }

    private final Map<String, String> env;
    private final Path home;
    private final TerminalFactory terminals;
    private final boolean stdoutIsTerminal;
    private final StopWaiter stopWaiter;
    private final Supplier<Emulator> sharedEmulator;

    public ShellEnvironment(Map<String, String> env, Path home, TerminalFactory terminals, boolean stdoutIsTerminal,
                            StopWaiter stopWaiter) {
        this(env, home, terminals, stdoutIsTerminal, stopWaiter, null);
    }

    /** @param sharedEmulator the embedded emulator every command shares (the daemon's), or null for one per command */
    public ShellEnvironment(Map<String, String> env, Path home, TerminalFactory terminals, boolean stdoutIsTerminal,
                            StopWaiter stopWaiter, Supplier<Emulator> sharedEmulator) {
        this.sharedEmulator = sharedEmulator;
        this.env = Map.copyOf(Objects.requireNonNull(env, "env == null"));
        this.home = Objects.requireNonNull(home, "home == null");
        this.terminals = Objects.requireNonNull(terminals, "terminals == null");
        this.stdoutIsTerminal = stdoutIsTerminal;
        this.stopWaiter = Objects.requireNonNull(stopWaiter, "stopWaiter == null");
    }

    /** The real process: {@code System.getenv()}, {@code user.home}, the system terminal. */
    public static ShellEnvironment system() {
        return new ShellEnvironment(System.getenv(), Path.of(System.getProperty("user.home")),
                () -> TerminalBuilder.builder().system(true).name("cachesh").dumb(true)
                        .encoding(java.nio.charset.StandardCharsets.UTF_8).build(),
                System.console() != null, CountDownLatch::await);
    }

    public Map<String, String> env() {
        return env;
    }

    public Path home() {
        return home;
    }

    /** {@code ~/.cachesh}. */
    public Path configDir() {
        return home.resolve(".cachesh");
    }

    public Path historyFile() {
        return configDir().resolve("history");
    }

    /** Sessions for a command: against the vendor, or the embedded emulator (the shared one, if there is one). */
    public Sessions sessions(Optional<ResolvedCredentials> credentials, ResolvedConfig config, boolean forceEmulator) {
        return new Sessions(credentials, config, forceEmulator, sharedEmulator);
    }

    public CredentialsResolver credentials() {
        return CredentialsResolver.of(env, profileFiles());
    }

    /** {@code ~/.cachesh/config} and {@code ~/.cachesh/credentials}. */
    public ProfileFiles profileFiles() {
        return ProfileFiles.in(home);
    }

    /** The effective configuration for these command-line values over the environment and the profile. */
    public ResolvedConfig config(ConfigOverrides commandLine) {
        return new ConfigResolver(env, profileFiles()).resolve(commandLine);
    }

    public Terminal terminal() {
        try {
            return terminals.create();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the terminal: " + e.getMessage(), e);
        }
    }

    public boolean stdoutIsTerminal() {
        return stdoutIsTerminal;
    }

    public void awaitStop(CountDownLatch stopped) throws InterruptedException {
        stopWaiter.await(stopped);
    }
}
