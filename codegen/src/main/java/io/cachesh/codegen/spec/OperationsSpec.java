package io.cachesh.codegen.spec;

import io.cachesh.codegen.emit.GeneratedFile;
import io.cachesh.codegen.emit.Imports;
import io.cachesh.codegen.emit.JavaWriter;
import io.cachesh.codegen.emit.Javadoc;
import io.cachesh.model.ApiModel;
import io.cachesh.model.PaginationModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code <ClientName>Operations}: one {@code OperationInfo} constant per operation, and {@code ALL}. */
public final class OperationsSpec implements ClassSpec {

    private final GenerationContext ctx;

    public OperationsSpec(GenerationContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String packageName() {
        return ctx.model().javaPackage();
    }

    @Override
    public String className() {
        return ctx.naming().operationsClass(ctx.model());
    }

    @Override
    public GeneratedFile generate() {
        ApiModel model = ctx.model();
        String cls = className();
        Imports im = new Imports(packageName(), Set.of(cls, ctx.naming().clientInterface(model), ctx.naming().clientClass(model)));
        String info = im.ref(GenerationContext.OPERATION_INFO);
        JavaWriter w = new JavaWriter();
        w.javadoc(List.of("Runtime metadata of every " + Javadoc.escape(model.service())
                + " operation: name, rate limit, idempotency, async task member and pagination."));
        w.line(ctx.generatedAnnotation(im));
        w.open("public final class " + cls);
        List<String> constants = new ArrayList<>();
        model.operations().forEach((name, op) -> {
            String constant = ctx.operationConstant(name);
            constants.add(constant);
            w.blank();
            w.javadoc(OperationDocs.describe(model, name, op));
            w.line("public static final " + info + " " + constant + " = new " + info + "(" + Javadoc.literal(name) + ", "
                    + model.rateLimit(op) + ", " + op.idempotent() + ", " + Javadoc.literal(op.async()) + ", "
                    + pagination(op.paginated(), im) + ");");
        });
        w.blank();
        w.line("/** Every operation, in model order. */");
        w.line("public static final " + im.ref("java.util.List") + "<" + info + "> ALL = " + im.ref("java.util.List")
                + ".of(" + String.join(", ", constants) + ");");
        w.blank();
        w.open("private " + cls + "()");
        w.close();
        w.close();
        return new GeneratedFile(packageName(), cls, ctx.compilationUnit(packageName(), im, w));
    }

    private static String pagination(PaginationModel p, Imports im) {
        if (p == null) return "null";
        return "new " + im.ref(GenerationContext.PAGINATION_MODEL) + "(" + Javadoc.literal(p.offset()) + ", "
                + Javadoc.literal(p.limit()) + ", " + Javadoc.literal(p.items()) + ", " + Javadoc.literal(p.total()) + ", "
                + p.maxLimit() + ", " + p.pageBased() + ", " + p.firstPage() + ")";
    }
}
