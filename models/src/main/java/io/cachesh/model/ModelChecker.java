package io.cachesh.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Referential checks on a model: every shape, member type, required name and error referenced exists. */
public final class ModelChecker {

    static final Set<String> TYPES = Set.of(
            "string", "integer", "float", "boolean", "timestamp", "list", "structure", "map", "any");

    /** What an {@code OperationModel.javaName} may be: a lowerCamel Java identifier. */
    static final java.util.regex.Pattern JAVA_METHOD = java.util.regex.Pattern.compile("[a-z][A-Za-z0-9]*");

    private ModelChecker() {
    }

    /** All problems found, empty when the model is consistent. */
    public static List<String> problems(ApiModel model) {
        List<String> problems = new ArrayList<>();
        model.operations().forEach((name, op) -> {
            if (op.input() == null || !model.shapes().containsKey(op.input())) {
                problems.add(name + ": input shape " + op.input() + " missing");
            }
            if (op.output() == null || !model.shapes().containsKey(op.output())) {
                problems.add(name + ": output shape " + op.output() + " missing");
            }
            for (String error : op.errors()) {
                if (!model.errors().containsKey(error)) {
                    problems.add(name + ": error " + error + " not in the model's errors");
                }
            }
            if (op.async() != null && model.shapes().containsKey(op.output())
                    && model.memberAt(op.output(), op.async()).isEmpty()) {
                problems.add(name + ": async member " + op.async() + " not in " + op.output());
            }
            PaginationModel page = op.paginated();
            if (page != null && model.shapes().containsKey(op.input()) && model.shapes().containsKey(op.output())) {
                var in = model.shapes().get(op.input()).members();
                if (!in.containsKey(page.offset())) problems.add(name + ": pagination offset " + page.offset() + " missing");
                if (!in.containsKey(page.limit())) problems.add(name + ": pagination limit " + page.limit() + " missing");
                var items = model.memberAt(op.output(), page.items());
                if (items.isEmpty()) {
                    problems.add(name + ": pagination items " + page.items() + " missing");
                } else if (!items.get().isList()) {
                    problems.add(name + ": pagination items " + page.items() + " is not a list");
                }
                if (page.total() != null && model.memberAt(op.output(), page.total()).isEmpty()) {
                    problems.add(name + ": pagination total " + page.total() + " missing");
                }
            }
            if (op.javaName() != null && !JAVA_METHOD.matcher(op.javaName()).matches()) {
                problems.add(name + ": javaName " + op.javaName() + " is not a lowerCamel Java identifier");
            }
        });
        java.util.Map<String, String> methods = new java.util.HashMap<>();
        model.operations().forEach((name, op) -> {
            if (op.javaName() == null) return;
            String other = methods.put(op.javaName(), name);
            if (other != null) problems.add(name + ": javaName " + op.javaName() + " also names " + other);
            String clash = model.operations().keySet().stream()
                    .filter(o -> !o.equals(name) && model.operations().get(o).javaName() == null
                            && o.equalsIgnoreCase(op.javaName())).findFirst().orElse(null);
            if (clash != null) problems.add(name + ": javaName " + op.javaName() + " is the method of " + clash);
        });
        model.shapes().forEach((shapeName, shape) -> {
            if (shape.isList()) {
                checkMember(model, shapeName + "[]", shape.member(), problems);
            } else if (!"structure".equals(shape.type())) {
                problems.add(shapeName + ": unknown shape type " + shape.type() + " (allowed: structure, list)");
            }
            for (String required : shape.required()) {
                if (!shape.members().containsKey(required)) {
                    problems.add(shapeName + ": required member " + required + " is not a member");
                }
            }
            shape.members().forEach((memberName, member) ->
                    checkMember(model, shapeName + "." + memberName, member, problems));
        });
        return problems;
    }

    private static void checkMember(ApiModel model, String where, MemberModel member, List<String> problems) {
        if (member == null) {
            problems.add(where + ": no definition");
            return;
        }
        if (!TYPES.contains(member.type())) {
            problems.add(where + ": unknown type " + member.type() + " (allowed: " + TYPES + ")");
            return;
        }
        if (member.isStructure() && (member.shape() == null || !model.shapes().containsKey(member.shape()))) {
            problems.add(where + ": structure shape " + member.shape() + " missing");
        }
        if (member.isList() || "map".equals(member.type())) {
            if (member.member() == null) {
                problems.add(where + ": " + member.type() + " without member type");
            } else {
                checkMember(model, where + "[]", member.member(), problems);
            }
        }
    }
}
