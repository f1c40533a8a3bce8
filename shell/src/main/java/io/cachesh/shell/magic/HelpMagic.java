package io.cachesh.shell.magic;

import io.cachesh.model.ApiModel;
import io.cachesh.model.MemberModel;
import io.cachesh.model.OperationModel;
import io.cachesh.model.ShapeModel;
import io.cachesh.shell.config.UsageException;
import io.cachesh.shell.render.TableRenderer;
import io.cachesh.shell.repl.Vocabulary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code %help [topic]}, also reached as {@code ?topic} and {@code help topic}: without a topic, the magics and
 * verbs; with a verb, its doc, named arguments and example; with {@code tencent.redis.<operation>}, the
 * operation's parameters from the API model (name, type, required, allowed values, doc).
 */
public final class HelpMagic implements Magic {

    @Override
    public String name() {
        return "help";
    }

    @Override
    public String usage() {
        return "%help [verb|operation] help; also ?verb, help verb, ?tencent.redis.describeInstances";
    }

    @Override
    public Object run(String args, MagicContext context) {
        context.out().println(help(args.strip(), context.vocabulary(), context.magics(), context.colour()));
        return null;
    }

    /** The help text for a topic (empty for the overview). */
    public static String help(String requested, Vocabulary vocabulary, MagicRegistry magics, boolean colour) {
        String topic = requested.startsWith("%") ? requested.substring(1) : requested;
        if (topic.isEmpty()) return overview(vocabulary, magics);
        Optional<Vocabulary.Verb> verb = vocabulary.verb(topic);
        if (verb.isPresent()) return verb(verb.get(), colour);
        Optional<Magic> magic = magics.find(topic);
        if (magic.isPresent()) return magic.get().usage();
        int dot = topic.lastIndexOf('.');
        if (dot > 0) {
            String ns = topic.substring(0, dot);
            ApiModel model = vocabulary.apis().get(ns);
            if (model != null) {
                String action = vocabulary.action(ns, topic.substring(dot + 1)).orElseThrow(() ->
                        new UsageException("no operation " + topic + " (try " + ns + ".<TAB>)"));
                return operation(topic, action, model, colour);
            }
        }
        throw new UsageException("no help for '" + topic + "' (try %help)");
    }

    private static String overview(Vocabulary vocabulary, MagicRegistry magics) {
        StringBuilder sb = new StringBuilder("Verbs (?verb for details):\n");
        int width = vocabulary.verbs().stream().mapToInt(v -> v.name().length()).max().orElse(0);
        for (Vocabulary.Verb v : vocabulary.verbs()) {
            sb.append("  ").append(pad(v.name(), width)).append("  ").append(firstLine(v.doc())).append('\n');
        }
        sb.append("\nMagics:\n");
        for (Magic m : magics.all()) sb.append("  ").append(m.usage()).append('\n');
        sb.append("\nRaw API: ");
        sb.append(String.join(", ", vocabulary.apis().keySet().stream().map(ns -> ns + ".<operation>(...)").toList()));
        sb.append(" (?").append(vocabulary.apis().keySet().stream().findFirst().orElse("tencent.redis"))
                .append(".describeInstances for parameters)\n");
        sb.append("Cells: _ is the last result, Out[n] and In[n] earlier ones. TAB completes; Ctrl-C cancels; Ctrl-D exits.");
        return sb.toString();
    }

    private static String verb(Vocabulary.Verb verb, boolean colour) {
        StringBuilder sb = new StringBuilder(verb.name());
        if (verb.doc() != null && !verb.doc().isBlank()) sb.append(" — ").append(verb.doc().strip());
        if (verb.usage() != null && !verb.usage().isBlank()) sb.append("\n\nUsage:\n").append(indent(verb.usage().strip()));
        if (!verb.args().isEmpty()) {
            sb.append("\n\nArguments:\n");
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Vocabulary.Arg a : verb.args()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", a.name() + ":");
                row.put("type", a.type() == null ? "" : a.type());
                row.put("allowed", String.join(", ", a.allowed()));
                row.put("doc", a.doc() == null ? "" : firstLine(a.doc()));
                rows.add(row);
            }
            sb.append(indent(new TableRenderer(colour, 1000).render(rows)));
        }
        if (verb.example() != null && !verb.example().isBlank()) {
            sb.append("\n\nExample:\n").append(indent(verb.example().strip()));
        }
        return sb.toString();
    }

    private static String operation(String topic, String action, ApiModel model, boolean colour) {
        OperationModel op = model.operations().get(action);
        StringBuilder sb = new StringBuilder(topic).append(" (").append(action).append(")");
        if (op.doc() != null && !op.doc().isBlank()) sb.append(" — ").append(firstLine(op.doc()));
        if (op.deprecated()) sb.append(" [deprecated]");
        ShapeModel input = op.input() == null ? null : model.shapes().get(op.input());
        if (input == null || input.members().isEmpty()) return sb.append("\n\nNo parameters.").toString();
        List<Map<String, Object>> rows = new ArrayList<>();
        input.members().forEach((name, member) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", Vocabulary.lowerCamel(name));
            row.put("type", type(member));
            row.put("required", input.isRequired(name) ? "yes" : "");
            row.put("allowed", String.join(", ", member.allowedValues().stream().map(String::valueOf).toList()));
            row.put("doc", member.doc() == null ? "" : firstLine(member.doc()));
            rows.add(row);
        });
        sb.append("\n\nParameters:\n").append(indent(new TableRenderer(colour, 1000).render(rows)));
        return sb.toString();
    }

    private static String type(MemberModel m) {
        if (m.isList() && m.member() != null) return "list<" + type(m.member()) + ">";
        if (m.isStructure() && m.shape() != null) return m.shape();
        return m.type();
    }

    private static String indent(String text) {
        return text.lines().map(l -> "  " + l).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.strip().lines().findFirst().orElse("");
    }
}
