package io.cachesh.shell.cli;

import io.cachesh.shell.config.ShellEnvironment;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What {@code configure get|set|list} share: the options they take at every level (cachesh, configure, the
 * subcommand), the profile they address, and one error path. Subclasses do their one job in {@link #run()}.
 */
abstract class ConfigureSubcommand implements Callable<Integer> {

    @ParentCommand
    ConfigureCommand configure;

    @Mixin
    GlobalOptionsMixin global;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (Exception e) {
            return CacheshCommand.fail(spec, e, debug());
        }
    }

    abstract int run() throws Exception;

    final CacheshCommand root() {
        return configure.parent;
    }

    final ShellEnvironment environment() {
        return root().environment();
    }

    /** The profile named by {@code --profile} at any level, else {@code CACHESH_PROFILE}, else {@code default}. */
    final String profile() {
        return ConfigureCommand.profileName(ConfigureCommand.profileOnly(global, configure.global, root().global),
                environment());
    }

    final boolean debug() {
        return global.debug || configure.global.debug || root().global.debug;
    }
}
