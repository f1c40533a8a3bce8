package io.cachesh.codegen.spec;

import io.cachesh.codegen.emit.Imports;
import io.cachesh.codegen.emit.JavaWriter;
import io.cachesh.codegen.emit.Javadoc;
import io.cachesh.model.MemberModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The constants of one member's {@code enum} values, nested in its shape class ({@code DescribeTaskInfoResponse.Status.SUCCEED},
 * {@code InstanceSet.Status.VALUE_2}). The member itself keeps its plain type ({@code String}, {@code Long}), so a
 * value the vendor adds later still reads; the holder only names the values the model knows.
 */
public final class EnumSpec {

    private final GenerationContext ctx;
    private final String className;
    private final String wire;
    private final MemberModel values;

    /**
     * @param values the member holding the {@code enum} (the element member for a list)
     */
    public EnumSpec(GenerationContext ctx, String className, String wire, MemberModel values) {
        this.ctx = ctx;
        this.className = className;
        this.wire = wire;
        this.values = values;
    }

    public String className() {
        return className;
    }

    /** Writes the nested class at the writer's current indentation. */
    public void write(JavaWriter w, Imports im) {
        String type = switch (values.type()) {
            case "integer" -> "long";
            case "float" -> "double";
            default -> "String";
        };
        String boxed = switch (type) {
            case "long" -> "Long";
            case "double" -> "Double";
            default -> "String";
        };
        Map<Object, String> constants = ctx.naming().enumConstants(values.allowedValues());
        w.javadoc(List.of("The values of <code>" + Javadoc.escape(wire) + "</code> that the model knows. The member stays a {@code "
                + boxed + "},\nso a value the vendor adds later still reads."));
        w.open("public static final class " + className);
        List<String> names = new ArrayList<>();
        constants.forEach((value, name) -> {
            w.line("public static final " + type + " " + name + " = " + literal(type, value) + ";");
            names.add(name);
        });
        w.blank();
        w.open("private " + className + "()");
        w.close();
        w.blank();
        w.line("/** Every value the model knows, in the model's order. */");
        w.open("public static " + im.ref("java.util.List") + "<" + boxed + "> values()");
        w.line("return " + im.ref("java.util.List") + ".of(" + String.join(", ", names) + ");");
        w.close();
        w.close();
    }

    private static String literal(String type, Object value) {
        return switch (type) {
            case "long" -> (value instanceof Number n ? Long.toString(n.longValue()) : Long.toString(Long.parseLong(value.toString()))) + "L";
            case "double" -> (value instanceof Number n ? Double.toString(n.doubleValue()) : Double.toString(Double.parseDouble(value.toString())));
            default -> Javadoc.literal(String.valueOf(value));
        };
    }
}
