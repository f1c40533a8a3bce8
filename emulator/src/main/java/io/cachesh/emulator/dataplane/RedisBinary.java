package io.cachesh.emulator.dataplane;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where the data plane's {@code redis-server} comes from: an explicit override, then {@code redis-server} on the
 * PATH (Debian's 7.0 in CI), then the linux binary shipped inside the {@code com.github.codemonstur:embedded-redis}
 * jar, extracted once to a cache directory. {@link #unavailable(String)} when none works.
 *
 * @param path    the executable, null when unavailable
 * @param version the {@code --version} line, or why no binary is available
 * @param source  {@code override}, {@code PATH}, {@code embedded-redis} or {@code none}
 */
public record RedisBinary(Path path, String version, String source) {

    private static final System.Logger LOG = System.getLogger(RedisBinary.class.getName());

    public boolean available() {
        return path != null;
    }

    public static RedisBinary unavailable(String why) {
        return new RedisBinary(null, why, "none");
    }

    /** Finds a working binary; {@code override} (may be null) wins when it runs. */
    public static RedisBinary locate(Path override) {
        List<String> tried = new ArrayList<>();
        if (override != null) {
            Optional<String> v = version(override);
            if (v.isPresent()) return new RedisBinary(override, v.get(), "override");
            tried.add(override + " (does not run)");
        }
        String pathEnv = System.getenv("PATH");
        List<Path> candidates = new ArrayList<>();
        if (pathEnv != null) {
            for (String dir : pathEnv.split(java.io.File.pathSeparator)) {
                if (!dir.isBlank()) candidates.add(Path.of(dir, "redis-server"));
            }
        }
        candidates.add(Path.of("/usr/bin/redis-server"));
        candidates.add(Path.of("/usr/local/bin/redis-server"));
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                Optional<String> v = version(candidate);
                if (v.isPresent()) return new RedisBinary(candidate, v.get(), "PATH");
                tried.add(candidate + " (does not run)");
            }
        }
        tried.add("redis-server on PATH (not found)");
        Optional<Path> embedded = extractEmbedded(tried);
        if (embedded.isPresent()) {
            Optional<String> v = version(embedded.get());
            if (v.isPresent()) return new RedisBinary(embedded.get(), v.get(), "embedded-redis");
            tried.add(embedded.get() + " (extracted from embedded-redis, does not run)");
        }
        return unavailable("no usable redis-server: " + String.join("; ", tried)
                + " - install one with `apt-get install -y redis-server`");
    }

    /** The embedded-redis binary alone (extracted and checked), ignoring the PATH; for tests and diagnostics. */
    public static RedisBinary embedded() {
        List<String> tried = new ArrayList<>();
        Optional<Path> path = extractEmbedded(tried);
        if (path.isEmpty()) return unavailable(String.join("; ", tried));
        return version(path.get()).map(v -> new RedisBinary(path.get(), v, "embedded-redis"))
                .orElse(unavailable(path.get() + " (extracted from embedded-redis, does not run)"));
    }

    private static Optional<Path> extractEmbedded(List<String> tried) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String resource;
        if (os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
            resource = "redis-server-6.2.6-v5-linux-amd64";
        } else if (os.contains("linux") && (arch.equals("aarch64") || arch.equals("arm64"))) {
            resource = "redis-server-6.2.7-linux-arm64";
        } else if (os.contains("mac") && (arch.equals("aarch64") || arch.equals("arm64"))) {
            resource = "redis-server-6.2.6-v5-darwin-arm64";
        } else if (os.contains("mac")) {
            resource = "redis-server-6.2.6-v5-darwin-amd64";
        } else {
            tried.add("embedded-redis (no binary for " + os + "/" + arch + ")");
            return Optional.empty();
        }
        try (InputStream in = RedisBinary.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                tried.add("embedded-redis (jar not on the classpath)");
                return Optional.empty();
            }
            String home = System.getProperty("user.home");
            Path dir = home == null ? Path.of(System.getProperty("java.io.tmpdir"), "cachesh-redis")
                    : Path.of(home, ".cache", "cachesh", "redis");
            Files.createDirectories(dir);
            Path target = dir.resolve(resource);
            if (!Files.isExecutable(target)) {
                Path tmp = Files.createTempFile(dir, resource, ".part");
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                tmp.toFile().setExecutable(true, true);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return Optional.of(target);
        } catch (IOException e) {
            tried.add("embedded-redis (extract failed: " + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    private static Optional<String> version(Path binary) {
        try {
            Process p = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            String text = new String(out, StandardCharsets.UTF_8).trim();
            if (p.exitValue() == 0 && text.startsWith("Redis server")) return Optional.of(text);
            LOG.log(System.Logger.Level.DEBUG, "{0} --version: {1}", binary, text);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
