package io.cachesh.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachesh.client.auth.Credentials;
import io.cachesh.client.auth.Secret;
import io.cachesh.client.auth.SignatureMethod;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.core.FakeTime;
import io.cachesh.client.error.AuthException;
import io.cachesh.client.retry.RetryPolicy;
import io.cachesh.client.tencent.redis.TencentRedisClient;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * API 3.0 calls signed with v1 ({@code ClientConfig.signatureMethod(HMAC_SHA256 | HMAC_SHA1)}): a form POST to
 * {@code /} carrying the common parameters, the flattened action parameters and {@code Signature}, with no
 * {@code X-TC-*} headers and no {@code Authorization} (spec/anchors.md 1.3; spec/tencent-redis-a.md 3.2, 4.2).
 */
class TencentV1FormProtocolTest {

    static final String SECRET_KEY = "s3cr3t-KEY-never-printed-0123456";

    private final MockWebServer server = new MockWebServer();
    private final FakeTime time = new FakeTime();
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    ClientConfig.Builder config(SignatureMethod method) {
        return ClientConfig.builder().credentials(Credentials.of("AKIDtest", SECRET_KEY)).region("ap-guangzhou")
                .endpoint("http://127.0.0.1:" + server.getPort()).clock(time).rateLimiting(false)
                .signatureMethod(method).requestLog(log::add)
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).sleeper(time).random(() -> 0).build());
    }

    private void answer(String json) {
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(json));
    }

    @Test
    void sendsASignedFormPostWithFlattenedParameters() throws Exception {
        answer("{\"Response\":{\"TotalCount\":0,\"InstanceSet\":[],\"RequestId\":\"r-1\"}}");
        try (TencentRedisClient client = TencentRedisClient.create(config(SignatureMethod.HMAC_SHA256).build())) {
            assertThat(client.describeInstances(r -> r.limit(2L).instanceId("crs-1")
                    .productVersions(List.of("local", "cdc"))).requestId()).isEqualTo("r-1");
        }
        RecordedRequest request = server.takeRequest();
        String host = "127.0.0.1:" + server.getPort();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getPath()).isEqualTo("/");
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/x-www-form-urlencoded; charset=utf-8");
        assertThat(request.getHeader("Host")).isEqualTo(host);
        assertThat(request.getHeader("Authorization")).isNull();
        assertThat(request.getHeaders().names()).noneMatch(n -> n.startsWith("X-TC-"));

        String body = request.getBody().readUtf8();
        Map<String, String> params = decode(body);
        String nonce = params.get("Nonce");
        assertThat(Long.parseLong(nonce)).isPositive();
        assertThat(body).startsWith("Action=DescribeInstances&InstanceId=crs-1&Limit=2&Nonce=" + nonce
                + "&ProductVersions.0=local&ProductVersions.1=cdc&Region=ap-guangzhou&SecretId=AKIDtest&Signature=")
                .endsWith("&SignatureMethod=HmacSHA256&Timestamp=1551113065&Version=2018-04-12");

        String toSign = "POST" + host + "/?Action=DescribeInstances&InstanceId=crs-1&Limit=2&Nonce=" + nonce
                + "&ProductVersions.0=local&ProductVersions.1=cdc&Region=ap-guangzhou&SecretId=AKIDtest"
                + "&SignatureMethod=HmacSHA256&Timestamp=1551113065&Version=2018-04-12";
        assertThat(params.get("Signature")).isEqualTo(hmacBase64("HmacSHA256", toSign));
        assertThat(log).singleElement().asString()
                .startsWith("tencent-redis DescribeInstances POST http://" + host + "/ -> 200 in ")
                .doesNotContain(SECRET_KEY).doesNotContain(params.get("Signature"));
    }

    @Test
    void hmacSha1SendsSignatureMethodHmacSHA1AndTheTokenAsAParameter() throws Exception {
        answer("{\"Response\":{\"Status\":\"succeed\",\"RequestId\":\"r\"}}");
        ClientConfig config = config(SignatureMethod.HMAC_SHA1)
                .credentials(new Credentials("AKIDtmp", Secret.of(SECRET_KEY), Secret.of("sts-token-1"))).build();
        try (TencentRedisClient client = TencentRedisClient.create(config)) {
            client.describeTaskInfo(r -> r.taskId(18215L));
        }
        Map<String, String> params = decode(server.takeRequest().getBody().readUtf8());
        assertThat(params).containsEntry("SignatureMethod", "HmacSHA1").containsEntry("Token", "sts-token-1")
                .containsEntry("TaskId", "18215").containsEntry("SecretId", "AKIDtmp");
        String toSign = "POST127.0.0.1:" + server.getPort() + "/?" + params.entrySet().stream()
                .filter(e -> !e.getKey().equals("Signature")).map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        assertThat(params.get("Signature")).isEqualTo(hmacBase64("HmacSHA1", toSign)).hasSize(28);
        assertThat(log).singleElement().asString().doesNotContain("sts-token-1");
    }

    @Test
    void eachRetryIsSignedAfreshAndErrorsMapAsWithTc3() throws Exception {
        answer("{\"Response\":{\"Error\":{\"Code\":\"RequestLimitExceeded\",\"Message\":\"slow\"},\"RequestId\":\"a\"}}");
        answer("{\"Response\":{\"Error\":{\"Code\":\"AuthFailure.SignatureFailure\",\"Message\":\"bad\"},\"RequestId\":\"b\"}}");
        try (TencentRedisClient client = TencentRedisClient.create(config(SignatureMethod.HMAC_SHA256).build())) {
            assertThatThrownBy(() -> client.describeTaskInfo(r -> r.taskId(1L)))
                    .isExactlyInstanceOf(AuthException.class)
                    .hasMessage("tencent AuthFailure.SignatureFailure: bad (RequestId b)");
        }
        Map<String, String> first = decode(server.takeRequest().getBody().readUtf8());
        Map<String, String> second = decode(server.takeRequest().getBody().readUtf8());
        assertThat(first.get("Timestamp")).isEqualTo("1551113065");
        assertThat(second.get("Timestamp")).isEqualTo(Long.toString(time.instant().getEpochSecond()));
        assertThat(second.get("Signature")).isNotEqualTo(first.get("Signature"));
    }

    static Map<String, String> decode(String body) {
        Map<String, String> params = new TreeMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    static String hmacBase64(String algorithm, String data) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance(algorithm);
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET_KEY.getBytes(StandardCharsets.UTF_8), algorithm));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }
}
