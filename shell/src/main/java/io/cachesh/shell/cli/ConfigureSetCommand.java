package io.cachesh.shell.cli;

import io.cachesh.shell.config.ProfileEditor;
import io.cachesh.shell.config.ShellEnvironment;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code cachesh configure set <key> <value>} (as tccli's): one setting of the profile; secrets are not set here. */
@Command(name = "set", mixinStandardHelpOptions = true,
        description = {"Set one setting of the profile (as tccli configure set): provider, region, output, endpoint, "
                + "<provider>_region, huawei_project_id, ... An empty value removes it."})
public final class ConfigureSetCommand implements Callable<Integer> {

    @ParentCommand
    ConfigureCommand configure;

    @Mixin
    GlobalOptionsMixin global;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "<key>")
    String key;

    @picocli.CommandLine.Parameters(index = "1", paramLabel = "<value>", arity = "0..1")
    String value;

    @Override
    public Integer call() {
        CacheshCommand root = configure.parent;
        try {
            ShellEnvironment environment = root.environment();
            String profile = ConfigureCommand.profileName(ConfigureCommand.profileOnly(global, configure.global, root.global), environment);
            ProfileEditor editor = new ProfileEditor(environment.profileFiles(), profile);
            editor.set(key.strip(), value == null ? null : value.strip());
            PrintWriter err = spec.commandLine().getErr();
            editor.save().forEach(err::println);
            err.flush();
            return 0;
        } catch (Exception e) {
            return CacheshCommand.fail(spec, e, global.debug || configure.global.debug || root.global.debug);
        }
    }
}
