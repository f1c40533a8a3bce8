package io.cachesh.shell.cli;

import io.cachesh.shell.config.ConfigOverrides;
import io.cachesh.shell.config.ConfigResolver;
import io.cachesh.shell.config.IniFile;
import io.cachesh.shell.config.OutputFormat;
import io.cachesh.shell.config.ProfileEditor;
import io.cachesh.shell.config.ShellEnvironment;
import io.cachesh.shell.config.UsageException;
import io.cachesh.shell.config.VendorKeys;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cachesh configure [--profile prod]}: writes a profile of {@code ~/.cachesh/config} and
 * {@code ~/.cachesh/credentials}, from flags or, with none, by asking (secrets are read without echo);
 * {@code cachesh configure list} shows every effective value and where it came from, secrets masked.
 */
@Command(name = "configure", mixinStandardHelpOptions = true, subcommands = {ConfigureListCommand.class, ConfigureSetCommand.class, ConfigureGetCommand.class},
        description = {"Write a profile of ~/.cachesh/config and ~/.cachesh/credentials (mode 600).",
                "Without value options it asks for each value (Enter keeps the one in brackets; secrets are not echoed).",
                "A value of - for --secret-key or --token is read from standard input."},
        footer = {"", "Examples:",
                "  cachesh configure --profile prod",
                "  printf '%%s\\n' \"$SK\" | cachesh configure --profile prod --provider huawei \\",
                "      --secret-id \"$AK\" --secret-key - --region cn-north-4 --set huawei_project_id=0a1b...",
                "  cachesh configure set output json --profile prod",
                "  cachesh configure list --profile prod"})
public final class ConfigureCommand implements Callable<Integer> {

    /** Read a secret from standard input instead of the command line. */
    static final String FROM_STDIN = "-";

    @ParentCommand
    CacheshCommand parent;

    @Mixin
    GlobalOptionsMixin global;

    @Spec
    CommandSpec spec;

    @Option(names = "--set", paramLabel = "<key=value>",
            description = "Another setting of the profile (repeatable): provider, region, output, endpoint, "
                    + "huawei_project_id, huawei_vpc_id, huawei_subnet_id, capitalonline_vdc_id, ... An empty value removes it.")
    Map<String, String> set = new LinkedHashMap<>();

    @Override
    public Integer call() {
        boolean debug = global.debug || parent.global.debug;
        try {
            // the values to write are this command's own options; only --profile may also come before the command
            ConfigOverrides cli = global.overrides();
            if (cli.profile() == null) cli = cli.over(new ConfigOverrides(parent.global.profile, null, null, null, null,
                    null, null, null, null));
            ShellEnvironment environment = parent.environment();
            String profile = profileName(cli, environment);
            ProfileEditor editor = new ProfileEditor(environment.profileFiles(), profile);
            boolean fromFlags = cli.provider() != null || cli.region() != null || cli.output() != null
                    || cli.endpoint() != null || cli.hasCredentialFlags() || !set.isEmpty();
            List<String> notes;
            if (fromFlags) {
                notes = fromFlags(editor, cli, environment);
            } else {
                notes = interactive(editor, environment);
            }
            PrintWriter err = spec.commandLine().getErr();
            notes.forEach(err::println);
            err.flush();
            return 0;
        } catch (Exception e) {
            return CacheshCommand.fail(spec, e, debug);
        }
    }

    /** {@code --profile}, else {@code CACHESH_PROFILE}, else {@code default}. */
    static String profileName(ConfigOverrides cli, ShellEnvironment environment) {
        return cli.profile() != null ? cli.profile().strip()
                : Optional.ofNullable(environment.env().get(ConfigResolver.ENV_PROFILE)).filter(s -> !s.isBlank())
                .map(String::strip).orElse(IniFile.DEFAULT);
    }

    /** The --profile given to this subcommand, to configure, or before configure. */
    static ConfigOverrides profileOnly(GlobalOptionsMixin... mixins) {
        for (GlobalOptionsMixin m : mixins) {
            if (m != null && m.profile != null) return new ConfigOverrides(m.profile, null, null, null, null, null, null, null, null);
        }
        return ConfigOverrides.NONE;
    }


    private List<String> fromFlags(ProfileEditor editor, ConfigOverrides cli, ShellEnvironment environment) {
        VendorKeys provider = VendorKeys.require(cli.provider() != null ? cli.provider().strip()
                : editor.defaultProvider().orElse(io.cachesh.shell.config.ShellSettings.DEFAULT_PROVIDER));
        if (editor.defaultProvider().isEmpty()) editor.setDefaultProvider(provider);
        if (cli.region() != null) editor.set(editor.regionKey(provider), cli.region().strip());
        if (cli.output() != null) editor.set("output", cli.output());
        if (cli.endpoint() != null) editor.set("endpoint", cli.endpoint().strip());
        set.forEach((k, v) -> editor.set(k.strip(), v));
        if (cli.hasCredentialFlags()) {
            if (cli.secretId() == null || cli.secretKey() == null) {
                throw new UsageException("give both --secret-id and --secret-key (the " + provider.provider() + " "
                        + provider.idLabel() + " and " + provider.secretLabel() + ")");
            }
            Terminal terminal = null;
            try {
                String key = cli.secretKey();
                String token = cli.token();
                if (FROM_STDIN.equals(key) || FROM_STDIN.equals(token)) {
                    terminal = environment.terminal();
                    LineReader stdin = LineReaderBuilder.builder().terminal(terminal).build();
                    if (FROM_STDIN.equals(key)) key = readSecret(stdin, "");
                    if (FROM_STDIN.equals(token)) token = readSecret(stdin, "");
                }
                editor.setKeys(provider, cli.secretId(), key, token);
            } finally {
                closeQuietly(terminal);
            }
        }
        return editor.save();
    }

    private List<String> interactive(ProfileEditor editor, ShellEnvironment environment) {
        Terminal terminal = environment.terminal();
        try {
            LineReader in = LineReaderBuilder.builder().terminal(terminal).build();
            PrintWriter say = terminal.writer();
            say.println("Configuring profile '" + editor.profile() + "' (Enter keeps the value in brackets; "
                    + "secrets are not echoed)");
            say.flush();
            VendorKeys provider = ask(in, say, "Provider (" + VendorKeys.names() + ")",
                    editor.defaultProvider().orElse(io.cachesh.shell.config.ShellSettings.DEFAULT_PROVIDER),
                    VendorKeys::require);
            if (editor.defaultProvider().isEmpty()) editor.setDefaultProvider(provider);
            String region = ask(in, say, provider.provider() + " region", editor.currentRegion(provider), r -> {
                if (!r.matches("[A-Za-z0-9_-]+")) throw new UsageException("bad region '" + r + "': a region id such as "
                        + io.cachesh.dsl.ProviderSettings.defaultRegion(provider.provider()));
                return r;
            });
            editor.set(editor.regionKey(provider), region);
            OutputFormat output = ask(in, say, "Output (" + OutputFormat.names() + ")",
                    editor.setting("output").orElse(OutputFormat.TABLE.toString()), OutputFormat::parse);
            editor.set("output", output.toString());
            String keyId = ask(in, say, provider.provider() + " " + provider.idLabel(),
                    editor.credential(provider.fileId()).orElse(null), s -> s, false, true);
            String secret = ask(in, say, provider.provider() + " " + provider.secretLabel(),
                    editor.credential(provider.fileSecret()).orElse(null), s -> s, true, true);
            String token = null;
            if (provider.supportsToken()) {
                Optional<String> current = editor.credential(provider.fileToken());
                String answer = ask(in, say, provider.provider() + " token (temporary credentials only; - for none)",
                        current.isPresent() ? current.get() : FROM_STDIN, s -> s, true, false);
                token = FROM_STDIN.equals(answer) ? null : answer;
            }
            if (keyId != null || secret != null) editor.setKeys(provider, keyId, secret, token);
            for (String option : provider.options()) {
                String key = provider.fileOption(option);
                String answer = ask(in, say, key + " (- for none)", editor.setting(key).orElse(FROM_STDIN), s -> s,
                        false, false);
                editor.set(key, FROM_STDIN.equals(answer) ? null : answer);
            }
            return editor.save();
        } finally {
            closeQuietly(terminal);
        }
    }

    private static <T> T ask(LineReader in, PrintWriter say, String question, String current,
                             java.util.function.Function<String, T> check) {
        return ask(in, say, question, current, check, false, true);
    }

    /**
     * Asks until the answer passes {@code check}; Enter keeps {@code current}. Secrets are read with echo off and shown
     * in brackets as {@code ******}. Ctrl-D or Ctrl-C cancels without writing anything.
     */
    private static <T> T ask(LineReader in, PrintWriter say, String question, String current,
                             java.util.function.Function<String, T> check, boolean secret, boolean required) {
        String shown = current == null ? "" : secret && !FROM_STDIN.equals(current) ? " [******]" : " [" + current + "]";
        for (int attempt = 0; attempt < 5; attempt++) {
            String line;
            try {
                line = secret ? SecretInput.read(in, question + shown + ": ") : in.readLine(question + shown + ": ");
            } catch (EndOfFileException | UserInterruptException e) {
                throw new UsageException("configure cancelled: nothing was written");
            }
            String answer = line == null ? "" : line.strip();
            if (answer.isEmpty()) answer = current;
            if (answer == null || answer.isEmpty()) {
                if (!required) return null;
                say.println("error: a value is required");
                say.flush();
                continue;
            }
            try {
                return check.apply(answer);
            } catch (UsageException e) {
                say.println("error: " + e.getMessage());
                say.flush();
            }
        }
        throw new UsageException("configure: too many invalid answers to '" + question + "': nothing was written");
    }

    private static String readSecret(LineReader in, String prompt) {
        try {
            String s = SecretInput.read(in, prompt);
            if (s == null || s.isBlank()) throw new UsageException("expected a secret on standard input (for -), got an empty line");
            return s.strip();
        } catch (EndOfFileException | UserInterruptException e) {
            throw new UsageException("expected a secret on standard input (for -), got end of input");
        }
    }

    private static void closeQuietly(Terminal terminal) {
        if (terminal == null) return;
        try {
            terminal.close();
        } catch (java.io.IOException ignored) {
            // nothing to do
        }
    }
}
