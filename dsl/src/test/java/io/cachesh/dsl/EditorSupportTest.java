package io.cachesh.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.lang.GroovyShell;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an IDE needs to complete runbooks: static types on every block ({@code @DelegatesTo}), a base class usable
 * with {@code @BaseScript}, and the GDSL descriptor in the jar.
 */
class EditorSupportTest extends EmulatorTestSupport {

    @Test
    void everyBlockTakingVerbDeclaresItsDelegate() {
        for (Method m : RunbookScript.class.getMethods()) {
            for (Parameter p : m.getParameters()) {
                if (Closure.class.isAssignableFrom(p.getType())) {
                    assertThat(p.getAnnotation(DelegatesTo.class)).as(m.toString()).isNotNull();
                    assertThat(p.getAnnotation(DelegatesTo.class).strategy()).isEqualTo(Closure.DELEGATE_FIRST);
                }
            }
        }
    }

    @Test
    void blocksOfSeveralProvidersTypeCheck() {
        assertThatCode(() -> TypeCheckedDslTest.typeChecked().parse("""
                List<WhitelistEntry> entries = (List<WhitelistEntry>) cache(tencent) { whitelist('orders') }
                cache(huawei, region: 'cn-north-4') {
                    Instance i = describe('orders')
                    double gb = i.capacityGb
                    whitelist i, add: entries
                }
                cache { provider 'capitalonline'; List<Instance> all = list() }
                """)).doesNotThrowAnyException();
        // a misspelt verb inside a block is a compile error under @TypeChecked: the block's delegate is known
        assertThatThrownBy(() -> TypeCheckedDslTest.typeChecked().parse("cache(huawei) { describ('orders') }"))
                .hasMessageContaining("describ");
    }

    @Test
    void aRunbookDeclaringItsBaseScriptRunsUnchanged(@TempDir Path dir) throws IOException {
        Path runbook = Files.writeString(dir.resolve("based.groovy"), """
                import groovy.transform.BaseScript
                import io.cachesh.dsl.RunbookScript

                @BaseScript RunbookScript runbook
                [tencent: cache(tencent) { list().size() }, huawei: cache(huawei) { list().size() },
                 name: params.name]
                """);
        try (CacheshSession s = session(new RecordingOutput())) {
            assertThat(s.run(runbook, Map.of("name", "x"))).isEqualTo(Map.of("tencent", 0, "huawei", 0, "name", "x"));
        }
        assertThat(RunbookChecker.check("based.groovy", Files.readString(runbook))).isEmpty();
    }

    @Test
    void theGdslDescriptorShipsInTheJarAndNamesTheBaseClass() throws IOException {
        String gdsl;
        try (InputStream in = RunbookScript.class.getClassLoader().getResourceAsStream("cachesh.gdsl")) {
            assertThat(in).as("cachesh.gdsl on the classpath").isNotNull();
            gdsl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(gdsl).contains("findClass('" + RunbookScript.class.getName() + "')", "scriptScope()");
        // it is valid Groovy (IntelliJ evaluates it with its own context/contributor methods)
        assertThatCode(() -> new GroovyShell().parse(gdsl, "cachesh.gdsl")).doesNotThrowAnyException();
    }
}
