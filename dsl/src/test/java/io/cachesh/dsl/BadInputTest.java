package io.cachesh.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input fails before any API call, with one exact line naming the argument and the allowed values. */
class BadInputTest extends EmulatorTestSupport {

    static final String VERBS = "cache, provider, create, list, describe, resize, ensure, plan, apply, fleet, rename, "
            + "restart, clear, password, whitelist, params, backup, backups, restore, accounts, tags, slowlog, bigkeys, "
            + "stats, tasks, connect, wait, delete";

    static CacheshSession session;

    @BeforeAll
    static void openSession() {
        session = session(new RecordingOutput());
    }

    @AfterAll
    static void closeSession() {
        session.close();
    }

    static final String PW = ", password: 'Orders-Pass1'";

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("create name: 'x', spec: 'redis.hA', capacity: 2" + PW,
                        "create: unknown spec 'redis.hA', did you mean 'redis.ha'? (allowed: redis.standalone, redis.ha, redis.cluster, "
                                + "redis.rw, memcached)"),
                Arguments.of("create name: 'x', spec: 'redis.ha', capacity: 3" + PW,
                        "create: capacity must be one of 1, 2, 4, 8, 12, 16, 20, 24, 32, 40, 48, 60 GB for redis.ha "
                                + "7.0 on tencent, got 3"),
                Arguments.of("create name: 'x', spec: 'redis.cluster', capacity: 64, shards: 3" + PW,
                        "create: capacity must be one of 1, 2, 4, 8, 12, 16, 20, 24, 32 GB per shard for "
                                + "redis.cluster 7.0 on tencent, got 64"),
                Arguments.of("create name: 'x', spec: 'redis.cluster', capacity: 4, shards: 4" + PW,
                        "create: shards must be one of 1, 3, 5, 8, 12, 16, 24, 32, 40, 48, 64, 80, 96, 128 for "
                                + "redis.cluster 7.0 on tencent, got 4"),
                Arguments.of("create name: 'x', spec: 'redis.ha', capacity: 2, shards: 3" + PW,
                        "create: shards applies only to redis.cluster (redis.ha has 1 shard), got 3"),
                Arguments.of("create name: 'x', spec: 'redis.ha', capacity: 2, replicas: 9" + PW,
                        "create: replicas must be one of 1, 2, 3, 4, 5 for redis.ha 7.0 on tencent, got 9"),
                Arguments.of("create name: 'x', spec: 'redis.ha', version: '3.0', capacity: 2" + PW,
                        "create: version must be one of 2.8, 4.0, 5.0, 6.2, 7.0 for redis.ha on tencent, got '3.0'"),
                Arguments.of("create name: 'x', spec: 'memcached', capacity: 2" + PW,
                        "create: " + io.cachesh.dsl.tencent.TencentCatalogue.CMEM_CREATE + " (allowed here: redis.ha, "
                                + "redis.cluster, redis.rw)"),
                Arguments.of("create name: 'x', spec: 'redis.standalone', capacity: 2" + PW,
                        "create: spec redis.standalone cannot be created on tencent (CreateInstances has no TypeId "
                                + "for it; allowed: redis.ha, redis.cluster, redis.rw)"),
                Arguments.of("create name: 'x', spec: 'redis.ha', capacity: 2, zone: 'ap-guangzhou-9'" + PW,
                        "create: zone must be one of ap-guangzhou-2, ap-guangzhou-3 for tencent in ap-guangzhou, "
                                + "got 'ap-guangzhou-9'"),
                Arguments.of("create name: 'x', spec: 'redis.ha', capacty: 2" + PW,
                        "create: unknown argument 'capacty', did you mean 'capacity'? (allowed: name, spec, version, capacity, shards, "
                                + "replicas, zone, password, tags, wait, timeout)"),
                Arguments.of("create name: 'x', spec: 'redis.ha'" + PW,
                        "create: capacity is required (GB, e.g. capacity: 2)"),
                Arguments.of("create name: 'x', spec: 'redis.ha', capacity: 2, password: 'short'",
                        "create: password must be 8-64 characters with at least 2 of lower case, upper case, digits, "
                                + "symbols ()`~!@#$%^&*-+=_|{}[]:;<>,.?/ and must not start with '/' on tencent"),
                Arguments.of("create name: 'bad name!', spec: 'redis.ha', capacity: 2" + PW,
                        "create: name must be 1-59 letters, digits, '-' or '_' on tencent, got 'bad name!'"),
                Arguments.of("create name: 'x', spec: 'redis.ha', capacity: 'big'" + PW,
                        "create: capacity must be a number, got 'big'"),
                Arguments.of("create name: 'x', spec: 'redis.cluster', capacity: 4, shards: 2.5" + PW,
                        "create: shards must be a whole number, got 2.5"),
                Arguments.of("create name: 'x', spec: 'redis.ha', capacity: 2, wait: 'yes'" + PW,
                        "create: wait must be true or false, got 'yes'"),
                Arguments.of("create name: 42, spec: 'redis.ha', capacity: 2" + PW,
                        "create: name must be text, got 42"),
                Arguments.of("create('orders')",
                        "create: wrong arguments ('orders'), usage: create spec: 'redis.ha', capacity: GB[, "
                                + "name: 'orders', password: '...', tags: [env: 'prod']]"),
                Arguments.of("resize 'orders', capacity: 'big'", "resize: capacity must be a number, got 'big'"),
                Arguments.of("resize 'orders', capacity: 4, replicas: 2",
                        "resize: change one of capacity, shards, replicas per call, got capacity and replicas"),
                Arguments.of("resize 'orders'", "resize: wrong arguments ('orders'), usage: resize instance, "
                        + "capacity: GB | shards: n | replicas: n"),
                Arguments.of("list(status: 'runing')",
                        "list: status must be one of creating, running, changing, isolated, deleting, deleted, "
                                + "got 'runing', did you mean 'running'?"),
                Arguments.of("list(spec: 'redis')",
                        "list: spec must be one of redis.standalone, redis.ha, redis.cluster, redis.rw, memcached, "
                                + "got 'redis'"),
                Arguments.of("describe 42", "describe: expected an instance, id or name, got 42"),
                Arguments.of("describe 'nope'", "describe: no instance named 'nope' on tencent in ap-guangzhou"),
                Arguments.of("describe 'crs-00000000'", "describe: no instance crs-00000000 on tencent in ap-guangzhou"),
                Arguments.of("wait 'orders', timeout: 'soon'",
                        "wait: timeout must be a duration like 30s, 5m or 1h, got 'soon'"),
                Arguments.of("delete 'orders', purge: 'no'", "delete: purge must be true or false, got 'no'"),
                Arguments.of("lst()", "unknown verb 'lst', did you mean 'list'? (allowed: " + VERBS + ")"),
                Arguments.of("cache { lst() }", "unknown verb 'lst', did you mean 'list'? (allowed: " + VERBS + ")"),
                Arguments.of("frobnicate 'orders'", "unknown verb 'frobnicate' (allowed: " + VERBS + ")"),
                Arguments.of("params 'orders', set: 'x'",
                        "params: set must be a map like [name: 'value'], got 'x'"),
                Arguments.of("params 'orders', set: [timeout: [1, 2]]",
                        "params: set.timeout must be text, a number or a boolean, got a list [1, 2]"),
                Arguments.of("accounts 'orders', create: 'a', delete: 'b'",
                        "accounts: pass one of create, delete, grant per call"),
                Arguments.of("accounts 'orders', grant: 'a'",
                        "accounts: grant needs privilege (one of read, write, readwrite)"),
                Arguments.of("accounts 'orders', privilege: 'root'",
                        "accounts: privilege must be one of read, write, readwrite, got 'root'"),
                Arguments.of("bigkeys 'orders', type: 'blob'",
                        "bigkeys: type must be one of string, list, set, zset, hash, stream, got 'blob'"),
                Arguments.of("bigkeys 'orders', top: 1000", "bigkeys: top must be between 1 and 100, got 1000"),
                Arguments.of("stats 'orders', span: '1y'", "stats: span must be one of realtime, 30m, 6h, 24h, got '1y'"),
                Arguments.of("slowlog 'orders', since: 'soon'",
                        "slowlog: since must be a duration like 30s, 5m or 1h, got 'soon'"),
                Arguments.of("whitelist 'orders', add: 42", "whitelist: add must be text or a list of texts, got 42"),
                Arguments.of("restore 'orders'", "restore: wrong arguments ('orders'), usage: restore instance, backup: b"),
                Arguments.of("restore 'orders', backup: 42",
                        "restore: backup is required (a Backup from backups(instance) or its id), got 42"),
                Arguments.of("list(tag: 42)", "list: tag must be 'key', 'key=value' or a map [key: 'value'], got 42"),
                Arguments.of("ensure spec: 'redis.ha', capacity: 2",
                        "ensure: name is required (ensure finds the instance by its name)"),
                Arguments.of("ensure name: 'x', spec: 'redis.ha', capacity: 3",
                        "ensure: capacity must be one of 1, 2, 4, 8, 12, 16, 20, 24, 32, 40, 48, 60 GB for redis.ha 7.0 "
                                + "on tencent, got 3"),
                Arguments.of("ensure name: 'x', spec: 'redis.cluster', capacity: 4, shards: 2",
                        "ensure: shards must be one of 1, 3, 5, 8, 12, 16, 24, 32, 40, 48, 64, 80, 96, 128 for "
                                + "redis.cluster 7.0 on tencent, got 2"),
                Arguments.of("fleet(parallel: 0) { }", "fleet: parallel must be between 1 and 64, got 0"),
                Arguments.of("fleet(paralel: 2) { }", "fleet: unknown argument 'paralel', did you mean 'parallel'? (allowed: parallel, failFast)"),
                Arguments.of("plan { plan { } }", "plan: plan and apply blocks do not nest"),
                Arguments.of("provider 'aws'", "provider: unknown provider 'aws' (allowed: tencent, huawei, capitalonline)"),
                Arguments.of("cache { provider tencent, region: 'mars-1' }",
                        "provider: region must be one of " + String.join(", ", DslVocabulary.regions("tencent"))
                                + " for tencent, got 'mars-1'"),
                Arguments.of("tencent.redis.describeInstances(limt: 10)",
                        "tencent.redis.describeInstances: unknown parameter 'limt' (allowed: "
                                + String.join(", ", DslVocabulary.operationParameters("tencent", "describeInstances"))
                                + ")"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void failsWithOneExactLine(String snippet, String message) {
        assertThatThrownBy(() -> session.evaluate(snippet))
                .isInstanceOf(DslException.class)
                .hasMessage(message);
        assertThat(message).doesNotContain("\n");
        assertThat((List<?>) session.evaluate("list()")).as("no instance was created").isEmpty();
    }
}
