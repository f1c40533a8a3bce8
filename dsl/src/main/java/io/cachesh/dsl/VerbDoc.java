package io.cachesh.dsl;

import java.util.List;

/**
 * One DSL verb, for completion and help; the same table validates named arguments.
 *
 * @param name    {@code create}
 * @param doc     one line
 * @param example a runnable example (executed against the emulator by a test)
 * @param args    named arguments, in the order shown
 * @param usage   call shape: {@code resize instance, capacity: GB | shards: n | replicas: n}
 */
public record VerbDoc(String name, String doc, String example, List<ArgDoc> args, String usage) {

    public VerbDoc {
        args = List.copyOf(args);
    }

    public List<String> argNames() {
        return args.stream().map(ArgDoc::name).toList();
    }

    public ArgDoc arg(String name) {
        return args.stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
    }
}
