package io.cachesh.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * The per-user daemon directory ({@code $CACHESH_DAEMON_DIR}, else {@code $XDG_RUNTIME_DIR/cachesh}, else
 * {@code ~/.cachesh/daemon}) holding {@code daemon.sock}, {@code daemon.lock} and {@code daemon.log}. Only a
 * directory owned by this user with mode 0700, and a socket owned by this user that nobody else can write, are
 * used: anything else is refused (the command then runs in-process).
 */
public final class DaemonDir {

    private static final Set<PosixFilePermission> OTHERS = Set.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path dir;

    public DaemonDir(Path dir) {
        this.dir = dir;
    }

    /** The directory for this user and environment. */
    public static DaemonDir of(Map<String, String> env) {
        String explicit = env.get("CACHESH_DAEMON_DIR");
        if (explicit != null && !explicit.isBlank()) return new DaemonDir(Path.of(explicit));
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))) {
            return new DaemonDir(Path.of(runtime, "cachesh"));
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return new DaemonDir(Path.of(home, ".cachesh", "daemon"));
    }

    public Path path() {
        return dir;
    }

    public Path socket() {
        return dir.resolve("daemon.sock");
    }

    public Path lock() {
        return dir.resolve("daemon.lock");
    }

    public Path log() {
        return dir.resolve("daemon.log");
    }

    /** Creates the directory (mode 0700) if it is missing. */
    public void create() throws IOException {
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) return;
        Path parent = dir.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------")); // past the umask
    }

    /** Why the directory must not be used, or null when it is private to this user. */
    public String refusal() {
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) return dir + " is not a directory";
            String owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName();
            if (!owner.equals(System.getProperty("user.name"))) return dir + " belongs to " + owner;
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            if (perms.stream().anyMatch(OTHERS::contains)) {
                return dir + " has mode " + PosixFilePermissions.toString(perms) + " (must be rwx------)";
            }
            Path sock = socket();
            if (Files.exists(sock, LinkOption.NOFOLLOW_LINKS)) {
                String sockOwner = Files.getOwner(sock, LinkOption.NOFOLLOW_LINKS).getName();
                if (!sockOwner.equals(System.getProperty("user.name"))) return sock + " belongs to " + sockOwner;
                Set<PosixFilePermission> sp = Files.getPosixFilePermissions(sock, LinkOption.NOFOLLOW_LINKS);
                if (sp.stream().anyMatch(OTHERS::contains)) {
                    return sock + " has mode " + PosixFilePermissions.toString(sp) + " (must be rw-------)";
                }
            }
            return null;
        } catch (UnsupportedOperationException e) {
            return "not a POSIX file system: " + dir;
        } catch (IOException e) {
            return "cannot check " + dir + ": " + e.getMessage();
        }
    }

    /**
     * What identifies a build: each entry of the class path with its size and modification time. A daemon of
     * another build (the jar was rebuilt or upgraded) refuses calls and stops.
     */
    public static String build(String classPath) {
        StringBuilder sb = new StringBuilder("v").append(Wire.VERSION);
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isEmpty()) continue;
            File f = new File(entry);
            sb.append('|').append(f.getAbsolutePath()).append(':').append(f.isFile() ? f.length() : 0).append(':').append(f.lastModified());
        }
        return sb.toString();
    }

    /** Whether a variable is part of a call: what cachesh reads (credentials, colour, terminal, its own settings). */
    public static boolean forwarded(String name) {
        return credential(name) || name.startsWith("CACHESH_") || name.startsWith("XDG_") || name.startsWith("JUPYTER_")
                || name.equals("NO_COLOR") || name.equals("CI") || name.equals("TERM") || name.equals("COLUMNS")
                || name.equals("HOME") || name.equals("LANG") || name.startsWith("LC_");
    }

    /** Whether a variable may hold a credential: never in the daemon's own environment, never logged. */
    public static boolean credential(String name) {
        String n = name.toUpperCase(java.util.Locale.ROOT);
        return n.startsWith("TENCENTCLOUD_") || n.startsWith("HUAWEICLOUD_") || n.startsWith("CAPITALONLINE_")
                || n.contains("SECRET") || n.contains("TOKEN") || n.contains("PASSWORD") || n.contains("PASSWD")
                || n.endsWith("_SK") || n.endsWith("_AK") || n.endsWith("_KEY");
    }
}
