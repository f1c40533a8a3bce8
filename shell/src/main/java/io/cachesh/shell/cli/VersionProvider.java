package io.cachesh.shell.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * {@code cachesh --version}: the project version (filtered into {@code version.properties}), the git commit when the
 * build knew it, and the runtime.
 */
public final class VersionProvider implements CommandLine.IVersionProvider {

    public static String version() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/io/cachesh/shell/version.properties")) {
            if (in != null) p.load(in);
        } catch (IOException ignored) {
            // unknown version
        }
        String v = p.getProperty("version", "dev");
        return v.startsWith("${") ? "dev" : v;
    }

    /** The git commit the jar was built from (written at build time), or null when unknown. */
    public static String commit() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("/io/cachesh/shell/commit.txt")) {
            if (in == null) return null;
            String c = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            return c.matches("[0-9a-f]{7,40}") ? c : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public String[] getVersion() {
        String commit = commit();
        return new String[] {"cachesh " + version() + " (" + (commit == null ? "" : "commit " + commit + ", ")
                + "Java " + System.getProperty("java.version") + ")"};
    }
}
