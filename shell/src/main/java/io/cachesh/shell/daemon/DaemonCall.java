package io.cachesh.shell.daemon;

import io.cachesh.launcher.Wire;
import io.cachesh.shell.cli.CacheshCommand;
import io.cachesh.shell.config.ShellEnvironment;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import picocli.CommandLine;

/**
 * One connection: a call (a fresh command line, environment and DSL session: nothing of one call is seen by the
 * next), {@code status} or {@code stop}. The call runs on this thread; a second thread takes the client's stdin and
 * its cancel (Ctrl-C), which interrupts the call. The environment, which holds the caller's credentials, lives only
 * in this call's objects and is never logged.
 */
final class DaemonCall implements Runnable {

    static final int CANCELLED = 130;

    private final DaemonServer server;
    private final SocketChannel ch;
    private volatile boolean cancelled;

    DaemonCall(DaemonServer server, SocketChannel ch) {
        this.server = server;
        this.ch = ch;
    }

    @Override
    public void run() {
        try (ch) {
            if (!sameUser()) return;
            Wire.Frame first = Wire.read(ch);
            if (first == null) return;
            switch (first.type()) {
                case Wire.STATUS -> answer(server.status());
                case Wire.STOP -> {
                    answer("daemon stopped (pid " + ProcessHandle.current().pid() + ")\n");
                    server.stop("cachesh daemon stop");
                }
                case Wire.CALL -> call(Wire.Call.decode(first.payload()));
                default -> DaemonServer.log("unknown frame " + (char) first.type());
            }
        } catch (IOException e) {
            DaemonServer.log("connection: " + e.getMessage());
        }
    }

    /** Only the daemon's own user may talk to it (the 0700 directory already keeps others out). */
    private boolean sameUser() throws IOException {
        UnixDomainPrincipal peer = ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
        String me = System.getProperty("user.name");
        if (peer.user().getName().equals(me)) return true;
        DaemonServer.log("refused a connection from user " + peer.user().getName());
        return false;
    }

    private void answer(String text) throws IOException {
        Wire.write(ch, Wire.STDOUT, text);
        Wire.writeInt(ch, Wire.EXIT, 0);
    }

    private void call(Wire.Call call) throws IOException {
        if (call == null || !call.build().equals(server.build())) {
            Wire.write(ch, Wire.STALE, new byte[0]);
            server.stop("a client of another build or wire version arrived");
            return;
        }
        Wire.write(ch, Wire.ACCEPTED, new byte[0]);
        server.callStarted();
        long t0 = System.nanoTime();
        CallStreams streams = new CallStreams(ch);
        Thread caller = Thread.currentThread();
        CountDownLatch done = new CountDownLatch(1);
        Thread input = new Thread(() -> takeInput(streams, caller, done), caller.getName() + "-input");
        input.setDaemon(true);
        input.start();
        int code;
        try {
            streams.bind();
            code = execute(call, streams);
        } catch (RuntimeException | LinkageError e) {
            code = 1;
            streams.err.write(("error: " + e + "\n").getBytes(StandardCharsets.UTF_8));
        } finally {
            done.countDown();
            streams.end();
            Thread.interrupted(); // a late cancel must not leak into the next use of this thread
        }
        if (cancelled) {
            code = CANCELLED;
            try {
                streams.err.write("cancelled\n".getBytes(StandardCharsets.UTF_8));
            } catch (IOException gone) {
                // the client left
            }
        }
        server.callEnded(); // before the exit code: the client's next call must find the JVM put back
        try {
            Wire.writeInt(ch, Wire.EXIT, code);
        } catch (IOException gone) {
            // the client left (Ctrl-C twice, or killed)
        }
        DaemonServer.log("call " + kind(call.argv()) + ": exit " + code + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }

    private int execute(Wire.Call call, CallStreams streams) {
        Path cwd = Path.of(call.cwd());
        Path home = Path.of(call.env().getOrDefault("HOME", System.getProperty("user.home")));
        ShellEnvironment env = new ShellEnvironment(call.env(), home,
                () -> {
                    throw new IOException("no terminal in the daemon");
                },
                call.terminal(), CountDownLatch::await, server.emulator());
        CommandLine cl = CacheshCommand.newCommandLine(env);
        // relative paths (run's script, --state...) are the client's, not the daemon's directory
        cl.registerConverter(Path.class, s -> cwd.resolve(s).normalize());
        cl.setOut(new PrintWriter(new OutputStreamWriter(streams.out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(streams.err, StandardCharsets.UTF_8), true));
        return cl.execute(call.argv().toArray(String[]::new));
    }

    /** Feeds stdin to the call; a cancel, or the client going away, interrupts it. */
    private void takeInput(CallStreams streams, Thread caller, CountDownLatch done) {
        try {
            for (Wire.Frame f; (f = Wire.read(ch)) != null; ) {
                if (f.type() == Wire.STDIN) {
                    streams.feed(f.payload());
                } else if (f.type() == Wire.CANCEL) {
                    break;
                }
            }
        } catch (IOException closed) {
            if (done.getCount() == 0) return; // the call ended and closed the connection
        }
        if (done.getCount() > 0) {
            cancelled = true;
            caller.interrupt();
        }
    }

    /** What the log says about a call: its kind, never its arguments (they may hold passwords). */
    static String kind(java.util.List<String> argv) {
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (Set.of("--provider", "--region", "--endpoint", "-o", "--output").contains(a)) {
                i++; // an option's value
            } else if (a.equals("-e") || a.startsWith("--eval") || (a.startsWith("-e") && !a.startsWith("--"))) {
                return "-e";
            } else if (a.equals("--version") || a.equals("-V")) {
                return "--version";
            } else if (!a.startsWith("-")) {
                return a; // the subcommand
            }
        }
        return "(options)";
    }
}
