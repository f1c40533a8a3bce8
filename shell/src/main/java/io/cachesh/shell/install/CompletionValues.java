package io.cachesh.shell.install;

import io.cachesh.dsl.DslVocabulary;
import io.cachesh.model.ApiModel;
import io.cachesh.model.Models;
import io.cachesh.shell.config.OutputFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The values the shell completion scripts offer beyond the commands' own: providers and regions (from the models)
 * for {@code --provider} and {@code --region}, result formats for {@code --output}, wherever those options appear. Applied to a command line built only
 * to generate a script, so the commands' declarations stay as they are.
 */
public final class CompletionValues {

    private CompletionValues() {
    }

    public static List<String> providers() {
        return DslVocabulary.providers();
    }

    /** Every region any model names an endpoint for, in model order. */
    public static List<String> regions() {
        Set<String> regions = new LinkedHashSet<>();
        for (String provider : providers()) regions.addAll(DslVocabulary.regions(provider));
        for (ApiModel model : Models.all()) regions.addAll(model.regions());
        return new ArrayList<>(regions);
    }

    /** The result formats {@code --output} takes (whatever {@link OutputFormat} holds now). */
    public static List<String> outputFormats() {
        return Arrays.stream(OutputFormat.values()).map(OutputFormat::toString).toList();
    }

    /** Gives {@code --provider} and {@code --region} of every command in {@code cl} their candidates. */
    public static CommandLine decorate(CommandLine cl) {
        decorate(cl.getCommandSpec());
        for (CommandLine sub : cl.getSubcommands().values()) decorate(sub);
        return cl;
    }

    private static void decorate(CommandSpec spec) {
        replace(spec, "--provider", providers());
        replace(spec, "--region", regions());
        replace(spec, "--output", outputFormats());
    }

    private static void replace(CommandSpec spec, String name, List<String> candidates) {
        OptionSpec option = spec.findOption(name);
        if (option == null || option.completionCandidates() != null) return;
        spec.remove(option);
        spec.addOption(option.toBuilder().completionCandidates(candidates).build());
    }
}
