package io.cachesh.emulator.dataplane;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Starts and stops the real {@code memcached} processes behind emulated Memcached instances (Tencent CMEM,
 * CapitalOnline): one process per instance, {@code memcached -l 127.0.0.1 -p <free port> -m <MB> -U 0}
 * ({@code -u root} added when the JVM runs as root, which memcached otherwise refuses). A start waits until the
 * server answers {@code version}. Memcached keeps nothing on disk, so neither does this manager. Every process it
 * starts is also killed by a JVM shutdown hook, so none outlives the JVM.
 *
 * <p>The binary is the override, else {@code memcached} on the PATH, else {@code /usr/bin/memcached}
 * ({@code apt-get install -y memcached}). Without one, {@link #available()} is false and Memcached instances are
 * control plane only.
 */
public final class MemcachedProcessManager {

    private static final System.Logger LOG = System.getLogger(MemcachedProcessManager.class.getName());
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Process p : List.copyOf(LIVE)) p.destroyForcibly();
        }, "cachesh-memcached-reaper"));
    }

    private final Path binary;
    private final String version;
    private final Map<String, MemcachedProcess> running = new ConcurrentHashMap<>();

    private MemcachedProcessManager(Path binary, String version) {
        this.binary = binary;
        this.version = version;
    }

    /** Finds the binary ({@code override} first) and asks it its version; never throws. */
    public static MemcachedProcessManager locate(Path override) {
        for (Path candidate : candidates(override)) {
            if (candidate == null || !Files.isExecutable(candidate)) continue;
            try {
                Process p = new ProcessBuilder(candidate.toString(), "-V").redirectErrorStream(true).start();
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    continue;
                }
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (p.exitValue() == 0 && out.startsWith("memcached")) return new MemcachedProcessManager(candidate, out);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "memcached candidate {0}: {1}", candidate, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new MemcachedProcessManager(null, override != null ? "memcached not runnable at " + override
                : "memcached not found (install it: apt-get install -y memcached)");
    }

    /**
     * Stops a memcached that a killed emulator left running, named by {@code pidFile} ("pid port", written by the fleet
     * at start): only a live memcached listening on that port is stopped (a recycled pid is left alone). Memcached keeps
     * no data, so nothing is saved.
     *
     * @return whether such a process was found
     */
    public static boolean reclaimOrphan(Path pidFile) {
        if (!Files.exists(pidFile)) return false;
        try {
            String[] parts = Files.readString(pidFile).trim().split("\\s+");
            java.util.Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(parts[0]));
            String port = parts[1];
            if (handle.isPresent() && handle.get().isAlive()
                    && LocalProcesses.commandLine(handle.get()).matches("(?s).*memcached .*-p " + port + "\\b.*")) {
                handle.get().destroyForcibly();
                handle.get().onExit().get(5, TimeUnit.SECONDS);
                LOG.log(System.Logger.Level.INFO, "stopped memcached pid {0} left by a previous emulator", parts[0]);
                return true;
            }
            return false;
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "memcached pid file " + pidFile + ": " + e.getMessage());
            return false;
        } finally {
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException ignored) {
                // looked at again next start
            }
        }
    }

    /** A manager with no binary: every Memcached instance is control plane only. */
    public static MemcachedProcessManager unavailable(String why) {
        return new MemcachedProcessManager(null, why);
    }

    private static List<Path> candidates(Path override) {
        if (override != null) return List.of(override);
        java.util.ArrayList<Path> out = new java.util.ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) out.add(Path.of(dir, "memcached"));
            }
        }
        out.add(Path.of("/usr/bin/memcached"));
        out.add(Path.of("/usr/local/bin/memcached"));
        return out;
    }

    public boolean available() {
        return binary != null;
    }

    /** The binary and its version, or why there is none. */
    public String description() {
        return binary != null ? binary + " (" + version + ")" : "none: " + version;
    }

    /** Starts a server for {@code instanceId} with {@code memoryMb} of cache; {@code preferredPort} > 0 is tried first. */
    public MemcachedProcess start(String instanceId, long memoryMb, int preferredPort) throws IOException {
        if (binary == null) throw new IOException("no memcached available: " + version);
        IOException last = null;
        for (int attempt = 0; attempt < 4; attempt++) {
            int port = attempt == 0 && preferredPort > 0 && LocalProcesses.portFree(preferredPort) ? preferredPort
                    : LocalProcesses.freePort();
            try {
                MemcachedProcess process = startOn(instanceId, memoryMb, port);
                MemcachedProcess before = running.put(instanceId, process);
                if (before != null && before != process) stop(before);
                return process;
            } catch (IOException e) {
                last = e;
                LOG.log(System.Logger.Level.DEBUG, "memcached for {0} on port {1} failed: {2}", instanceId, port, e.getMessage());
            }
        }
        throw last;
    }

    private MemcachedProcess startOn(String instanceId, long memoryMb, int port) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(binary.toString(), "-l", MemcachedProcess.HOST,
                "-p", Integer.toString(port), "-U", "0", "-m", Long.toString(Math.max(1, memoryMb)), "-c", "1024"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("-u");
            command.add("root");
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        LIVE.add(process);
        MemcachedProcess handle = new MemcachedProcess(instanceId, port, process, memoryMb);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            if (!process.isAlive()) {
                LIVE.remove(process);
                throw new IOException("memcached exited with " + process.exitValue() + " (port " + port + ")");
            }
            try {
                handle.version();
                LOG.log(System.Logger.Level.DEBUG, "started {0}", handle);
                return handle;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    kill(process);
                    throw new IOException("memcached did not answer version within 10 s on port " + port);
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    kill(process);
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while starting memcached");
                }
            }
        }
    }

    /** Stops the server (its items are gone: memcached keeps nothing). */
    public void stop(MemcachedProcess process) {
        if (process == null) return;
        running.remove(process.instanceId(), process);
        kill(process.process());
    }

    /** The running server of an instance, or null. */
    public MemcachedProcess process(String instanceId) {
        return running.get(instanceId);
    }

    public List<MemcachedProcess> running() {
        return List.copyOf(running.values());
    }

    /** Stops every server this manager started. */
    public void close() {
        for (MemcachedProcess p : running()) stop(p);
    }

    private static void kill(Process process) {
        try {
            LocalProcesses.terminate(process, 0);
        } finally {
            LIVE.remove(process);
        }
    }

}
