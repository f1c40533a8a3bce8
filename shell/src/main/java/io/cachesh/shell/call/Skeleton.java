package io.cachesh.shell.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.model.ApiModel;
import io.cachesh.model.MemberModel;
import io.cachesh.model.ShapeModel;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code --generate-skeleton}: every request member of an action as JSON, with a placeholder of its type
 * ({@code ""} for strings, {@code 0}, {@code 0.0}, {@code false}, a one-element list, nested structures expanded,
 * the first allowed value where the model lists them), ready to edit and pass back with {@code --cli-input-json}.
 */
public final class Skeleton {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Skeleton() {
    }

    public static String of(ApiModel model, String action) {
        ObjectNode root = structure(model, model.shape(model.operations().get(action).input()), new HashSet<>());
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode structure(ApiModel model, ShapeModel shape, Set<String> open) {
        ObjectNode node = NODES.objectNode();
        shape.members().forEach((name, member) -> node.set(name, value(model, member, open)));
        return node;
    }

    private static JsonNode value(ApiModel model, MemberModel member, Set<String> open) {
        if (member == null) return NODES.textNode("");
        if (!member.allowedValues().isEmpty()) return NODES.pojoNode(member.allowedValues().get(0));
        return switch (String.valueOf(member.type())) {
            case "integer" -> NODES.numberNode(0);
            case "float" -> NODES.numberNode(0.0);
            case "boolean" -> NODES.booleanNode(false);
            case "list" -> {
                ArrayNode list = NODES.arrayNode();
                list.add(value(model, member.member(), open));
                yield list;
            }
            case "structure" -> {
                if (member.shape() == null || !open.add(member.shape())) yield NODES.objectNode(); // recursive shape
                ObjectNode s = structure(model, model.shape(member.shape()), open);
                open.remove(member.shape());
                yield s;
            }
            case "map", "any" -> NODES.objectNode();
            default -> NODES.textNode("");
        };
    }
}
