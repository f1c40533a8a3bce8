package io.cachesh.emulator.huawei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.fleet.Instance;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** A Huawei instance, its Huawei-only state and its data survive an emulator restart with a state directory. */
class HuaweiPersistenceTest {

    @TempDir
    Path state;

    @Test
    void instanceComesBackWithItsFlavorParamsAndData() throws Exception {
        String id;
        try (Emulator first = Emulator.builder().port(0).stateDir(state).taskDelay(Duration.ofMillis(50)).build().start()) {
            assumeTrue(first.dataPlaneAvailable(), "no redis-server on this machine");
            HuaweiTestClient raw = new HuaweiTestClient(first.endpoint(), first.credentials(), first.huaweiProjectId());
            String v2 = "/v2/" + first.huaweiProjectId();
            id = raw.signed("POST", v2 + "/instances", "{\"name\":\"keeps-state\",\"engine\":\"Redis\",\"capacity\":0.25,"
                    + "\"spec_code\":\"redis.ha.xu1.tiny.r2.256\",\"az_codes\":[\"cn-north-4c\"],\"vpc_id\":\"v\","
                    + "\"subnet_id\":\"s\",\"password\":\"Cachesh-Pass1\",\"description\":\"kept\"}")
                    .body().path("instances").get(0).path("instance_id").asText();
            raw.waitRunning(v2, id);
            assertThat(raw.signed("PUT", v2 + "/instances/" + id + "/configs", "{\"redis_config\":[{\"param_id\":\"1\","
                    + "\"param_name\":\"timeout\",\"param_value\":\"120\"}]}").status()).isEqualTo(204);
            Instance i = first.fleet().instance(id).orElseThrow();
            try (Jedis jedis = new Jedis("127.0.0.1", i.dataPort())) {
                jedis.auth("Cachesh-Pass1");
                jedis.set("survives", "yes");
            }
        }
        try (Emulator second = Emulator.builder().port(0).stateDir(state).taskDelay(Duration.ofMillis(50)).build().start()) {
            HuaweiTestClient raw = new HuaweiTestClient(second.endpoint(), second.credentials(), second.huaweiProjectId());
            var shown = raw.signed("GET", "/v2/" + second.huaweiProjectId() + "/instances/" + id, null).body();
            assertThat(shown.path("status").asText()).isEqualTo("RUNNING");
            assertThat(shown.path("spec_code").asText()).isEqualTo("redis.ha.xu1.tiny.r2.256");
            assertThat(shown.path("capacity_minor").asText()).isEqualTo("0.25");
            assertThat(shown.path("description").asText()).isEqualTo("kept");
            assertThat(shown.path("az_codes").get(0).asText()).isEqualTo("cn-north-4c");
            assertThat(second.fleet().instance(id).orElseThrow().vendor()).isEqualTo("huawei");
            try (Jedis jedis = new Jedis("127.0.0.1", shown.path("port").asInt())) {
                jedis.auth("Cachesh-Pass1");
                assertThat(jedis.get("survives")).isEqualTo("yes");
                assertThat(jedis.configGet("timeout")).containsEntry("timeout", "120");
            }
        }
    }
}
