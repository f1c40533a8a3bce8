package io.cachesh.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.codegen.naming.NamingStrategy;
import io.cachesh.codegen.spec.GenerationContext;
import io.cachesh.model.ApiModel;
import io.cachesh.model.MemberModel;
import io.cachesh.model.Models;
import io.cachesh.model.ShapeModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The generated {@code JsonReader}s bind every shape of every model as Jackson's builder binding (which they replace)
 * did: for documents built from the models (typical values, nulls, numbers as strings, floats for integers, empty
 * strings, wrong kinds of value, unknown members), under the shared mapper and the lenient one, both give equal
 * objects or both refuse. The builder binding is what Jackson does when the reader annotation is ignored.
 */
class GeneratedReadersParityTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Jackson's binding through the generated {@code Builder} ({@code @JsonPOJOBuilder}), the one used before. */
    private static final class BuilderBinding extends JacksonAnnotationIntrospector {
        private static final long serialVersionUID = 1L;

        @Override
        public Object findDeserializer(Annotated a) {
            Object deserializer = super.findDeserializer(a);
            return deserializer instanceof Class<?> c && c.getSimpleName().equals("JsonReader") ? null : deserializer;
        }

        @Override
        public Class<?> findPOJOBuilder(AnnotatedClass ac) {
            for (Class<?> nested : ac.getRawType().getDeclaredClasses()) {
                if (nested.getSimpleName().equals("Builder") && nested.isAnnotationPresent(JsonPOJOBuilder.class)) {
                    return nested;
                }
            }
            return super.findPOJOBuilder(ac);
        }
    }

    @Test
    void generatedReadersBindAsTheBuilderBindingDid() throws Exception {
        int compared = 0;
        int refusedByBoth = 0;
        List<String> differences = new ArrayList<>();
        for (ObjectMapper mapper : List.of(Transport.MAPPER, LenientNumbers.mapper())) {
            ObjectMapper legacy = mapper.copy().setAnnotationIntrospector(new BuilderBinding());
            assertThat(rootDeserializer(legacy, io.cachesh.client.tencent.redis.model.InstanceSet.class))
                    .isInstanceOf(com.fasterxml.jackson.databind.deser.BuilderBasedDeserializer.class);
            assertThat(rootDeserializer(mapper, io.cachesh.client.tencent.redis.model.InstanceSet.class))
                    .isInstanceOf(io.cachesh.client.tencent.redis.model.InstanceSet.JsonReader.class);
            for (ApiModel model : Models.all()) {
                GenerationContext ctx = new GenerationContext(model, new NamingStrategy());
                for (Map.Entry<String, ShapeModel> e : model.shapes().entrySet()) {
                    if (e.getValue().isList()) continue;
                    Class<?> type = Class.forName(ctx.shapeQualified(e.getKey()));
                    for (String json : documents(model, e.getValue())) {
                        Outcome ours = bind(mapper, json, type);
                        Outcome before = bind(legacy, json, type);
                        compared++;
                        if (ours.refused && before.refused) refusedByBoth++;
                        if (!ours.equals(before)) {
                            differences.add(model.service() + " " + e.getKey() + " " + json + ": " + ours + " vs " + before);
                        }
                    }
                }
            }
        }
        assertThat(differences).as("documents bound differently").isEmpty();
        assertThat(compared).isGreaterThan(10_000);
        assertThat(refusedByBoth).as("refusals compared too").isGreaterThan(100);
    }

    @Test
    void readersAreWhatTheSharedMapperUsesAndTheyBindAnAnswer() throws Exception {
        var answer = Transport.MAPPER.readValue("""
                {"TotalCount":"2","InstanceSet":[{"InstanceId":"crs-1","Port":6379,"Size":1024.0,"NoAuth":false,
                 "InstanceTags":[{"TagKey":"k","TagValue":"v"}],"Unknown":{"x":[1]}},null],"RequestId":"r-1"}""",
                io.cachesh.client.tencent.redis.model.DescribeInstancesResponse.class);
        assertThat(answer.totalCount()).isEqualTo(2L);
        assertThat(answer.instanceSet()).hasSize(2);
        assertThat(answer.instanceSet().get(0).instanceId()).isEqualTo("crs-1");
        assertThat(answer.instanceSet().get(0).port()).isEqualTo(6379L);
        assertThat(answer.instanceSet().get(0).instanceTags().get(0).tagValue()).isEqualTo("v");
        assertThat(answer.instanceSet().get(1)).isNull();
        assertThat(io.cachesh.client.tencent.redis.model.DescribeInstancesResponse.class
                .getAnnotation(com.fasterxml.jackson.databind.annotation.JsonDeserialize.class).using())
                .isEqualTo(io.cachesh.client.tencent.redis.model.DescribeInstancesResponse.JsonReader.class);
    }

    private static Object rootDeserializer(ObjectMapper mapper, Class<?> type) throws Exception {
        var ctxt = ((com.fasterxml.jackson.databind.deser.DefaultDeserializationContext) mapper.getDeserializationContext())
                .createInstance(mapper.getDeserializationConfig(), null, mapper.getInjectableValues());
        return ctxt.findRootValueDeserializer(mapper.constructType(type));
    }

    private record Outcome(Object value, boolean refused) {
        @Override
        public String toString() {
            return refused ? "refused" : String.valueOf(value);
        }
    }

    private static Outcome bind(ObjectMapper mapper, String json, Class<?> type) {
        try {
            return new Outcome(mapper.readValue(json, type), false);
        } catch (Exception e) {
            return new Outcome(null, true);
        }
    }

    /** Whole documents (typical, nulls, coerced values) and, per member, one document per odd value. */
    private static List<String> documents(ApiModel model, ShapeModel shape) {
        List<String> out = new ArrayList<>();
        for (Variant v : Variant.values()) out.add(object(model, shape, v, 0).toString());
        out.add(reordered(model, shape));
        for (Map.Entry<String, MemberModel> m : shape.members().entrySet()) {
            for (JsonNode odd : oddValues(model, m.getValue())) {
                ObjectNode doc = NODES.objectNode();
                doc.set(m.getKey(), odd);
                out.add(doc.toString());
            }
        }
        out.add("{}");
        out.add("null");
        out.add("\"\"");
        out.add("[]");
        out.add("7");
        return out;
    }

    private enum Variant { TYPICAL, NULLS, COERCED }

    /**
     * The members against the model's order, an unknown member after each, and the model's first member again at the
     * end with another value: the readers try the model's order first, and out of it must still bind every member,
     * skip the unknown ones and let the last of a repeated member win, as the builder binding does.
     */
    private static String reordered(ApiModel model, ShapeModel shape) {
        List<Map.Entry<String, MemberModel>> members = new ArrayList<>(shape.members().entrySet());
        java.util.Collections.reverse(members);
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, MemberModel> e : members) {
            JsonNode value = value(model, e.getValue(), Variant.TYPICAL, 0);
            if (value == null) continue;
            parts.add(NODES.textNode(e.getKey()) + ":" + value);
            parts.add("\"Unknown" + parts.size() + "\":[1,{\"x\":2}]");
        }
        if (!members.isEmpty()) {
            Map.Entry<String, MemberModel> first = members.get(members.size() - 1);
            JsonNode again = value(model, first.getValue(), Variant.COERCED, 0);
            if (again != null) parts.add(NODES.textNode(first.getKey()) + ":" + again);
        }
        return "{" + String.join(",", parts) + "}";
    }

    private static ObjectNode object(ApiModel model, ShapeModel shape, Variant v, int depth) {
        ObjectNode o = NODES.objectNode();
        o.set("NewVendorField", NODES.objectNode().set("x", NODES.arrayNode().add(1).add("y")));
        for (Map.Entry<String, MemberModel> e : shape.members().entrySet()) {
            JsonNode value = value(model, e.getValue(), v, depth);
            if (value != null) o.set(e.getKey(), value);
        }
        return o;
    }

    private static JsonNode value(ApiModel model, MemberModel m, Variant v, int depth) {
        if (v == Variant.NULLS && depth > 0 && !m.isList()) return NODES.nullNode();
        return switch (m.type()) {
            case "string", "timestamp" -> v == Variant.COERCED ? NODES.numberNode(7) : NODES.textNode("2024-01-02 03:04:05");
            case "integer" -> v == Variant.COERCED ? NODES.textNode("42") : NODES.numberNode(42L);
            case "float" -> v == Variant.COERCED ? NODES.numberNode(2) : NODES.numberNode(1.5);
            case "boolean" -> v == Variant.COERCED ? NODES.textNode("true") : NODES.booleanNode(true);
            case "any" -> NODES.objectNode().set("a", NODES.arrayNode().add(1).add("x").addNull());
            case "list" -> {
                JsonNode item = value(model, m.member(), v, depth + 1);
                var array = NODES.arrayNode();
                if (item != null) array.add(item);
                if (v == Variant.NULLS) array.addNull();
                yield array;
            }
            case "map" -> {
                JsonNode item = value(model, m.member(), v, depth + 1);
                ObjectNode map = NODES.objectNode();
                if (item != null) map.set("k", item);
                if (v == Variant.NULLS) map.putNull("n");
                yield map;
            }
            case "structure" -> {
                ShapeModel target = model.shape(m.shape());
                if (depth >= 3) yield null;
                if (target.isList()) {
                    JsonNode item = value(model, target.member(), v, depth + 1);
                    yield item == null ? NODES.arrayNode() : NODES.arrayNode().add(item);
                }
                yield object(model, target, v, depth + 1);
            }
            default -> throw new IllegalArgumentException(m.type());
        };
    }

    /** Values a vendor might send instead of the member's type, each alone in a document. */
    private static List<JsonNode> oddValues(ApiModel model, MemberModel m) {
        List<JsonNode> odd = new ArrayList<>(List.of(NODES.nullNode(), NODES.textNode(""), NODES.textNode(" "),
                NODES.textNode("12"), NODES.textNode("1.5"), NODES.textNode("x"), NODES.numberNode(3),
                NODES.numberNode(1.7), NODES.numberNode(new java.math.BigInteger("99999999999999999999")),
                NODES.booleanNode(false), NODES.arrayNode(), NODES.arrayNode().add(5), NODES.objectNode(),
                NODES.objectNode().put("a", 1)));
        Function<Variant, JsonNode> typical = v -> value(model, m, v, 1);
        odd.add(typical.apply(Variant.TYPICAL));
        odd.removeIf(Objects::isNull);
        return odd;
    }
}
