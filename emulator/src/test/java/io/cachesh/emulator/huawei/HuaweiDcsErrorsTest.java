package io.cachesh.emulator.huawei;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.client.auth.Credentials;
import io.cachesh.emulator.Emulator;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input on both Huawei surfaces over raw HTTP: the exact code, envelope and status, an {@code X-Request-Id} on
 * every answer, never a 500.
 */
class HuaweiDcsErrorsTest {

    static Emulator emulator;
    static HuaweiTestClient raw;
    static String project;
    static String v2;
    static String v1;

    @BeforeAll
    static void start() {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(50)).build().start();
        project = emulator.huaweiProjectId();
        raw = new HuaweiTestClient(emulator.endpoint(), emulator.credentials(), project);
        v2 = "/v2/" + project;
        v1 = "/v1.0/" + project;
    }

    @AfterAll
    static void stop() {
        if (emulator != null) emulator.close();
    }

    static void assertV2(HuaweiTestClient.Answer a, int status, String code) {
        assertThat(a.status()).as(a.text()).isEqualTo(status);
        assertThat(a.body().path("error_code").asText()).as(a.text()).isEqualTo(code);
        assertThat(a.body().path("error_msg").asText()).isNotBlank();
        assertThat(a.requestId()).matches("[0-9a-f]{32}");
        assertThat(a.text()).doesNotContain("at io.cachesh", "Exception");
    }

    static void assertV1(HuaweiTestClient.Answer a, int status, String code) {
        assertThat(a.status()).as(a.text()).isEqualTo(status);
        assertThat(a.body().path("error").path("code").asText()).as(a.text()).isEqualTo(code);
        assertThat(a.body().path("error").path("message").asText()).isNotBlank();
        assertThat(a.requestId()).matches("[0-9a-f]{32}");
    }

    @Test
    void successHasARequestIdToo() {
        HuaweiTestClient.Answer a = raw.signed("GET", v2 + "/instances?offset=0&limit=5", null);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().path("instance_num").asLong()).isZero();
        assertThat(a.requestId()).matches("[0-9a-f]{32}");
    }

    @Test
    void badSignatureIsTheGatewaysApigw0301() {
        Credentials wrongSecret = Credentials.of(emulator.credentials().keyId(), "not-the-secret");
        HuaweiTestClient.Answer a = raw.send("GET", v2 + "/instances", null, Instant.now(), wrongSecret, project, Map.of());
        assertV2(a, 401, "APIGW.0301");
        assertThat(a.body().path("error_msg").asText()).contains("verify aksk signature fail");
        assertThat(a.body().path("request_id").asText()).isEqualTo(a.requestId());
        // same code on v1, in the gateway's form (both clients and the SDK read it)
        assertThat(raw.send("GET", v1 + "/instances", null, Instant.now(), wrongSecret, project, Map.of()).body()
                .path("error_code").asText()).isEqualTo("APIGW.0301");
    }

    @Test
    void unknownAccessKeyAndMissingAuthAreApigw0301() {
        Credentials stranger = Credentials.of("AKIDsomebodyElse", "cachesh-emulator-secret-key");
        assertV2(raw.send("GET", v2 + "/instances", null, Instant.now(), stranger, project, Map.of()), 401, "APIGW.0301");
        HuaweiTestClient.Answer none = raw.unsigned("GET", v2 + "/instances", null, Map.of());
        assertV2(none, 401, "APIGW.0301");
        assertThat(none.body().path("error_msg").asText()).contains("X-Auth-Token");
    }

    @Test
    void sdkDateMoreThanFifteenMinutesOffIsRefused() {
        HuaweiTestClient.Answer old = raw.send("GET", v2 + "/instances", null, Instant.now().minus(Duration.ofMinutes(16)),
                emulator.credentials(), project, Map.of());
        assertV2(old, 401, "APIGW.0301");
        assertThat(old.body().path("error_msg").asText()).contains("expired");
        HuaweiTestClient.Answer fine = raw.send("GET", v2 + "/instances", null, Instant.now().minus(Duration.ofMinutes(14)),
                emulator.credentials(), project, Map.of());
        assertThat(fine.status()).isEqualTo(200);
    }

    @Test
    void wrongProjectIdIsDcs1004AndMalformedIsDcs4002() {
        assertV2(raw.send("GET", "/v2/0123456789abcdef0123456789abcdef/instances", null, Instant.now(), emulator.credentials(),
                "0123456789abcdef0123456789abcdef", Map.of()), 401, "DCS.1004");
        // X-Project-Id that disagrees with the path
        assertV2(raw.send("GET", v2 + "/instances", null, Instant.now(), emulator.credentials(), "another-project", Map.of()),
                401, "DCS.1004");
        assertV1(raw.send("GET", "/v1.0/0123456789abcdef0123456789abcdef/instances", null, Instant.now(),
                emulator.credentials(), null, Map.of()), 401, "111401004");
        assertV2(raw.signed("GET", "/v2/bad%20project/instances", null), 400, "DCS.4002");
    }

    @Test
    void unknownInstanceIsNotFoundInBothVersions() {
        String missing = "2b4e0e5e-0000-4000-8000-000000000000";
        assertV2(raw.signed("GET", v2 + "/instances/" + missing, null), 404, "DCS.3022");
        assertV1(raw.signed("GET", v1 + "/instances/" + missing, null), 404, "111404022");
        assertV2(raw.signed("DELETE", v2 + "/instances/" + missing, null), 404, "DCS.3022");
    }

    @Test
    void invalidBodyFieldsGetTheSeedsCodes() {
        String base = "\"engine\":\"Redis\",\"capacity\":1,\"spec_code\":\"redis.ha.xu1.large.r2.1\","
                + "\"az_codes\":[\"cn-north-4a\"],\"vpc_id\":\"v\",\"subnet_id\":\"s\",\"password\":\"Cachesh-Pass1\"";
        assertV2(raw.signed("POST", v2 + "/instances", "{\"name\":\"ab\"," + base + "}"), 400, "DCS.4010");
        assertV2(raw.signed("POST", v2 + "/instances", "{\"name\":\"1starts-with-digit\"," + base + "}"), 400, "DCS.4010");
        assertV2(raw.signed("POST", v2 + "/instances", "{\"name\":\"okname\"," + base + ",\"bogus\":1}"), 400, "DCS.4062");
        assertV2(raw.signed("POST", v2 + "/instances", "{\"name\":\"okname\"," + base.replace("\"capacity\":1", "\"capacity\":\"big\"") + "}"),
                400, "DCS.4012");
        assertV2(raw.signed("POST", v2 + "/instances", "{\"name\":\"okname\"," + base.replace("\"capacity\":1", "\"capacity\":2") + "}"),
                400, "DCS.4012");
        assertV2(raw.signed("POST", v2 + "/instances", "{\"name\":\"okname\"," + base.replace("redis.ha.xu1.large.r2.1", "nope") + "}"),
                400, "DCS.4927");
        assertV2(raw.signed("POST", v2 + "/instances", "{\"name\":\"okname\"," + base.replace("Cachesh-Pass1", "weak") + "}"),
                400, "DCS.4019");
        assertV2(raw.signed("POST", v2 + "/instances", "{\"name\":\"okname\"," + base.replace("\"engine\":\"Redis\"", "\"engine\":\"Memcached\"") + "}"),
                400, "DCS.4006");
        assertV2(raw.signed("POST", v2 + "/instances", "{\"name\":\"okname\"," + base.replace("cn-north-4a", "mars-1a") + "}"),
                400, "DCS.4042");
        assertV2(raw.signed("POST", v2 + "/instances", "{\"name\":\"okname\"}"), 400, "DCS.4062");
        assertV2(raw.signed("PUT", v2 + "/instances/status", "{\"instances\":[\"x\"],\"action\":\"explode\"}"), 400, "DCS.4064");
        assertV1(raw.signed("POST", v1 + "/instances", "{\"name\":\"okname\"}"), 400, "111400062");
    }

    @Test
    void malformedOrMissingJsonBody() {
        assertV2(raw.signed("POST", v2 + "/instances", "{\"name\": "), 400, "DCS.4005");
        assertV2(raw.signed("POST", v2 + "/instances", ""), 400, "DCS.4004");
        assertV1(raw.signed("POST", v1 + "/instances", "not json"), 400, "111400005");
    }

    @Test
    void unknownPathAndWrongMethod() {
        assertV2(raw.signed("GET", v2 + "/no-such-thing", null), 404, "DCS.4001");
        assertV2(raw.unsigned("GET", "/v2/" + project + "/instances/x/y/z/w", null, Map.of()), 404, "DCS.4001");
        assertV1(raw.signed("GET", v1 + "/nothing/here", null), 404, "111404001");
        assertV2(raw.signed("PATCH", v2 + "/instances", "{}"), 405, "111405001");
    }

    @Test
    void literalSegmentsWinOverPlaceholders() {
        HuaweiTestClient.Answer a = raw.signed("GET", v2 + "/instances/status", null);
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(a.body().has("running_count")).isTrue();
    }

    @Test
    void unknownJobIsDcs4133() {
        assertV2(raw.signed("GET", v2 + "/jobs/ffffffffffffffffffffffffffffffff", null), 400, "DCS.4133");
    }

    @Test
    void iamTokenErrorsUseIamsEnvelope() {
        HuaweiTestClient.Answer wrong = raw.unsigned("POST", "/v3/auth/tokens", "{\"auth\":{\"identity\":{\"methods\":[\"password\"],"
                + "\"password\":{\"user\":{\"name\":\"cachesh\",\"password\":\"nope\",\"domain\":{\"name\":\"cachesh\"}}}}}}", Map.of());
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body().path("error").path("code").asInt()).isEqualTo(401);
        assertThat(raw.unsigned("POST", "/v3/auth/tokens", "{", Map.of()).status()).isEqualTo(400);
        HuaweiTestClient.Answer bogus = raw.unsigned("GET", "/v2/" + project + "/instances", null, Map.of("X-Auth-Token", "MIIbogus"));
        assertV2(bogus, 401, "DCS.1001");
    }
}
