package io.cachesh.shell.cli;

import io.cachesh.shell.config.ProfileEditor;
import io.cachesh.shell.config.ShellEnvironment;
import io.cachesh.shell.config.UsageException;
import io.cachesh.shell.config.VendorKeys;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code cachesh configure get <key>}: the profile's stored setting (never a secret). */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = {"Print one stored setting of the profile (as tccli configure get); nothing when it is not set. "
                + "Secrets are not printed: see configure list."})
public final class ConfigureGetCommand implements Callable<Integer> {

    @ParentCommand
    ConfigureCommand configure;

    @Mixin
    GlobalOptionsMixin global;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "<key>")
    String key;

    @Override
    public Integer call() {
        CacheshCommand root = configure.parent;
        try {
            ShellEnvironment environment = root.environment();
            String profile = ConfigureCommand.profileName(ConfigureCommand.profileOnly(global, configure.global, root.global), environment);
            String k = key.strip();
            if (!ProfileEditor.knownKeys().contains(k)) {
                throw new UsageException(VendorKeys.isSecretKey(k) || k.endsWith("_secret_id") || k.equals("huawei_ak")
                        ? k + " is a credential: cachesh configure list shows it masked"
                        : "unknown setting '" + k + "': use one of " + String.join(", ", ProfileEditor.knownKeys()));
            }
            ProfileEditor editor = new ProfileEditor(environment.profileFiles(), profile);
            PrintWriter out = spec.commandLine().getOut();
            editor.setting(k).ifPresent(out::println);
            out.flush();
            return 0;
        } catch (Exception e) {
            return CacheshCommand.fail(spec, e, global.debug || configure.global.debug || root.global.debug);
        }
    }
}
