package io.cachesh.shell.cli;

import io.cachesh.shell.config.ProfileEditor;
import io.cachesh.shell.config.UsageException;
import io.cachesh.shell.config.VendorKeys;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code cachesh configure get <key>}: the profile's stored setting (never a secret). */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = {"Print one stored setting of the profile (as tccli configure get); nothing when it is not set. "
                + "Secrets are not printed: see configure list."})
public final class ConfigureGetCommand extends ConfigureSubcommand {

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "<key>")
    String key;

    @Override
    int run() {
        String k = key.strip();
        if (!ProfileEditor.knownKeys().contains(k)) {
            throw new UsageException(VendorKeys.isSecretKey(k) || k.endsWith("_secret_id") || k.equals("huawei_ak")
                    ? k + " is a credential: cachesh configure list shows it masked"
                    : "unknown setting '" + k + "': use one of " + String.join(", ", ProfileEditor.knownKeys()));
        }
        ProfileEditor editor = new ProfileEditor(environment().profileFiles(), profile());
        PrintWriter out = spec.commandLine().getOut();
        editor.setting(k).ifPresent(out::println);
        out.flush();
        return 0;
    }
}
