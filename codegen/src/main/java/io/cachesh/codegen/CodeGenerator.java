package io.cachesh.codegen;

import io.cachesh.codegen.emit.GeneratedFile;
import io.cachesh.codegen.naming.NamingStrategy;
import io.cachesh.codegen.spec.ClassSpec;
import io.cachesh.codegen.spec.ClientClassSpec;
import io.cachesh.codegen.spec.ClientInterfaceSpec;
import io.cachesh.codegen.spec.GenerationContext;
import io.cachesh.codegen.spec.JsonMembersSpec;
import io.cachesh.codegen.spec.OperationsSpec;
import io.cachesh.codegen.spec.ShapeSpec;
import io.cachesh.model.ApiModel;
import io.cachesh.model.ModelChecker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Model to specs to files: every shape class, their member readers ({@code JsonMembers}), the client interface and
 * implementation, the operations constants.
 */
public final class CodeGenerator {

    private final NamingStrategy naming;

    public CodeGenerator(NamingStrategy naming) {
        this.naming = naming;
    }

    public CodeGenerator() {
        this(new NamingStrategy());
    }

    public List<ClassSpec> specs(ApiModel model) {
        List<String> problems = ModelChecker.problems(model);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("model " + model.service() + " is inconsistent: " + problems);
        }
        GenerationContext ctx = new GenerationContext(model, naming);
        List<ClassSpec> specs = new ArrayList<>();
        for (String shape : model.shapes().keySet()) specs.add(new ShapeSpec(ctx, shape));
        specs.add(new JsonMembersSpec(ctx));
        specs.add(new OperationsSpec(ctx));
        specs.add(new ClientInterfaceSpec(ctx));
        specs.add(new ClientClassSpec(ctx));
        return specs;
    }

    public List<GeneratedFile> generate(ApiModel model) {
        return specs(model).stream().map(ClassSpec::generate).toList();
    }

    public List<Path> write(ApiModel model, Path outputDir) throws IOException {
        List<Path> written = new ArrayList<>();
        for (GeneratedFile file : generate(model)) written.add(file.writeTo(outputDir));
        return written;
    }
}
