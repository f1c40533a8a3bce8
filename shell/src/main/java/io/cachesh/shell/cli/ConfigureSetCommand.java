package io.cachesh.shell.cli;

import io.cachesh.shell.config.ProfileEditor;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code cachesh configure set <key> <value>} (as tccli's): one setting of the profile; secrets are not set here. */
@Command(name = "set", mixinStandardHelpOptions = true,
        description = {"Set one setting of the profile (as tccli configure set): provider, region, output, endpoint, "
                + "<provider>_region, huawei_project_id, ... An empty value removes it."})
public final class ConfigureSetCommand extends ConfigureSubcommand {

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "<key>")
    String key;

    @picocli.CommandLine.Parameters(index = "1", paramLabel = "<value>", arity = "0..1")
    String value;

    @Override
    int run() throws Exception {
        ProfileEditor editor = new ProfileEditor(environment().profileFiles(), profile());
        editor.set(key.strip(), value == null ? null : value.strip());
        PrintWriter err = spec.commandLine().getErr();
        editor.save().forEach(err::println);
        err.flush();
        return 0;
    }
}
