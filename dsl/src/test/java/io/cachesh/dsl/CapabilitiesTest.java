package io.cachesh.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachesh.dsl.result.Instance;
import io.cachesh.dsl.tencent.TencentCacheService;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Verbs an adapter does not declare fail with one exact line before the adapter is asked anything. */
class CapabilitiesTest {

    /** An adapter that supports only list and describe, and records every call it gets. */
    static CacheService listOnly(List<String> calls) {
        Capabilities caps = Capabilities.builder("fakecloud").verb(Verb.LIST, "GET /instances")
                .verb(Verb.DESCRIBE).build();
        Instance one = Instance.builder().id("fk-1").name("orders").provider("fakecloud").spec("redis.ha")
                .status("running").build();
        InvocationHandler h = (proxy, method, args) -> {
            switch (method.getName()) {
                case "capabilities": return caps;
                case "provider": return "fakecloud";
                case "region": return "r1";
                case "looksLikeId": return ((String) args[0]).startsWith("fk-");
                case "close": return null;
                default: break;
            }
            if (method.isDefault() && List.of("supported", "supports", "unsupported").contains(method.getName())) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            calls.add(method.getName());
            return switch (method.getName()) {
                case "list", "findByName" -> List.of(one);
                case "find" -> Optional.of(one);
                default -> method.isDefault() ? InvocationHandler.invokeDefault(proxy, method, args) : null;
            };
        };
        return (CacheService) Proxy.newProxyInstance(CacheService.class.getClassLoader(),
                new Class<?>[] {CacheService.class}, h);
    }

    static CacheshSession session(List<String> calls) {
        CacheshSession s = CacheshSession.builder()
                .provider(ProviderSettings.tencent(io.cachesh.emulator.Emulator.DEFAULT_CREDENTIALS)
                        .withEndpoint("http://127.0.0.1:9"))
                .output(DslOutput.SILENT).build();
        s.register("tencent", ProviderSettings.DEFAULT_REGION, listOnly(calls));
        return s;
    }

    @ParameterizedTest
    @ValueSource(strings = {"restart 'orders'", "whitelist 'orders'", "whitelist 'orders', add: 'sg-1'",
            "params 'orders'", "params 'orders', set: [timeout: 300]", "restore 'orders', backup: 'b1'",
            "accounts 'orders'", "tags 'orders'", "slowlog 'orders'", "bigkeys 'orders'", "stats 'orders'",
            "tasks 'orders'", "tasks()", "resize 'orders', capacity: 4", "rename 'orders', 'x'", "clear 'orders'",
            "backup 'orders'", "backups 'orders'", "delete 'orders'", "wait 'orders'", "connect 'orders'",
            "create name: 'x', spec: 'redis.ha', capacity: 1, password: 'Xx-Pass12'",
            "ensure name: 'x', spec: 'redis.ha', capacity: 1"})
    void anUnsupportedVerbFailsWithOneLineBeforeAnyCall(String snippet) {
        List<String> calls = new ArrayList<>();
        try (CacheshSession s = session(calls)) {
            String verb = snippet.split("[ (]")[0];
            String expected = (verb.equals("ensure") ? "create" : verb) + ": not supported by fakecloud";
            assertThatThrownBy(() -> s.evaluate(snippet)).isInstanceOf(UnsupportedVerbException.class)
                    .hasMessage(expected);
            assertThat(calls).isEmpty();
        }
    }

    @Test
    void supportedVerbsReachTheAdapter() {
        List<String> calls = new ArrayList<>();
        try (CacheshSession s = session(calls)) {
            assertThat(s.evaluate("list()*.name")).isEqualTo(List.of("orders"));
            assertThat(s.evaluate("describe('orders').id")).isEqualTo("fk-1");
            assertThat(calls).contains("list");
        }
    }

    @Test
    void theDefaultMethodsThrowTheSameException() {
        CacheService svc = listOnly(new ArrayList<>());
        assertThat(svc.supported()).isEqualTo(EnumSet.of(Verb.LIST, Verb.DESCRIBE));
        assertThatThrownBy(() -> svc.slowlog(null, null, 0, 1)).isInstanceOf(UnsupportedVerbException.class)
                .hasMessage("slowlog: not supported by fakecloud")
                .satisfies(e -> assertThat(((UnsupportedVerbException) e).verb()).isEqualTo(Verb.SLOWLOG));
    }

    @Test
    void tencentDeclaresEveryVerb() {
        assertThat(TencentCacheService.CAPABILITIES.verbs()).isEqualTo(EnumSet.allOf(Verb.class));
        assertThat(TencentCacheService.CAPABILITIES.note(Verb.TAGS)).startsWith("read-only");
        assertThat(DslVocabulary.verbNames()).containsAll(EnumSet.allOf(Verb.class).stream().map(Verb::word).toList());
    }
}
