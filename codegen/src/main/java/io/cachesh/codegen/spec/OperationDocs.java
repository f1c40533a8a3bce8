package io.cachesh.codegen.spec;

import io.cachesh.codegen.emit.Javadoc;
import io.cachesh.model.ApiModel;
import io.cachesh.model.OperationModel;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Javadoc of an operation, shared by the client interface and the operations constants. */
final class OperationDocs {

    private OperationDocs() {
    }

    static List<String> describe(ApiModel model, String name, OperationModel op) {
        List<String> lines = new ArrayList<>();
        lines.add(op.doc() == null || op.doc().isBlank() ? "Calls <code>" + Javadoc.escape(name) + "</code>."
                : Javadoc.escape(op.doc()));
        List<String> facts = new ArrayList<>();
        facts.add("Action <code>" + Javadoc.escape(name) + "</code>" + (op.javaName() == null || op.javaName().isBlank() ? ""
                : " (the wire name, kept as the vendor spells it; the Java method is <code>" + Javadoc.escape(op.javaName())
                        + "</code>)"));
        if (op.http() != null && op.http().method() != null && op.http().uri() != null) {
            facts.add("<code>" + Javadoc.escape(op.http().method() + " " + op.http().uri()) + "</code>"
                    + (op.http().status() == null ? "" : " answers " + op.http().status()));
        }
        facts.add("rate limit " + model.rateLimit(op) + " requests per second");
        facts.add(op.idempotent() ? "idempotent (retried after transport errors)" : "not idempotent (retried only when throttled)");
        if (op.async() != null) facts.add("asynchronous: <code>" + Javadoc.escape(op.async()) + "</code> names the task");
        if (op.paginated() != null) {
            facts.add("paginated by <code>" + Javadoc.escape(op.paginated().offset()) + "</code>/<code>"
                    + Javadoc.escape(op.paginated().limit()) + "</code>");
        }
        if (op.seed() != null) facts.add("seed <code>" + Javadoc.escape(op.seed()) + "</code>");
        lines.add("<p>" + String.join("; ", facts) + ".");
        if (!op.errors().isEmpty()) {
            lines.add("<p>Errors: " + op.errors().stream().map(e -> "<code>" + Javadoc.escape(e) + "</code>")
                    .collect(Collectors.joining(", ")) + ".");
        }
        return lines;
    }
}
