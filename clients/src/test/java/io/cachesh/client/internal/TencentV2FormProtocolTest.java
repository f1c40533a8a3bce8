package io.cachesh.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachesh.client.auth.Credentials;
import io.cachesh.client.auth.Secret;
import io.cachesh.client.auth.SignatureMethod;
import io.cachesh.client.auth.TencentV1Signer;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.core.OperationInfo;
import io.cachesh.client.error.ApiException;
import io.cachesh.client.error.AuthException;
import io.cachesh.client.error.InvalidParameterException;
import io.cachesh.client.error.MalformedResponseException;
import io.cachesh.client.error.NotFoundException;
import io.cachesh.client.error.ThrottlingException;
import io.cachesh.client.retry.RetryPolicy;
import io.cachesh.client.tencent.cmem.TencentCmemClient;
import io.cachesh.client.tencent.cmem.model.ClearCmemResponse;
import io.cachesh.client.tencent.cmem.model.CmemInstance;
import io.cachesh.client.tencent.cmem.model.DescribeCmemRequest;
import io.cachesh.client.tencent.cmem.model.DescribeCmemResponse;
import io.cachesh.client.tencent.redislegacy.TencentRedisLegacyClient;
import io.cachesh.client.tencent.redislegacy.model.CreateRedisResponse;
import io.cachesh.client.tencent.redislegacy.model.DescribeRedisRequest;
import io.cachesh.client.tencent.redislegacy.model.DescribeRedisResponse;
import io.cachesh.client.tencent.redislegacy.model.RedisInstance;
import io.cachesh.model.Models;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code tencent-v2-form}: the legacy seeds' v1 signature examples reproduced through the protocol itself
 * ({@code tencent-v2-vectors.json}, each naming its seed lines), then the wire of the CMEM and legacy Redis clients
 * against MockWebServer: form and GET, {@code code} as {@code 0} and {@code "0"}, numbers sent as strings, the error
 * envelope with and without {@code codeDesc}, DescribeCmem pagination.
 */
class TencentV2FormProtocolTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final MockWebServer server = new MockWebServer();
    private String endpoint;

    @BeforeEach
    void start() throws Exception {
        server.start();
        endpoint = "http://127.0.0.1:" + server.getPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    static Stream<Arguments> vectors() throws Exception {
        JsonNode cases;
        try (InputStream in = TencentV2FormProtocolTest.class.getResourceAsStream("tencent-v2-vectors.json")) {
            cases = JSON.readTree(in);
        }
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : cases) out.add(Arguments.of(c.get("name").asText(), c));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void theSeedsSignatureExamplesReproduceThroughTheProtocol(String name, JsonNode v) throws Exception {
        ClientConfig config = ClientConfig.builder()
                .credentials(Credentials.of(v.get("secretId").asText(), v.get("secretKey").asText()))
                .region(v.get("region").asText())
                .signatureMethod(SignatureMethod.valueOf(v.get("signatureMethod").asText()))
                .httpMethod(v.get("httpMethod").asText())
                .clock(Clock.fixed(Instant.ofEpochSecond(v.get("timestamp").asLong()), ZoneOffset.UTC))
                .build();
        HttpUrl base = HttpUrl.get("https://" + v.get("host").asText() + "/");
        TencentV2FormProtocol protocol = new TencentV2FormProtocol(Models.load("tencent-redis-legacy"), config, base,
                () -> v.get("nonce").asLong());
        OperationInfo op = new OperationInfo(v.get("action").asText(), 20, true, null, null);
        byte[] body = JSON.writeValueAsBytes(v.get("params"));

        SortedMap<String, String> params = protocol.parameters(op, body);
        assertThat(TencentV1Signer.stringToSign(v.get("httpMethod").asText(), v.get("host").asText(),
                TencentV2FormProtocol.PATH, params)).isEqualTo(v.get("stringToSign").asText());
        Request request = protocol.request(op, body);
        assertThat(request.method()).isEqualTo(v.get("httpMethod").asText());
        assertThat(request.url().encodedPath()).isEqualTo("/v2/index.php");
        assertThat(request.url().queryParameter("Signature")).isEqualTo(v.get("signature").asText());
        if (v.has("encodedSignature")) {
            assertThat(request.url().encodedQuery()).contains("Signature=" + v.get("encodedSignature").asText());
        }
        if (v.has("masked")) {
            // the doc masks different characters in its two prints; both agree with ours outside the mask
            for (JsonNode masked : v.get("masked")) {
                String[] parts = masked.asText().split("xxx");
                String ours = masked.asText().contains("%") ? v.get("encodedSignature").asText() : v.get("signature").asText();
                assertThat(ours).startsWith(parts[0]).endsWith(parts[1]);
            }
        }
        // and the server side agrees: the emulator verifies with the same signer
        assertThat(TencentV1Signer.verify(Secret.of(v.get("secretKey").asText()), v.get("httpMethod").asText(),
                v.get("host").asText(), TencentV2FormProtocol.PATH, query(request.url().encodedQuery()))).isTrue();
    }

    private ClientConfig.Builder config() {
        return ClientConfig.builder().credentials(Credentials.of("AKIDv2", "v2-secret-key")).region("gz").endpoint(endpoint)
                .retryPolicy(RetryPolicy.none());
    }

    private void answer(String body) {
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(body));
    }

    private static Map<String, String> query(String encoded) {
        Map<String, String> out = new TreeMap<>();
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private Map<String, String> form(RecordedRequest sent) {
        return query(sent.getBody().readUtf8());
    }

    @Test
    void describeCmemIsASignedFormPostAndPagesThroughNumberAndStringCodes() throws Exception {
        answer("{\"code\":0,\"message\":\"\",\"totalCount\":3,\"data\":[{\"cmemId\":104017148,\"cmemName\":\"a\",\"port\":9101},"
                + "{\"cmemId\":2,\"cmemName\":\"b\",\"port\":\"9102\"}]}");
        answer("{\"code\":\"0\",\"message\":\"\",\"totalCount\":\"3\",\"data\":[{\"cmemId\":\"3\",\"cmemName\":\"c\",\"wanIp\":\"10.0.0.3\",\"port\":9103,\"expire\":1}]}");
        List<String> names = new ArrayList<>();
        try (TencentCmemClient cmem = TencentCmemClient.create(config().build())) {
            for (CmemInstance i : cmem.describeCmemIterable(DescribeCmemRequest.builder().limit(2L).vpcId(-1L).build())) {
                names.add(i.cmemName() + ":" + i.port());
            }
        }
        assertThat(names).containsExactly("a:9101", "b:9102", "c:9103");
        RecordedRequest first = server.takeRequest();
        assertThat(first.getMethod()).isEqualTo("POST");
        assertThat(first.getPath()).isEqualTo("/v2/index.php");
        assertThat(first.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        Map<String, String> params = form(first);
        assertThat(params).containsEntry("Action", "DescribeCmem").containsEntry("Region", "gz")
                .containsEntry("SecretId", "AKIDv2").containsEntry("SignatureMethod", "HmacSHA1")
                .containsEntry("limit", "2").containsEntry("offset", "0").containsEntry("vpcId", "-1")
                .containsKeys("Timestamp", "Nonce", "Signature").doesNotContainKey("Version");
        assertThat(TencentV1Signer.verify(Secret.of("v2-secret-key"), "POST", "127.0.0.1:" + server.getPort(),
                "/v2/index.php", params)).isTrue();
        assertThat(form(server.takeRequest())).containsEntry("offset", "2").containsEntry("limit", "2");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void clearCmemSendsTheInstanceNameAndHmacSha256WhenAskedFor() throws Exception {
        answer("{\"code\":\"0\",\"message\":\"\"}");
        try (TencentCmemClient cmem = TencentCmemClient.create(config().signatureMethod(SignatureMethod.HMAC_SHA256).build())) {
            ClearCmemResponse cleared = cmem.clearCmem(r -> r.cmemName("9003_TE"));
            assertThat(cleared.code()).isZero();
            assertThat(cleared.message()).isEmpty();
        }
        Map<String, String> params = form(server.takeRequest());
        assertThat(params).containsEntry("Action", "ClearCmem").containsEntry("cmemName", "9003_TE")
                .containsEntry("SignatureMethod", "HmacSHA256");
        assertThat(TencentV1Signer.verify(Secret.of("v2-secret-key"), "POST", "127.0.0.1:" + server.getPort(),
                "/v2/index.php", params)).isTrue();
    }

    @Test
    void getModePutsTheSignedParametersInTheQuery() throws Exception {
        answer("{\"code\":0,\"message\":\"\",\"codeDesc\":\"Success\",\"totalCount\":\"1\",\"data\":{\"redisSet\":"
                + "[{\"redisId\":\"crs-ifmymj41\",\"redisName\":\"测试\",\"status\":\"2\",\"projectId\":\"0\"}]}}");
        try (TencentRedisLegacyClient legacy = TencentRedisLegacyClient.create(config().httpMethod("GET").build())) {
            DescribeRedisResponse page = legacy.describeRedis(r -> r.limit(10L).offset(0L).unVpcIds(List.of("vpc-1", "vpc-2")));
            assertThat(page.totalCount()).isEqualTo(1L);
            RedisInstance instance = page.data().redisSet().get(0);
            assertThat(instance.status()).isEqualTo(2L);
            assertThat(instance.redisName()).isEqualTo("测试");
        }
        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getMethod()).isEqualTo("GET");
        assertThat(sent.getRequestUrl().encodedPath()).isEqualTo("/v2/index.php");
        assertThat(sent.getBodySize()).isZero();
        Map<String, String> params = query(sent.getRequestUrl().encodedQuery());
        assertThat(params).containsEntry("Action", "DescribeRedis").containsEntry("unVpcIds.0", "vpc-1")
                .containsEntry("unVpcIds.1", "vpc-2");
        assertThat(TencentV1Signer.verify(Secret.of("v2-secret-key"), "GET", "127.0.0.1:" + server.getPort(),
                "/v2/index.php", params)).isTrue();
    }

    @Test
    void legacyPaginationFollowsTheNestedRedisSet() throws Exception {
        answer("{\"code\":0,\"codeDesc\":\"Success\",\"totalCount\":3,\"data\":{\"redisSet\":[{\"redisId\":\"crs-1\"},{\"redisId\":\"crs-2\"}]}}");
        answer("{\"code\":0,\"codeDesc\":\"Success\",\"totalCount\":3,\"data\":{\"redisSet\":[{\"redisId\":\"crs-3\"}]}}");
        List<String> ids = new ArrayList<>();
        try (TencentRedisLegacyClient legacy = TencentRedisLegacyClient.create(config().build())) {
            legacy.describeRedisIterable(DescribeRedisRequest.builder().limit(2L).build()).forEach(i -> ids.add(i.redisId()));
        }
        assertThat(ids).containsExactly("crs-1", "crs-2", "crs-3");
        assertThat(form(server.takeRequest())).containsEntry("offset", "0");
        assertThat(form(server.takeRequest())).containsEntry("offset", "2");
    }

    @Test
    void theMisspelledActionGoesOnTheWireUnderItsCorrectlySpelledMethod() throws Exception {
        answer("{\"code\":0,\"message\":\"\",\"codeDesc\":\"Success\",\"data\":{\"requestId\":\"25565\"}}");
        answer("{\"code\":\"0\",\"message\":\"\",\"codeDesc\":\"Success\",\"data\":{\"dealId\":432583}}");
        try (TencentRedisLegacyClient legacy = TencentRedisLegacyClient.create(config().build())) {
            var changed = legacy.modifyRedisPassword(r -> r.redisId("crs-1").oldPassword("old-pw-1").password("new-pw-12"));
            assertThat(changed.data().requestId()).isEqualTo(25565L);
            CreateRedisResponse created = legacy.createRedis(r -> r.zoneId(100002L).typeId(1L).memSize(1024L).goodsNum(1L)
                    .period(2L).password("49A2d!e@f12e"));
            assertThat(created.code()).isZero();
            assertThat(created.data().dealId()).isEqualTo("432583");
            OperationInfo create = OperationInfo.of(Models.load("tencent-redis-legacy"), "CreateRedis");
            assertThat(create.asyncId(JSON.valueToTree(created))).isEqualTo("432583");
        }
        assertThat(form(server.takeRequest())).containsEntry("Action", "ModfiyRedisPassword").containsEntry("redisId", "crs-1");
        Map<String, String> create = form(server.takeRequest());
        assertThat(create).containsEntry("Action", "CreateRedis").containsEntry("password", "49A2d!e@f12e");
    }

    @Test
    void errorsMapByCodeDescWhenTheModelKnowsItElseByTheNumericCode() {
        answer("{\"code\":5100,\"message\":\"(10701)实例不存在\",\"codeDesc\":\"InstanceNotExists\"}");
        answer("{\"code\":\"4100\",\"message\":\"(4100)鉴权失败\",\"codeDesc\":\"AuthFailure.SignatureFailure\"}");
        answer("{\"code\":\"5100\",\"message\":\"(100004)projectId不正确\"}");
        answer("{\"code\":4000,\"message\":\"(11201)业务参数错误\",\"codeDesc\":\"InvalidParameter\"}");
        try (TencentRedisLegacyClient legacy = TencentRedisLegacyClient.create(config().build())) {
            assertThatThrownBy(() -> legacy.clearRedis(r -> r.redisId("crs-gone").password("pw")))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> {
                        assertThat(e.code()).isEqualTo("InstanceNotExists");
                        assertThat(e.getMessage()).contains("(10701)实例不存在").contains("[code 5100, codeDesc InstanceNotExists]");
                        assertThat(e.requestId()).isNull();
                        assertThat(e.vendor()).isEqualTo("tencent");
                    });
            assertThatThrownBy(() -> legacy.describeRedis(r -> r.limit(1L)))
                    .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.code()).isEqualTo("4100"));
            assertThatThrownBy(() -> legacy.describeRedis(r -> r.limit(1L)))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.code()).isEqualTo("5100");
                        assertThat(e.getClass()).isEqualTo(ApiException.class);
                        assertThat(e.getMessage()).contains("(100004)projectId不正确 [code 5100]");
                    });
            assertThatThrownBy(() -> legacy.describeRedis(r -> r.limit(1L)))
                    .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.code()).isEqualTo("InvalidParameter"));
        }
    }

    @Test
    void cmemCommonErrorsMapByTheirNumericCodeAndQuotaIsRetriedAsThrottling() {
        answer("{\"code\":4400,\"message\":\"超过配额\"}");
        answer("{\"code\":\"4400\",\"message\":\"超过配额\"}");
        answer("{\"code\":5000,\"message\":\"资源不存在\"}");
        answer("{\"message\":\"no code\"}");
        server.enqueue(new MockResponse().setResponseCode(503).setBody("busy"));
        try (TencentCmemClient cmem = TencentCmemClient.create(config().build())) {
            assertThatThrownBy(() -> cmem.clearCmem(r -> r.cmemName("x")))
                    .isInstanceOfSatisfying(ThrottlingException.class, e -> assertThat(e.code()).isEqualTo("4400"));
            assertThatThrownBy(() -> cmem.clearCmem(r -> r.cmemName("x"))).isInstanceOf(ThrottlingException.class);
            assertThatThrownBy(() -> cmem.clearCmem(r -> r.cmemName("x")))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo("5000"));
            assertThatThrownBy(() -> cmem.describeCmem(r -> r.limit(1L))).isInstanceOf(MalformedResponseException.class);
            assertThatThrownBy(() -> cmem.describeCmem(r -> r.limit(1L)))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.httpStatus()).isEqualTo(503));
        }
    }

    @Test
    void aGetsQueryIsLoggedWithItsSignatureTokenAndPasswordsMasked() throws Exception {
        answer("{\"code\":0,\"message\":\"\",\"codeDesc\":\"Success\",\"data\":{\"requestId\":1}}");
        List<String> log = new ArrayList<>();
        ClientConfig config = config().httpMethod("GET").requestLog(log::add)
                .credentials(new Credentials("AKIDtmp", Secret.of("tmp-secret"), Secret.of("sts-token"))).build();
        try (TencentRedisLegacyClient legacy = TencentRedisLegacyClient.create(config)) {
            legacy.resetRedisPassword(r -> r.redisId("crs-1").password("Sup3r-secret!"));
        }
        Map<String, String> sent = query(server.takeRequest().getRequestUrl().encodedQuery());
        assertThat(sent).containsEntry("password", "Sup3r-secret!").containsEntry("Token", "sts-token");
        assertThat(log).hasSize(1);
        assertThat(log.get(0)).contains("Action=ResetRedisPassword").doesNotContain("Sup3r").doesNotContain("sts-token")
                .doesNotContain(urlEncoded(sent.get("Signature"))).doesNotContain("tmp-secret");
    }

    private static String urlEncoded(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void successIsTheNumberZeroOrTheStringZeroOnly() throws Exception {
        assertThat(TencentV2FormProtocol.isSuccess(JSON.readTree("0"))).isTrue();
        assertThat(TencentV2FormProtocol.isSuccess(JSON.readTree("\"0\""))).isTrue();
        assertThat(TencentV2FormProtocol.isSuccess(JSON.readTree("\"5100\""))).isFalse();
        assertThat(TencentV2FormProtocol.isSuccess(JSON.readTree("4100"))).isFalse();
        assertThat(TencentV2FormProtocol.isSuccess(JSON.readTree("null"))).isFalse();
        assertThat(TencentV2FormProtocol.isSuccess(JSON.readTree("\"\""))).isFalse();
    }

    @Test
    void temporaryKeysSendTheirTokenAndTheSecretNeverReachesTheWire() throws Exception {
        answer("{\"code\":0,\"message\":\"\"}");
        ClientConfig config = config().credentials(new Credentials("AKIDtmp", Secret.of("tmp-secret"), Secret.of("sts-token"))).build();
        try (TencentCmemClient cmem = TencentCmemClient.create(config)) {
            cmem.clearCmem(r -> r.cmemName("x"));
        }
        String body = server.takeRequest().getBody().readUtf8();
        assertThat(query(body)).containsEntry("Token", "sts-token");
        assertThat(body).doesNotContain("tmp-secret");
    }
}
