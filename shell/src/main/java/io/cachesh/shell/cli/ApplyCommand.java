package io.cachesh.shell.cli;

import io.cachesh.dsl.result.Plan;
import io.cachesh.shell.config.OutputFormat;
import io.cachesh.shell.config.ResolvedConfig;
import io.cachesh.shell.config.ResolvedCredentials;
import io.cachesh.shell.config.Sessions;
import io.cachesh.shell.config.ShellSettings;
import io.cachesh.shell.config.UsageException;
import io.cachesh.shell.config.WriterOutput;
import io.cachesh.shell.repl.ShellEngine;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cachesh apply --plan plan.json [--dry-run]}: converges a plain-JSON desired state (the DSL's {@code ensure}
 * arguments, see {@link DesiredStateDocument}) with the DSL's {@code apply}/{@code plan}, and prints what it changed
 * (or, with {@code --dry-run}, would change) as JSON. This is what a pipeline's {@code cache { }} block hands over.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Converge a desired-state document (JSON: the arguments of ensure) and print the changes.")
public final class ApplyCommand implements Callable<Integer> {

    /** The DSL side: one ensure per entry, in a plan (dry run) or apply block. */
    static final String CONVERGE = """
            def entries = cacheshApplyEntries
            def block = {
                for (Map e : entries) {
                    provider e.providerArgs, e.provider
                    ensure e.ensure
                }
            }
            cacheshApplyDryRun ? plan(block) : apply(block)
            """;

    @ParentCommand
    CacheshCommand parent;

    @Mixin
    GlobalOptionsMixin global;

    @Spec
    CommandSpec spec;

    @Option(names = "--plan", paramLabel = "<file>", description = "The desired state (JSON); - or absent: stdin.")
    String plan;

    @Option(names = "--emulator", description = "Run against an embedded emulator instead of the vendor.")
    boolean emulator;

    @Option(names = "--dry-run", description = "Print the plan only; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        boolean debug = global.debug || parent.global.debug;
        try {
            ResolvedConfig config = global.resolve(parent.environment(), parent.global);
            // a pipeline step: JSON unless --output says otherwise
            boolean outputGiven = global.output != null || parent.global.output != null;
            ShellSettings settings = outputGiven ? config.settings() : config.settings().withOutput(OutputFormat.JSON);
            return apply(config, settings, debug);
        } catch (Exception e) {
            return CacheshCommand.fail(spec, e, debug, ResumeHint.flags(global, parent.global));
        }
    }

    private int apply(ResolvedConfig config, ShellSettings settings, boolean debug) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String source = plan == null || plan.equals("-") ? "stdin" : plan;
        List<DesiredStateDocument.Entry> entries = DesiredStateDocument.parse(read(), source, settings.provider(),
                parent.environment().env());
        Optional<ResolvedCredentials> creds = config.selectedCredentials();
        if (creds.isEmpty() && !emulator) throw new UsageException(RunCommand.noCredentials(settings.provider()));
        try (Sessions sessions = parent.environment().sessions(creds, config, emulator)) {
            if (debug) sessions.wireLog(CacheshCommand.wireLog(err));
            if (sessions.usesEmulator()) {
                err.println("using the embedded emulator at " + sessions.startEmulator());
                err.flush();
            }
            try (ShellEngine engine = sessions.open(settings, new WriterOutput(err))) {
                engine.binding().setVariable("cacheshApplyEntries", dslEntries(entries, settings));
                engine.binding().setVariable("cacheshApplyDryRun", dryRun);
                Plan result;
                try {
                    result = (Plan) engine.evaluate(CONVERGE);
                } finally {
                    // the entries hold the passwords of instances to create
                    engine.binding().removeVariable("cacheshApplyEntries");
                }
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("dryRun", dryRun);
                answer.putAll(result.toMap());
                CacheshCommand.print(out, answer, settings, parent.environment());
            }
        } finally {
            out.flush();
            err.flush();
        }
        return 0;
    }

    private static List<Map<String, Object>> dslEntries(List<DesiredStateDocument.Entry> entries, ShellSettings settings) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (DesiredStateDocument.Entry e : entries) {
            String region = e.region() != null ? e.region()
                    : e.provider().equals(settings.provider()) ? settings.region() : null;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("provider", e.provider());
            m.put("providerArgs", region == null ? Map.of() : Map.of("region", region));
            m.put("ensure", e.ensure());
            out.add(m);
        }
        return out;
    }

    private String read() {
        try {
            if (plan == null || plan.equals("-")) return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            Path file = Path.of(plan);
            if (!Files.isRegularFile(file)) throw new UsageException("no such plan file: " + plan);
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + (plan == null ? "stdin" : plan), e);
        }
    }
}
