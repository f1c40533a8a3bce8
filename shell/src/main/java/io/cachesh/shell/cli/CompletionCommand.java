package io.cachesh.shell.cli;

import io.cachesh.shell.install.CompletionValues;
import io.cachesh.shell.install.FishCompletion;
import io.cachesh.shell.config.UsageException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cachesh completion bash|zsh|fish}: a completion script for subcommands, options, providers, regions, API
 * names and actions. bash and zsh share picocli's script (it loads {@code bashcompinit} under zsh); fish has its own.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print a shell completion script: bash, zsh or fish.",
        footer = {"", "Install:",
                "  bash: source <(cachesh completion bash)        (or save it in /etc/bash_completion.d/cachesh)",
                "  zsh:  source <(cachesh completion zsh)         (in ~/.zshrc, after compinit)",
                "  fish: cachesh completion fish > ~/.config/fish/completions/cachesh.fish"})
public final class CompletionCommand implements Callable<Integer> {

    static final java.util.List<String> SHELLS = java.util.List.of("bash", "zsh", "fish");

    @ParentCommand
    CacheshCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<shell>", completionCandidates = Shells.class,
            description = "bash, zsh or fish.")
    String shell;

    static final class Shells extends java.util.ArrayList<String> {
        Shells() {
            super(SHELLS);
        }
    }

    @Override
    public Integer call() {
        try {
            PrintWriter out = spec.commandLine().getOut();
            out.print(script(shell, parent.environment()));
            out.flush();
            return 0;
        } catch (Exception e) {
            return CacheshCommand.fail(spec, e, false);
        }
    }

    /** The script for {@code shell}, generated from a fresh command tree. */
    static String script(String shell, io.cachesh.shell.config.ShellEnvironment environment) {
        CommandLine tree = CompletionValues.decorate(CacheshCommand.newCommandLine(environment));
        return switch (shell) {
            case "bash", "zsh" -> AutoComplete.bash("cachesh", tree);
            case "fish" -> FishCompletion.script(tree);
            default -> throw new UsageException("completion: shell must be one of " + String.join(", ", SHELLS)
                    + ", got '" + shell + "'");
        };
    }
}
