package io.cachesh.emulator.huawei;

import static io.cachesh.emulator.huawei.HuaweiDcsErrorsTest.assertV1;
import static io.cachesh.emulator.huawei.HuaweiDcsErrorsTest.assertV2;
import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.emulator.Emulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The documented error codes the earlier Huawei tests did not reach, each in its situation: batches over their
 * limits, deleting or changing an instance that is not RUNNING, duplicate names, maintenance windows given by half,
 * password-free access with a password, whitelists over their limits. Nothing changes on a refusal.
 */
class HuaweiBadInputTest {

    static Emulator emulator;
    static HuaweiTestClient raw;
    static String v2;
    static String v1;

    /** Long enough that a CREATING instance stays CREATING while a cold JVM answers the next requests. */
    @BeforeAll
    static void start() {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofSeconds(2)).build().start();
        String project = emulator.huaweiProjectId();
        raw = new HuaweiTestClient(emulator.endpoint(), emulator.credentials(), project);
        v2 = "/v2/" + project;
        v1 = "/v1.0/" + project;
    }

    @AfterAll
    static void stop() {
        if (emulator != null) emulator.close();
    }

    static String create(String name, String extra) {
        HuaweiTestClient.Answer a = raw.signed("POST", v2 + "/instances", "{\"name\":\"" + name + "\",\"engine\":\"Redis\","
                + "\"capacity\":1,\"spec_code\":\"redis.ha.xu1.large.r2.1\",\"az_codes\":[\"cn-north-4a\"],"
                + "\"vpc_id\":\"v\",\"subnet_id\":\"s\"" + extra + "}");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        return a.body().path("instances").path(0).path("instance_id").asText();
    }

    static void waitRunning(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!"RUNNING".equals(raw.signed("GET", v2 + "/instances/" + id, null).body().path("status").asText())) {
            assertThat(System.nanoTime()).as(id + " RUNNING").isLessThan(deadline);
            Thread.sleep(25);
        }
    }

    @Test
    void creatingRefusesChangesAndDeletion() throws Exception {
        String id = create("still-creating", ",\"password\":\"Cachesh-Pass1\"");
        assertV2(raw.signed("DELETE", v2 + "/instances/" + id, null), 400, "DCS.4099");
        assertV2(raw.signed("POST", v2 + "/instances/" + id + "/resize",
                "{\"spec_code\":\"redis.ha.xu1.large.r2.2\",\"new_capacity\":2}"), 400, "DCS.4026");
        waitRunning(id);
        assertThat(emulator.fleet().instance(id).orElseThrow().capacityMb()).isEqualTo(1024);
        assertThat(raw.signed("DELETE", v2 + "/instances/" + id, null).status()).isEqualTo(204);
    }

    @Test
    void batchesOverTheirLimits() {
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < 51; n++) ids.add("\"2b4e0e5e-0000-4000-8000-0000000000" + String.format("%02d", n) + "\"");
        assertV2(raw.signed("DELETE", v2 + "/instances", "{\"instances\":[" + String.join(",", ids) + "]}"), 400, "DCS.4100");
        assertV1(raw.signed("DELETE", v1 + "/instances", "{\"instances\":[" + String.join(",", ids) + "]}"), 400, "111400100");
        assertV2(raw.signed("DELETE", v2 + "/instances", "{\"instances\":[]}"), 400, "DCS.4065");
        assertV2(raw.signed("PUT", v2 + "/instances/status", "{\"instances\":[],\"action\":\"restart\"}"), 400, "DCS.4065");
    }

    @Test
    void passwordsNamesVersionsAndWindows() throws Exception {
        assertV2(raw.signed("POST", v2 + "/instances", "{\"name\":\"no-pass\",\"engine\":\"Redis\",\"capacity\":1,"
                + "\"spec_code\":\"redis.ha.xu1.large.r2.1\",\"az_codes\":[\"cn-north-4a\"],\"vpc_id\":\"v\","
                + "\"subnet_id\":\"s\"}"), 400, "DCS.4845");
        assertV2(raw.signed("POST", v2 + "/instances", "{\"name\":\"both\",\"engine\":\"Redis\",\"capacity\":1,"
                + "\"spec_code\":\"redis.ha.xu1.large.r2.1\",\"az_codes\":[\"cn-north-4a\"],\"vpc_id\":\"v\","
                + "\"subnet_id\":\"s\",\"no_password_access\":true,\"password\":\"Cachesh-Pass1\"}"), 400, "DCS.4849");
        assertV2(raw.signed("POST", v2 + "/instances", "{\"name\":\"old-engine\",\"engine\":\"Redis\",\"engine_version\":\"2.8\","
                + "\"capacity\":1,\"spec_code\":\"redis.ha.xu1.large.r2.1\",\"az_codes\":[\"cn-north-4a\"],\"vpc_id\":\"v\","
                + "\"subnet_id\":\"s\",\"password\":\"Cachesh-Pass1\"}"), 400, "DCS.4008");

        String a = create("first-name", ",\"password\":\"Cachesh-Pass1\"");
        String b = create("second-name", ",\"password\":\"Cachesh-Pass1\"");
        waitRunning(a);
        waitRunning(b);
        assertV2(raw.signed("PUT", v2 + "/instances/" + b, "{\"name\":\"first-name\"}"), 400, "DCS.4060");
        assertV2(raw.signed("PUT", v2 + "/instances/" + b, "{\"maintain_begin\":\"02:00:00\"}"), 400, "DCS.4106");
        assertThat(raw.signed("GET", v2 + "/instances/" + b, null).body().path("name").asText()).isEqualTo("second-name");

        // whitelist: at most 4 groups and 20 addresses
        StringBuilder groups = new StringBuilder();
        for (int g = 0; g < 5; g++) {
            if (g > 0) groups.append(',');
            groups.append("{\"group_name\":\"g").append(g).append("\",\"ip_list\":[\"10.0.0.").append(g).append("\"]}");
        }
        assertV2(raw.signed("PUT", v2 + "/instance/" + a + "/whitelist", "{\"enable_whitelist\":true,\"whitelist\":["
                + groups + "]}"), 400, "DCS.4063");
        List<String> ips = new ArrayList<>();
        for (int n = 0; n < 21; n++) ips.add("\"10.0.1." + n + "\"");
        assertV2(raw.signed("PUT", v2 + "/instance/" + a + "/whitelist", "{\"enable_whitelist\":true,\"whitelist\":["
                + "{\"group_name\":\"many\",\"ip_list\":[" + String.join(",", ips) + "]}]}"), 400, "DCS.4063");
        assertV2(raw.signed("PUT", v2 + "/instance/" + a + "/whitelist", "{\"enable_whitelist\":true,\"whitelist\":["
                + "{\"group_name\":\"bad\",\"ip_list\":[\"not-an-ip\"]}]}"), 400, "DCS.4063");
        assertThat(raw.signed("GET", v2 + "/instance/" + a + "/whitelist", null).body().path("enable_whitelist").asBoolean())
                .isFalse();
        raw.signed("DELETE", v2 + "/instances/" + a, null);
        raw.signed("DELETE", v2 + "/instances/" + b, null);
    }
}
