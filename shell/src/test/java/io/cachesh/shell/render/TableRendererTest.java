package io.cachesh.shell.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableRendererTest {

    /** Stands in for the DSL's result type: the renderer knows results by {@code toMap()} and the class name. */
    public static final class Instance {
        private final Map<String, Object> map;

        Instance(Object... keyValues) {
            map = new LinkedHashMap<>();
            for (int i = 0; i < keyValues.length; i += 2) map.put((String) keyValues[i], keyValues[i + 1]);
        }

        public Map<String, Object> toMap() {
            return map;
        }
    }

    private final TableRenderer plain = new TableRenderer(false, 3);

    @Test
    void instancesRenderWithTheirColumns() {
        List<Instance> fleet = List.of(
                new Instance("id", "crs-1", "name", "orders", "spec", "redis.ha", "capacity", 2, "status", "running",
                        "host", "127.0.0.1", "port", 6379, "region", "ap-guangzhou", "extra", "hidden"),
                new Instance("id", "crs-22", "name", "sessions-long", "spec", "redis.standalone", "capacity", 16,
                        "status", "creating", "region", "ap-beijing"));
        assertThat(plain.render(fleet)).isEqualTo("""
                id      name           spec              capacity  status    host:port       region
                crs-1   orders         redis.ha          2         running   127.0.0.1:6379  ap-guangzhou
                crs-22  sessions-long  redis.standalone  16        creating                  ap-beijing""");
    }

    @Test
    void aSingleResultIsAOneRowTable() {
        assertThat(plain.render(new Instance("id", "crs-1", "status", "running")))
                .isEqualTo("id     name  spec  capacity  status   host:port  region\ncrs-1" + " ".repeat(24) + "running");
    }

    @Test
    void longListsAreTruncatedWithACount() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 123; i++) rows.add(Map.of("n", i));
        assertThat(plain.render(rows)).isEqualTo("n\n0\n1\n2\n… 120 more");
    }

    @Test
    void mapsListColumnsInFirstSeenOrder() {
        List<Map<String, Object>> rows = List.of(
                new LinkedHashMap<>(Map.of("a", 1)),
                new LinkedHashMap<>(Map.of("b", List.of(1, 2))));
        assertThat(plain.render(rows)).isEqualTo("a  b\n1\n   [1,2]");
    }

    @Test
    void aPlainMapIsAKeyValueListing() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("RequestId", "req-1");
        m.put("TotalCount", 2);
        m.put("Tags", List.of("a", "b"));
        assertThat(plain.render(m)).isEqualTo("""
                RequestId   req-1
                TotalCount  2
                Tags        ["a","b"]""");
    }

    @Test
    void listsOfRecordsInsideAMapBecomeNestedTables() {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("TotalCount", 1);
        response.put("InstanceSet", List.of(Map.of("InstanceId", "crs-1")));
        response.put("RequestId", "req-1");
        assertThat(plain.render(response)).isEqualTo("""
                TotalCount  1
                RequestId   req-1
                InstanceSet (1):
                  InstanceId
                  crs-1""");
    }

    @Test
    void wideTablesShowTheFirstColumns() {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= 10; i++) row.put("c" + i, i);
        assertThat(plain.render(List.of(row))).isEqualTo(
                "c1  c2  c3  c4  c5  c6  c7  c8\n1   2   3   4   5   6   7   8\n… 2 more columns (json output shows all)");
    }

    @Test
    void scalarsAndEmptyValues() {
        assertThat(plain.render(null)).isEmpty();
        assertThat(plain.render(42)).isEqualTo("42");
        assertThat(plain.render(List.of())).isEqualTo("[]");
        assertThat(plain.render(List.of(1, "a", List.of(2, 3)))).isEqualTo("[1, a, [2, 3]]");
        assertThat(plain.render(List.of(1, 2, 3, 4, 5))).isEqualTo("[1, 2, 3, … 2 more]");
    }

    @Test
    void longCellsAreCut() {
        String text = plain.render(List.of(Map.of("doc", "x".repeat(100))));
        assertThat(text.lines().skip(1).findFirst().orElseThrow()).hasSize(TableRenderer.MAX_CELL_WIDTH).endsWith("…");
    }

    @Test
    void colourMakesHeadersBoldAndStatusesColoured() {
        String text = new TableRenderer(true, 10).render(List.of(Map.of("status", "running"), Map.of("status", "failed")));
        assertThat(text).contains("\u001b[1mstatus", "\u001b[32mrunning", "\u001b[31mfailed");
        assertThat(plain.render(List.of(Map.of("status", "running")))).doesNotContain("\u001b");
    }

    @Test
    void colourIsOffUnderNoColorCiOrWithoutATerminal() {
        assertThat(Ansi.enabled(Map.of(), true)).isTrue();
        assertThat(Ansi.enabled(Map.of("NO_COLOR", "1"), true)).isFalse();
        assertThat(Ansi.enabled(Map.of("CI", "true"), true)).isFalse();
        assertThat(Ansi.enabled(Map.of(), false)).isFalse();
    }
}
