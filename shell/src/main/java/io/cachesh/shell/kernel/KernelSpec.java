package io.cachesh.shell.kernel;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The kernelspec Jupyter needs to start {@code cachesh kernel}: {@code <data dir>/kernels/cachesh/kernel.json} with
 * {@code argv} pointing at this Java and this jar.
 */
public final class KernelSpec {

    public static final String NAME = "cachesh";

    private KernelSpec() {
    }

    /**
     * The Jupyter data directory: {@code --prefix}'s {@code share/jupyter}; with {@code --user} {@code $JUPYTER_DATA_DIR}
     * or {@code ~/.local/share/jupyter} ({@code ~/Library/Jupyter} on macOS); else {@code /usr/local/share/jupyter}.
     */
    public static Path dataDir(Map<String, String> env, Path home, boolean user, Path prefix) {
        if (prefix != null) return prefix.resolve("share/jupyter");
        if (user) {
            String configured = env.get("JUPYTER_DATA_DIR");
            if (configured != null && !configured.isBlank()) return Path.of(configured);
            if (System.getProperty("os.name", "").toLowerCase().contains("mac")) return home.resolve("Library/Jupyter");
            String xdg = env.get("XDG_DATA_HOME");
            return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/share")).resolve("jupyter");
        }
        return Path.of("/usr/local/share/jupyter");
    }

    /** How Jupyter starts this kernel: this Java, with this jar (or class path), then {@code kernel -f {connection_file}}. */
    public static List<String> argv() {
        List<String> argv = new ArrayList<>();
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.add(java);
        Path jar = launcherJar();
        if (jar != null) {
            argv.add("-jar");
            argv.add(jar.toString());
        } else {
            argv.add("-cp");
            argv.add(System.getProperty("java.class.path"));
            argv.add("io.cachesh.shell.cli.Main");
        }
        argv.add("kernel");
        argv.add("--connection-file");
        argv.add("{connection_file}");
        return argv;
    }

    private static Path launcherJar() {
        try {
            Path p = Path.of(KernelSpec.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") && p.getFileName().toString().startsWith("cachesh")
                    && !p.getFileName().toString().startsWith("cachesh-shell") ? p.toAbsolutePath() : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** Writes {@code kernels/cachesh/kernel.json} under the data directory; returns the kernel's directory. */
    public static Path install(Path dataDir, List<String> argv) throws IOException {
        Path dir = dataDir.resolve("kernels").resolve(NAME);
        Files.createDirectories(dir);
        ObjectNode spec = KernelMessage.MAPPER.createObjectNode();
        var a = spec.putArray("argv");
        argv.forEach(a::add);
        spec.put("display_name", "cachesh (Groovy DSL)");
        spec.put("language", "groovy");
        spec.put("interrupt_mode", "message");
        spec.putObject("env").put("NO_COLOR", "1");
        spec.putObject("metadata").put("debugger", false);
        Files.writeString(dir.resolve("kernel.json"),
                KernelMessage.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(spec) + "\n");
        return dir;
    }
}
