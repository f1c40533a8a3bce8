package io.cachesh.emulator.validate;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.model.ApiModel;
import io.cachesh.model.MemberModel;
import io.cachesh.model.ShapeModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Fits a response to its model shape: members the shape does not define are dropped, recursively, so what the
 * emulator answers is what the model (and so the generated client) describes. Values are left as they are.
 * {@link #writeMembers} writes the shaped members straight to a generator without building the shaped copy (the copy
 * was about a third of the emulator's CPU on a DescribeInstances of 20).
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

    /**
     * Writes the members of {@code shape(shapeName, value)} to {@code out} (inside an object the caller opened), in
     * the same order and with the same values, except the member named {@code omit}; {@code value} is not changed.
     * With a null or unknown {@code shapeName} every member is written.
     */
    public void writeMembers(String shapeName, ObjectNode value, JsonGenerator out, String omit) throws IOException {
        writeMembers(shapeName == null ? null : model.shapes().get(shapeName), value, out, omit);
    }

    private void writeMembers(ShapeModel shape, ObjectNode value, JsonGenerator out, String omit) throws IOException {
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            String key = e.getKey();
            if (key.equals(omit)) continue;
            MemberModel m = shape == null ? null : shape.members().get(key);
            if (shape != null && m == null) continue;
            out.writeFieldName(key);
            if (m == null) {
                write(e.getValue(), out);
            } else {
                writeMember(m, e.getValue(), out);
            }
        }
    }

    private void writeMember(MemberModel m, JsonNode v, JsonGenerator out) throws IOException {
        if (m.isStructure() && v instanceof FrozenObjectNode frozen && out.getCodec() != null) {
            out.writeRawValue(shaped(m.shape(), frozen, out));
        } else if (m.isStructure() && v.isObject()) {
            out.writeStartObject();
            writeMembers(model.shapes().get(m.shape()), (ObjectNode) v, out, null);
            out.writeEndObject();
        } else if (m.isList() && v.isArray() && m.member() != null) {
            out.writeStartArray();
            for (JsonNode item : v) writeMember(m.member(), item, out);
            out.writeEndArray();
        } else if ("map".equals(m.type()) && v.isObject() && m.member() != null) {
            out.writeStartObject();
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                out.writeFieldName(e.getKey());
                writeMember(m.member(), e.getValue(), out);
            }
            out.writeEndObject();
        } else {
            write(v, out);
        }
    }

    /**
     * The shaped JSON of an object that does not change, rendered on its first use (with a generator of the same
     * factory as {@code out}, so the same bytes as writing it inline) and kept on it.
     */
    private SerializableString shaped(String shapeName, FrozenObjectNode v, JsonGenerator out) throws IOException {
        SerializableString kept = v.shaped(this, shapeName);
        if (kept != null) return kept;
        ByteArrayBuilder bytes = new ByteArrayBuilder(1024);
        try (JsonGenerator one = out.getCodec().getFactory().createGenerator(bytes)) {
            one.writeStartObject();
            writeMembers(model.shapes().get(shapeName), v, one, null);
            one.writeEndObject();
        }
        SerializableString json = new SerializedString(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
        json.asUnquotedUTF8();   // encoded once, here, not on every answer
        v.keep(this, shapeName, json);
        return json;
    }

    /** A value as it is: scalars written directly (what their own {@code serialize} writes), the rest as trees. */
    private static void write(JsonNode v, JsonGenerator out) throws IOException {
        switch (v.getNodeType()) {
            case STRING -> out.writeString(v.textValue());
            case BOOLEAN -> out.writeBoolean(v.booleanValue());
            case NULL -> out.writeNull();
            case NUMBER -> {
                switch (v.numberType()) {
                    case INT -> out.writeNumber(v.intValue());
                    case LONG -> out.writeNumber(v.longValue());
                    case DOUBLE -> out.writeNumber(v.doubleValue());
                    default -> out.writeTree(v);
                }
            }
            default -> out.writeTree(v);
        }
    }
}
