package io.cachesh.emulator.dataplane;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What the redis-server and memcached managers both need of the loopback ports and of the processes they start. */
final class LocalProcesses {

    private LocalProcesses() {
    }

    /** A port nobody listens on now (the server is started on it right after). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Ends {@code process}: first gives it {@code ownExitSeconds} to exit by itself (after a SHUTDOWN, say), then
     * SIGTERM, then SIGKILL.
     */
    static void terminate(Process process, long ownExitSeconds) {
        try {
            if (process.isAlive() && !process.waitFor(ownExitSeconds, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(2, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The process's command line as the kernel shows it (redis-server rewrites its own), else as the JDK knows it. */
    static String commandLine(ProcessHandle process) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException | UnsupportedOperationException e) {
            return process.info().commandLine().orElse("");
        }
    }
}
