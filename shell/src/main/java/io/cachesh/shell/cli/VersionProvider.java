package io.cachesh.shell.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** {@code cachesh --version}: the project version (filtered into {@code version.properties}) and the runtime. */
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

    @Override
    public String[] getVersion() {
        return new String[] {"cachesh " + version() + " (Java " + System.getProperty("java.version") + ")"};
    }
}
