package io.cachesh.shell.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.client.auth.Secret;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TsvRendererTest {

    private final TsvRenderer tsv = new TsvRenderer();

    @Test
    void aListOfResultsIsOneHeaderlessRowEachInJsonFieldOrder() {
        String text = tsv.render(List.of(QueryTest.instance("crs-1", "orders", "running", 2)));
        assertThat(text).isEqualTo(String.join("\t", "crs-1", "orders", "tencent", "redis.ha", "7.0", "2", "1", "1",
                "running", "2", "10.0.0.1", "6379", "ap-guangzhou", "ap-guangzhou-3", "2026-11-30T00:00:00Z", "{}", "{}"));
        assertThat(text.lines()).hasSize(1);
    }

    @Test
    void rowsOfMapsLineUpOnTheUnionOfTheirKeys() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("id", "a");
        a.put("tags", Map.of("env", "prod"));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("id", "b");
        b.put("port", 6379);
        assertThat(tsv.render(List.of(a, b))).isEqualTo("a\t{\"env\":\"prod\"}\t\nb\t\t6379");
    }

    @Test
    void listsOfListsScalarsAndSingleValues() {
        assertThat(tsv.render(List.of(List.of("crs-1", 2), Arrays.asList("crs-2", null)))).isEqualTo("crs-1\t2\ncrs-2\t");
        assertThat(tsv.render(List.of("a", "b"))).isEqualTo("a\nb");
        assertThat(tsv.render(Map.of("id", "crs-1"))).isEqualTo("crs-1");
        assertThat(tsv.render(42)).isEqualTo("42");
        assertThat(tsv.render(null)).isEmpty();
        assertThat(tsv.render(List.of())).isEmpty();
    }

    @Test
    void separatorsInsideValuesAreEscapedAndSecretsMasked() {
        assertThat(tsv.render(List.of(List.of("a\tb", "line1\nline2", "back\\slash", Secret.of("hunter2")))))
                .isEqualTo("a\\tb\tline1\\nline2\tback\\\\slash\t******");
    }

    @Test
    void unicodeStaysAsItIs() {
        assertThat(tsv.render(List.of(Map.of("name", "订单缓存")))).isEqualTo("订单缓存");
    }
}
