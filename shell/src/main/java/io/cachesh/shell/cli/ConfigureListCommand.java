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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code cachesh configure list}: the effective values, their sources, secrets masked. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Show the effective settings and credentials and where each came from (flag, environment, "
                + "profile or default); secrets are masked."})
public final class ConfigureListCommand implements Callable<Integer> {

    @ParentCommand
    ConfigureCommand configure;

    @Mixin
    GlobalOptionsMixin global;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CacheshCommand root = configure.parent;
        boolean debug = global.debug || configure.global.debug || root.global.debug;
        try {
            ConfigOverrides cli = global.overrides().over(configure.global.overrides()).over(root.global.overrides());
            ShellEnvironment environment = root.environment();
            ResolvedConfig config = environment.config(cli);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (ConfigValue v : config.entries()) rows.add(v.toMap());
            PrintWriter out = spec.commandLine().getOut();
            boolean colour = Ansi.enabled(environment.env(), environment.stdoutIsTerminal());
            String text = ResultRenderer.render(rows, config.settings().output(), config.settings().query(), colour);
            if (!text.isEmpty()) out.println(text);
            out.flush();
            return 0;
        } catch (Exception e) {
            return CacheshCommand.fail(spec, e, debug);
        }
    }
}
