package io.cachesh.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachesh.client.auth.Credentials;
import io.cachesh.client.auth.Secret;
import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.core.ClientRuntime;
import io.cachesh.client.tencent.redis.TencentRedisOperations;
import io.cachesh.model.Models;
import io.cachesh.client.core.FakeTime;
import io.cachesh.client.error.ApiException;
import io.cachesh.client.error.AuthException;
import io.cachesh.client.error.InvalidParameterException;
import io.cachesh.client.error.MalformedResponseException;
import io.cachesh.client.error.NotFoundException;
import io.cachesh.client.error.ThrottlingException;
import io.cachesh.client.error.TransportException;
import io.cachesh.client.retry.RetryPolicy;
import io.cachesh.client.tencent.redis.TencentRedisClient;
import io.cachesh.client.tencent.redis.model.DescribeInstancesRequest;
import io.cachesh.client.tencent.redis.model.DescribeTaskInfoResponse;
import io.cachesh.client.tencent.redis.model.InstanceSet;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The generated Tencent client over the real runtime against MockWebServer: what goes on the wire, what comes back. */
class Tc3JsonProtocolTest {

    static final String SECRET_KEY = "s3cr3t-KEY-never-printed-0123456";
    static final Credentials CREDENTIALS = Credentials.of("AKIDtest", SECRET_KEY);

    private final MockWebServer server = new MockWebServer();
    private final FakeTime time = new FakeTime();
    private final List<String> log = new ArrayList<>();
    private TencentRedisClient client;

    @BeforeEach
    void start() throws Exception {
        server.start();
        client = TencentRedisClient.create(config().build());
    }

    ClientConfig.Builder config() {
        return ClientConfig.builder().credentials(CREDENTIALS).region("ap-guangzhou")
                .endpoint("http://127.0.0.1:" + server.getPort()).clock(time).rateLimiting(false)
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).sleeper(time).random(() -> 0).build())
                .readTimeout(Duration.ofSeconds(2)).requestLog(log::add);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.shutdown();
    }

    private void answer(String responseJson) {
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(responseJson));
    }

    @Test
    void sendsASignedTc3RequestAndBindsTheResponse() throws Exception {
        answer("""
                {"Response":{"Status":"succeed","TaskMessage":"ok","InstanceId":"crs-1","NewField":[1],
                 "RequestId":"req-1"}}""");

        DescribeTaskInfoResponse response = client.describeTaskInfo(r -> r.taskId(18215L));

        assertThat(response.status()).isEqualTo("succeed");
        assertThat(response.instanceId()).isEqualTo("crs-1");
        assertThat(response.requestId()).isEqualTo("req-1");

        RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
        String host = "127.0.0.1:" + server.getPort();
        String body = request.getBody().readUtf8();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getPath()).isEqualTo("/");
        assertThat(body).isEqualTo("{\"TaskId\":18215}");
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(request.getHeader("Host")).isEqualTo(host);
        assertThat(request.getHeader("X-TC-Action")).isEqualTo("DescribeTaskInfo");
        assertThat(request.getHeader("X-TC-Version")).isEqualTo("2018-04-12");
        assertThat(request.getHeader("X-TC-Region")).isEqualTo("ap-guangzhou");
        assertThat(request.getHeader("X-TC-Timestamp")).isEqualTo("1551113065");
        assertThat(request.getHeader("X-TC-Token")).isNull();
        assertThat(request.getHeader("Authorization")).isEqualTo(expectedAuthorization(host, body, 1551113065L));
    }

    /** TC3 recomputed here from the seed's algorithm (spec/tencent-redis-a.md 402-432), independently of Tc3Signer. */
    static String expectedAuthorization(String host, String body, long timestamp) throws Exception {
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        java.util.HexFormat hex = java.util.HexFormat.of();
        String canonical = "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:" + host
                + "\n\ncontent-type;host\n" + hex.formatHex(sha.digest(body.getBytes(StandardCharsets.UTF_8)));
        String date = java.time.LocalDate.ofInstant(java.time.Instant.ofEpochSecond(timestamp), java.time.ZoneOffset.UTC).toString();
        String scope = date + "/redis/tc3_request";
        String toSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + scope + "\n"
                + hex.formatHex(sha.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("TC3" + SECRET_KEY).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, "redis");
        key = hmac(key, "tc3_request");
        return "TC3-HMAC-SHA256 Credential=AKIDtest/" + scope + ", SignedHeaders=content-type;host, Signature="
                + hex.formatHex(hmac(key, toSign));
    }

    static byte[] hmac(byte[] key, String data) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void sendsTheTokenOfTemporaryCredentials() throws Exception {
        client.close();
        client = TencentRedisClient.create(config().credentials(new Credentials("AKIDtmp", Secret.of(SECRET_KEY),
                Secret.of("sts-token-1"))).build());
        answer("{\"Response\":{\"Status\":\"running\",\"RequestId\":\"r\"}}");
        client.describeTaskInfo(r -> r.taskId(1L));
        assertThat(server.takeRequest().getHeader("X-TC-Token")).isEqualTo("sts-token-1");
        assertThat(log).singleElement().asString().doesNotContain("sts-token-1").doesNotContain(SECRET_KEY);
    }

    @Test
    void errorEnvelopeBecomesATypedExceptionWithCodeMessageAndRequestId() {
        Map<String, Class<? extends ApiException>> cases = Map.of(
                "AuthFailure.SignatureFailure", AuthException.class,
                "ResourceNotFound.InstanceNotExists", NotFoundException.class,
                "InvalidParameterValue.Range", InvalidParameterException.class,
                "MissingParameter", InvalidParameterException.class,
                "UnknownParameter", InvalidParameterException.class,
                "InvalidParameter.PermissionDenied", AuthException.class,   // the model's kind wins over the prefix
                "FailedOperation.SystemError", ApiException.class);
        cases.forEach((code, type) -> {
            answer("{\"Response\":{\"Error\":{\"Code\":\"" + code + "\",\"Message\":\"it broke\"},\"RequestId\":\"req-9\"}}");
            assertThatThrownBy(() -> client.describeTaskInfo(r -> r.taskId(1L)))
                    .isExactlyInstanceOf(type)
                    .hasMessage("tencent " + code + ": it broke (RequestId req-9)")
                    .satisfies(e -> {
                        ApiException api = (ApiException) e;
                        assertThat(api.code()).isEqualTo(code);
                        assertThat(api.requestId()).isEqualTo("req-9");
                        assertThat(api.httpStatus()).isEqualTo(200);
                        assertThat(api.vendor()).isEqualTo("tencent");
                    });
        });
        assertThat(server.getRequestCount()).isEqualTo(cases.size());
    }

    @Test
    void throttlingIsRetriedEvenForANonIdempotentAction() throws Exception {
        answer("{\"Response\":{\"Error\":{\"Code\":\"RequestLimitExceeded\",\"Message\":\"slow\"},\"RequestId\":\"a\"}}");
        answer("{\"Response\":{\"TaskId\":7,\"RequestId\":\"b\"}}");
        var response = client.clearInstance(r -> r.instanceId("crs-1").password("pw"));
        assertThat(response.taskId()).isEqualTo(7L);
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(time.sleeps).hasSize(1);
        // each attempt is signed afresh, with the timestamp of its own sending
        assertThat(server.takeRequest().getHeader("X-TC-Timestamp")).isEqualTo("1551113065");
        assertThat(server.takeRequest().getHeader("X-TC-Timestamp")).isEqualTo(Long.toString(time.instant().getEpochSecond()));
    }

    @Test
    void throttlingGivesUpAfterMaxAttempts() {
        for (int i = 0; i < 3; i++) {
            answer("{\"Response\":{\"Error\":{\"Code\":\"RequestLimitExceeded.UinLimitExceeded\",\"Message\":\"slow\"},\"RequestId\":\"r" + i + "\"}}");
        }
        assertThatThrownBy(() -> client.describeTaskInfo(r -> r.taskId(1L)))
                .isInstanceOf(ThrottlingException.class).hasMessageContaining("(RequestId r2)");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void serverErrorIsRetriedForIdempotentDescribe() {
        server.enqueue(new MockResponse().setResponseCode(503).setBody("upstream down"));
        answer("{\"Response\":{\"Status\":\"succeed\",\"RequestId\":\"r\"}}");
        assertThat(client.describeTaskInfo(r -> r.taskId(1L)).status()).isEqualTo("succeed");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void serverErrorIsNotRetriedForNonIdempotentClear() {
        server.enqueue(new MockResponse().setResponseCode(502).setBody("bad gateway"));
        assertThatThrownBy(() -> client.clearInstance(r -> r.instanceId("crs-1")))
                .isExactlyInstanceOf(ApiException.class)
                .hasMessageStartingWith("tencent HttpError.502: HTTP 502 Server Error from tencent-redis ClearInstance at http://127.0.0.1:")
                .hasMessageEndingWith(": 'bad gateway'")
                .satisfies(e -> assertThat(((ApiException) e).httpStatus()).isEqualTo(502));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void readTimeoutIsRetriedOnlyForIdempotentActions() {
        client.close();
        client = TencentRedisClient.create(config().readTimeout(Duration.ofMillis(200)).build());
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        answer("{\"Response\":{\"Status\":\"succeed\",\"RequestId\":\"r\"}}");
        assertThat(client.describeTaskInfo(r -> r.taskId(1L)).status()).isEqualTo("succeed");
        assertThat(server.getRequestCount()).isEqualTo(2);

        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        assertThatThrownBy(() -> client.clearInstance(r -> r.instanceId("crs-1")))
                .isInstanceOf(TransportException.class)
                .hasMessageStartingWith("tencent-redis ClearInstance failed: timed out after 0.2 s waiting for 127.0.0.1:")
                .hasMessageEndingWith(TransportException.MAY_HAVE_BEEN_PERFORMED);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void anErrorAfterTheDataOrInAnUntypedCallStillWins() {
        // the one-pass reading of success answers watches for Error wherever it stands in Response
        answer("{\"Response\":{\"TotalCount\":1,\"InstanceSet\":[{\"InstanceId\":\"crs-1\"}],"
                + "\"Error\":{\"Code\":\"ResourceNotFound.InstanceNotExists\",\"Message\":\"gone\"},\"RequestId\":\"req-7\"}}");
        assertThatThrownBy(() -> client.describeInstances(r -> r.limit(1L)))
                .isExactlyInstanceOf(NotFoundException.class)
                .hasMessage("tencent ResourceNotFound.InstanceNotExists: gone (RequestId req-7)");

        answer("{\"Response\":{\"Status\":\"running\",\"Error\":{\"Code\":\"FailedOperation.SystemError\","
                + "\"Message\":\"down\"},\"RequestId\":\"req-8\"}}");
        ClientRuntime runtime = ClientRuntime.create(Models.load("tencent-redis"), config().build());
        assertThatThrownBy(() -> runtime.invoke(TencentRedisOperations.DESCRIBE_TASK_INFO,
                Map.of("TaskId", 1), JsonNode.class))
                .isExactlyInstanceOf(ApiException.class)
                .hasMessage("tencent FailedOperation.SystemError: down (RequestId req-8)");

        // two Response members: the last counts, as with a tree
        answer("{\"Response\":{\"Status\":\"running\"},\"Response\":{\"Status\":\"succeed\",\"RequestId\":\"r\"}}");
        assertThat(client.describeTaskInfo(r -> r.taskId(1L)).status()).isEqualTo("succeed");
    }

    @Test
    void malformedBodiesGiveAClearMessageNotAJacksonTrace() {
        answer("<html>oops</html>");
        assertThatThrownBy(() -> client.describeTaskInfo(r -> r.taskId(1L)))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageStartingWith("tencent-redis DescribeTaskInfo at http://127.0.0.1:")
                .hasMessageContaining(": the answer is not JSON (Unexpected character ('<' (code 60))")
                .hasMessageEndingWith(": '<html>oops</html>'")
                .message().doesNotContain("\n").doesNotContain("com.fasterxml");

        answer("{\"NoEnvelope\":1}");
        assertThatThrownBy(() -> client.describeTaskInfo(r -> r.taskId(1L)))
                .hasMessageEndingWith(": the answer has no \"Response\" object: '{\"NoEnvelope\":1}'");

        answer("{\"Response\":{\"TotalCount\":\"many\",\"RequestId\":\"r\"}}");
        assertThatThrownBy(() -> client.describeInstances(r -> r.limit(1L)))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("cannot read the answer as DescribeInstancesResponse (")
                .message().doesNotContain("\n");
    }

    @Test
    void iterableFetchesPagesUntilTheTotal() throws Exception {
        answer("{\"Response\":{\"TotalCount\":3,\"InstanceSet\":[{\"InstanceId\":\"a\"},{\"InstanceId\":\"b\"}],\"RequestId\":\"1\"}}");
        answer("{\"Response\":{\"TotalCount\":3,\"InstanceSet\":[{\"InstanceId\":\"c\"}],\"RequestId\":\"2\"}}");
        List<String> ids = new ArrayList<>();
        for (InstanceSet i : client.describeInstancesIterable(DescribeInstancesRequest.builder().limit(2L).build())) {
            ids.add(i.instanceId());
        }
        assertThat(ids).containsExactly("a", "b", "c");
        assertThat(server.takeRequest().getBody().readUtf8()).isEqualTo("{\"Limit\":2,\"Offset\":0}");
        assertThat(server.takeRequest().getBody().readUtf8()).isEqualTo("{\"Limit\":2,\"Offset\":2}");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void everyAttemptIsLoggedOnOneRedactedLine() throws Exception {
        answer("{\"Response\":{\"Status\":\"succeed\",\"RequestId\":\"r\"}}");
        client.describeTaskInfo(r -> r.taskId(1L));
        assertThat(log).singleElement().asString()
                .startsWith("tencent-redis DescribeTaskInfo POST http://127.0.0.1:" + server.getPort() + "/ -> 200 in ")
                .contains("X-TC-Action: DescribeTaskInfo")
                .contains("Authorization: TC3-HMAC-SHA256 Credential=AKIDtest/2019-02-25/redis/tc3_request, "
                        + "SignedHeaders=content-type;host, Signature=******")
                .doesNotContain(SECRET_KEY);
    }

    @Test
    void endpointComesFromTheModelForTheRegionUnlessOverridden() {
        var model = io.cachesh.model.Models.load("tencent-redis");
        assertThat(DefaultClientRuntime.endpoint(model, config().endpoint(null).build()).toString())
                .isEqualTo("https://redis.ap-guangzhou.tencentcloudapi.com/");
        assertThat(DefaultClientRuntime.endpoint(model, config().endpoint(null).region(null).build()).toString())
                .isEqualTo("https://redis.tencentcloudapi.com/");
        assertThat(DefaultClientRuntime.endpoint(model, config().endpoint("127.0.0.1:9000").build()).toString())
                .isEqualTo("https://127.0.0.1:9000/");
        assertThat(Tc3JsonProtocol.hostHeader(okhttp3.HttpUrl.get("https://redis.tencentcloudapi.com/")))
                .isEqualTo("redis.tencentcloudapi.com");
    }

    @Test
    void aClosedClientRefusesCalls() {
        client.close();
        assertThatThrownBy(() -> client.describeTaskInfo(r -> r.taskId(1L)))
                .isInstanceOf(IllegalStateException.class).hasMessage("tencent-redis client is closed");
    }
}
