package io.cachesh.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Referential checks on a model: every shape, member type, required name and error referenced exists. */
public final class ModelChecker {

    static final Set<String> TYPES = Set.of(
            "string", "integer", "float", "boolean", "timestamp", "list", "structure", "map", "any");

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
                    && !model.shapes().get(op.output()).members().containsKey(op.async())) {
                problems.add(name + ": async member " + op.async() + " not in " + op.output());
            }
            PaginationModel page = op.paginated();
            if (page != null && model.shapes().containsKey(op.input()) && model.shapes().containsKey(op.output())) {
                var in = model.shapes().get(op.input()).members();
                var out = model.shapes().get(op.output()).members();
                if (!in.containsKey(page.offset())) problems.add(name + ": pagination offset " + page.offset() + " missing");
                if (!in.containsKey(page.limit())) problems.add(name + ": pagination limit " + page.limit() + " missing");
                if (!out.containsKey(page.items())) problems.add(name + ": pagination items " + page.items() + " missing");
                if (page.total() != null && !out.containsKey(page.total())) {
                    problems.add(name + ": pagination total " + page.total() + " missing");
                }
            }
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
