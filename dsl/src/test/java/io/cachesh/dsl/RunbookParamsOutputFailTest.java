package io.cachesh.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runbook base script's {@code param}, {@code output} and {@code fail}; no cloud needed. */
class RunbookParamsOutputFailTest {

    @TempDir
    Path dir;

    private Object run(String source, Map<String, Object> params) throws IOException {
        Path script = dir.resolve("runbook.groovy");
        Files.writeString(script, source);
        try (CacheshSession session = CacheshSession.builder().output(new DslOutput() {
            @Override
            public void info(String line) {
            }

            @Override
            public void warn(String line) {
            }
        }).build()) {
            return session.run(script, params);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    private static final String TYPED = """
            String name = param 'name', default: '*'
            int keep = param 'keep', type: int, default: 7
            boolean apply = param 'apply', type: boolean, default: false
            BigDecimal ratio = param 'ratio', type: BigDecimal, default: 0.5
            List zones = param 'zones', type: List, default: []
            String mode = param 'mode', default: 'report', allowed: ['report', 'delete']
            String note = param 'note'
            [name: name, keep: keep, apply: apply, ratio: ratio, zones: zones, mode: mode, note: note]
            """;

    @Test
    void paramsHaveDefaultsAndTypes() throws IOException {
        assertThat(asMap(run(TYPED, Map.of()))).containsEntry("name", "*").containsEntry("keep", 7)
                .containsEntry("apply", false).containsEntry("ratio", new BigDecimal("0.5"))
                .containsEntry("zones", List.of()).containsEntry("mode", "report").containsEntry("note", null);
        Object given = run(TYPED, Map.of("name", "orders-*", "keep", "3", "apply", "yes", "ratio", "0.75",
                "zones", "a, b", "mode", "delete", "note", "n"));
        assertThat(asMap(given)).containsEntry("name", "orders-*").containsEntry("keep", 3)
                .containsEntry("apply", true).containsEntry("ratio", new BigDecimal("0.75"))
                .containsEntry("zones", List.of("a", "b")).containsEntry("mode", "delete").containsEntry("note", "n");
    }

    @Test
    void badParamsFailNamingTheParamAndWhatIsAllowed() {
        assertThatThrownBy(() -> run(TYPED, Map.of("keep", "seven"))).isInstanceOf(DslException.class)
                .hasMessage("param keep: expected a whole number, got 'seven'");
        assertThatThrownBy(() -> run(TYPED, Map.of("apply", "maybe"))).isInstanceOf(DslException.class)
                .hasMessage("param apply: expected true or false, got 'maybe'");
        assertThatThrownBy(() -> run(TYPED, Map.of("ratio", "half"))).isInstanceOf(DslException.class)
                .hasMessage("param ratio: expected a number, got 'half'");
        assertThatThrownBy(() -> run(TYPED, Map.of("mode", "erase"))).isInstanceOf(DslException.class)
                .hasMessage("param mode: 'erase' is not allowed (allowed: report, delete)");
        assertThatThrownBy(() -> run("param 'store', required: true", Map.of())).isInstanceOf(DslException.class)
                .hasMessage("param store is required (pass --param store=<text>)");
        assertThatThrownBy(() -> run("param 'keep', defualt: 3", Map.of())).isInstanceOf(DslException.class)
                .hasMessage("param keep: unknown option 'defualt' (allowed: allowed, default, description, required, type)");
        assertThatThrownBy(() -> run("param 'keep', type: Thread", Map.of())).isInstanceOf(DslException.class)
                .hasMessageStartingWith("param keep: unknown type");
    }

    @Test
    void outputNamesTheResultAndFailCarriesItWithAnExitCode() throws IOException {
        assertThat(run("output([a: 1]); 'ignored'", Map.of())).isEqualTo(Map.of("a", 1));
        assertThat(run("'the value'", Map.of())).isEqualTo("the value");

        assertThatThrownBy(() -> run("output([failed: 2]); fail 'two instances failed'", Map.of()))
                .isInstanceOfSatisfying(RunbookFailedException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("two instances failed");
                    assertThat(e.exitCode()).isEqualTo(3);
                    assertThat(e.output()).isEqualTo(Map.of("failed", 2));
                });
        assertThatThrownBy(() -> run("fail 'threshold crossed', exitCode: 4", Map.of()))
                .isInstanceOfSatisfying(RunbookFailedException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(4);
                    assertThat(e.output()).isNull();
                });
        assertThatThrownBy(() -> run("fail 'x', exitCode: 2", Map.of())).isInstanceOf(DslException.class)
                .hasMessage("fail: exitCode must be 3-125 (0-2 are cachesh's own), got 2");
        assertThatThrownBy(() -> run("fail 'x', code: 4", Map.of())).isInstanceOf(DslException.class)
                .hasMessage("fail: unknown argument 'code' (allowed: exitCode)");
    }
}
