package io.cachesh.emulator.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.model.ApiModel;
import io.cachesh.model.MemberModel;
import io.cachesh.model.OperationModel;
import io.cachesh.model.ShapeModel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Assembles the input of a REST operation (Huawei style: each member has a {@code location} of {@code path},
 * {@code query}, {@code header} or {@code body}, and an optional {@code wireName}) into one JSON object keyed by the
 * model's member names, ready for {@link ModelValidator#validate}. Generic over vendors.
 *
 * <ul>
 * <li>path parameters by their template placeholder (the member's wire name);</li>
 * <li>query parameters by wire name; a list member takes every value of a repeated name, any other member the first;
 *     query names the operation does not define are ignored, as the vendors' gateways do;</li>
 * <li>headers by wire name, case-insensitively;</li>
 * <li>body fields by wire name; a lone body member called {@code body} is the whole body; a body field the operation
 *     does not define is reported as {@link Violation.Kind#UNKNOWN}.</li>
 * </ul>
 */
public final class RestInput {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * @param input      the assembled input, keyed by member name
     * @param violations body fields the operation does not define
     */
    public record Assembled(ObjectNode input, List<Violation> violations) {
    }

    private RestInput() {
    }

    /**
     * @param path    path parameters by placeholder name
     * @param query   decoded query parameters by name, values in the order sent
     * @param header  a header's first value by name (case-insensitive), null when absent
     * @param body    the parsed body, null when there is none
     */
    public static Assembled assemble(ApiModel model, OperationModel op, Map<String, String> path,
                                     Map<String, List<String>> query, java.util.function.Function<String, String> header,
                                     JsonNode body) {
        ObjectNode input = NODES.objectNode();
        List<Violation> violations = new ArrayList<>();
        ShapeModel shape = model.shape(op.input());
        MemberModel wholeBody = null;
        List<String> bodyMembers = new ArrayList<>();
        for (Map.Entry<String, MemberModel> e : shape.members().entrySet()) {
            String key = e.getKey();
            MemberModel m = e.getValue();
            String wire = m.wireName() != null ? m.wireName() : key;
            String location = m.location() == null ? "body" : m.location();
            switch (location) {
                case "path" -> {
                    String v = path.get(wire);
                    if (v != null) input.put(key, v);
                }
                case "query" -> {
                    List<String> values = query.get(wire);
                    if (values != null && !values.isEmpty()) {
                        if (m.isList()) {
                            ArrayNode list = input.putArray(key);
                            for (String v : values) list.add(v);
                        } else {
                            input.put(key, values.get(0));
                        }
                    }
                }
                case "header" -> {
                    String v = header.apply(wire);
                    if (v != null) input.put(key, v);
                }
                default -> {
                    if ("body".equals(key) && !"path".equals(location)) wholeBody = m;
                    bodyMembers.add(key);
                }
            }
        }
        if (body == null || body.isNull() || body.isMissingNode()) return new Assembled(input, violations);
        if (wholeBody != null && bodyMembers.size() == 1) {
            input.set("body", body);
            return new Assembled(input, violations);
        }
        if (!body.isObject()) {
            violations.add(new Violation(Violation.Kind.TYPE, "(request body)", "The request body must be a JSON object."));
            return new Assembled(input, violations);
        }
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = bodyMemberFor(shape, bodyMembers, f.getKey());
            if (key == null) {
                violations.add(new Violation(Violation.Kind.UNKNOWN, f.getKey(),
                        "The parameter `" + f.getKey() + "` is not recognized."));
            } else {
                input.set(key, f.getValue());
            }
        }
        return new Assembled(input, violations);
    }

    private static String bodyMemberFor(ShapeModel shape, List<String> bodyMembers, String wire) {
        for (String key : bodyMembers) {
            MemberModel m = shape.members().get(key);
            String w = m.wireName() != null ? m.wireName() : key;
            if (w.equals(wire)) return key;
        }
        return null;
    }
}
