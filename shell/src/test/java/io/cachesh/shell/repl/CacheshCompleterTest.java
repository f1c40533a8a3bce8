package io.cachesh.shell.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.Test;

class CacheshCompleterTest {

    private static final Vocabulary VOCABULARY = TestVocabulary.vocabulary();

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    private final CacheshCompleter completer = new CacheshCompleter(
            () -> VOCABULARY, () -> List.of("orders", "_"), CacheshCompleterTest::magics)
            .instances(() -> List.of("orders", "crs-1"))
            .zones(() -> List.of("ap-guangzhou-2", "ap-guangzhou-3"))
            .files(() -> dir);

    @Test
    void filePathsAfterLoadRunAndSave() throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir.resolve("runbooks/old"));
        java.nio.file.Files.writeString(dir.resolve("runbooks/first-steps.groovy"), "");
        java.nio.file.Files.writeString(dir.resolve("runbooks/fleet.groovy"), "");
        java.nio.file.Files.writeString(dir.resolve("notes.txt"), "");
        java.nio.file.Files.writeString(dir.resolve(".hidden"), "");
        assertThat(complete("%load ")).containsExactly("notes.txt", "runbooks/");
        assertThat(complete("%run run")).containsExactly("runbooks/");
        assertThat(complete("%run runbooks/f")).containsExactly("first-steps.groovy", "fleet.groovy");
        assertThat(complete("%run runbooks/first-")).containsExactly("first-steps.groovy");
        assertThat(complete("%save runbooks/o")).containsExactly("old/");
        assertThat(complete("%run runbooks/fleet.groovy name=x ")).isEmpty();
        assertThat(complete("%load nosuch/")).isEmpty();
    }

    @Test
    void zonesFromTheBackgroundCacheAndVersionsFromTheCatalogue() {
        assertThat(complete("create name: 'orders', zone: '")).containsExactly("ap-guangzhou-2'", "ap-guangzhou-3'");
        assertThat(complete("create name: 'orders', version: '")).containsExactly("6.2'", "7.0'");
        assertThat(complete("%emulator s")).containsExactly("start", "stop", "status");
    }

    private static Map<String, String> magics() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("provider", "%provider [name]");
        m.put("region", "%region [id]");
        m.put("time", "%time <cell>");
        return m;
    }

    /** Candidates for the cell with the cursor at {@code |} (end when absent), filtered by the typed word like JLine does. */
    private List<String> complete(String cellWithCursor) {
        int cursor = cellWithCursor.indexOf('|');
        String cell = cursor < 0 ? cellWithCursor : cellWithCursor.replace("|", "");
        if (cursor < 0) cursor = cell.length();
        ParsedLine line = new CellParser().parse(cell, cursor, ParseContext.COMPLETE);
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, line, candidates);
        String prefix = line.word().substring(0, line.wordCursor());
        return candidates.stream().map(Candidate::value).filter(v -> v.startsWith(prefix)).toList();
    }

    @Test
    void verbsAtTheStartOfAStatement() {
        assertThat(complete("cr")).containsExactly("create");
        assertThat(complete("")).contains("create", "list", "resize", "tencent.redis.", "orders");
        assertThat(complete("cache {\n  re")).containsExactly("resize");
        assertThat(complete("def x = li")).containsExactly("list");
    }

    @Test
    void namedArgumentsOfTheVerbUnderTheCursor() {
        assertThat(complete("create sp")).containsExactly("spec:");
        assertThat(complete("create name: 'orders', ")).containsExactly("name:", "spec:", "capacity:", "version:", "wait:");
        assertThat(complete("def o = create(ca")).containsExactly("capacity:");
        assertThat(complete("resize orders, w")).containsExactly("wait:");
        assertThat(complete("resize ")).contains("capacity:", "wait:", "orders");
    }

    @Test
    void allowedValuesAfterANamedArgument() {
        assertThat(complete("create name: 'a', wait: ")).containsExactly("true", "false");
        assertThat(complete("create name: 'a', version: '")).containsExactly("6.2'", "7.0'");
    }

    @Test
    void specNamesInsideTheSpecString() {
        assertThat(complete("create name: 'orders', spec: '")).containsExactly(
                "redis.standalone'", "redis.ha'", "redis.cluster'", "redis.rw'", "memcached'");
        assertThat(complete("create spec: 'redis.c")).containsExactly("redis.cluster'");
        assertThat(complete("create spec: \"mem")).containsExactly("memcached\"");
    }

    @Test
    void regionsInsideRegionStringsAndAfterTheMagic() {
        assertThat(complete("provider tencent, region: 'ap-b")).containsExactly("ap-beijing'");
        assertThat(complete("%region ")).containsExactly("ap-guangzhou", "ap-beijing");
        assertThat(complete("%region ap-g")).containsExactly("ap-guangzhou");
    }

    @Test
    void magicsAfterPercent() {
        assertThat(complete("%")).containsExactly("provider", "region", "time");
        assertThat(complete("%ti")).containsExactly("time");
        assertThat(complete("%time cr")).containsExactly("create");
        assertThat(complete("%provider ")).containsExactly("tencent");
    }

    @Test
    void rawOperationsAfterTheNamespace() {
        assertThat(complete("tencent.redis.")).containsExactly(
                "tencent.redis.describeInstances", "tencent.redis.describeTaskInfo");
        assertThat(complete("tencent.redis.describeT")).containsExactly("tencent.redis.describeTaskInfo");
        assertThat(complete("tenc")).containsExactly("tencent.redis.");
        assertThat(complete("tencent.")).containsExactly("tencent.redis.");
    }

    @Test
    void operationParametersInsideTheCall() {
        assertThat(complete("tencent.redis.describeInstances(")).containsExactly("limit:", "offset:", "instanceId:", "orderBy:");
        assertThat(complete("tencent.redis.describeInstances(limit: 10, in")).containsExactly("instanceId:");
        assertThat(complete("tencent.redis.describeInstances(orderBy: ")).containsExactly(
                "'projectId'", "'createtime'", "'instancename'");
        assertThat(complete("def t = tencent.redis.describeTaskInfo(|)")).containsExactly("taskId:");
    }

    @Test
    void operationParametersAreDescribed() {
        ParsedLine line = new CellParser().parse("tencent.redis.describeTaskInfo(", 31, ParseContext.COMPLETE);
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, line, candidates);
        assertThat(candidates).singleElement().satisfies(c -> {
            assertThat(c.value()).isEqualTo("taskId:");
            assertThat(c.descr()).isEqualTo("required integer Task ID");
        });
    }

    @Test
    void instanceNamesAndIdsAsAVerbsFirstArgument() {
        assertThat(complete("resize '")).containsExactly("orders'", "crs-1'");
        assertThat(complete("resize(\"cr")).containsExactly("crs-1\"");
        assertThat(complete("x = resize 'o")).containsExactly("orders'");
        assertThat(complete("resize orders, '")).isEmpty();
    }

    @Test
    void helpTopics() {
        assertThat(complete("?cr")).containsExactly("create");
        assertThat(complete("?tencent.redis.describeI")).containsExactly("tencent.redis.describeInstances");
        assertThat(complete("help re")).containsExactly("resize");
    }

    @Test
    void nothingInsideOtherStringsOrComments() {
        assertThat(complete("println 'cr")).isEmpty();
        assertThat(complete("create name: '")).isEmpty();
        assertThat(complete("/* cr")).isEmpty();
    }
}
