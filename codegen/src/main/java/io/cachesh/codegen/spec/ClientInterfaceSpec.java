package io.cachesh.codegen.spec;

import io.cachesh.codegen.emit.GeneratedFile;
import io.cachesh.codegen.emit.Imports;
import io.cachesh.codegen.emit.JavaWriter;
import io.cachesh.codegen.emit.Javadoc;
import io.cachesh.model.ApiModel;
import io.cachesh.model.MemberModel;
import io.cachesh.model.OperationModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The {@code <ClientName>Client} interface: one method per operation, plus Consumer and Iterable variants. */
public final class ClientInterfaceSpec implements ClassSpec {

    private final GenerationContext ctx;

    public ClientInterfaceSpec(GenerationContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String packageName() {
        return ctx.model().javaPackage();
    }

    @Override
    public String className() {
        return ctx.naming().clientInterface(ctx.model());
    }

    @Override
    public GeneratedFile generate() {
        ApiModel model = ctx.model();
        String cls = className();
        Imports im = new Imports(packageName(), Set.of(cls, ctx.naming().clientClass(model), ctx.naming().operationsClass(model)));
        JavaWriter w = new JavaWriter();
        w.javadoc(List.of(
                (model.doc() == null ? "Client of the " + Javadoc.escape(model.service()) + " API"
                        : Javadoc.escape(model.doc())) + ".",
                "<p>API version <code>" + Javadoc.escape(model.version()) + "</code>, protocol <code>"
                        + Javadoc.escape(model.protocol()) + "</code>. Every method throws "
                        + "{@link io.cachesh.client.error.ApiException} (or a subclass) when the vendor answers an error."));
        w.line(ctx.generatedAnnotation(im));
        w.open("public interface " + cls + " extends AutoCloseable");
        w.blank();
        w.line("/** A client with its own runtime (endpoint, signer, retries, rate limits) over the shared connection pool. */");
        w.open("static " + cls + " create(" + im.ref(GenerationContext.CLIENT_CONFIG) + " config)");
        w.line("return new " + ctx.naming().clientClass(model) + "(config);");
        w.close();

        model.operations().forEach((name, op) -> {
            String method = ctx.operationMethod(name);
            String in = im.ref(ctx.shapeQualified(op.input()));
            String out = im.ref(ctx.shapeQualified(op.output()));
            List<String> doc = new ArrayList<>(OperationDocs.describe(model, name, op));
            if (op.deprecated()) doc.add("@deprecated the vendor marks this action deprecated");
            w.blank();
            List<String> main = new ArrayList<>(doc);
            main.add("@param request the request\n@return the response");
            w.javadoc(main);
            if (op.deprecated()) w.line("@Deprecated");
            w.line(out + " " + method + "(" + in + " request);");

            w.blank();
            List<String> consumer = new ArrayList<>(doc);
            consumer.add("@param request fills a fresh request builder\n@return the response");
            w.javadoc(consumer);
            if (op.deprecated()) w.line("@Deprecated");
            w.open("default " + out + " " + method + "(" + im.ref("java.util.function.Consumer") + "<" + in + ".Builder> request)");
            w.line(in + ".Builder builder = " + in + ".builder();");
            w.line("request.accept(builder);");
            w.line("return " + method + "(builder.build());");
            w.close();

            String item = itemType(op, im);
            if (item != null) {
                w.blank();
                w.javadoc(List.of("All <code>" + Javadoc.escape(op.paginated().items()) + "</code> of <code>"
                        + Javadoc.escape(name) + "</code>, fetched lazily page by page from the request's offset.",
                        "@param request the first page's request; its limit (or the largest allowed) sets the page size",
                        "@return the items, one page fetched at a time while iterating"));
                if (op.deprecated()) w.line("@Deprecated");
                w.line(im.ref("java.lang.Iterable") + "<" + item + "> " + ctx.iterableMethod(name) + "(" + in + " request);");
            }
        });
        w.blank();
        w.line("/** Releases this client's resources; the shared connection pool stays up for other clients. */");
        w.line("@Override");
        w.line("void close();");
        w.close();
        return new GeneratedFile(packageName(), cls, ctx.compilationUnit(packageName(), im, w));
    }

    /** Element type of the paginated items list, null when the operation has no usable pagination. */
    String itemType(OperationModel op, Imports im) {
        if (op.paginated() == null) return null;
        MemberModel items = ctx.model().memberAt(op.output(), op.paginated().items()).orElse(null);
        if (items == null || !items.isList()) return null;
        return ctx.javaType(items.member(), im);
    }
}
