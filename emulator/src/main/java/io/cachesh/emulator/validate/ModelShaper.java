package io.cachesh.emulator.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.model.ApiModel;
import io.cachesh.model.MemberModel;
import io.cachesh.model.ShapeModel;
import java.util.Map;

/**
 * Fits a response to its model shape: members the shape does not define are dropped, recursively, so what the
 * emulator answers is what the model (and so the generated client) describes. Values are left as they are.
 */
public final class ModelShaper {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ApiModel model;

    public ModelShaper(ApiModel model) {
        this.model = model;
    }

    public ObjectNode shape(String shapeName, ObjectNode value) {
        ShapeModel shape = model.shapes().get(shapeName);
        if (shape == null) return value;
        ObjectNode out = NODES.objectNode();
        value.fields().forEachRemaining(e -> {
            MemberModel m = shape.members().get(e.getKey());
            if (m != null) out.set(e.getKey(), member(m, e.getValue()));
        });
        return out;
    }

    private JsonNode member(MemberModel m, JsonNode v) {
        if (m.isStructure() && v.isObject()) return shape(m.shape(), (ObjectNode) v);
        if (m.isList() && v.isArray() && m.member() != null) {
            ArrayNode out = NODES.arrayNode();
            v.forEach(item -> out.add(member(m.member(), item)));
            return out;
        }
        if ("map".equals(m.type()) && v.isObject() && m.member() != null) {
            ObjectNode out = NODES.objectNode();
            for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) v::fields) {
                out.set(e.getKey(), member(m.member(), e.getValue()));
            }
            return out;
        }
        return v;
    }
}
