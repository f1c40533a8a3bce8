package io.cachesh.codegen.spec;

import io.cachesh.codegen.emit.Imports;
import io.cachesh.codegen.emit.JavaWriter;
import io.cachesh.codegen.naming.NamingStrategy;
import io.cachesh.model.ApiModel;
import io.cachesh.model.MemberModel;
import java.util.Map;

/** A model with every Java name resolved once, shared by the specs of one generation run. */
public final class GenerationContext {

    public static final String GENERATED = "javax.annotation.processing.Generated";
    public static final String GENERATOR = "io.cachesh:codegen";

    /** Runtime types the generated code calls; they live in the clients module. */
    static final String CLIENT_CONFIG = "io.cachesh.client.core.ClientConfig";
    static final String CLIENT_RUNTIME = "io.cachesh.client.core.ClientRuntime";
    static final String OPERATION_INFO = "io.cachesh.client.core.OperationInfo";
    static final String PAGINATION_MODEL = "io.cachesh.model.PaginationModel";
    static final String MODELS = "io.cachesh.model.Models";

    private final ApiModel model;
    private final NamingStrategy naming;
    private final Map<String, String> shapeClasses;
    private final Map<String, String> operationConstants;

    public GenerationContext(ApiModel model, NamingStrategy naming) {
        this.model = model;
        this.naming = naming;
        this.shapeClasses = naming.shapeClasses(model);
        this.operationConstants = naming.operationConstants(model);
    }

    public ApiModel model() {
        return model;
    }

    public NamingStrategy naming() {
        return naming;
    }

    public String modelPackage() {
        return naming.modelPackage(model);
    }

    /** Simple class name of a shape. */
    public String shapeClass(String shape) {
        String name = shapeClasses.get(shape);
        if (name == null) throw new IllegalArgumentException(model.service() + ": no shape named " + shape);
        return name;
    }

    public String shapeQualified(String shape) {
        return modelPackage() + "." + shapeClass(shape);
    }

    public Map<String, String> shapeClasses() {
        return shapeClasses;
    }

    public String operationConstant(String operation) {
        return operationConstants.get(operation);
    }

    /** Client method of an operation: the model's {@code javaName} when set, else the naming strategy's. */
    public String operationMethod(String operation) {
        var op = model.operations().get(operation);
        if (op != null && op.javaName() != null && !op.javaName().isBlank()) return op.javaName();
        return naming.operationMethod(operation);
    }

    /** The {@code ...Iterable} method of a paginated operation, after {@link #operationMethod(String)}. */
    public String iterableMethod(String operation) {
        var op = model.operations().get(operation);
        if (op != null && op.javaName() != null && !op.javaName().isBlank()) return op.javaName() + "Iterable";
        return naming.iterableMethod(operation);
    }

    /**
     * A Java expression reading the member at {@code path} (dotted for nested structures) of {@code root}, an
     * expression of {@code shape}'s class; null-safe across the steps: {@code r.data() == null ? null :
     * r.data().redisSet()} spelled with {@code Optional}. Null when the path does not resolve.
     */
    public String accessorChain(String shape, String path, String root, Imports imports) {
        String[] steps = path.split("\\.");
        String current = shape;
        StringBuilder expr = new StringBuilder();
        for (int i = 0; i < steps.length; i++) {
            if (current == null || !model.shapes().containsKey(current)) return null;
            io.cachesh.model.ShapeModel s = model.shape(current);
            MemberModel m = s.members().get(steps[i]);
            if (m == null) return null;
            String accessor = naming.memberNames(s).get(steps[i]);
            if (i == 0) {
                expr.append(steps.length == 1 ? root + "." + accessor + "()"
                        : imports.ref("java.util.Optional") + ".ofNullable(" + root + "." + accessor + "())");
            } else {
                expr.append(".map(").append(imports.ref(shapeQualified(current))).append("::").append(accessor).append(")");
            }
            current = m.isStructure() ? m.shape() : null;
        }
        if (steps.length > 1) expr.append(".orElse(null)");
        return expr.toString();
    }

    /** Java type of a member per docs/dev/contracts.md. */
    public String javaType(MemberModel member, Imports imports) {
        if (member == null) throw new IllegalArgumentException("member == null");
        return switch (member.type()) {
            case "string", "timestamp" -> imports.ref("java.lang.String");
            case "integer" -> imports.ref("java.lang.Long");
            case "float" -> imports.ref("java.lang.Double");
            case "boolean" -> imports.ref("java.lang.Boolean");
            case "list" -> imports.ref("java.util.List") + "<" + javaType(member.member(), imports) + ">";
            case "map" -> imports.ref("java.util.Map") + "<" + imports.ref("java.lang.String") + ", "
                    + javaType(member.member(), imports) + ">";
            case "structure" -> imports.ref(shapeQualified(member.shape()));
            case "any" -> imports.ref("com.fasterxml.jackson.databind.JsonNode");
            default -> throw new IllegalArgumentException("unknown member type " + member.type());
        };
    }

    /** Package line, a header comment and the imports, then the body. */
    String compilationUnit(String packageName, Imports imports, JavaWriter body) {
        String text = body.toString();
        return "// Generated by " + GENERATOR + " from the " + model.service() + " model. Do not edit.\n"
                + "package " + packageName + ";\n\n" + imports.block() + text;
    }

    String generatedAnnotation(Imports imports) {
        return "@" + imports.ref(GENERATED) + "(\"" + GENERATOR + "\")";
    }
}
