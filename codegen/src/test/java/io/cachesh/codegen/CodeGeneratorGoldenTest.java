package io.cachesh.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.codegen.emit.GeneratedFile;
import io.cachesh.codegen.emit.Imports;
import io.cachesh.codegen.emit.JavaWriter;
import io.cachesh.codegen.naming.NamingStrategy;
import io.cachesh.codegen.spec.ClientClassSpec;
import io.cachesh.codegen.spec.ClientInterfaceSpec;
import io.cachesh.codegen.spec.EnumSpec;
import io.cachesh.codegen.spec.GenerationContext;
import io.cachesh.codegen.spec.OperationsSpec;
import io.cachesh.codegen.spec.ShapeSpec;
import io.cachesh.model.ApiModel;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** One golden file per emitted kind, from the tiny model. */
class CodeGeneratorGoldenTest {

    private final ApiModel model = TinyModel.load();
    private final GenerationContext ctx = new GenerationContext(model, new NamingStrategy());

    @ParameterizedTest
    @ValueSource(strings = {"CreateWidgetRequest", "DescribeWidgetsResponse", "Widget", "List"})
    void shapeClassMatchesGolden(String shape) throws Exception {
        GoldenFiles.assertMatches("shape/" + shape + ".java", new ShapeSpec(ctx, shape).generate().content());
    }

    @Test
    void enumHolderMatchesGolden() throws Exception {
        JavaWriter w = new JavaWriter();
        Imports im = new Imports("io.cachesh.client.acme.tiny.model", Set.of());
        new EnumSpec(ctx, "Zone", "Zones", model.shape("Widget").members().get("Zones").member()).write(w, im);
        GoldenFiles.assertMatches("enum/WidgetZone.java", im.block() + w);
    }

    @Test
    void clientInterfaceMatchesGolden() throws Exception {
        GoldenFiles.assertMatches("client/TinyClient.java", new ClientInterfaceSpec(ctx).generate().content());
    }

    @Test
    void clientClassMatchesGolden() throws Exception {
        GoldenFiles.assertMatches("client/DefaultTinyClient.java", new ClientClassSpec(ctx).generate().content());
    }

    @Test
    void operationsClassMatchesGolden() throws Exception {
        GoldenFiles.assertMatches("operations/TinyOperations.java", new OperationsSpec(ctx).generate().content());
    }

    private final ApiModel rest = TinyModel.loadRest();
    private final GenerationContext restCtx = new GenerationContext(rest, new NamingStrategy());

    @ParameterizedTest
    @ValueSource(strings = {"ListThingsRequest", "UpdateThingRequest", "UpdateThingResponse", "ListThingTagsResponse"})
    void restShapeClassMatchesGolden(String shape) throws Exception {
        GoldenFiles.assertMatches("rest/" + shape + ".java", new ShapeSpec(restCtx, shape).generate().content());
    }

    @Test
    void restClientInterfaceMatchesGolden() throws Exception {
        GoldenFiles.assertMatches("rest/TinyRestClient.java", new ClientInterfaceSpec(restCtx).generate().content());
    }

    @Test
    void restOperationsClassMatchesGolden() throws Exception {
        GoldenFiles.assertMatches("rest/TinyRestOperations.java", new OperationsSpec(restCtx).generate().content());
    }

    @Test
    void everyGeneratedFileCarriesTheGeneratedAnnotation() {
        List<GeneratedFile> files = new CodeGenerator().generate(model);
        assertThat(files).hasSize(model.shapes().size() + 4);
        assertThat(files).allSatisfy(f -> assertThat(f.content()).contains("@Generated(\"io.cachesh:codegen\")"));
    }

    @Test
    void goldenMismatchReportsFirstDifferentLine() {
        assertThat(GoldenFiles.firstDifferentLine("a\nb\nc", "a\nx\nc")).isEqualTo(2);
        assertThat(GoldenFiles.firstDifferentLine("a\nb", "a\nb\nc")).isEqualTo(3);
    }
}
