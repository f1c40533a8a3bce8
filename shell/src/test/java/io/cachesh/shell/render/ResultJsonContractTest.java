package io.cachesh.shell.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachesh.dsl.result.Account;
import io.cachesh.dsl.result.Backup;
import io.cachesh.dsl.result.BigKey;
import io.cachesh.dsl.result.Change;
import io.cachesh.dsl.result.FleetResult;
import io.cachesh.dsl.result.Param;
import io.cachesh.dsl.result.Plan;
import io.cachesh.dsl.result.SlowLogEntry;
import io.cachesh.dsl.result.Stats;
import io.cachesh.dsl.result.Task;
import io.cachesh.dsl.result.WhitelistEntry;
import io.cachesh.shell.config.OutputFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The JSON field names of the provider-neutral results are a contract (docs/output.md): pipelines read them with jq
 * and --query. This test fails when a field is renamed, removed, added or reordered without updating the golden file
 * {@code golden/results.json} and the field tables of docs/output.md.
 */
class ResultJsonContractTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One sample of every result type, with fixed values. */
    static Map<String, Object> samples() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("Instance", QueryTest.instance("crs-1", "orders", "running", 2));
        s.put("Task", new Task("1024", "crs-1", "tencent", "create", "succeeded", "succeed", "2026-11-30T00:00:00Z",
                "done", Map.of()));
        s.put("Backup", new Backup("b-1", "crs-1", "orders", "tencent", "manual", "available", "2", "before resize",
                1048576L, "2026-11-30T00:00:00Z", "2026-11-30T00:01:00Z", "2026-12-07T00:00:00Z", "ap-guangzhou", Map.of()));
        s.put("Account", new Account("crs-1", "reader", "read", List.of("master"), "reports", "active",
                "2026-11-30T00:00:00Z"));
        s.put("Param", new Param("crs-1", "maxmemory-policy", "allkeys-lru", "noeviction", "enum",
                List.of("noeviction", "allkeys-lru"), null, null, null, false, "applied", "eviction policy"));
        s.put("SlowLogEntry", new SlowLogEntry("crs-1", "2026-11-30T00:00:00Z", 12L, "KEYS", "KEYS *", "10.0.0.2:50000",
                "node-1"));
        s.put("BigKey", new BigKey("crs-1", 0, "cart:42", "hash", 1048576L));
        s.put("Stats", new Stats("crs-1", "tencent", List.of(ordered("command", "get", "calls", 10)),
                List.of(ordered("command", "keys", "tookMs", 12)), List.of(ordered("key", "hot", "type", "string", "count", 9))));
        s.put("WhitelistEntry", new WhitelistEntry("crs-1", WhitelistEntry.CIDR, "10.0.0.0/8", "office", List.of("10.0.0.0/8"), ""));
        s.put("FleetResult", new FleetResult(List.of(new FleetResult.Item("crs-1", "orders", FleetResult.OK, 1, null, 5L))));
        Change change = new Change("resize", "orders", "capacity", "2", "4", "tencent", "ap-guangzhou", Map.of("capacity", 4));
        s.put("Change", change);
        s.put("Plan", new Plan(List.of(change), List.of("carts"), false));
        return s;
    }

    /** A map in the given order (Map.of's order changes from run to run). */
    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    private static Path repoFile(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve(relative))) dir = dir.getParent();
        assertThat(dir).as(relative + " above the working directory").isNotNull();
        return dir.resolve(relative);
    }

    private static String actualJson() throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        samples().forEach((name, value) -> {
            try {
                out.put(name, MAPPER.readTree(ResultRenderer.render(value, OutputFormat.JSON, Optional.empty())));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n";
    }

    @Test
    void theJsonOfEveryResultTypeMatchesTheGoldenFile() throws IOException {
        String actual = actualJson();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/results.actual.json"), actual);
        Path golden = repoFile("shell/src/test/resources/golden/results.json");
        assertThat(actual)
                .as("JSON of the results changed (see target/results.actual.json); a renamed field breaks users' "
                        + "pipelines. If the change is intended, update %s and docs/output.md", golden)
                .isEqualTo(Files.readString(golden));
    }

    @Test
    void docsOutputMdListsExactlyTheFieldsOfEveryResultType() throws IOException {
        String docs = Files.readString(repoFile("docs/output.md"));
        JsonNode golden = MAPPER.readTree(actualJson());
        for (Iterator<String> it = golden.fieldNames(); it.hasNext(); ) {
            String type = it.next();
            List<String> fields = new ArrayList<>();
            golden.get(type).fieldNames().forEachRemaining(fields::add);
            assertThat(documentedFields(docs, type)).as("fields of %s in docs/output.md", type).isEqualTo(fields);
        }
    }

    /** The first-column names (`name`) of the table under the heading "### Type". */
    private static List<String> documentedFields(String docs, String type) {
        int start = docs.indexOf("\n### " + type + "\n");
        assertThat(start).as("a section ### %s in docs/output.md", type).isNotNegative();
        int end = docs.indexOf("\n#", start + 5);
        String section = docs.substring(start, end < 0 ? docs.length() : end);
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\| `([A-Za-z]+)` \\|").matcher(section);
        while (m.find()) names.add(m.group(1));
        return names;
    }
}
