package io.cachesh.emulator.dataplane;

import io.cachesh.client.auth.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Starts and stops the real {@code redis-server} processes behind emulated instances: one process per instance on a
 * free loopback port with its own directory, no persistence of its own ({@code save ""}, {@code appendonly no}),
 * {@code requirepass} = the instance password and {@code maxmemory} = its capacity. Every process this class starts
 * is also destroyed by a JVM shutdown hook, so none outlives the JVM.
 */
public final class RedisProcessManager {

    static final String DB_FILE = "dump.rdb";
    static final String PID_FILE = "redis.pid";

    private static final System.Logger LOG = System.getLogger(RedisProcessManager.class.getName());
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final Set<RedisProcessManager> OPEN = ConcurrentHashMap.newKeySet();
    private static final Thread HOOK = new Thread(RedisProcessManager::onJvmExit, "cachesh-redis-reaper");

    static {
        Runtime.getRuntime().addShutdownHook(HOOK);
    }

    private final RedisBinary binary;
    private final Map<String, RedisProcess> running = new ConcurrentHashMap<>();
    private volatile Runnable onJvmExit = () -> stopAll(false);

    public RedisProcessManager(RedisBinary binary) {
        this.binary = binary;
        OPEN.add(this);
    }

    /**
     * What to run when the JVM exits while this manager is open (default: stop its servers). The emulator passes its
     * own close, so state is saved before the servers go. Whatever still runs afterwards is killed.
     */
    public void onJvmExit(Runnable action) {
        this.onJvmExit = action;
    }

    /** Stops every server this manager started and forgets the manager. */
    public void close(boolean keepData) {
        stopAll(keepData);
        OPEN.remove(this);
    }

    public RedisBinary binary() {
        return binary;
    }

    public boolean available() {
        return binary.available();
    }

    /**
     * Starts a server for {@code instanceId} in {@code dir} (created if needed; an existing {@code dump.rdb} there is
     * loaded). {@code preferredPort} > 0 is tried first, e.g. to keep the port of a reloaded instance.
     */
    public RedisProcess start(String instanceId, Path dir, Secret password, long maxmemoryBytes, int preferredPort)
            throws IOException {
        if (!binary.available()) throw new IOException("no redis-server available: " + binary.version());
        Files.createDirectories(dir);
        IOException last = null;
        for (int attempt = 0; attempt < 4; attempt++) {
            int port = attempt == 0 && preferredPort > 0 && LocalProcesses.portFree(preferredPort) ? preferredPort
                    : LocalProcesses.freePort();
            try {
                RedisProcess process = startOn(instanceId, dir, password, maxmemoryBytes, port);
                running.put(instanceId, process);
                return process;
            } catch (IOException e) {
                last = e;
                LOG.log(System.Logger.Level.DEBUG, "redis-server for {0} on port {1} failed: {2}", instanceId, port, e.getMessage());
            }
        }
        throw last;
    }

    private RedisProcess startOn(String instanceId, Path dir, Secret password, long maxmemoryBytes, int port)
            throws IOException {
        Path conf = dir.resolve("redis.conf");
        StringBuilder text = new StringBuilder()
                .append("port ").append(port).append('\n')
                .append("bind 127.0.0.1\n")
                .append("dir \"").append(dir.toAbsolutePath()).append("\"\n")
                .append("dbfilename ").append(DB_FILE).append('\n')
                .append("save \"\"\n")
                .append("appendonly no\n")
                .append("daemonize no\n")
                .append("logfile \"\"\n")
                // the pid file lets a restarted emulator find a server its killed predecessor left behind
                .append("pidfile \"").append(dir.toAbsolutePath().resolve(PID_FILE)).append("\"\n");
        if (maxmemoryBytes > 0) text.append("maxmemory ").append(maxmemoryBytes).append('\n');
        if (password != null && !password.isEmpty()) {
            // passwords are restricted to letters, digits and ()`~!@#$%^&*-+=_|{}[]:;<>,.?/ by the front-end
            text.append("requirepass \"").append(password.reveal()).append("\"\n");
        }
        Files.writeString(conf, text, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        Path log = dir.resolve("redis.log");
        Process process = new ProcessBuilder(binary.path().toString(), conf.toAbsolutePath().toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        LIVE.add(process);
        RedisProcess handle = new RedisProcess(instanceId, port, dir, process, password);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            if (!process.isAlive()) {
                LIVE.remove(process);
                throw new IOException("redis-server exited with " + process.exitValue() + ": " + tail(log));
            }
            try {
                handle.ping();
                LOG.log(System.Logger.Level.DEBUG, "started {0}", handle);
                return handle;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    kill(process);
                    throw new IOException("redis-server did not answer PING within 10 s: " + tail(log));
                }
                sleep(10);
            }
        }
    }

    /** Stops the server: {@code SAVE} first when {@code keepData}, then {@code SHUTDOWN NOSAVE}, then kill. */
    public void stop(RedisProcess process, boolean keepData) {
        if (process == null) return;
        running.remove(process.instanceId(), process);
        try {
            if (process.alive()) {
                if (keepData) process.save();
                try {
                    process.call("SHUTDOWN", "NOSAVE");
                } catch (IOException expected) {
                    // the server closes the connection while shutting down
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "graceful stop of {0} failed: {1}", process, e.getMessage());
        }
        kill(process.process());
    }

    /**
     * Deals with a redis-server that a killed emulator left running in {@code dir} (found by its pid file, checked to
     * be a redis-server on this directory's config): its data is saved to the directory's dump when one of
     * {@code passwords} opens it, then it is stopped, so the instance restarts on its data and nothing is orphaned.
     *
     * @return whether such a server was found
     */
    public boolean reclaimOrphan(Path dir, List<Secret> passwords) {
        Path pidFile = dir.resolve(PID_FILE);
        Path conf = dir.resolve("redis.conf");
        if (!Files.exists(pidFile)) return false;
        Optional<ProcessHandle> handle;
        try {
            handle = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (IOException | NumberFormatException e) {
            handle = Optional.empty();
        }
        int port = confPort(conf);
        // redis-server shows itself as "redis-server 127.0.0.1:<port>": a recycled pid is not mistaken for it
        boolean ours = port > 0 && handle.isPresent() && handle.get().isAlive()
                && LocalProcesses.commandLine(handle.get()).matches("(?s).*redis-server\\S* \\S*:" + port + "\\b.*");
        if (!ours) {
            deleteQuietly(pidFile);
            return false;
        }
        ProcessHandle orphan = handle.get();
        boolean saved = false;
        List<Secret> tries = new java.util.ArrayList<>(passwords);
        confPassword(conf).ifPresent(tries::add);
        for (Secret pw : tries) {
            if (saved || port <= 0) break;
            try (RespClient client = RespClient.connect(RedisProcess.HOST, port, 2_000)) {
                if (pw != null && !pw.isEmpty()) client.call("AUTH", pw.reveal());
                client.call("SAVE");
                saved = true;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "orphan redis-server pid {0}: {1}", orphan.pid(), e.getMessage());
            }
        }
        orphan.destroy();
        try {
            orphan.onExit().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            orphan.destroyForcibly();
            try {
                orphan.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported below
            }
        }
        LOG.log(System.Logger.Level.INFO, "stopped redis-server pid {0} left by a previous emulator in {1} ({2})",
                orphan.pid(), dir, saved ? "data saved" : "data NOT saved");
        deleteQuietly(pidFile);
        return true;
    }

    private static int confPort(Path conf) {
        try {
            for (String line : Files.readAllLines(conf, StandardCharsets.UTF_8)) {
                if (line.startsWith("port ")) return Integer.parseInt(line.substring(5).trim());
            }
        } catch (IOException | NumberFormatException e) {
            // no port known: the server is stopped without saving
        }
        return -1;
    }

    private static Optional<Secret> confPassword(Path conf) {
        try {
            for (String line : Files.readAllLines(conf, StandardCharsets.UTF_8)) {
                if (line.startsWith("requirepass \"") && line.endsWith("\"")) {
                    return Optional.of(Secret.of(line.substring("requirepass \"".length(), line.length() - 1)));
                }
            }
        } catch (IOException e) {
            // none
        }
        return Optional.empty();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale pid file is checked again next time
        }
    }

    /** The running process of an instance, if any. */
    public RedisProcess process(String instanceId) {
        return running.get(instanceId);
    }

    public List<RedisProcess> running() {
        return List.copyOf(running.values());
    }

    public void stopAll(boolean keepData) {
        for (RedisProcess p : running()) {
            stop(p, keepData);
        }
    }

    private static void kill(Process process) {
        try {
            LocalProcesses.terminate(process, 2); // after SHUTDOWN it exits by itself
        } finally {
            LIVE.remove(process);
        }
    }

    private static void onJvmExit() {
        for (RedisProcessManager manager : List.copyOf(OPEN)) {
            try {
                manager.onJvmExit.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "clean stop at JVM exit failed: " + e.getMessage());
            }
        }
        for (Process p : List.copyOf(LIVE)) {
            p.destroyForcibly();
        }
    }


    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
