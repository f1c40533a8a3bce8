package io.cachesh.shell.daemon;

import io.cachesh.launcher.DaemonDir;
import io.cachesh.launcher.DaemonSpawner;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The daemon's socket: one per user directory (a lock file keeps a second daemon out), bound under a temporary
 * name, made private (0600) and then renamed into place, so no client ever sees it open to others. Each connection
 * is served on a thread of its own; the daemon stops after {@code idle} without calls, on {@code cachesh daemon
 * stop}, or when a client of another build arrives.
 */
final class DaemonServer {

    private final DaemonDir dir;
    private final Duration idle;
    private final String build;
    private final SharedEmulator emulator = new SharedEmulator();
    private final JvmStateGuard jvmState = new JvmStateGuard();
    private final Instant started = Instant.now();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong served = new AtomicLong();
    private volatile long lastActivity = System.nanoTime();
    private ServerSocketChannel server;
    private Object socketKey;
    private FileChannel lockFile;
    private volatile boolean stopping;

    DaemonServer(DaemonDir dir, Duration idle) {
        this.dir = dir;
        this.idle = idle;
        this.build = DaemonDir.build(DaemonSpawner.daemonClassPath());
    }

    /** Binds the socket; false when another daemon holds the directory. */
    boolean bind() throws IOException, InterruptedException {
        dir.create();
        String refusal = dir.refusal();
        if (refusal != null) throw new IOException("refusing to serve: " + refusal);
        lockFile = FileChannel.open(dir.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos(); // a daemon of another build is stopping
        while ((lock = lockFile.tryLock()) == null && System.nanoTime() < deadline) Thread.sleep(100);
        if (lock == null) return false;
        Path tmp = dir.path().resolve("daemon.sock." + ProcessHandle.current().pid());
        Files.deleteIfExists(tmp);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(tmp));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        Files.move(tmp, dir.socket(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        socketKey = Files.readAttributes(dir.socket(), java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        return true;
    }

    void serve() {
        Thread watchdog = new Thread(this::stopWhenIdle, "cachesh-daemon-idle");
        watchdog.setDaemon(true);
        watchdog.start();
        log("listening on " + dir.socket() + " (pid " + ProcessHandle.current().pid() + ", idle timeout " + Durations.format(idle) + ")");
        int n = 0;
        while (!stopping) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                if (!stopping) log("accept failed: " + e.getMessage());
                break;
            }
            touch();
            Thread t = new Thread(new DaemonCall(this, ch), "cachesh-call-" + (++n));
            t.setDaemon(true);
            t.start();
        }
    }

    String build() {
        return build;
    }

    SharedEmulator emulator() {
        return emulator;
    }

    void callStarted() {
        jvmState.callStarted();
        running.incrementAndGet();
        touch();
    }

    void callEnded() {
        for (String undone : jvmState.callEnded()) log("put back what calls changed: " + undone);
        running.decrementAndGet();
        served.incrementAndGet();
        touch();
    }

    private void touch() {
        lastActivity = System.nanoTime();
    }

    String status() {
        var e = emulator.running();
        long idleFor = (System.nanoTime() - lastActivity) / 1_000_000_000L;
        return "daemon:       running, pid " + ProcessHandle.current().pid() + ", up "
                + Durations.format(Duration.between(started, Instant.now())) + "\n"
                + "socket:       " + dir.socket() + "\n"
                + "idle timeout: " + Durations.format(idle) + " (idle for " + Durations.format(Duration.ofSeconds(idleFor)) + ")\n"
                + "calls:        " + served.get() + " served, " + running.get() + " running\n"
                + "emulator:     " + (e == null ? "not started (starts with the first call that needs it)"
                        : e.endpoint() + " (" + e.fleet().instances().size() + " instances)") + "\n"
                + "log:          " + dir.log() + "\n";
    }

    private void stopWhenIdle() {
        long check = Math.max(200, Math.min(idle.toMillis() / 10, 30_000));
        while (!stopping) {
            try {
                Thread.sleep(check);
            } catch (InterruptedException e) {
                return;
            }
            if (running.get() == 0 && System.nanoTime() - lastActivity > idle.toNanos()) {
                stop("idle for " + Durations.format(idle));
            }
        }
    }

    /** Stops the daemon: the socket goes (if it is still ours), the embedded emulator and its redis processes stop. */
    synchronized void stop(String why) {
        if (stopping) return;
        stopping = true;
        log("stopping: " + why);
        try {
            server.close();
            Object key = Files.exists(dir.socket())
                    ? Files.readAttributes(dir.socket(), java.nio.file.attribute.BasicFileAttributes.class).fileKey() : null;
            if (key != null && key.equals(socketKey)) Files.deleteIfExists(dir.socket());
        } catch (IOException e) {
            log("cannot remove the socket: " + e.getMessage());
        }
        emulator.close();
        try {
            lockFile.close();
        } catch (IOException ignored) {
            // exiting
        }
        System.out.flush();
        Runtime.getRuntime().halt(0); // calls still running end with the process
    }

    static void log(String line) {
        DaemonMain.LOG.println(Instant.now() + " " + line);
        DaemonMain.LOG.flush();
    }
}
