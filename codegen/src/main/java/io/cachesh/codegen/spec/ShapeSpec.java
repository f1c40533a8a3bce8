package io.cachesh.codegen.spec;

import io.cachesh.codegen.emit.GeneratedFile;
import io.cachesh.codegen.emit.Imports;
import io.cachesh.codegen.emit.JavaWriter;
import io.cachesh.codegen.emit.Javadoc;
import io.cachesh.model.MemberModel;
import io.cachesh.model.ShapeModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An immutable value class per structure shape: private final fields, accessors without {@code get}, a nested
 * {@code Builder}, {@code equals/hashCode/toString} (secrets masked), Jackson-bound with the wire names. Answers are
 * read by a generated {@code JsonReader} (a streaming loop over the member names calling the builder's setters); the
 * builder's Jackson annotations describe the same binding, which Jackson ran by reflection per member before.
 */
public final class ShapeSpec implements ClassSpec {

    /** Wire names whose values {@code toString()} never shows. */
    public static final Pattern SECRET_MEMBER = Pattern.compile("password|secret|token", Pattern.CASE_INSENSITIVE);

    private static final String ANN = "com.fasterxml.jackson.annotation.";
    private static final String DATABIND_ANN = "com.fasterxml.jackson.databind.annotation.";
    /** The nested class that reads a shape from JSON. */
    public static final String READER = "JsonReader";

    private final GenerationContext ctx;
    private final String shapeName;
    private final ShapeModel shape;

    public ShapeSpec(GenerationContext ctx, String shapeName) {
        this.ctx = ctx;
        this.shapeName = shapeName;
        this.shape = ctx.model().shape(shapeName);
    }

    @Override
    public String packageName() {
        return ctx.modelPackage();
    }

    @Override
    public String className() {
        return ctx.shapeClass(shapeName);
    }

    @Override
    public GeneratedFile generate() {
        if (shape.isList()) return new ListShapeSpec(ctx, shapeName).generate();
        String cls = className();
        Map<String, String> enumClasses = ctx.naming().enumClasses(shape, typesNamedIn(cls));
        Set<String> taken = new HashSet<>(ctx.shapeClasses().values());
        taken.add("Builder");
        taken.add(READER);
        taken.addAll(enumClasses.values());
        Imports im = new Imports(packageName(), taken);
        Map<String, String> names = ctx.naming().memberNames(shape);
        List<Member> members = new ArrayList<>();
        names.forEach((wire, java) -> {
            MemberModel m = shape.members().get(wire);
            members.add(new Member(wire, wire, java, m, ctx.javaType(m, im), enumClasses.get(wire)));
        });
        String jsonProperty = "@" + im.ref(ANN + "JsonProperty");
        String objects = im.ref("java.util.Objects");

        JavaWriter w = new JavaWriter();
        w.javadoc(classDoc());
        w.line(ctx.generatedAnnotation(im));
        String jsonInclude = im.ref(ANN + "JsonInclude");
        w.line("@" + jsonInclude + "(" + jsonInclude + ".Include.NON_NULL)");
        w.line("@" + im.ref(ANN + "JsonIgnoreProperties") + "(ignoreUnknown = true)");
        w.line("@" + im.ref(DATABIND_ANN + "JsonDeserialize") + "(using = " + cls + "." + READER + ".class)");
        w.open("public final class " + cls);
        for (Member m : members) w.line("private final " + m.type + " " + m.java + ";");
        if (!members.isEmpty()) w.blank();

        w.open("private " + cls + "(Builder builder)");
        for (Member m : members) w.line("this." + m.java + " = " + copy(m, "builder." + m.java, im) + ";");
        w.close();

        for (Member m : members) {
            w.blank();
            w.javadoc(memberDoc(m, "@return the value, null when not set"));
            w.line(jsonProperty + "(" + Javadoc.literal(m.wire) + ")");
            if (m.model.deprecated()) w.line("@Deprecated");
            w.open("public " + m.type + " " + m.java + "()");
            w.line("return this." + m.java + ";");
            w.close();
        }

        w.blank();
        w.line("/** A builder with no members set. */");
        w.open("public static Builder builder()");
        w.line("return new Builder();");
        w.close();
        w.blank();
        w.line("/** A builder holding this object's members. */");
        w.open("public Builder toBuilder()");
        w.line("return new Builder(this);");
        w.close();

        w.blank();
        w.line("@Override");
        w.open("public boolean equals(Object o)");
        w.line("if (this == o) return true;");
        w.line("if (!(o instanceof " + cls + ")) return false;");
        if (members.isEmpty()) {
            w.line("return true;");
        } else {
            w.line(cls + " other = (" + cls + ") o;");
            for (int i = 0; i < members.size(); i++) {
                Member m = members.get(i);
                String eq = objects + ".equals(this." + m.java + ", other." + m.java + ")";
                w.line((i == 0 ? "return " : "        && ") + eq + (i == members.size() - 1 ? ";" : ""));
            }
        }
        w.close();
        w.blank();
        w.line("@Override");
        w.open("public int hashCode()");
        w.line("return " + objects + ".hash(" + members.stream().map(m -> "this." + m.java)
                .collect(Collectors.joining(", ")) + ");");
        w.close();
        w.blank();
        w.line("/** The members that are set, by wire name; secrets show as {@code ******}. */");
        w.line("@Override");
        w.open("public String toString()");
        String joiner = im.ref("java.util.StringJoiner");
        w.line(joiner + " s = new " + joiner + "(\", \", " + Javadoc.literal(cls + "{") + ", \"}\");");
        for (Member m : members) {
            String value = SECRET_MEMBER.matcher(m.wire).find() ? "\"******\"" : "this." + m.java;
            w.line("if (this." + m.java + " != null) s.add(" + Javadoc.literal(m.wire + "=") + " + " + value + ");");
        }
        w.line("return s.toString();");
        w.close();

        w.blank();
        w.line("/** Builds {@link " + cls + "}; {@link " + READER + "} fills it from JSON. */");
        w.line("@" + im.ref(DATABIND_ANN + "JsonPOJOBuilder") + "(withPrefix = \"\")");
        w.line("@" + im.ref(ANN + "JsonIgnoreProperties") + "(ignoreUnknown = true)");
        w.open("public static final class Builder");
        for (Member m : members) w.line("private " + m.type + " " + m.java + ";");
        if (!members.isEmpty()) w.blank();
        w.open("private Builder()");
        w.close();
        w.blank();
        w.open("private Builder(" + cls + " source)");
        for (Member m : members) w.line("this." + m.java + " = source." + m.java + ";");
        w.close();
        for (Member m : members) {
            w.blank();
            w.javadoc(memberDoc(m, "@return this builder"));
            w.line(jsonProperty + "(" + Javadoc.literal(m.wire) + ")");
            if (m.model.deprecated()) w.line("@Deprecated");
            w.open("public Builder " + m.java + "(" + m.type + " " + m.java + ")");
            w.line("this." + m.java + " = " + m.java + ";");
            w.line("return this;");
            w.close();
        }
        w.blank();
        w.open("public " + cls + " build()");
        w.line("return new " + cls + "(this);");
        w.close();
        w.close();
        w.blank();
        writeReader(w, im, cls, members);
        for (Member m : members) {
            if (m.enumClass == null) continue;
            w.blank();
            new EnumSpec(ctx, m.enumClass, m.wire, m.model.isList() ? m.model.member() : m.model).write(w, im);
        }
        w.close();
        return new GeneratedFile(packageName(), cls, ctx.compilationUnit(packageName(), im, w));
    }

    /**
     * The nested {@code JsonReader}: Jackson's entry point ({@code @JsonDeserialize(using = ...)}) and a static
     * {@code read} that nested structures call directly. One loop over the object's members, a {@code switch} on the
     * name, the builder's setter with the member read by {@code JsonMembers}; unknown members are skipped.
     */
    private void writeReader(JavaWriter w, Imports im, String cls, List<Member> members) {
        String parser = im.ref("com.fasterxml.jackson.core.JsonParser");
        String token = im.ref("com.fasterxml.jackson.core.JsonToken");
        String context = im.ref("com.fasterxml.jackson.databind.DeserializationContext");
        String io = im.ref("java.io.IOException");
        w.javadoc(List.of("Reads {@link " + cls + "} from JSON in one streaming pass: members by wire name, unknown ones skipped."));
        w.open("public static final class " + READER + " extends "
                + im.ref("com.fasterxml.jackson.databind.deser.std.StdDeserializer") + "<" + cls + ">");
        w.line("private static final long serialVersionUID = 1L;");
        w.blank();
        w.open("public " + READER + "()");
        w.line("super(" + cls + ".class);");
        w.close();
        w.blank();
        w.line("@Override");
        w.open("public " + cls + " deserialize(" + parser + " p, " + context + " ctxt) throws " + io);
        w.line("return read(p, ctxt);");
        w.close();
        w.blank();
        w.line("@Override");
        w.open("public boolean isCachable()");
        w.line("return true;");
        w.close();
        w.blank();
        w.line("/** Reads the object at the parser's current token (its start or its first member name); null for null. */");
        w.open("public static " + cls + " read(" + parser + " p, " + context + " ctxt) throws " + io);
        w.line("if (!" + JsonMembersSpec.CLASS + ".startObject(p, ctxt, " + cls + ".class)) return null;");
        w.line("Builder b = new Builder();");
        if (members.isEmpty()) {
            w.open("for (" + token + " t = p.currentToken(); t == " + token + ".FIELD_NAME; t = p.nextToken())");
            w.line("p.nextToken();");
            w.line("p.skipChildren();");
            w.close();
        } else {
            w.line("int next = 0;");
            w.open("for (" + token + " t = p.currentToken(); t == " + token + ".FIELD_NAME; t = p.nextToken())");
            w.line(im.ref("java.lang.String") + " name = p.currentName();");
            w.line("p.nextToken();");
            w.line("int i = next < NAMES.length && NAMES[next].equals(name) ? next : index(name);");
            w.line("if (i >= 0) next = i + 1;");
            w.open("switch (i)");
            for (int i = 0; i < members.size(); i++) {
                Member m = members.get(i);
                w.line("case " + i + " -> b." + m.java + "(" + readExpr(m.model, "p", "ctxt", 0, im) + ");");
            }
            w.line("default -> p.skipChildren();");
            w.close();
            w.close();
        }
        w.line("return b.build();");
        w.close();
        if (!members.isEmpty()) writeMemberIndex(w, im, members);
        w.close();
    }

    /**
     * The member names in model order and their lookup. Answers list members in that order, so the reader first
     * checks the name after the last one read (one comparison that the CPU predicts) and only otherwise switches on
     * the name: the string switch's search mispredicted at nearly every member, a third of reading a 20-instance
     * Tencent list.
     */
    private void writeMemberIndex(JavaWriter w, Imports im, List<Member> members) {
        String string = im.ref("java.lang.String");
        w.blank();
        w.line("/** The wire names of the members, in model order (the order answers use). */");
        w.open("private static final " + string + "[] NAMES =");
        for (int i = 0; i < members.size(); i++) {
            w.line(Javadoc.literal(members.get(i).wire) + (i + 1 < members.size() ? "," : ""));
        }
        w.close("};");
        w.blank();
        w.line("/** The index in {@code NAMES} of a member name; -1 for a name the model does not know. */");
        w.open("private static int index(" + string + " name)");
        w.open("return switch (name)");
        for (int i = 0; i < members.size(); i++) {
            w.line("case " + Javadoc.literal(members.get(i).wire) + " -> " + i + ";");
        }
        w.line("default -> -1;");
        w.close("};");
        w.close();
    }

    /** The expression reading a value of {@code m}'s type at the current token of {@code p}. */
    private String readExpr(MemberModel m, String p, String c, int depth, Imports im) {
        String members = JsonMembersSpec.CLASS;
        return switch (m.type()) {
            case "string", "timestamp" -> members + ".string(" + p + ", " + c + ")";
            case "integer" -> members + ".int64(" + p + ", " + c + ")";
            case "float" -> members + ".float64(" + p + ", " + c + ")";
            case "boolean" -> members + ".bool(" + p + ", " + c + ")";
            case "any" -> members + ".any(" + p + ", " + c + ")";
            case "structure" -> ctx.model().shape(m.shape()).isList()
                    ? members + ".value(" + p + ", " + c + ", " + im.ref(ctx.shapeQualified(m.shape())) + ".class)"
                    : im.ref(ctx.shapeQualified(m.shape())) + "." + READER + ".read(" + p + ", " + c + ")";
            case "list", "map" -> {
                String p1 = "p" + (depth + 1);
                String c1 = "c" + (depth + 1);
                String element = "(" + p1 + ", " + c1 + ") -> " + readExpr(m.member(), p1, c1, depth + 1, im);
                yield members + "." + m.type() + "(" + p + ", " + c + ", " + element + ", tf -> " + typeExpr(m, im) + ")";
            }
            default -> throw new IllegalArgumentException("unknown member type " + m.type());
        };
    }

    /** The Jackson {@code JavaType} of {@code m}'s Java type, built from a {@code TypeFactory tf}. */
    private String typeExpr(MemberModel m, Imports im) {
        return switch (m.type()) {
            case "list" -> "tf.constructCollectionType(" + im.ref("java.util.List") + ".class, " + typeExpr(m.member(), im) + ")";
            case "map" -> "tf.constructMapType(" + im.ref("java.util.Map") + ".class, tf.constructType("
                    + im.ref("java.lang.String") + ".class), " + typeExpr(m.member(), im) + ")";
            default -> "tf.constructType(" + rawType(ctx.javaType(m, im)) + ".class)";
        };
    }

    private static String rawType(String javaType) {
        int generic = javaType.indexOf('<');
        return generic < 0 ? javaType : javaType.substring(0, generic);
    }

    private static String copy(Member m, String expr, Imports im) {
        String collections = "java.util.Collections";
        if (m.model.isList()) {
            return expr + " == null ? null : " + im.ref(collections) + ".unmodifiableList(new "
                    + im.ref("java.util.ArrayList") + "<>(" + expr + "))";
        }
        if ("map".equals(m.model.type())) {
            return expr + " == null ? null : " + im.ref(collections) + ".unmodifiableMap(new "
                    + im.ref("java.util.LinkedHashMap") + "<>(" + expr + "))";
        }
        return expr;
    }

    private List<String> classDoc() {
        List<String> lines = new ArrayList<>();
        lines.add(shape.doc() == null ? "The {@code " + Javadoc.escape(shapeName) + "} structure of the "
                + Javadoc.escape(ctx.model().service()) + " API." : Javadoc.escape(shape.doc()));
        if (shape.seed() != null) lines.add("<p>Seed: <code>" + Javadoc.escape(shape.seed()) + "</code>");
        if (!shape.required().isEmpty()) {
            lines.add("<p>Required: " + shape.required().stream().map(r -> "<code>" + Javadoc.escape(r) + "</code>")
                    .collect(Collectors.joining(", ")) + ".");
        }
        return lines;
    }

    private List<String> memberDoc(Member m, String tag) {
        List<String> lines = new ArrayList<>();
        MemberModel model = m.model;
        lines.add(model.doc() == null || model.doc().isBlank()
                ? "The <code>" + Javadoc.escape(m.wire) + "</code> member." : Javadoc.escape(model.doc()));
        List<String> facts = new ArrayList<>();
        boolean renamed = model.wireName() != null && !model.wireName().isBlank() && !model.wireName().equals(m.key);
        facts.add(renamed ? "Member <code>" + Javadoc.escape(m.key) + "</code>, on the wire <code>"
                + Javadoc.escape(model.wireName()) + "</code>" : "Wire name <code>" + Javadoc.escape(m.wire) + "</code>");
        if (shape.isRequired(m.key)) facts.add("required");
        if (model.location() != null && !"body".equals(model.location())) {
            facts.add(switch (model.location()) {
                case "path" -> "sent in the URI path";
                case "query" -> "sent in the query string";
                case "header" -> "sent as an HTTP header";
                default -> "sent in the " + Javadoc.escape(model.location());
            });
        }
        describeConstraints(model, facts, "");
        if (m.enumClass != null) facts.add("constants in {@link " + m.enumClass + "}");
        if (model.defaultValue() != null) facts.add("default <code>" + Javadoc.escape(String.valueOf(model.defaultValue())) + "</code>");
        if (model.example() != null) facts.add("example <code>" + Javadoc.escape(String.valueOf(model.example())) + "</code>");
        if (model.nullable()) facts.add("may be null in responses");
        lines.add("<p>" + String.join("; ", facts) + ".");
        if (model.deprecated()) lines.add("@deprecated the vendor marks this member deprecated");
        lines.add(tag);
        return lines;
    }

    private static void describeConstraints(MemberModel model, List<String> facts, String prefix) {
        if (!model.allowedValues().isEmpty()) {
            facts.add(prefix + "allowed values " + model.allowedValues().stream()
                    .map(v -> "<code>" + Javadoc.escape(String.valueOf(v)) + "</code>").collect(Collectors.joining(", ")));
        }
        if (model.min() != null || model.max() != null) {
            facts.add(prefix + "range " + bound(model.min()) + ".." + bound(model.max()));
        }
        if (model.minLength() != null || model.maxLength() != null) {
            facts.add(prefix + "length " + bound(model.minLength()) + ".." + bound(model.maxLength()));
        }
        if (model.minItems() != null || model.maxItems() != null) {
            facts.add(prefix + "items " + bound(model.minItems()) + ".." + bound(model.maxItems()));
        }
        if (model.pattern() != null) facts.add(prefix + "pattern <code>" + Javadoc.escape(model.pattern()) + "</code>");
        if ((model.isList() || "map".equals(model.type())) && model.member() != null) {
            describeConstraints(model.member(), facts, prefix + "each element: ");
        }
    }

    private static String bound(Number n) {
        return n == null ? "" : Javadoc.escape(String.valueOf(n));
    }

    /**
     * Simple names a nested enum holder must not take: the class itself, its builder, the JDK and Jackson types
     * every shape file names, and the shape classes this shape's members refer to (a nested class would shadow them).
     */
    private Set<String> typesNamedIn(String cls) {
        Set<String> names = new HashSet<>(FILE_TYPES);
        names.add(cls);
        for (MemberModel m : shape.members().values()) {
            for (MemberModel t = m; t != null; t = t.member()) {
                if (t.isStructure() && t.shape() != null) names.add(ctx.shapeClass(t.shape()));
            }
        }
        return names;
    }

    private static final Set<String> FILE_TYPES = Set.of("Builder", "Object", "String", "Long", "Double", "Boolean",
            "Override", "Deprecated", "List", "Map", "Objects", "StringJoiner", "Collections", "ArrayList",
            "LinkedHashMap", "JsonNode", "Generated", "JsonProperty", "JsonInclude", "JsonIgnoreProperties",
            "JsonDeserialize", "JsonPOJOBuilder", READER, "JsonParser", "JsonToken", "DeserializationContext",
            "StdDeserializer", "IOException", "JsonMembers");

    private record Member(String key, String wire, String java, MemberModel model, String type, String enumClass) {
    }
}
