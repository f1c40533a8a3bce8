package io.cachesh.codegen.spec;

import io.cachesh.codegen.emit.GeneratedFile;

/**
 * {@code JsonMembers}, one per model package: the member readers that every shape's generated {@code JsonReader}
 * calls (package-private, not API). Fixed text; generated so that the model classes need nothing from the clients
 * runtime to bind, as with the builder binding they replace.
 */
public final class JsonMembersSpec implements ClassSpec {

    public static final String CLASS = "JsonMembers";

    private final GenerationContext ctx;

    public JsonMembersSpec(GenerationContext ctx) {
        this.ctx = ctx;
        if (ctx.shapeClasses().containsValue(CLASS)) {
            throw new IllegalArgumentException("model " + ctx.model().service() + " has a shape whose class would be "
                    + CLASS + ", the name of the generated member readers");
        }
    }

    @Override
    public String packageName() {
        return ctx.modelPackage();
    }

    @Override
    public String className() {
        return CLASS;
    }

    @Override
    public GeneratedFile generate() {
        String body = """
                import com.fasterxml.jackson.core.JsonParser;
                import com.fasterxml.jackson.core.JsonToken;
                import com.fasterxml.jackson.databind.DeserializationContext;
                import com.fasterxml.jackson.databind.JavaType;
                import com.fasterxml.jackson.databind.JsonDeserializer;
                import com.fasterxml.jackson.databind.JsonNode;
                import com.fasterxml.jackson.databind.cfg.CoercionAction;
                import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
                import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
                import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
                import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
                import com.fasterxml.jackson.databind.type.LogicalType;
                import com.fasterxml.jackson.databind.type.TypeFactory;
                import java.io.IOException;
                import java.lang.Boolean;
                import java.lang.Double;
                import java.lang.Long;
                import java.lang.String;
                import java.util.ArrayList;
                import java.util.LinkedHashMap;
                import java.util.function.Function;
                import javax.annotation.processing.Generated;

                /**
                 * The member readers of this package's generated {@code JsonReader}s (one streaming pass per answer, no
                 * reflection). Each reads the value at the parser's current token with the deserializer instance that
                 * Jackson's bean binding uses for a member of that type, so numbers sent as strings, floats for integers,
                 * empty strings and the like are accepted or refused as by the builder binding, under the coercion
                 * settings of whichever mapper runs the parse; null gives that deserializer's null value ({@code NullNode}
                 * for {@code any} members). Lists are {@code ArrayList}s and maps {@code LinkedHashMap}s, as Jackson
                 * builds them; any other token in their place goes to Jackson with the member's type.
                 */
                @Generated("%s")
                final class JsonMembers {

                    /** Reads one value starting at the parser's current token. */
                    @FunctionalInterface
                    interface ValueReader<T> {
                        T read(JsonParser p, DeserializationContext ctxt) throws IOException;
                    }

                    @SuppressWarnings("unchecked")
                    private static final JsonDeserializer<Long> LONG =
                            (JsonDeserializer<Long>) NumberDeserializers.find(Long.class, Long.class.getName());
                    @SuppressWarnings("unchecked")
                    private static final JsonDeserializer<Double> DOUBLE =
                            (JsonDeserializer<Double>) NumberDeserializers.find(Double.class, Double.class.getName());
                    @SuppressWarnings("unchecked")
                    private static final JsonDeserializer<Boolean> BOOLEAN =
                            (JsonDeserializer<Boolean>) NumberDeserializers.find(Boolean.class, Boolean.class.getName());
                    private static final JsonDeserializer<String> STRING = StringDeserializer.instance;
                    @SuppressWarnings("unchecked")
                    private static final JsonDeserializer<JsonNode> ANY =
                            (JsonDeserializer<JsonNode>) JsonNodeDeserializer.getDeserializer(JsonNode.class);

                    private JsonMembers() {
                    }

                    static Long int64(JsonParser p, DeserializationContext ctxt) throws IOException {
                        if (p.isExpectedNumberIntToken()) return p.getLongValue(); // what LONG does first
                        return scalar(LONG, p, ctxt);
                    }

                    static Double float64(JsonParser p, DeserializationContext ctxt) throws IOException {
                        return scalar(DOUBLE, p, ctxt);
                    }

                    static Boolean bool(JsonParser p, DeserializationContext ctxt) throws IOException {
                        return scalar(BOOLEAN, p, ctxt);
                    }

                    static String string(JsonParser p, DeserializationContext ctxt) throws IOException {
                        if (p.hasToken(JsonToken.VALUE_STRING)) return p.getText();
                        return scalar(STRING, p, ctxt);
                    }

                    static JsonNode any(JsonParser p, DeserializationContext ctxt) throws IOException {
                        return scalar(ANY, p, ctxt);
                    }

                    /** A value of a type without a generated reader (a list shape), bound by Jackson. */
                    static <T> T value(JsonParser p, DeserializationContext ctxt, Class<T> type) throws IOException {
                        return p.hasToken(JsonToken.VALUE_NULL) ? null : ctxt.readValue(p, type);
                    }

                    /** A JSON array as a list of {@code element}s; null gives null; other tokens go to Jackson as {@code type}. */
                    static <T> java.util.List<T> list(JsonParser p, DeserializationContext ctxt, ValueReader<T> element,
                                                      Function<TypeFactory, JavaType> type) throws IOException {
                        JsonToken t = p.currentToken();
                        if (t == JsonToken.VALUE_NULL) return null;
                        if (t != JsonToken.START_ARRAY) return ctxt.readValue(p, type.apply(ctxt.getTypeFactory()));
                        java.util.List<T> out = new ArrayList<>();
                        while (p.nextToken() != JsonToken.END_ARRAY) out.add(element.read(p, ctxt));
                        return out;
                    }

                    /** A JSON object as a map of {@code value}s by name; null gives null; other tokens go to Jackson as {@code type}. */
                    static <T> java.util.Map<String, T> map(JsonParser p, DeserializationContext ctxt, ValueReader<T> value,
                                                            Function<TypeFactory, JavaType> type) throws IOException {
                        JsonToken t = p.currentToken();
                        if (t == JsonToken.VALUE_NULL) return null;
                        if (t == JsonToken.START_OBJECT) {
                            t = p.nextToken();
                        } else if (t != JsonToken.FIELD_NAME && t != JsonToken.END_OBJECT) {
                            return ctxt.readValue(p, type.apply(ctxt.getTypeFactory()));
                        }
                        java.util.Map<String, T> out = new LinkedHashMap<>();
                        for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                            String name = p.currentName();
                            p.nextToken();
                            out.put(name, value.read(p, ctxt));
                        }
                        return out;
                    }

                    /**
                     * The first token of a structure: true to read its members; false when it is null. Anything else
                     * but an empty string that the mapper reads as null for objects is refused with Jackson's error.
                     */
                    static boolean startObject(JsonParser p, DeserializationContext ctxt, Class<?> type) throws IOException {
                        JsonToken t = p.currentToken();
                        if (t == JsonToken.START_OBJECT) {
                            p.nextToken();
                            return true;
                        }
                        if (t == JsonToken.FIELD_NAME || t == JsonToken.END_OBJECT) return true;
                        if (t == JsonToken.VALUE_NULL) return false;
                        if (t == JsonToken.VALUE_STRING && p.getText().isEmpty() && ctxt.findCoercionAction(
                                LogicalType.POJO, type, CoercionInputShape.EmptyString) == CoercionAction.AsNull) {
                            return false;
                        }
                        ctxt.handleUnexpectedToken(type, p);
                        return false;
                    }

                    private static <T> T scalar(JsonDeserializer<T> deserializer, JsonParser p, DeserializationContext ctxt)
                            throws IOException {
                        if (p.hasToken(JsonToken.VALUE_NULL)) return deserializer.getNullValue(ctxt);
                        T value = deserializer.deserialize(p, ctxt);
                        return value == null ? deserializer.getNullValue(ctxt) : value;
                    }
                }
                """.formatted(GenerationContext.GENERATOR);
        // java.lang types imported by name: a shape class of the same name in this package would shadow them
        return new GeneratedFile(packageName(), CLASS, "// Generated by " + GenerationContext.GENERATOR + " from the "
                + ctx.model().service() + " model. Do not edit.\npackage " + packageName() + ";\n\n" + body);
    }
}
