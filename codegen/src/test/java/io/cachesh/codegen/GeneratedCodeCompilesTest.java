package io.cachesh.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachesh.codegen.emit.GeneratedFile;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Compiles the tiny model's generated sources in memory with javax.tools, so a generator bug that produces
 * uncompilable code fails here, then exercises the compiled classes (builder, toString masking, Jackson).
 * The runtime the generated client calls lives in the clients module, which depends on this one; minimal
 * stubs with the same signatures stand in for it (the clients build compiles against the real thing).
 */
class GeneratedCodeCompilesTest {

    private static final Map<String, String> RUNTIME_STUBS = Map.of(
            "io.cachesh.client.core.ClientConfig", """
                    package io.cachesh.client.core;
                    public final class ClientConfig {
                    }
                    """,
            "io.cachesh.client.core.OperationInfo", """
                    package io.cachesh.client.core;
                    public record OperationInfo(String name, int rateLimit, boolean idempotent, String asyncMember,
                            io.cachesh.model.PaginationModel pagination) {
                    }
                    """,
            "io.cachesh.client.core.ClientRuntime", """
                    package io.cachesh.client.core;
                    public interface ClientRuntime extends AutoCloseable {
                        static ClientRuntime create(io.cachesh.model.ApiModel model, ClientConfig config) {
                            throw new UnsupportedOperationException();
                        }
                        <T> T invoke(OperationInfo operation, Object request, Class<T> responseType);
                        <R, I> Iterable<I> paginate(OperationInfo operation, Object request, Class<R> responseType,
                                java.util.function.Function<R, java.util.List<I>> items);
                        @Override
                        void close();
                    }
                    """);

    @Test
    void tinyModelSourcesCompileWithoutWarnings() throws Exception {
        ClassLoader loader = compile(new CodeGenerator().generate(TinyModel.load()));
        assertThat(loader.loadClass("io.cachesh.client.acme.tiny.TinyClient").isInterface()).isTrue();
    }

    @Test
    void javaNameOverridesTheMethodAndDottedPaginationReadsANestedList() throws Exception {
        var files = new CodeGenerator().generate(io.cachesh.model.Models.load("tencent-redis-legacy"));
        String client = files.stream().filter(f -> f.className().equals("TencentRedisLegacyClient")).findFirst()
                .orElseThrow().content();
        String impl = files.stream().filter(f -> f.className().equals("DefaultTencentRedisLegacyClient")).findFirst()
                .orElseThrow().content();
        // ModfiyRedisPassword: the wire name stays in the operations constant and the Javadoc, the method is spelled right
        assertThat(client).contains("ModfiyRedisPasswordResponse modifyRedisPassword(ModfiyRedisPasswordRequest request);")
                .contains("Action <code>ModfiyRedisPassword</code> (the wire name")
                .doesNotContain("modfiyRedisPassword");
        assertThat(impl).contains("describeRedisIterable(DescribeRedisRequest request)")
                .contains("r -> Optional.ofNullable(r.data()).map(DescribeRedisData::redisSet).orElse(null)");
        ClassLoader loader = compile(files);
        Class<?> iface = loader.loadClass("io.cachesh.client.tencent.redislegacy.TencentRedisLegacyClient");
        assertThat(java.util.Arrays.stream(iface.getMethods()).map(java.lang.reflect.Method::getName))
                .contains("modifyRedisPassword", "describeRedisIterable", "getRedisTaskListIterable")
                .doesNotContain("modfiyRedisPassword");
    }

    @Test
    void compiledShapesBuildMaskSecretsAndBindJson() throws Exception {
        ClassLoader loader = compile(new CodeGenerator().generate(TinyModel.load()));
        Class<?> request = loader.loadClass("io.cachesh.client.acme.tiny.model.CreateWidgetRequest");
        Object builder = request.getMethod("builder").invoke(null);
        Class<?> builderType = builder.getClass();
        builderType.getMethod("name", String.class).invoke(builder, "w1");
        builderType.getMethod("password", String.class).invoke(builder, "hunter2");
        builderType.getMethod("classValue", Boolean.class).invoke(builder, true);
        builderType.getMethod("grid", List.class).invoke(builder, List.of(List.of(1L, 2L)));
        Object value = builderType.getMethod("build").invoke(builder);

        assertThat(value.toString())
                .isEqualTo("CreateWidgetRequest{Name=w1, Password=******, Grid=[[1, 2]], class=true}")
                .doesNotContain("hunter2");

        ObjectMapper mapper = new ObjectMapper();
        String json = mapper.writeValueAsString(value);
        assertThat(json).isEqualTo("{\"Name\":\"w1\",\"Password\":\"hunter2\",\"Grid\":[[1,2]],\"class\":true}");
        Object back = mapper.readValue("{\"Name\":\"w1\",\"Password\":\"hunter2\",\"Grid\":[[1,2]],\"class\":true,"
                + "\"NewVendorField\":{\"x\":1}}", request);
        assertThat(back).isEqualTo(value).hasSameHashCodeAs(value);
        Object copy = request.getMethod("toBuilder").invoke(value);
        assertThat(copy.getClass().getMethod("build").invoke(copy)).isEqualTo(value);
    }

    @Test
    void nestedStructuresAndListsDeserialize() throws Exception {
        ClassLoader loader = compile(new CodeGenerator().generate(TinyModel.load()));
        Class<?> response = loader.loadClass("io.cachesh.client.acme.tiny.model.DescribeWidgetsResponse");
        Object value = new ObjectMapper().readValue("""
                {"TotalCount":1,"WidgetSet":[{"WidgetId":"w-1","Status":2,"Tags":[{"Key":"k","Value":"v"}]}],
                 "RequestId":"r-1"}""", response);
        assertThat(value.toString()).isEqualTo("DescribeWidgetsResponse{TotalCount=1, WidgetSet=[Widget{WidgetId=w-1, "
                + "Status=2, Tags=[Tag{Key=k, Value=v}]}], RequestId=r-1}");
    }

    @Test
    void enumHoldersCarryTheModelsValuesAsConstantsOfTheMembersType() throws Exception {
        ClassLoader loader = compile(new CodeGenerator().generate(TinyModel.load()));
        Class<?> status = loader.loadClass("io.cachesh.client.acme.tiny.model.Widget$Status");
        assertThat(status.getField("VALUE_MINUS_2").getType()).isEqualTo(long.class);
        assertThat(status.getField("VALUE_MINUS_2").get(null)).isEqualTo(-2L);
        assertThat(status.getMethod("values").invoke(null)).isEqualTo(List.of(0L, 1L, 2L, -2L));
        Class<?> zone = loader.loadClass("io.cachesh.client.acme.tiny.model.Widget$Zone");
        assertThat(zone.getField("CUR_DEADLINE").get(null)).isEqualTo("curDeadline");
        Class<?> widget = loader.loadClass("io.cachesh.client.acme.tiny.model.Widget");
        Object builder = widget.getMethod("builder").invoke(null);
        builder.getClass().getMethod("status", Long.class).invoke(builder, status.getField("VALUE_2").get(null));
        Object value = builder.getClass().getMethod("build").invoke(builder);
        assertThat(new ObjectMapper().writeValueAsString(value)).isEqualTo("{\"Status\":2}");
        // a value the model does not know still reads: the member is a Long, not a Java enum
        Object unknown = new ObjectMapper().readValue("{\"Status\":99}", widget);
        assertThat(widget.getMethod("status").invoke(unknown)).isEqualTo(99L);
    }

    @Test
    void restModelCompilesAndItsBareArrayBinds() throws Exception {
        ClassLoader loader = compile(new CodeGenerator().generate(TinyModel.loadRest()));
        ObjectMapper mapper = new ObjectMapper();
        Class<?> tags = loader.loadClass("io.cachesh.client.acme.tinyrest.model.ListThingTagsResponse");
        Object value = mapper.readValue("[{\"key\":\"k\",\"value\":\"v\"},{\"key\":\"k2\"}]", tags);
        assertThat(value.toString()).isEqualTo("ListThingTagsResponse[Tag{key=k, value=v}, Tag{key=k2}]");
        assertThat((List<?>) tags.getMethod("items").invoke(value)).hasSize(2);
        assertThat(mapper.writeValueAsString(value)).isEqualTo("[{\"key\":\"k\",\"value\":\"v\"},{\"key\":\"k2\"}]");
        assertThat(mapper.readValue("[]", tags)).isEqualTo(tags.getMethod("of", List.class).invoke(null, List.of()));
        Object copy = tags.getMethod("toBuilder").invoke(value);
        assertThat(copy.getClass().getMethod("build").invoke(copy)).isEqualTo(value).hasSameHashCodeAs(value);

        Class<?> update = loader.loadClass("io.cachesh.client.acme.tinyrest.model.UpdateThingRequest");
        Object builder = update.getMethod("builder").invoke(null);
        builder.getClass().getMethod("thingId", String.class).invoke(builder, "t-1");
        builder.getClass().getMethod("description", String.class).invoke(builder, "d");
        Object request = builder.getClass().getMethod("build").invoke(builder);
        assertThat(mapper.writeValueAsString(request)).isEqualTo("{\"thing_id\":\"t-1\",\"description\":\"d\"}");

        Class<?> empty = loader.loadClass("io.cachesh.client.acme.tinyrest.model.UpdateThingResponse");
        assertThat(mapper.readValue("{}", empty).toString()).isEqualTo("UpdateThingResponse{}");
    }

    static ClassLoader compile(List<GeneratedFile> files) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> sources = new ArrayList<>();
        RUNTIME_STUBS.forEach((name, text) -> sources.add(new Source(name, text)));
        for (GeneratedFile f : files) sources.add(new Source(f.qualifiedName(), f.content()));
        StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null);
        MemoryFileManager manager = new MemoryFileManager(standard);
        List<String> options = List.of("-Xlint:all", "-Xlint:-processing", "-Xlint:-deprecation",
                "-classpath", System.getProperty("java.class.path"));
        boolean ok = compiler.getTask(null, manager, diagnostics, options, null, sources).call();
        List<String> problems = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR || d.getKind() == Diagnostic.Kind.WARNING
                        || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING)
                .map(d -> d.getKind() + " " + (d.getSource() == null ? "" : d.getSource().getName()) + ":"
                        + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                .toList();
        assertThat(problems).as("javac diagnostics").isEmpty();
        assertThat(ok).isTrue();
        return new ClassLoader(GeneratedCodeCompilesTest.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                ByteArrayOutputStream bytes = manager.classes.get(name);
                if (bytes == null) throw new ClassNotFoundException(name);
                byte[] b = bytes.toByteArray();
                return defineClass(name, b, 0, b.length);
            }
        };
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String qualifiedName, String text) {
            super(URI.create("string:///" + qualifiedName.replace('.', '/') + ".java"), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }

    private static final class MemoryFileManager extends ForwardingJavaFileManager<JavaFileManager> {
        final Map<String, ByteArrayOutputStream> classes = new HashMap<>();

        MemoryFileManager(JavaFileManager delegate) {
            super(delegate);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                @Override
                public OutputStream openOutputStream() {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    classes.put(className, out);
                    return out;
                }
            };
        }
    }

    static String names(List<GeneratedFile> files) {
        return files.stream().map(GeneratedFile::className).collect(Collectors.joining(", "));
    }
}
