package io.cachesh.shell.cli;

import io.cachesh.dsl.RunbookChecker;
import io.cachesh.dsl.RunbookProblem;
import io.cachesh.shell.config.UsageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cachesh check runbook.groovy...}: checks runbooks without running them (no credentials, no emulator, no API
 * call) and prints each mistake as {@code file:line:col: message}; exit 2 when there is any, 0 when clean.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check runbooks without running them: unknown verbs, misspelt or unknown named arguments, "
                + "literal values of the wrong type, missing required values. Exit 0 clean, 2 with problems.")
public final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "<script>", description = "Runbooks (.groovy files).")
    List<Path> scripts = new ArrayList<>();

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @Override
    public Integer call() {
        try {
            PrintWriter out = spec.commandLine().getOut();
            int problems = 0;
            for (Path script : scripts) {
                for (RunbookProblem p : RunbookChecker.check(script.toString(), read(script))) {
                    out.println(p);
                    problems++;
                }
            }
            out.flush();
            return problems == 0 ? 0 : 2;
        } catch (Exception e) {
            return CacheshCommand.fail(spec, e, debug);
        }
    }

    private static String read(Path script) {
        if (!Files.isRegularFile(script)) throw new UsageException("no such script: " + script);
        try {
            return Files.readString(script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + script + ": " + e.getMessage(), e);
        }
    }
}
