package io.cachesh.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code cachesh check}'s static mode: each kind of mistake is found, with file, line, column and a suggestion, from
 * the syntax tree alone (no emulator runs in this test: nothing is executed and no API is called).
 */
class RunbookCheckerTest {

    static List<String> check(String source) {
        return RunbookChecker.check("x.groovy", source).stream().map(RunbookProblem::toString).toList();
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("unknown verb", "list()\nlst()",
                        "x.groovy:2:1: unknown verb 'lst' (did you mean 'list'?)"),
                Arguments.of("unknown verb in a block", "cache(huawei) {\n    resise 'orders', capacity: 4\n}",
                        "x.groovy:2:5: unknown verb 'resise' (did you mean 'resize'?)"),
                Arguments.of("misspelt argument",
                        "create name: 'orders', spec: 'redis.ha', capacty: 2",
                        "x.groovy:1:42: create: unknown argument 'capacty' (did you mean 'capacity'?) (allowed: name, "
                                + "spec, version, capacity, shards, replicas, zone, password, tags, wait, timeout)"),
                Arguments.of("unknown argument", "cache {\n  list(colour: 'red')\n}",
                        "x.groovy:2:8: list: unknown argument 'colour' (allowed: name, status, spec, tag)"),
                Arguments.of("wrong literal type: text for a number",
                        "resize 'orders', capacity: 'big'", "x.groovy:1:28: resize: capacity must be a number, got 'big'"),
                Arguments.of("wrong literal type: number for text",
                        "rename 'orders', to: 42", "x.groovy:1:22: rename: to must be text, got 42"),
                Arguments.of("wrong literal type: boolean", "delete 'orders', purge: 'no'",
                        "x.groovy:1:25: delete: purge must be true or false, got 'no'"),
                Arguments.of("wrong literal type: duration", "wait 'orders', timeout: 'soon'",
                        "x.groovy:1:25: wait: timeout must be a duration like 30s, 5m or 1h, got 'soon'"),
                Arguments.of("wrong literal type: whole number", "tasks 'orders', limit: 2.5",
                        "x.groovy:1:24: tasks: limit must be a whole number, got 2.5"),
                Arguments.of("wrong literal type: map", "params 'orders', set: 'x'",
                        "x.groovy:1:23: params: set must be a map like [name: 'value'], got 'x'"),
                Arguments.of("value outside the allowed ones", "list(status: 'runing')",
                        "x.groovy:1:14: list: status must be one of creating, running, changing, isolated, deleting, "
                                + "deleted, got 'runing' (did you mean 'running'?)"),
                Arguments.of("misspelt spec", "ensure name: 'o', spec: 'redis.hA', capacity: 2",
                        "x.groovy:1:25: ensure: spec must be one of redis.standalone, redis.ha, redis.cluster, "
                                + "redis.rw, memcached, got 'redis.hA' (did you mean 'redis.ha'?)"),
                Arguments.of("missing required value", "\ncreate name: 'orders', spec: 'redis.ha'",
                        "x.groovy:2:1: create: capacity is required, usage: create spec: 'redis.ha', capacity: GB[, "
                                + "name: 'orders', password: '...', tags: [env: 'prod']]"),
                Arguments.of("wrong call shape", "create('orders')",
                        "x.groovy:1:1: create: wrong arguments, usage: create spec: 'redis.ha', capacity: GB[, "
                                + "name: 'orders', password: '...', tags: [env: 'prod']]"),
                Arguments.of("unknown raw operation", "tencent.redis.describeInstance(limit: 10)",
                        "x.groovy:1:15: tencent.redis: unknown operation 'describeInstance' (did you mean "
                                + "'describeInstances'?)"),
                Arguments.of("unknown raw parameter", "huawei.dcs.listInstances(limt: 10)",
                        "x.groovy:1:26: huawei.dcs.listInstances: unknown parameter 'limt' (did you mean 'limit'?)"),
                Arguments.of("syntax error", "x = = 1", "x.groovy:1:5: syntax error: Unexpected input: '='"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void findsTheMistakeWhereItIs(String kind, String source, String expected) {
        assertThat(check(source)).containsExactly(expected);
    }

    @Test
    void aCleanRunbookHasNoProblems() {
        assertThat(check("""
                @groovy.transform.BaseScript io.cachesh.dsl.RunbookScript self
                String name = params.name ?: 'orders'
                def helper(String n) { n.toUpperCase() }
                Instance orders = ensure name: name, spec: 'redis.ha', capacity: 2, password: 'Orders-Pass1',
                        params: [timeout: 300], tags: [env: 'prod'], timeout: '5m', wait: true
                resize orders, capacity: 4
                rename orders, helper('orders-main')
                def ips = cache(tencent) { whitelist(name) }
                cache(huawei, region: 'cn-north-4') { list(status: 'running', name: "$name*") }
                connect(orders) { set 'k', 'v'; get 'k' }
                fleet(list(), parallel: 4) { Instance i -> params(i).size() }
                Map filter = [status: 'running']
                list(filter)
                def f = { x -> x * 2 }
                f(2)
                info "done ${tencent.redis.describeInstances(limit: 10)}"
                println UUID.randomUUID()
                sleep 1
                delete orders, purge: true
                """)).isEmpty();
    }

    @Test
    void reportsEveryProblemInSourceOrder() {
        assertThat(check("lst()\ncreate name: 'o', spec: 'redis.ha', capacity: 'big', colour: 1\n"))
                .containsExactly("x.groovy:1:1: unknown verb 'lst' (did you mean 'list'?)",
                        "x.groovy:2:47: create: capacity must be a number, got 'big'",
                        "x.groovy:2:54: create: unknown argument 'colour' (allowed: name, spec, version, capacity, "
                                + "shards, replicas, zone, password, tags, wait, timeout)");
    }

    @Test
    void everyRunbookOfTheRepositoryPasses() throws IOException {
        List<Path> scripts = ScriptsTest.scripts().toList();
        assertThat(scripts).isNotEmpty();
        for (Path p : scripts) {
            assertThat(RunbookChecker.check(p.toString(), Files.readString(p))).as(p.toString()).isEmpty();
        }
    }

    @Test
    void theEmbeddingExampleRunbookPasses() throws IOException {
        Path runbook = ScriptsTest.repoRoot().resolve("examples/embedding/provision.groovy");
        assertThat(RunbookChecker.check(runbook.toString(), Files.readString(runbook))).isEmpty();
    }

    @Test
    void theDslGuideExamplesPass() throws IOException {
        for (String block : DocsExamplesTest.groovyBlocks(DocsExamplesTest.docs("dsl.md"))) {
            assertThat(RunbookChecker.check("dsl.md", block)).as(block).isEmpty();
        }
    }
}
