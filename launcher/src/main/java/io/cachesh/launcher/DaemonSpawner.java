package io.cachesh.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts the daemon in the background: its own session ({@code setsid}, so a Ctrl-C at the terminal does not reach
 * it), stdin from /dev/null, output appended to {@code daemon.log}, and an environment without credentials (each
 * call brings its own).
 */
public final class DaemonSpawner {

    /** The daemon's main class (in the shell jar). */
    public static final String MAIN = "io.cachesh.shell.daemon.DaemonMain";

    private DaemonSpawner() {
    }

    /**
     * The class path the daemon runs with: this JVM's, with absolute entries (the daemon runs in its own
     * directory). It also names the build: a client of another class path gets a new daemon.
     */
    public static String daemonClassPath() {
        List<String> all = new ArrayList<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isEmpty()) all.add(new File(e).getAbsolutePath());
        }
        return String.join(File.pathSeparator, all);
    }

    /** Starts a daemon for {@code dir} in the background; returns its process (already detached). */
    public static Process start(DaemonDir dir, Map<String, String> env) throws IOException {
        dir.create();
        List<String> cmd = new ArrayList<>();
        for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(setsid))) {
                cmd.add(setsid);
                break;
            }
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Xshare:auto");
        String opts = env.get("CACHESH_DAEMON_JAVA_OPTS");
        if (opts != null && !opts.isBlank()) cmd.addAll(List.of(opts.trim().split("\\s+")));
        cmd.add("-cp");
        cmd.add(daemonClassPath());
        cmd.add(MAIN);
        cmd.add("--dir");
        cmd.add(dir.path().toString());
        String idle = env.get("CACHESH_DAEMON_IDLE");
        if (idle != null && !idle.isBlank()) {
            cmd.add("--idle");
            cmd.add(idle.trim());
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.directory(dir.path().toFile()); // keeps no client directory busy
        pb.environment().keySet().removeIf(DaemonDir::credential);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        File log = dir.log().toFile();
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        pb.redirectErrorStream(true);
        return pb.start();
    }
}
