package io.cachesh.codegen.spec;

import io.cachesh.codegen.emit.GeneratedFile;
import io.cachesh.codegen.emit.Imports;
import io.cachesh.codegen.emit.JavaWriter;
import io.cachesh.codegen.emit.Javadoc;
import io.cachesh.model.ShapeModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A shape of type {@code list}: a body that is a bare JSON array. Generated as an immutable wrapper holding
 * {@code List<T>} in {@code items()}, written and read as the bare array ({@code @JsonValue} and a delegating
 * {@code @JsonCreator}), so a client method returns one class per shape like every other operation.
 */
public final class ListShapeSpec implements ClassSpec {

    private static final String ANN = "com.fasterxml.jackson.annotation.";

    private final GenerationContext ctx;
    private final String shapeName;
    private final ShapeModel shape;

    public ListShapeSpec(GenerationContext ctx, String shapeName) {
        this.ctx = ctx;
        this.shapeName = shapeName;
        this.shape = ctx.model().shape(shapeName);
        if (!shape.isList()) throw new IllegalArgumentException(shapeName + " is not a list shape");
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
        String cls = className();
        Set<String> taken = new HashSet<>(ctx.shapeClasses().values());
        taken.add("Builder");
        Imports im = new Imports(packageName(), taken);
        String list = im.ref("java.util.List");
        String element = ctx.javaType(shape.member(), im);
        String type = list + "<" + element + ">";
        String objects = im.ref("java.util.Objects");
        String collections = im.ref("java.util.Collections");
        String arrayList = im.ref("java.util.ArrayList");

        JavaWriter w = new JavaWriter();
        List<String> doc = new ArrayList<>();
        doc.add(shape.doc() == null ? "The {@code " + Javadoc.escape(shapeName) + "} body of the "
                + Javadoc.escape(ctx.model().service()) + " API: a bare JSON array." : Javadoc.escape(shape.doc()));
        doc.add("<p>On the wire a JSON array; {@link #items()} holds its elements.");
        if (shape.seed() != null) doc.add("<p>Seed: <code>" + Javadoc.escape(shape.seed()) + "</code>");
        w.javadoc(doc);
        w.line(ctx.generatedAnnotation(im));
        w.open("public final class " + cls);
        w.line("private final " + type + " items;");
        w.blank();
        w.open("private " + cls + "(Builder builder)");
        w.line("this.items = builder.items == null ? " + list + ".of() : " + collections + ".unmodifiableList(new "
                + arrayList + "<>(builder.items));");
        w.close();
        w.blank();
        w.line("/** Reads the bare JSON array (null reads as empty). */");
        w.line("@" + im.ref(ANN + "JsonCreator") + "(mode = " + im.ref(ANN + "JsonCreator") + ".Mode.DELEGATING)");
        w.open("public static " + cls + " of(" + type + " items)");
        w.line("return builder().items(items).build();");
        w.close();
        w.blank();
        w.line("/**");
        w.line(" * The elements of the array, never null.");
        w.line(" * @return an unmodifiable list");
        w.line(" */");
        w.line("@" + im.ref(ANN + "JsonValue"));
        w.open("public " + type + " items()");
        w.line("return this.items;");
        w.close();
        w.blank();
        w.line("/** A builder with no elements. */");
        w.open("public static Builder builder()");
        w.line("return new Builder();");
        w.close();
        w.blank();
        w.line("/** A builder holding this object's elements. */");
        w.open("public Builder toBuilder()");
        w.line("return new Builder().items(this.items);");
        w.close();
        w.blank();
        w.line("@Override");
        w.open("public boolean equals(Object o)");
        w.line("return this == o || o instanceof " + cls + " && " + objects + ".equals(this.items, ((" + cls + ") o).items);");
        w.close();
        w.blank();
        w.line("@Override");
        w.open("public int hashCode()");
        w.line("return this.items.hashCode();");
        w.close();
        w.blank();
        w.line("@Override");
        w.open("public String toString()");
        w.line("return " + Javadoc.literal(cls) + " + this.items;");
        w.close();
        w.blank();
        w.line("/** Builds {@link " + cls + "}. */");
        w.open("public static final class Builder");
        w.line("private " + type + " items;");
        w.blank();
        w.open("private Builder()");
        w.close();
        w.blank();
        w.line("/**");
        w.line(" * The elements.");
        w.line(" * @param items the elements, copied");
        w.line(" * @return this builder");
        w.line(" */");
        w.open("public Builder items(" + type + " items)");
        w.line("this.items = items;");
        w.line("return this;");
        w.close();
        w.blank();
        w.open("public " + cls + " build()");
        w.line("return new " + cls + "(this);");
        w.close();
        w.close();
        w.close();
        return new GeneratedFile(packageName(), cls, ctx.compilationUnit(packageName(), im, w));
    }
}
