package io.cachesh.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachesh.client.auth.Secret;
import io.cachesh.dsl.result.Instance;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The {@code connect} verb against the real redis-server behind the emulator, and its one-line errors. */
class ConnectTest extends EmulatorTestSupport {

    static final RecordingOutput out = new RecordingOutput();
    static CacheshSession session;
    static Instance cache;

    @BeforeAll
    static void createInstance() {
        session = session(out);
        cache = (Instance) session.evaluate(
                "cache1 = create name: 'conn', spec: 'redis.ha', capacity: 1, password: 'Conn-Pass1'");
    }

    @AfterAll
    static void deleteInstance() {
        if (session != null) {
            session.evaluate("delete cache1");
            session.close();
        }
    }

    @Test
    void connectUsesTheSessionsPasswordAndTheCuratedCommandsWork() {
        Object r = session.evaluate("""
                def r = connect(cache1)
                try {
                    assert r.ping() == 'PONG'
                    assert r.set('a', 1) == 'OK'
                    assert r.get('a') == '1'
                    assert r.exists('a') && !r.exists('b')
                    assert r.del('a', 'b') == 1
                    assert r.dbsize() == 0
                    assert r.configGet('maxmemory') as long == 1L << 30
                    assert r.configGet('no-such-parameter') == null
                    assert r.info().contains('redis_version:')
                    assert r.raw().echo('x') == 'x'
                    r.toString()
                } finally {
                    r.close()
                }
                """);
        assertThat(r).isEqualTo("redis " + cache.getId() + " at 127.0.0.1:" + cache.getPort());
    }

    @Test
    void theBlockFormReturnsTheBlocksValueAndClosesTheConnection() {
        Object r = session.evaluate("""
                def leaked = null
                def value = connect('conn') { c ->
                    leaked = c
                    set 'k1', 'v1'
                    set 'k2', 'v2', ex: 60
                    [get('k1'), keys('k*'), raw().ttl('k2') > 0]
                }
                assert leaked.closed
                try { leaked.get('k1'); assert false } catch (DslException e) { assert e.message.contains('closed') }
                connect(cache1) { del 'k1', 'k2' }
                value
                """);
        assertThat(r).isEqualTo(List.of("v1", List.of("k1", "k2"), true));
    }

    @Test
    void keysIsBoundedAndWarns() {
        Object r = session.evaluate("""
                connect(cache1) {
                    (1..30).each { set "many:$it", it }
                    def some = keys('many:*', 10)
                    def all = keys('many:*')
                    del(*all)
                    [some.size(), all.size()]
                }
                """);
        assertThat(r).isEqualTo(List.of(10, 30));
        assertThat(out.warnings).anyMatch(w -> w.startsWith("keys: more than 10 keys on " + cache.getId()));
    }

    @Test
    void aWrongPasswordIsOneLine() {
        assertThatThrownBy(() -> session.evaluate("connect cache1, password: 'Wrong-Pass1'"))
                .isInstanceOf(DslException.class)
                .hasMessage("connect: " + cache.getId() + " rejected the password (WRONGPASS)");
    }

    @Test
    void withoutAKnownPasswordTheServerAsksForOne() {
        // a second session did not create the instance, so it knows no password
        try (CacheshSession other = session(new RecordingOutput())) {
            assertThatThrownBy(() -> other.evaluate("connect 'conn'"))
                    .isInstanceOf(DslException.class)
                    .hasMessage("connect: " + cache.getId() + " requires a password (NOAUTH); pass password: '...'");
            assertThat(other.evaluate("connect('conn', password: 'Conn-Pass1') { ping() }")).isEqualTo("PONG");
        }
    }

    @Test
    void anUnreachableInstanceIsOneLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Instance gone = Instance.builder().id("crs-gone0001").host("127.0.0.1").port(port).build();
        assertThatThrownBy(() -> RedisConnection.open(gone, Secret.of("x"), out, () -> false))
                .isInstanceOf(DslException.class)
                .hasMessage("connect: cannot reach crs-gone0001 at 127.0.0.1:" + port + ": Connection refused");
        Instance noAddress = Instance.builder().id("crs-vpc00001").build();
        assertThatThrownBy(() -> RedisConnection.open(noAddress, null, out, () -> false))
                .isInstanceOf(DslException.class)
                .hasMessageStartingWith("connect: crs-vpc00001 has no reachable address");
    }

    @Test
    void unknownArgumentsAndInstancesFailBeforeConnecting() {
        assertThatThrownBy(() -> session.evaluate("connect cache1, pasword: 'x'"))
                .hasMessage("connect: unknown argument 'pasword', did you mean 'password'? (allowed: password)");
        assertThatThrownBy(() -> session.evaluate("connect 'no-such-instance'"))
                .hasMessageStartingWith("connect: no instance named 'no-such-instance'");
    }

    @Test
    void dryRunPrintsWritesAndRunsReads() {
        session.setDryRun(true);
        try {
            Object r = session.evaluate("connect(cache1) { set 'dry', 'x'; del 'dry'; [get('dry'), ping()] }");
            assertThat(r).isEqualTo(java.util.Arrays.asList(null, "PONG"));
            assertThat(out.lines).contains("dry-run: " + cache.getId() + " SET dry <1 chars> (not sent)",
                    "dry-run: " + cache.getId() + " DEL dry (not sent)");
            assertThatThrownBy(() -> session.evaluate(
                    "connect(create(name: 'ghost', spec: 'redis.ha', capacity: 1, password: 'Ghost-Pass1'))"))
                    .hasMessage("connect: ghost was not created (dry-run); there is nothing to connect to");
        } finally {
            session.setDryRun(false);
        }
        try (Jedis j = new Jedis(cache.getHost(), cache.getPort())) {
            j.auth("Conn-Pass1");
            assertThat(j.exists("dry")).isFalse();
        }
    }
}
