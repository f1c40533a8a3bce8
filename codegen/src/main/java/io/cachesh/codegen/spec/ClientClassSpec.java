package io.cachesh.codegen.spec;

import io.cachesh.codegen.emit.GeneratedFile;
import io.cachesh.codegen.emit.Imports;
import io.cachesh.codegen.emit.JavaWriter;
import io.cachesh.codegen.emit.Javadoc;
import io.cachesh.model.ApiModel;
import java.util.Map;
import java.util.Set;

/** {@code Default<ClientName>Client}: every operation is one call into the hand-written {@code ClientRuntime}. */
public final class ClientClassSpec implements ClassSpec {

    private final GenerationContext ctx;

    public ClientClassSpec(GenerationContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String packageName() {
        return ctx.model().javaPackage();
    }

    @Override
    public String className() {
        return ctx.naming().clientClass(ctx.model());
    }

    @Override
    public GeneratedFile generate() {
        ApiModel model = ctx.model();
        String cls = className();
        String iface = ctx.naming().clientInterface(model);
        String ops = ctx.naming().operationsClass(model);
        Imports im = new Imports(packageName(), Set.of(cls, iface, ops));
        ClientInterfaceSpec interfaceSpec = new ClientInterfaceSpec(ctx);
        String runtime = im.ref(GenerationContext.CLIENT_RUNTIME);
        JavaWriter w = new JavaWriter();
        w.javadoc(java.util.List.of("{@link " + iface + "} over a {@link " + runtime
                + "}: endpoint, signing, retries and rate limits live there, not here."));
        w.line(ctx.generatedAnnotation(im));
        w.open("public final class " + cls + " implements " + iface);
        w.blank();
        w.line("/** The model this client was generated from. */");
        w.line("public static final String SERVICE = " + Javadoc.literal(model.service()) + ";");
        w.blank();
        w.line("private final " + runtime + " runtime;");
        w.blank();
        w.open("public " + cls + "(" + im.ref(GenerationContext.CLIENT_CONFIG) + " config)");
        w.line("this(" + runtime + ".create(" + im.ref(GenerationContext.MODELS) + ".load(SERVICE), config));");
        w.close();
        w.blank();
        w.open("public " + cls + "(" + runtime + " runtime)");
        w.line("this.runtime = " + im.ref("java.util.Objects") + ".requireNonNull(runtime, \"runtime == null\");");
        w.close();
        w.blank();
        w.line("/** The runtime this client calls through (shared by waiters and raw calls). */");
        w.open("public " + runtime + " runtime()");
        w.line("return runtime;");
        w.close();

        for (Map.Entry<String, io.cachesh.model.OperationModel> e : model.operations().entrySet()) {
            String name = e.getKey();
            var op = e.getValue();
            String in = im.ref(ctx.shapeQualified(op.input()));
            String out = im.ref(ctx.shapeQualified(op.output()));
            String constant = ops + "." + ctx.operationConstant(name);
            w.blank();
            w.line("@Override");
            if (op.deprecated()) w.line("@Deprecated");
            w.open("public " + out + " " + ctx.operationMethod(name) + "(" + in + " request)");
            w.line("return runtime.invoke(" + constant + ", request, " + out + ".class);");
            w.close();
            String item = interfaceSpec.itemType(op, im);
            if (item != null) {
                w.blank();
                w.line("@Override");
                if (op.deprecated()) w.line("@Deprecated");
                w.open("public " + im.ref("java.lang.Iterable") + "<" + item + "> " + ctx.iterableMethod(name)
                        + "(" + in + " request)");
                String items = op.paginated().items();
                String reader = items.contains(".")
                        ? "r -> " + ctx.accessorChain(op.output(), items, "r", im)
                        : out + "::" + ctx.naming().memberNames(model.shape(op.output())).get(items);
                w.line("return runtime.paginate(" + constant + ", request, " + out + ".class, " + reader + ");");
                w.close();
            }
        }
        w.blank();
        w.line("@Override");
        w.open("public void close()");
        w.line("runtime.close();");
        w.close();
        w.close();
        return new GeneratedFile(packageName(), cls, ctx.compilationUnit(packageName(), im, w));
    }
}
