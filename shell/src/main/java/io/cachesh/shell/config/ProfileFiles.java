package io.cachesh.shell.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The two profile files under {@code ~/.cachesh}: {@code config} (provider, region, output, endpoint, provider
 * options) and {@code credentials} (key pairs and tokens, private: mode 600). Reads refuse a credentials file others can
 * read; writes replace a file atomically with a private temporary file (mode 600 from creation, so no other user can
 * ever open a half-written or readable copy).
 */
public final class ProfileFiles {

    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> TOO_OPEN = Set.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path config;
    private final Path credentials;
    private final Path home;

    public ProfileFiles(Path config, Path credentials, Path home) {
        this.config = config;
        this.credentials = credentials;
        this.home = home;
    }

    /** {@code <home>/.cachesh/config} and {@code <home>/.cachesh/credentials}. */
    public static ProfileFiles in(Path home) {
        Path dir = home.resolve(".cachesh");
        return new ProfileFiles(dir.resolve("config"), dir.resolve("credentials"), home);
    }

    public Path config() {
        return config;
    }

    public Path credentials() {
        return credentials;
    }

    /** A path for messages: {@code ~/.cachesh/config} under the home directory, else absolute. */
    public String display(Path p) {
        if (p == null) return "(none)";
        if (home != null && p.startsWith(home)) return "~/" + home.relativize(p);
        return p.toString();
    }

    /** The settings file (empty when there is none). */
    public IniFile readConfig() {
        IniFile ini = read(config, false);
        return ini.profilePrefix(true);
    }

    /** The credentials file (empty when there is none); refused when group or others may read it. */
    public IniFile readCredentials() {
        return read(credentials, true).profilePrefix(false);
    }

    private IniFile read(Path file, boolean mustBePrivate) {
        String name = display(file);
        if (file == null || !Files.exists(file)) return IniFile.empty(name);
        if (!Files.isRegularFile(file)) throw new UsageException(name + " is not a regular file: remove it or run cachesh configure");
        if (mustBePrivate) checkPrivate(file);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new UsageException(name + " is not UTF-8 text: rewrite it with cachesh configure");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
        }
        return IniFile.parse(text, name, VendorKeys::canonicalKey, mustBePrivate);
    }

    /** Refuses a file whose mode lets group or others read or write it, saying how to fix it. */
    public static void checkPrivate(Path file) {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return; // not a POSIX file system: nothing to check
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + file, e);
        }
        for (PosixFilePermission p : perms) {
            if (TOO_OPEN.contains(p)) {
                throw new UsageException(file + " is readable by other users (mode "
                        + PosixFilePermissions.toString(perms) + "): run chmod 600 " + file);
            }
        }
    }

    public void writeConfig(IniFile ini) {
        write(config, ini.render());
    }

    public void writeCredentials(IniFile ini) {
        write(credentials, ini.render());
    }

    /**
     * Replaces {@code target} with {@code text}: written to a temporary file created with mode 600 in the same
     * directory, forced to disk, then renamed over the target (atomic on POSIX file systems).
     */
    static void write(Path target, String text) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            createPrivateDirectory(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(PRIVATE));
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 Writer w = java.nio.channels.Channels.newWriter(ch, StandardCharsets.UTF_8)) {
                w.write(text);
                w.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is private
                }
            }
        }
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
        } catch (FileAlreadyExistsException e) {
            // created meanwhile
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
        }
    }
}
