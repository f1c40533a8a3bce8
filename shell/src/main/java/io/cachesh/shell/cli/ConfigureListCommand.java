package io.cachesh.shell.cli;

import io.cachesh.shell.config.ConfigOverrides;
import io.cachesh.shell.config.ConfigValue;
import io.cachesh.shell.config.ResolvedConfig;
import io.cachesh.shell.config.ShellEnvironment;
import io.cachesh.shell.render.Ansi;
import io.cachesh.shell.render.ResultRenderer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code cachesh configure list}: the effective values, their sources, secrets masked. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Show the effective settings and credentials and where each came from (flag, environment, "
                + "profile or default); secrets are masked."})
public final class ConfigureListCommand extends ConfigureSubcommand {

    @Override
    int run() {
        ConfigOverrides cli = global.overrides().over(configure.global.overrides()).over(root().global.overrides());
        ShellEnvironment environment = environment();
        ResolvedConfig config = environment.config(cli);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ConfigValue v : config.entries()) rows.add(v.toMap());
        PrintWriter out = spec.commandLine().getOut();
        boolean colour = Ansi.enabled(environment.env(), environment.stdoutIsTerminal());
        String text = ResultRenderer.render(rows, config.settings().output(), config.settings().query(), colour);
        if (!text.isEmpty()) out.println(text);
        out.flush();
        return 0;
    }
}
