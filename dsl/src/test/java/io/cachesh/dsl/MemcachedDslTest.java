package io.cachesh.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachesh.dsl.result.Instance;
import io.cachesh.dsl.result.Task;
import io.cachesh.emulator.cmem.CmemProvider;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Memcached through the DSL: CapitalOnline (its six actions) and Tencent CMEM ({@code provider tencent},
 * {@code spec: 'memcached'}), against the emulator's real memcached processes.
 */
class MemcachedDslTest extends EmulatorTestSupport {

    @BeforeEach
    void needsMemcached() {
        Assumptions.assumeTrue(emulator.memcachedAvailable(), "no memcached binary");
    }

    @Test
    void capitalOnlineLifecycle() {
        RecordingOutput out = new RecordingOutput();
        try (CacheshSession s = session(out)) {
            s.evaluate("provider capitalonline");
            Instance m = (Instance) s.evaluate("sessions = create name: 'sessions', spec: 'memcached', capacity: 2");
            assertThat(m.getProvider()).isEqualTo("capitalonline");
            assertThat(m.getSpec()).isEqualTo("memcached");
            assertThat(m.getCapacityGb()).isEqualTo(2.0);
            assertThat(m.getStatus()).isEqualTo("running");
            assertThat(m.getVersion()).isEqualTo("1.6");
            assertThat(m.getZone()).isEqualTo("CN_Beijing_H");
            assertThat(out.lines).noneMatch(l -> l.contains("generated"));

            assertThat(s.evaluate("connect(sessions) { set 'user:1', 'ada'; get 'user:1' }")).isEqualTo("ada");
            Object conn = s.evaluate("c = connect(sessions)");
            assertThat(conn).isInstanceOf(MemcachedConnection.class);
            assertThat(s.evaluate("c.set('k', 'v', ex: 60); c.get('k')")).isEqualTo("v");
            assertThat(s.evaluate("c.stats().limit_maxbytes")).isEqualTo(String.valueOf(2L * 1024 * 1024 * 1024));
            assertThat(s.evaluate("c.delete('k')")).isEqualTo(true);
            assertThat(s.evaluate("c.get('k')")).isNull();
            assertThat(s.evaluate("c.ping()")).isEqualTo("PONG");
            s.evaluate("c.close()");

            Task t = (Task) s.evaluate("clear sessions");
            assertThat(t.getStatus()).isEqualTo("succeeded");
            assertThat(s.evaluate("connect(sessions) { get 'user:1' }")).isNull();

            Instance bigger = (Instance) s.evaluate("resize sessions, capacity: 4");
            assertThat(bigger.getCapacityGb()).isEqualTo(4.0);
            assertThat(s.evaluate("connect(sessions) { stats().limit_maxbytes }"))
                    .isEqualTo(String.valueOf(4L * 1024 * 1024 * 1024));
            assertThat(s.evaluate("list()*.name")).isEqualTo(List.of("sessions"));
            assertThat(s.evaluate("describe(sessions.id).name")).isEqualTo("sessions");
            assertThat(s.evaluate("capitalonline.memcached.memcachedInstanceList().data().total()")).isEqualTo(1L);

            // verbs its API lacks
            for (String verb : List.of("rename sessions, 'other'", "password sessions, 'Some-Pass1'",
                    "backup sessions", "backups sessions", "params sessions", "whitelist sessions",
                    "restart sessions", "accounts sessions", "stats sessions", "tasks sessions")) {
                String word = verb.split(" ")[0];
                assertThatThrownBy(() -> s.evaluate(verb)).as(verb).isInstanceOf(UnsupportedVerbException.class)
                        .hasMessage(word + ": not supported by capitalonline");
            }
            assertThatThrownBy(() -> s.evaluate("connect sessions, password: 'x'"))
                    .hasMessageContaining("is memcached, which has no password");

            Instance gone = (Instance) s.evaluate("delete sessions");
            assertThat(gone.getStatus()).isEqualTo("deleted");
            assertThat(s.evaluate("list()")).asList().isEmpty();

            // a name is optional: the vendor names it
            Instance unnamed = (Instance) s.evaluate("create spec: 'memcached', capacity: 1");
            assertThat(unnamed.getName()).startsWith("memcached-");
            s.evaluate("delete '" + unnamed.getId() + "'");
            assertThat(out.warnings).isEmpty();
        }
    }

    @Test
    void capitalOnlineBadInput() {
        RecordingOutput out = new RecordingOutput();
        try (CacheshSession s = session(out)) {
            s.evaluate("provider capitalonline");
            assertThatThrownBy(() -> s.evaluate("create spec: 'memcached', capacity: 11"))
                    .hasMessage("create: capacity must be one of 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 GB for memcached 1.6 "
                            + "on capitalonline, got 11");
            assertThatThrownBy(() -> s.evaluate("create spec: 'memcached', capacity: 0.5"))
                    .hasMessageStartingWith("create: capacity must be one of 1, 2, 3");
            assertThatThrownBy(() -> s.evaluate("create spec: 'redis.ha', capacity: 1"))
                    .hasMessage("create: spec redis.ha is not sold on capitalonline (its cache API is Memcached only; "
                            + "allowed: memcached)");
            assertThatThrownBy(() -> s.evaluate("create spec: 'memcached', capacity: 1, password: 'Some-Pass1'"))
                    .hasMessage("create: capitalonline memcached instances have no password; leave out password:");
            assertThatThrownBy(() -> s.evaluate("create spec: 'memcached', capacity: 1, shards: 3"))
                    .hasMessageStartingWith("create: shards applies only to redis.cluster");
            assertThat(s.evaluate("list()")).asList().isEmpty();
        }
    }

    @Test
    void tencentMemcachedGoesThroughCmem() {
        Instance created;
        RecordingOutput out = new RecordingOutput();
        var cache = emulator.cmem().create(CmemProvider.Spec.named("cache1"));
        try (CacheshSession s = session(out)) {
            @SuppressWarnings("unchecked")
            List<Instance> listed = (List<Instance>) s.evaluate("cache { provider tencent; list(spec: 'memcached') }");
            assertThat(listed).hasSize(1);
            created = listed.get(0);
            assertThat(created.getName()).isEqualTo("cache1");
            assertThat(created.getSpec()).isEqualTo("memcached");
            assertThat(created.getStatus()).isEqualTo("running");
            assertThat(created.getId()).isEqualTo(String.valueOf(CmemProvider.cmemId(cache)));
            assertThat(s.evaluate("describe('cache1').port")).isEqualTo(cache.dataPort());
            assertThat(s.evaluate("describe('" + created.getId() + "').name")).isEqualTo("cache1");
            assertThat(s.evaluate("list(spec: 'redis.ha')")).asList().isEmpty();

            assertThat(s.evaluate("connect('cache1') { set 'a', '1'; get 'a' }")).isEqualTo("1");
            Task t = (Task) s.evaluate("clear 'cache1'");
            assertThat(t.getStatus()).isEqualTo("succeeded");
            assertThat(s.evaluate("connect('cache1') { get 'a' }")).isNull();
            assertThat(s.evaluate("wait 'cache1'")).isInstanceOf(Instance.class);

            // five clears a day: this was the first; four more pass, the sixth fails in one line
            for (int i = 0; i < 4; i++) s.evaluate("clear 'cache1'");
            assertThatThrownBy(() -> s.evaluate("clear 'cache1'"))
                    .isInstanceOf(DslException.class)
                    .hasMessageStartingWith("clear: cache1 (" + created.getId() + ") has been cleared 5 times today, "
                            + "the most CMEM allows per instance per day (ClearCmem: ")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

            assertThatThrownBy(() -> s.evaluate("create spec: 'memcached', capacity: 1"))
                    .hasMessageStartingWith("create: spec memcached cannot be created on tencent: Tencent's Memcached "
                            + "(CMEM) API has only DescribeCmem and ClearCmem, so CMEM instances are created in the "
                            + "Tencent Cloud console")
                    .hasMessageContaining("emulator.cmem().create(");
            for (String verb : List.of("resize 'cache1', capacity: 2", "rename 'cache1', 'cache2'",
                    "password 'cache1', 'Some-Pass1'", "backup 'cache1'", "delete 'cache1'", "params 'cache1'",
                    "restart 'cache1'", "tags 'cache1'")) {
                String word = verb.split(" ")[0];
                assertThatThrownBy(() -> s.evaluate(verb)).as(verb).isInstanceOf(UnsupportedVerbException.class)
                        .hasMessage(word + ": not supported by tencent memcached (CMEM)");
            }

            // raw access to CMEM and to the legacy Redis API
            assertThat(s.evaluate("tencent.cmem.describeCmem(limit: 10).totalCount()")).isEqualTo(1L);
            assertThat(s.evaluate("tencent.redisLegacy.operations()")).asList().contains("describeRedis",
                    "modifyRedisPassword");
            s.evaluate("r = create name: 'legacy-view', spec: 'redis.ha', capacity: 1");
            assertThat(s.evaluate("tencent.redisLegacy.describeRedis(limit: 10, offset: 0).data().redisSet()*.redisName()"))
                    .asList().contains("legacy-view");
            assertThatThrownBy(() -> s.evaluate("tencent.nope"))
                    .hasMessage("tencent: unknown API 'nope' (allowed: cmem, redis, redisLegacy)");
            s.evaluate("delete r");
            assertThat(s.evaluate("list()*.name")).isEqualTo(List.of("cache1"));
        } finally {
            emulator.cmem().delete("cache1");
        }
        assertThat(out.warnings).isEmpty();
    }

    @Test
    void aMemcachedConnectionReportsErrorsInOneLine() {
        RecordingOutput out = new RecordingOutput();
        try (CacheshSession s = session(out)) {
            s.evaluate("provider capitalonline; m = create name: 'm1', spec: 'memcached', capacity: 1");
            assertThatThrownBy(() -> s.evaluate("connect(m) { set 'has space', 'v' }"))
                    .hasMessageStartingWith("set: memcached keys are 1-250 bytes without spaces");
            assertThatThrownBy(() -> s.evaluate("connect(m) { set 'k', 'v', px: 1 }"))
                    .hasMessage("set: unknown argument 'px' (allowed: ex)");
            s.setDryRun(true);
            assertThat(s.evaluate("connect(m) { set 'k', 'v'; get 'k' }")).isNull();
            assertThat(out.lines).anyMatch(l -> l.contains("dry-run: ") && l.contains("set k (not sent)"));
            s.setDryRun(false);
            s.evaluate("delete m");
            assertThatThrownBy(() -> s.evaluate("connect(m)")).hasMessageContaining("no longer exists");
        }
    }
}
