package io.cachesh.shell.repl;

import io.cachesh.model.ApiModel;
import io.cachesh.model.MemberModel;
import io.cachesh.model.OperationModel;
import io.cachesh.model.ShapeModel;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Completes cells from the DSL vocabulary and the API models: verbs, the named arguments of the verb under
 * the cursor ({@code create sp} -> {@code spec:}), spec names inside {@code spec: '}, regions, providers,
 * magics after {@code %}, raw operations after {@code tencent.redis.} and their parameters inside the call's
 * parentheses, and variables of the session. Returns every candidate that fits the position; the reader
 * filters them by the typed prefix.
 */
public final class CacheshCompleter implements Completer {

    private static final Pattern MAGIC_ARG = Pattern.compile("^\\s*%(\\w+)\\s+(.*)$", Pattern.DOTALL);
    private static final Pattern HELP = Pattern.compile("^\\s*(\\?|help\\s+|%help\\s+)$");
    private static final Pattern KEY_BEFORE = Pattern.compile("(\\w+)\\s*:\\s*$");
    private static final Pattern CALL = Pattern.compile("([A-Za-z_][\\w.]*)\\s*$");
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_$][\\w$]*");

    private final Supplier<Vocabulary> vocabulary;
    private final Supplier<? extends Collection<String>> variables;
    private final Supplier<? extends Map<String, String>> magics;
    private Supplier<? extends Collection<String>> instances = List::of;
    private Supplier<? extends Collection<String>> zones = List::of;
    private Supplier<java.nio.file.Path> files;

    /**
     * @param vocabulary verbs, specs and models (called on each completion; memoize it)
     * @param variables  names bound in the session
     * @param magics     magic names (without {@code %}) to their one-line usage
     */
    public CacheshCompleter(Supplier<Vocabulary> vocabulary, Supplier<? extends Collection<String>> variables,
                            Supplier<? extends Map<String, String>> magics) {
        this.vocabulary = vocabulary;
        this.variables = variables;
        this.magics = magics;
    }

    /** Names and ids of instances the session knows (for {@code describe '<TAB>}). */
    public CacheshCompleter instances(Supplier<? extends Collection<String>> instanceRefs) {
        this.instances = instanceRefs;
        return this;
    }

    /** Zones of the current region (for {@code zone: '<TAB>}); the background cache, never blocking. */
    public CacheshCompleter zones(Supplier<? extends Collection<String>> zoneIds) {
        this.zones = zoneIds;
        return this;
    }

    /** Completes file paths after {@code %load}, {@code %run} and {@code %save}, relative to this directory. */
    public CacheshCompleter files(Supplier<java.nio.file.Path> workingDirectory) {
        this.files = workingDirectory;
        return this;
    }

    /** Candidates for a cell and a cursor position (the Jupyter kernel's complete_request). */
    public List<Candidate> complete(String cell, int cursor) {
        CellParser.CellLine line = CellParser.words(cell, cursor);
        List<Candidate> out = new java.util.ArrayList<>();
        complete(null, line, out);
        return out;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String before = line.line().substring(0, Math.min(line.cursor(), line.line().length()));
        String word = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        String head = before.substring(0, before.length() - word.length());
        complete(head, word, candidates);
    }

    private void complete(String head, String word, List<Candidate> out) {
        Vocabulary vocab = vocabulary.get();
        // %magic names
        if (head.matches("^\\s*%$")) {
            magics.get().forEach((name, usage) -> out.add(candidate(name, name, usage, true)));
            return;
        }
        Matcher magic = MAGIC_ARG.matcher(head);
        if (magic.matches()) {
            if (magicArgument(magic.group(1), magic.group(2), word, vocab, out)) return;
        }
        // ?verb, help verb
        if (HELP.matcher(head).matches()) {
            for (Vocabulary.Verb v : vocab.verbs()) out.add(candidate(v.name(), v.name(), v.doc(), true));
            for (String ns : vocab.apis().keySet()) {
                for (String op : vocab.operations(ns)) out.add(candidate(ns + "." + op, ns + "." + op, null, true));
            }
            return;
        }
        GroovyText text = GroovyText.scan(head);
        if (text.inBlockComment()) return;
        if (text.quoteStart() >= 0) {
            inString(head, text, vocab, out);
            return;
        }
        // raw operations: tencent.redis.<op>
        if (word.contains(".")) {
            if (rawOperations(word, vocab, out)) return;
        }
        GroovyText.Open open = text.innermost();
        if (open != null && open.bracket() == '(') {
            Matcher call = CALL.matcher(head.substring(0, open.position()));
            if (call.find()) {
                String callee = call.group(1);
                String tail = head.substring(open.position() + 1);
                if (operationArguments(callee, tail, vocab, out)) return;
                Optional<Vocabulary.Verb> verb = vocab.verb(callee);
                if (verb.isPresent() && verbArguments(verb.get(), tail, true, out)) return;
            }
        }
        String statement = statement(head, open);
        Optional<Vocabulary.Verb> verb = verbOf(statement, vocab);
        if (verb.isPresent()) {
            String tail = statement.substring(statement.lastIndexOf(verb.get().name()) + verb.get().name().length());
            if (verbArguments(verb.get(), tail, false, out)) return;
        }
        topLevel(vocab, out);
    }

    private boolean magicArgument(String name, String rest, String word, Vocabulary vocab, List<Candidate> out) {
        switch (name) {
            case "region" -> vocab.regions().forEach(r -> out.add(candidate(r, r, null, true)));
            case "provider" -> vocab.providers().forEach(p -> out.add(candidate(p, p, null, true)));
            case "output" -> java.util.Arrays.stream(io.cachesh.shell.config.OutputFormat.values()).map(String::valueOf)
                    .forEach(f -> out.add(candidate(f, f, null, true)));
            case "dryrun" -> List.of("on", "off").forEach(f -> out.add(candidate(f, f, null, true)));
            case "emulator" -> List.of("start", "stop", "status").forEach(f -> out.add(candidate(f, f, null, true)));
            case "load", "run", "save" -> {
                if (name.equals("run") && rest.strip().contains(" ")) return true; // key=value parameters
                paths(rest, word, out);
            }
            case "java" -> {
                return true; // Java: no Groovy completion
            }
            case "help" -> {
                vocab.verbs().forEach(v -> out.add(candidate(v.name(), v.name(), v.doc(), true)));
                magics.get().keySet().forEach(m -> out.add(candidate(m, m, null, true)));
            }
            case "time" -> {
                complete(rest, word, out);
                return true;
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** File and directory names in the directory typed so far ({@code scripts/fi<TAB>}). */
    private void paths(String rest, String word, List<Candidate> out) {
        if (files == null) return;
        String typed = rest + word;
        int slash = typed.lastIndexOf('/');
        String dirPart = slash < 0 ? "" : typed.substring(0, slash + 1);
        String prefix = typed.substring(slash + 1);
        // the completion word starts after the last non-word character: replace that part only
        String keep = prefix.length() > word.length() ? prefix.substring(0, prefix.length() - word.length()) : "";
        java.nio.file.Path base = files.get();
        String expanded = dirPart.startsWith("~/") ? System.getProperty("user.home") + dirPart.substring(1) : dirPart;
        java.nio.file.Path dir = expanded.isEmpty() ? base : base.resolve(expanded);
        try (java.util.stream.Stream<java.nio.file.Path> entries = java.nio.file.Files.list(dir)) {
            entries.sorted().limit(500).forEach(p -> {
                String fileName = p.getFileName().toString();
                if (!fileName.startsWith(prefix) || fileName.startsWith(".") && !prefix.startsWith(".")) return;
                boolean directory = java.nio.file.Files.isDirectory(p);
                String value = fileName.substring(keep.length()) + (directory ? "/" : "");
                out.add(new Candidate(value, fileName + (directory ? "/" : ""), null, null, null, null, !directory));
            });
        } catch (java.io.IOException | RuntimeException e) {
            // no such directory: nothing to offer
        }
    }

    private void inString(String head, GroovyText text, Vocabulary vocab, List<Candidate> out) {
        int quote = text.quoteStart();
        String typed = head.substring(quote + text.openQuote().length());
        if (!typed.isEmpty()) return; // the word must start right after the quote
        String closing = text.openQuote();
        Matcher key = KEY_BEFORE.matcher(head.substring(0, quote));
        if (!key.find()) {
            // the instance argument of a verb: describe 'or<TAB>
            String before = head.substring(0, quote);
            GroovyText outer = GroovyText.scan(before);
            String statement = statement(before, outer.innermost());
            Optional<Vocabulary.Verb> verb = verbOf(statement, vocab);
            boolean firstArgument = verb.isPresent()
                    && statement.substring(statement.lastIndexOf(verb.get().name()) + verb.get().name().length()).isBlank();
            if (!firstArgument && outer.innermost() != null && outer.innermost().bracket() == '(') {
                Matcher call = CALL.matcher(before.substring(0, outer.innermost().position()));
                firstArgument = call.find() && vocab.verb(call.group(1)).isPresent()
                        && before.substring(outer.innermost().position() + 1).isBlank();
            }
            if (firstArgument) {
                for (String ref : instances.get()) out.add(candidate(ref + closing, ref, null, false));
            }
            return;
        }
        String name = key.group(1);
        List<String> values = switch (name) {
            case "spec" -> vocab.specs();
            case "zone" -> List.copyOf(zones.get());
            case "region" -> vocab.regions();
            case "provider" -> vocab.providers();
            default -> {
                GroovyText outer = GroovyText.scan(head.substring(0, quote));
                String statement = statement(head.substring(0, quote), outer.innermost());
                Optional<Vocabulary.Verb> verb = verbOf(statement, vocab);
                if (verb.isEmpty() && outer.innermost() != null) {
                    Matcher call = CALL.matcher(head.substring(0, outer.innermost().position()));
                    if (call.find()) verb = vocab.verb(call.group(1));
                }
                yield verb.flatMap(v -> v.arg(name)).map(Vocabulary.Arg::allowed).orElse(List.of());
            }
        };
        for (String v : values) out.add(candidate(v + closing, v, null, false));
    }

    private boolean rawOperations(String word, Vocabulary vocab, List<Candidate> out) {
        boolean any = false;
        for (String ns : vocab.apis().keySet()) {
            if (word.startsWith(ns + ".")) {
                ApiModel model = vocab.apis().get(ns);
                model.operations().forEach((action, op) ->
                        out.add(candidate(ns + "." + Vocabulary.lowerCamel(action), Vocabulary.lowerCamel(action), op.doc(), false)));
                any = true;
            } else if (ns.startsWith(word) || word.startsWith(ns.substring(0, ns.indexOf('.') + 1))) {
                out.add(candidate(ns + ".", ns + ".", vocab.apis().get(ns).doc(), false));
                any = true;
            }
        }
        return any;
    }

    private boolean operationArguments(String callee, String tail, Vocabulary vocab, List<Candidate> out) {
        int dot = callee.lastIndexOf('.');
        if (dot < 0) return false;
        String ns = callee.substring(0, dot);
        ApiModel model = vocab.apis().get(ns);
        if (model == null) return false;
        Optional<String> action = vocab.action(ns, callee.substring(dot + 1));
        if (action.isEmpty()) return true;
        OperationModel op = model.operations().get(action.get());
        ShapeModel input = op.input() == null ? null : model.shapes().get(op.input());
        if (input == null) return true;
        Matcher key = KEY_BEFORE.matcher(tail);
        if (key.find()) {
            MemberModel member = input.members().get(upperCamel(key.group(1)));
            if (member == null) member = input.members().get(key.group(1));
            if (member != null) {
                for (Object v : member.allowedValues()) {
                    String value = v instanceof String ? "'" + v + "'" : String.valueOf(v);
                    out.add(candidate(value, value, null, false));
                }
            }
            return true;
        }
        if (!argumentPosition(tail, true)) return true;
        input.members().forEach((name, member) -> {
            String required = input.isRequired(name) ? "required " : "";
            out.add(candidate(Vocabulary.lowerCamel(name) + ":", Vocabulary.lowerCamel(name) + ":",
                    required + member.type() + (member.doc() == null ? "" : " " + member.doc()), true));
        });
        return true;
    }

    private boolean verbArguments(Vocabulary.Verb verb, String tail, boolean inParens, List<Candidate> out) {
        Matcher key = KEY_BEFORE.matcher(tail);
        if (key.find()) {
            verb.arg(key.group(1)).ifPresent(arg -> arg.allowed().forEach(v -> {
                String value = v.equals("true") || v.equals("false") || v.matches("-?\\d+") ? v : "'" + v + "'";
                out.add(candidate(value, value, null, false));
            }));
            return true;
        }
        if (!inParens && !tail.isEmpty() && !Character.isWhitespace(tail.charAt(0))) return false;
        if (!argumentPosition(tail, inParens)) return false;
        for (Vocabulary.Arg a : verb.args()) out.add(candidate(a.name() + ":", a.name() + ":", a.doc(), true));
        if (tail.isBlank()) variables.get().forEach(v -> out.add(candidate(v, v, null, true)));
        return true;
    }

    /** After the verb, an opening parenthesis or a comma: a new argument starts here. */
    private static boolean argumentPosition(String tail, boolean inParens) {
        String t = tail.stripTrailing();
        if (t.isEmpty()) return inParens || !tail.isEmpty();
        return t.endsWith(",");
    }

    private void topLevel(Vocabulary vocab, List<Candidate> out) {
        for (Vocabulary.Verb v : vocab.verbs()) out.add(candidate(v.name(), v.name(), v.doc(), true));
        for (String ns : vocab.apis().keySet()) out.add(candidate(ns + ".", ns + ".", null, false));
        for (String v : variables.get()) out.add(candidate(v, v, null, true));
    }

    /** The current statement: the text after the innermost open bracket and the last {@code ;} or newline. */
    private static String statement(String head, GroovyText.Open open) {
        String s = open == null ? head : head.substring(open.position() + 1);
        int cut = Math.max(s.lastIndexOf(';'), s.lastIndexOf('\n'));
        // a closed block inside the statement ({ ... }) ends the previous statement too
        cut = Math.max(cut, s.lastIndexOf('}'));
        return cut < 0 ? s : s.substring(cut + 1);
    }

    /** The last verb of a statement used in command form ({@code create name: ...}). */
    private static Optional<Vocabulary.Verb> verbOf(String statement, Vocabulary vocab) {
        Matcher m = IDENT.matcher(statement);
        Optional<Vocabulary.Verb> found = Optional.empty();
        while (m.find()) {
            int start = m.start();
            if (start > 0 && (statement.charAt(start - 1) == '.' || statement.charAt(start - 1) == '\'' || statement.charAt(start - 1) == '"')) {
                continue;
            }
            if (m.end() >= statement.length()) continue; // the word being typed
            Optional<Vocabulary.Verb> v = vocab.verb(m.group());
            if (v.isPresent()) found = v;
        }
        return found;
    }

    private static String upperCamel(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static Candidate candidate(String value, String display, String description, boolean complete) {
        return new Candidate(value, display, null, description == null || description.isBlank() ? null : oneLine(description),
                null, null, complete);
    }

    private static String oneLine(String s) {
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 80 ? line.substring(0, 79) + "…" : line;
    }
}
