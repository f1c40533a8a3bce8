package io.cachesh.shell.install;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code man/cachesh.1}: a troff man page from the picocli command tree (name, synopsis, description, options, one
 * section per subcommand, exit codes). Written here because picocli-codegen's generator emits AsciiDoc, which would
 * need Asciidoctor to become a man page.
 */
public final class ManPage {

    private ManPage() {
    }

    public static String of(CommandLine root, String version) {
        CommandSpec spec = root.getCommandSpec();
        String name = spec.name();
        StringBuilder out = new StringBuilder();
        out.append(".TH ").append(name.toUpperCase()).append(" 1 \"").append(LocalDate.now()).append("\" \"")
                .append(name).append(' ').append(escape(version)).append("\" \"User Commands\"\n");
        out.append(".SH NAME\n").append(name).append(" \\- ").append(escape(description(spec))).append('\n');
        out.append(".SH SYNOPSIS\n.B ").append(name).append("\n[\\fIOPTIONS\\fR] [\\fICOMMAND\\fR] ...\n");
        out.append(".SH DESCRIPTION\n").append(escape(description(spec))).append('\n');
        out.append(".SH OPTIONS\n");
        options(out, spec);
        out.append(".SH COMMANDS\n");
        for (Map.Entry<String, CommandLine> e : root.getSubcommands().entrySet()) {
            command(out, name + " " + e.getKey(), e.getValue());
        }
        List<String> footer = List.of(spec.usageMessage().footer());
        if (!footer.isEmpty()) {
            out.append(".SH NOTES\n");
            for (String line : footer) {
                if (!line.isBlank()) out.append(escape(line.strip())).append("\n.br\n");
            }
        }
        out.append(".SH SEE ALSO\nThe docs/ directory of the project: cli.md, shell.md, dsl.md.\n");
        return out.toString();
    }

    private static void command(StringBuilder out, String qualified, CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        out.append(".SS ").append(escape(qualified));
        for (PositionalParamSpec p : spec.positionalParameters()) out.append(' ').append(escape(p.paramLabel()));
        out.append('\n').append(escape(description(spec))).append('\n');
        for (PositionalParamSpec p : spec.positionalParameters()) {
            out.append(".TP\n\\fI").append(escape(p.paramLabel())).append("\\fR\n")
                    .append(escape(text(p.description(), p.completionCandidates()))).append('\n');
        }
        options(out, spec);
        for (String line : spec.usageMessage().footer()) {
            if (!line.isBlank()) out.append(".br\n").append(escape(line.strip())).append('\n');
        }
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            command(out, qualified + " " + e.getKey(), e.getValue());
        }
    }

    private static void options(StringBuilder out, CommandSpec spec) {
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) continue;
            out.append(".TP\n\\fB").append(escape(String.join(", ", o.names()))).append("\\fR");
            if (o.arity().max() > 0) out.append(" \\fI").append(escape(o.paramLabel())).append("\\fR");
            out.append('\n').append(escape(text(o.description(), o.completionCandidates()))).append('\n');
        }
    }

    private static String text(String[] description, Iterable<String> candidates) {
        String s = String.join(" ", description);
        if (s.contains("${COMPLETION-CANDIDATES}") && candidates != null) {
            s = s.replace("${COMPLETION-CANDIDATES}", String.join(", ", candidates));
        }
        return s.replaceAll("\\$\\{[^}]*}", "").strip();
    }

    private static String description(CommandSpec spec) {
        return String.join(" ", spec.usageMessage().description());
    }

    /** Backslashes, leading dots and quotes made literal for troff. */
    static String escape(String s) {
        String e = s.replace("\\", "\\e").replace("-", "\\-");
        return e.startsWith(".") || e.startsWith("'") ? "\\&" + e : e;
    }
}
