package io.cachesh.client.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pieces of {@link HuaweiAkSkSigner} and its server-side check; the SDK parity is in {@code HuaweiAkSkSignerSdkParityTest}. */
class HuaweiAkSkSignerTest {

    private static final Credentials KEY = Credentials.of("HWAK", "sk-123");

    private static HuaweiAkSkSigner.Input request(String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Host", "127.0.0.1:9000");
        headers.put("X-Sdk-Date", HuaweiAkSkSigner.date(Instant.parse("2026-11-23T13:53:26Z")));
        headers.put("X-Project-Id", "p1");
        return HuaweiAkSkSigner.Input.fromRequest("POST", "/v2/p1/instances?limit=10&name=a%20b",
                headers, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void canonicalPartsFollowTheApiGatewayRules() {
        assertThat(HuaweiAkSkSigner.date(Instant.parse("2024-04-16T09:53:41Z"))).isEqualTo("20240416T095341Z");
        assertThat(HuaweiAkSkSigner.canonicalUri("/v2/p1/instances")).isEqualTo("/v2/p1/instances/");
        assertThat(HuaweiAkSkSigner.canonicalUri("/")).isEqualTo("/");
        assertThat(HuaweiAkSkSigner.canonicalUri("/v2/a%20b")).isEqualTo("/v2/a%2520b/");
        assertThat(HuaweiAkSkSigner.canonicalQuery(List.of(Map.entry("b", "x y"), Map.entry("a", "1"), Map.entry("b", "*~/"))))
                .isEqualTo("a=1&b=x%20y&b=%2A~%2F");
        assertThat(HuaweiAkSkSigner.signedHeaderNames(Map.of("Content-Type", "a", "X_Y", "b", "Host", "h", "X-Sdk-Date", "d")))
                .isEqualTo("host;x-sdk-date");
        HuaweiAkSkSigner.Input in = request("{}");
        assertThat(in.encodedPath()).isEqualTo("/v2/p1/instances");
        assertThat(in.query()).containsExactly(Map.entry("limit", "10"), Map.entry("name", "a b"));
        assertThat(HuaweiAkSkSigner.canonicalRequest(request(""))).isEqualTo("""
                POST
                /v2/p1/instances/
                limit=10&name=a%20b
                host:127.0.0.1:9000
                x-project-id:p1
                x-sdk-date:20261123T135326Z

                host;x-project-id;x-sdk-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""");
    }

    @Test
    void verifyAcceptsTheSignedRequestAndNothingElse() {
        String authorization = HuaweiAkSkSigner.authorization(KEY, request("{\"a\":1}"));
        assertThat(authorization).startsWith("SDK-HMAC-SHA256 Access=HWAK, SignedHeaders=host;x-project-id;x-sdk-date, Signature=");
        assertThat(HuaweiAkSkSigner.verify(KEY, authorization, request("{\"a\":1}"))).isTrue();
        assertThat(HuaweiAkSkSigner.verify(KEY, authorization, request("{\"a\":2}"))).isFalse();
        assertThat(HuaweiAkSkSigner.verify(Credentials.of("OTHER", "sk-123"), authorization, request("{\"a\":1}"))).isFalse();
        assertThat(HuaweiAkSkSigner.verify(KEY, authorization.replace("x-sdk-date", "x-other"), request("{\"a\":1}"))).isFalse();
        assertThat(HuaweiAkSkSigner.verify(KEY, "TC3-HMAC-SHA256 Credential=x", request("{\"a\":1}"))).isFalse();
        assertThat(HuaweiAkSkSigner.Authorization.parse(authorization).toString()).doesNotContain(authorization.substring(authorization.length() - 10));
    }
}
