package io.cachesh.launcher;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The {@code cachesh} entry point. Non-interactive commands ({@code -e}, {@code run}, {@code check},
 * {@code --version}) go to the warm per-user daemon over its Unix-domain socket: argv, directory and the variables
 * cachesh reads go over, stdin is streamed, stdout/stderr and the exit code come back, and Ctrl-C cancels the call.
 * Everything else (the REPL, {@code emulator}, {@code kernel}), {@code CACHESH_DAEMON=off}, and any call the daemon
 * cannot take (none running: one is then started in the background; a directory or socket that is not private; a
 * daemon of another build) runs in this JVM with the shell jar's {@code Main}.
 */
public final class Client {

    private static final String SHELL_MAIN = "io.cachesh.shell.cli.Main";

    private Client() {
    }

    public static void main(String[] args) throws Throwable {
        Map<String, String> env = System.getenv();
        StartupArchive.refreshInBackground();
        if (viaDaemon(args) && !"off".equalsIgnoreCase(env.getOrDefault("CACHESH_DAEMON", ""))) {
            Integer code = tryDaemon(DaemonDir.of(env), args, env);
            if (code != null) {
                System.exit(code);
                return;
            }
        }
        inProcess(args);
    }

    /** Whether the command line is one the daemon runs: {@code -e}, {@code run}, {@code check}, {@code --version}. */
    static boolean viaDaemon(String[] args) {
        boolean oneShot = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--provider", "--region", "--endpoint", "-o", "--output" -> i++;
                case "-e", "--eval" -> {
                    oneShot = true;
                    i++;
                }
                case "--version", "-V" -> oneShot = true;
                default -> {
                    if (a.startsWith("--eval=") || (a.startsWith("-e") && !a.startsWith("--"))) {
                        oneShot = true;
                    } else if (!a.startsWith("-")) {
                        return a.equals("run") || a.equals("check"); // the subcommand decides
                    }
                }
            }
        }
        return oneShot;
    }

    /** Runs the call in the daemon and returns its exit code, or null when it must run in-process. */
    static Integer tryDaemon(DaemonDir dir, String[] args, Map<String, String> env) throws IOException {
        if (!Files.isDirectory(dir.path())) {
            startDaemon(dir, env);
            return null;
        }
        String refusal = dir.refusal();
        if (refusal != null) {
            System.err.println("cachesh: not using the daemon: " + refusal);
            return null;
        }
        SocketChannel ch;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(dir.socket()));
        } catch (IOException none) {
            startDaemon(dir, env); // no daemon, or a stale socket it will replace
            return null;
        }
        try (ch) {
            Wire.write(ch, Wire.CALL, call(args, env).encode());
            Wire.Frame first = firstAnswer(ch);
            if (first == null && !ch.isOpen()) {
                System.err.println("cachesh: the daemon did not answer; running in-process (cachesh daemon stop restarts it)");
                return null;
            }
            if (first == null || first.type() != Wire.ACCEPTED) {
                startDaemon(dir, env); // another build's daemon: it stops, a new one takes over
                return null;
            }
            return relay(ch);
        }
    }

    /**
     * The daemon's first frame, or null when it closed the connection or (a hung daemon) did not answer within
     * {@code cachesh.daemon.acceptTimeoutMs} (default 15 s): then the channel is closed and the call runs in-process.
     */
    private static Wire.Frame firstAnswer(SocketChannel ch) {
        long timeout = Long.getLong("cachesh.daemon.acceptTimeoutMs", 15_000L);
        CountDownLatch answered = new CountDownLatch(1);
        Thread guard = new Thread(() -> {
            try {
                if (!answered.await(timeout, TimeUnit.MILLISECONDS)) ch.close();
            } catch (InterruptedException | IOException ignored) {
                // nothing to guard
            }
        }, "cachesh-accept-guard");
        guard.setDaemon(true);
        guard.start();
        try {
            return Wire.read(ch);
        } catch (IOException closed) {
            return null;
        } finally {
            answered.countDown();
        }
    }

    /**
     * Asks the daemon of {@code dir} for its status ({@link Wire#STATUS}) or to stop ({@link Wire#STOP}); returns its
     * answer, or null when no daemon answers.
     */
    public static String control(DaemonDir dir, byte request) throws IOException {
        if (!Files.isDirectory(dir.path())) return null;
        String refusal = dir.refusal();
        if (refusal != null) throw new IOException(refusal);
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            try {
                ch.connect(UnixDomainSocketAddress.of(dir.socket()));
            } catch (IOException none) {
                return null;
            }
            Wire.write(ch, request, new byte[0]);
            StringBuilder text = new StringBuilder();
            for (Wire.Frame f; (f = Wire.read(ch)) != null && f.type() != Wire.EXIT; ) {
                if (f.type() == Wire.STDOUT) text.append(f.text());
            }
            return text.toString();
        }
    }

    private static Wire.Call call(String[] args, Map<String, String> env) {
        Map<String, String> forwarded = new LinkedHashMap<>();
        env.forEach((k, v) -> {
            if (DaemonDir.forwarded(k)) forwarded.put(k, v);
        });
        return new Wire.Call(DaemonDir.build(DaemonSpawner.daemonClassPath()), System.getProperty("user.dir"),
                System.console() != null, Arrays.asList(args), forwarded);
    }

    private static void startDaemon(DaemonDir dir, Map<String, String> env) {
        try {
            DaemonSpawner.start(dir, env);
        } catch (IOException | RuntimeException e) {
            System.err.println("cachesh: cannot start the daemon (" + e.getMessage() + "); running in-process");
        }
    }

    /** Streams stdin to the daemon and its output back until the exit code arrives. */
    private static int relay(SocketChannel ch) throws IOException {
        CountDownLatch finished = new CountDownLatch(1);
        Thread cancel = new Thread(() -> {
            if (finished.getCount() == 0) return;
            try {
                Wire.write(ch, Wire.CANCEL, new byte[0]); // Ctrl-C or SIGTERM: the daemon interrupts the call
                finished.await(5, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException ignored) {
                // exiting anyway
            }
        }, "cachesh-cancel");
        Runtime.getRuntime().addShutdownHook(cancel);
        Thread stdin = new Thread(() -> pumpStdin(ch), "cachesh-stdin");
        stdin.setDaemon(true);
        stdin.start();
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        OutputStream err = new FileOutputStream(FileDescriptor.err);
        try {
            for (Wire.Frame f; (f = Wire.read(ch)) != null; ) {
                switch (f.type()) {
                    case Wire.STDOUT -> out.write(f.payload());
                    case Wire.STDERR -> err.write(f.payload());
                    case Wire.EXIT -> {
                        return f.asInt();
                    }
                    default -> {
                        // a newer daemon's frame: ignore
                    }
                }
            }
            err.write(("cachesh: the daemon went away during the call\n").getBytes());
            return 1;
        } finally {
            finished.countDown();
        }
    }

    private static void pumpStdin(SocketChannel ch) {
        InputStream in = new FileInputStream(FileDescriptor.in);
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                if (n > 0) Wire.write(ch, Wire.STDIN, buf, 0, n);
            }
            Wire.write(ch, Wire.STDIN, new byte[0]); // end of input
        } catch (IOException ignored) {
            // the call ended
        }
    }

    private static void inProcess(String[] args) throws Throwable {
        Class<?> main;
        try {
            main = Class.forName(SHELL_MAIN);
        } catch (ClassNotFoundException e) {
            System.err.println("cachesh: the shell jar (cachesh.jar) is not on the class path");
            System.exit(1);
            return;
        }
        try {
            main.getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
