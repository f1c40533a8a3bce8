package io.cachesh.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every DSL mistake at run time is one line with the script line and, for a misspelling, a suggestion; Groovy's own
 * errors (missing property or method, failed cast) never show their class names or a stack trace.
 */
class ScriptErrorsTest extends EmulatorTestSupport {

    static CacheshSession session;

    @BeforeAll
    static void openSession() {
        session = session(new RecordingOutput());
    }

    @AfterAll
    static void closeSession() {
        session.close();
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("unknown verb", "list()\nlst()",
                        "line 2: unknown verb 'lst', did you mean 'list'? (allowed: " + BadInputTest.VERBS + ")"),
                Arguments.of("misspelt argument in a block",
                        "cache {\n    create name: 'x', spec: 'redis.ha', capacty: 2\n}",
                        "line 2: create: unknown argument 'capacty', did you mean 'capacity'? (allowed: name, spec, "
                                + "version, capacity, shards, replicas, zone, password, tags, wait, timeout)"),
                Arguments.of("wrong type", "\n\ncreate name: 'x', spec: 'redis.ha', capacity: 'big'",
                        "line 3: create: capacity must be a number, got 'big'"),
                Arguments.of("missing required value", "def n = 'x'\ncreate name: n, spec: 'redis.ha'",
                        "line 2: create: capacity is required (GB, e.g. capacity: 2)"),
                Arguments.of("misspelt value", "list(status: 'runing')",
                        "line 1: list: status must be one of creating, running, changing, isolated, deleting, "
                                + "deleted, got 'runing', did you mean 'running'?"),
                Arguments.of("misspelt spec", "create name: 'x', spec: 'redis.hA', capacity: 2",
                        "line 1: create: unknown spec 'redis.hA', did you mean 'redis.ha'? (allowed: "
                                + "redis.standalone, redis.ha, redis.cluster, redis.rw, memcached)"),
                Arguments.of("misspelt provider in a block", "cache('tencnet') { list() }",
                        "line 1: cache: unknown provider 'tencnet', did you mean 'tencent'? (allowed: tencent, "
                                + "huawei, capitalonline)"),
                Arguments.of("wrong argument shape", "rename 'orders', 42",
                        "line 1: rename: wrong arguments ('orders', 42), usage: rename instance, 'new-name' | "
                                + "rename instance, to: 'new-name'"),
                Arguments.of("unquoted text", "create name: 'x', spec: redis.ha, capacity: 2",
                        "line 1: unknown name 'redis' (quote it if it is text: 'redis')"),
                Arguments.of("misspelt variable", "orders = 'orders'\ndescribe ordres",
                        "line 2: unknown name 'ordres', did you mean 'orders'?"),
                Arguments.of("misspelt result property",
                        "def w = new WhitelistEntry('crs-1', 'cidr', '10.0.0.0/8', null, null, null)\nw.ids",
                        "line 2: WhitelistEntry has no property 'ids', did you mean 'id'? (properties: id, "
                                + "instanceId, kind, name, remark, rules)"),
                Arguments.of("misspelt result method",
                        "def w = new WhitelistEntry('crs-1', 'cidr', '10.0.0.0/8', null, null, null)\n\nw.toMapp()",
                        "line 3: WhitelistEntry has no method 'toMapp', did you mean 'toMap'?"),
                Arguments.of("wrong type of a variable", "\nInstance i = list()",
                        "line 2: cannot use a list as Instance"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void oneLineWithTheScriptLineAndASuggestion(String kind, String cell, String expected) {
        Throwable t = catchThrowable(() -> session.evaluate(cell));
        assertThat(t).isInstanceOf(DslException.class);
        String shown = ((DslException) t).getLocatedMessage();
        assertThat(shown).isEqualTo(expected);
        assertThat(shown).doesNotContain("\n", "Exception", "groovy.", "java.", "io.cachesh", "Cell");
    }

    @Test
    void aRunbookErrorNamesTheFileAndLine(@TempDir Path dir) throws IOException {
        Path script = dir.resolve("bad-runbook.groovy");
        Files.writeString(script, """
                // a runbook with a typo on line 4
                String name = params.name ?: 'orders'
                info "checking $name"
                list(nme: name)
                """);
        Throwable t = catchThrowable(() -> session.run(script, Map.of()));
        assertThat(t).isInstanceOf(DslException.class);
        DslException e = (DslException) t;
        assertThat(e.getLine()).isEqualTo(4);
        assertThat(e.getScriptName()).isEqualTo(script.toString());
        assertThat(e.getLocatedMessage()).isEqualTo(script + ":4: list: unknown argument 'nme', did you mean 'name'? "
                + "(allowed: name, status, spec, tag)");
        // the bare message is unchanged for callers that match on it
        assertThat(e.getMessage()).startsWith("list: unknown argument 'nme'");
    }

    @Test
    void namesInAConnectBlockAreTheScriptsNotRedisKeys(@TempDir Path dir) throws IOException {
        // a connection has get(String): Groovy would answer unknown names with a GET of that key (null)
        Path script = dir.resolve("names.groovy");
        Files.writeString(script, """
                def i = create name: 'names', spec: 'redis.ha', capacity: 1, password: 'Orders-Pass1'
                try {
                    connect(i) { set 'env', 'from-redis'; set 'k', env; [get('k'), params.env, tencent.name] }
                } finally {
                    delete i
                }
                """);
        assertThat(session.run(script, Map.of("env", "prod"))).isEqualTo(java.util.List.of("prod", "prod", "tencent"));
        Throwable t = catchThrowable(() -> session.evaluate("""
                def i = create name: 'names', spec: 'redis.ha', capacity: 1, password: 'Orders-Pass1'
                try {
                    connect(i) { set 'k', nosuch }
                } finally {
                    delete i
                }
                """));
        assertThat(((DslException) t).getLocatedMessage())
                .isEqualTo("line 3: unknown name 'nosuch' (quote it if it is text: 'nosuch')");
    }

    @Test
    void aFleetItemFailingOnAGroovyErrorReadsLikeTheDsl() {
        Object error = session.evaluate("""
                def i = create name: 'fleet-err', spec: 'redis.ha', capacity: 1, password: 'Orders-Pass1'
                try {
                    fleet([i]) { inst -> inst.capacityGB }.failures[0].error
                } finally {
                    delete i
                }
                """);
        assertThat((String) error).startsWith("Instance has no property 'capacityGB', did you mean 'capacityGb'? "
                + "(properties: ").doesNotContain("Exception", "io.cachesh");
    }

    @Test
    void anErrorInsideANestedBlockReportsTheBlocksLine() {
        Throwable t = catchThrowable(() -> session.evaluate("""
                def ids = []
                cache(tencent) {
                    list().each { ids << it.id }
                    cache(huawei) {
                        bigkeys 'orders', top: 1000
                    }
                }
                """));
        assertThat(((DslException) t).getLocatedMessage())
                .isEqualTo("line 5: bigkeys: top must be between 1 and 100, got 1000");
    }
}
