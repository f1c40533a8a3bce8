package io.cachesh.shell.install;

import io.cachesh.shell.cli.CacheshCommand;
import io.cachesh.shell.cli.VersionProvider;
import io.cachesh.shell.config.ShellEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Writes what the release bundle carries besides the jar: {@code man/cachesh.1} and
 * {@code completion/cachesh.bash|.zsh|.fish}. Run by the dist module's build: {@code BundleFiles <directory>}.
 */
public final class BundleFiles {

    private BundleFiles() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) throw new IllegalArgumentException("usage: BundleFiles <output directory>");
        write(Path.of(args[0]));
    }

    public static void write(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("man"));
        Files.createDirectories(dir.resolve("completion"));
        Files.writeString(dir.resolve("man/cachesh.1"), ManPage.of(tree(), VersionProvider.version()));
        String bash = AutoComplete.bash("cachesh", tree());
        Files.writeString(dir.resolve("completion/cachesh.bash"), bash);
        Files.writeString(dir.resolve("completion/cachesh.zsh"), bash);
        Files.writeString(dir.resolve("completion/cachesh.fish"), FishCompletion.script(tree()));
    }

    private static CommandLine tree() {
        return CompletionValues.decorate(CacheshCommand.newCommandLine(ShellEnvironment.system()));
    }
}
