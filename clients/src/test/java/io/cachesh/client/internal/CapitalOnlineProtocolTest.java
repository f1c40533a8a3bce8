package io.cachesh.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachesh.client.auth.CapitalOnlineSigner;
import io.cachesh.client.auth.CapitalOnlineSigner.KeyDerivation;
import io.cachesh.client.auth.Credentials;
import io.cachesh.client.auth.Secret;
import io.cachesh.client.capitalonline.memcached.CapitalOnlineMemcachedClient;
import io.cachesh.client.capitalonline.memcached.CapitalOnlineMemcachedWaiters;
import io.cachesh.client.capitalonline.memcached.model.CreateMemcachedInstanceResponse;
import io.cachesh.client.capitalonline.memcached.model.DescribeMemcachedInstanceData;
import io.cachesh.client.capitalonline.memcached.model.MemcachedInstanceListResponse;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.core.FakeTime;
import io.cachesh.client.core.OperationInfo;
import io.cachesh.client.core.WaiterTimeoutException;
import io.cachesh.client.error.ApiException;
import io.cachesh.client.error.AuthException;
import io.cachesh.client.error.InvalidParameterException;
import io.cachesh.client.error.MalformedResponseException;
import io.cachesh.client.error.TaskFailedException;
import io.cachesh.client.retry.RetryPolicy;
import io.cachesh.model.Models;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CapitalOnline OpenAPI: the signature over a fixed input, computed independently here with the JDK's Mac for both
 * key derivations; the Memcached client's wire against MockWebServer; the {@code Code} envelope and its errors;
 * waiters that poll Describe (the API has no task query).
 */
class CapitalOnlineProtocolTest {

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

    private static final Map<String, String> FIXED = new TreeMap<>(Map.of(
            "Action", "DescribeMemcachedInstance", "AccessKeyId", "ak-0123", "SignatureMethod", "HMAC-SHA1",
            "SignatureNonce", "5b0c2e4a-1f0e-11ee-9d57-860f13187611", "SignatureVersion", "1.0",
            "Timestamp", "2019-08-08T12:00:00Z", "Version", "2019-08-08", "Keyword", "a b*c~d/中"));

    /** The canonical query and string to sign written out by hand from the published rules. */
    private static final String CANONICAL = "AccessKeyId=ak-0123&Action=DescribeMemcachedInstance&Keyword=a%20b%2Ac~d%2F%E4%B8%AD"
            + "&SignatureMethod=HMAC-SHA1&SignatureNonce=5b0c2e4a-1f0e-11ee-9d57-860f13187611&SignatureVersion=1.0"
            + "&Timestamp=2019-08-08T12%3A00%3A00Z&Version=2019-08-08";

    private static String hmacSha1(String key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void signatureOverAFixedInputMatchesAHandComputedHmacForBothKeyDerivations() throws Exception {
        assertThat(CapitalOnlineSigner.canonicalQuery(FIXED)).isEqualTo(CANONICAL);
        // the canonical query encoded once more: % -> %25, = -> %3D, & -> %26; its "~" stays (RFC 3986 unreserved)
        String toSign = "GET&%2F&" + CANONICAL.replace("%", "%25").replace("=", "%3D").replace("&", "%26");
        assertThat(toSign).doesNotContain("+").doesNotContain("*");
        assertThat(CapitalOnlineSigner.stringToSign("get", FIXED)).isEqualTo(toSign);
        String secret = "secret-4567";
        String withAmpersand = hmacSha1(secret + "&", toSign);
        String bare = hmacSha1(secret, toSign);
        assertThat(withAmpersand).isNotEqualTo(bare);
        assertThat(CapitalOnlineSigner.signature(Secret.of(secret), KeyDerivation.SECRET_AMPERSAND, toSign)).isEqualTo(withAmpersand);
        assertThat(CapitalOnlineSigner.signature(Secret.of(secret), KeyDerivation.SECRET_ONLY, toSign)).isEqualTo(bare);
        var signed = CapitalOnlineSigner.sign(Secret.of(secret), KeyDerivation.SECRET_AMPERSAND, "GET", FIXED);
        assertThat(signed).containsEntry("Signature", withAmpersand);
        assertThat(CapitalOnlineSigner.verify(Secret.of(secret), KeyDerivation.SECRET_AMPERSAND, "GET", signed)).isTrue();
        assertThat(CapitalOnlineSigner.verify(Secret.of(secret), KeyDerivation.SECRET_ONLY, "GET", signed)).isFalse();
        assertThat(CapitalOnlineSigner.verify(Secret.of(secret), KeyDerivation.SECRET_AMPERSAND, "POST", signed)).isFalse();
    }

    @Test
    void percentEncodingIsRfc3986() {
        assertThat(CapitalOnlineSigner.percentEncode("a b*c~d+e/f=g&h-_.")).isEqualTo("a%20b%2Ac~d%2Be%2Ff%3Dg%26h-_.");
        assertThat(CapitalOnlineSigner.timestamp(Instant.parse("2019-08-08T12:00:00.987Z"))).isEqualTo("2019-08-08T12:00:00Z");
    }

    private ClientConfig.Builder config() {
        return ClientConfig.builder().credentials(Credentials.of("ak-0123", "secret-4567")).endpoint(endpoint)
                .retryPolicy(RetryPolicy.none());
    }

    private void answer(int status, String body) {
        server.enqueue(new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body));
    }

    private static Map<String, String> query(HttpUrl url) {
        Map<String, String> out = new TreeMap<>();
        for (String name : url.queryParameterNames()) out.put(name, url.queryParameter(name));
        return out;
    }

    @Test
    void postsTheJsonBodyToSlashMemcachedWithTheSignatureInTheQuery() throws Exception {
        answer(200, "{\"Code\":\"Success\",\"Message\":\"创建成功\",\"Data\":{\"InstanceIds\":[\"b2f4\"],\"TaskIds\":[857]}}");
        Instant now = Instant.parse("2026-11-29T12:00:00Z");
        try (CapitalOnlineMemcachedClient memcached = CapitalOnlineMemcachedClient.create(
                config().clock(Clock.fixed(now, ZoneOffset.UTC)).build())) {
            CreateMemcachedInstanceResponse created = memcached.createMemcachedInstance(r -> r.instanceName("cache-1")
                    .confSize("2G").vdcId("vdc-1").pipeId("pipe-1").amount(1L).regionId("CN_Beijing_A"));
            assertThat(created.code()).isEqualTo("Success");
            assertThat(created.data().instanceIds()).containsExactly("b2f4");
            assertThat(created.data().taskIds()).containsExactly(857L);
        }
        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getMethod()).isEqualTo("POST");
        assertThat(sent.getRequestUrl().encodedPath()).isEqualTo("/memcached");
        assertThat(sent.getHeader("Content-Type")).startsWith("application/json");
        assertThat(sent.getBody().readUtf8()).isEqualTo("{\"InstanceName\":\"cache-1\",\"ConfSize\":\"2G\",\"VdcId\":\"vdc-1\","
                + "\"PipeId\":\"pipe-1\",\"Amount\":1,\"RegionId\":\"CN_Beijing_A\"}");
        Map<String, String> params = query(sent.getRequestUrl());
        assertThat(params).containsEntry("Action", "CreateMemcachedInstance").containsEntry("AccessKeyId", "ak-0123")
                .containsEntry("SignatureMethod", "HMAC-SHA1").containsEntry("SignatureVersion", "1.0")
                .containsEntry("Timestamp", "2026-11-29T12:00:00Z").containsEntry("Version", "2019-08-08")
                .containsKeys("SignatureNonce", "Signature").hasSize(8);
        assertThat(CapitalOnlineSigner.verify(Secret.of("secret-4567"), KeyDerivation.SECRET_ONLY, "POST", params)).isTrue();
        assertThat(sent.getRequestUrl().toString()).doesNotContain("secret-4567");
    }

    @Test
    void theKeyDerivationIsAConfigSwitch() throws Exception {
        answer(200, "{\"Code\":\"0000\",\"Message\":\"\",\"Data\":{\"TaskId\":917}}");
        try (CapitalOnlineMemcachedClient memcached = CapitalOnlineMemcachedClient.create(
                config().capitalOnlineKeyDerivation(KeyDerivation.SECRET_AMPERSAND).build())) {
            assertThat(memcached.clearMemcachedInstance(r -> r.instanceId("i-1")).data().taskId()).isEqualTo(917L);
        }
        Map<String, String> params = query(server.takeRequest().getRequestUrl());
        assertThat(CapitalOnlineSigner.verify(Secret.of("secret-4567"), KeyDerivation.SECRET_AMPERSAND, "POST", params)).isTrue();
        assertThat(CapitalOnlineSigner.verify(Secret.of("secret-4567"), KeyDerivation.SECRET_ONLY, "POST", params)).isFalse();
    }

    @Test
    void theProtocolSignsWithAFixedNonceReproducibly() {
        ClientConfig config = ClientConfig.builder().credentials(Credentials.of("ak-0123", "secret-4567"))
                .clock(Clock.fixed(Instant.parse("2019-08-08T12:00:00Z"), ZoneOffset.UTC)).build();
        CapitalOnlineProtocol protocol = new CapitalOnlineProtocol(Models.load("capitalonline-memcached"), config,
                HttpUrl.get("https://cdsapi.capitalonline.net/"), () -> "5b0c2e4a-1f0e-11ee-9d57-860f13187611");
        Request request = protocol.request(OperationInfo.of(Models.load("capitalonline-memcached"), "DescribeMemcachedInstance"),
                "{\"InstanceId\":\"i-1\"}".getBytes(StandardCharsets.UTF_8));
        Map<String, String> expected = new TreeMap<>(FIXED);
        expected.remove("Keyword");
        String toSign = "POST&%2F&" + CapitalOnlineSigner.canonicalQuery(expected).replace("%", "%25").replace("=", "%3D")
                .replace("&", "%26");
        assertThat(request.url().host()).isEqualTo("cdsapi.capitalonline.net");
        assertThat(request.url().queryParameter("Signature"))
                .isEqualTo(CapitalOnlineSigner.signature(Secret.of("secret-4567"), KeyDerivation.SECRET_ONLY, toSign));
        assertThat(URLDecoder.decode(request.url().encodedQuery(), StandardCharsets.UTF_8)).doesNotContain("InstanceId");
    }

    @Test
    void numbersSentAsStringsBind() {
        answer(200, "{\"Code\":\"Success\",\"Message\":\"获取成功\",\"Data\":{\"RunningTotal\":\"1\",\"Total\":1,\"InstanceList\":"
                + "[{\"InstanceId\":\"i-1\",\"Port\":\"11211\",\"Status\":\"running\",\"Address\":\"10.0.0.1\"}]}}");
        try (CapitalOnlineMemcachedClient memcached = CapitalOnlineMemcachedClient.create(config().build())) {
            MemcachedInstanceListResponse list = memcached.memcachedInstanceList(r -> r.keyword("i-1"));
            assertThat(list.data().runningTotal()).isEqualTo(1L);
            assertThat(list.data().instanceList().get(0).port()).isEqualTo(11211L);
        }
    }

    @Test
    void errorsMapThroughTheModelThenTheCodeThenTheStatus() {
        answer(200, "{\"Code\":\"20001\",\"Message\":\"参数缺失,conf_size,site_id ,app_id, pipe_id为必传参数\",\"Data\":{}}");
        answer(403, "{\"Code\":\"InvalidSignature\",\"Message\":\"signature mismatch\",\"RequestId\":\"req-9\"}");
        answer(502, "<html>bad gateway</html>");
        answer(200, "{\"Message\":\"no code\"}");
        answer(200, "{\"Code\":\"ResourceNotFound\",\"Message\":\"gone\"}");
        try (CapitalOnlineMemcachedClient memcached = CapitalOnlineMemcachedClient.create(config().build())) {
            assertThatThrownBy(() -> memcached.createMemcachedInstance(r -> r.instanceName("x")))
                    .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                        assertThat(e.code()).isEqualTo("20001");
                        assertThat(e.vendor()).isEqualTo("capitalonline");
                        assertThat(e.getMessage()).contains("pipe_id为必传参数");
                    });
            assertThatThrownBy(() -> memcached.describeMemcachedInstance(r -> r.instanceId("i-1")))
                    .isInstanceOfSatisfying(AuthException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(403);
                        assertThat(e.requestId()).isEqualTo("req-9");
                    });
            assertThatThrownBy(() -> memcached.describeMemcachedInstance(r -> r.instanceId("i-1")))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("HttpError.502"));
            assertThatThrownBy(() -> memcached.describeMemcachedInstance(r -> r.instanceId("i-1")))
                    .isInstanceOf(MalformedResponseException.class);
            assertThatThrownBy(() -> memcached.describeMemcachedInstance(r -> r.instanceId("i-1")))
                    .isInstanceOf(io.cachesh.client.error.NotFoundException.class);
        }
    }

    @Test
    void waitersPollDescribeUntilRunningAndTheListUntilGone() {
        answer(200, "{\"Code\":\"Success\",\"Data\":{\"InstanceId\":\"i-1\",\"Status\":\"creating\"}}");
        answer(200, "{\"Code\":\"Success\",\"Data\":{\"InstanceId\":\"i-1\",\"Status\":\"running\",\"Port\":\"11211\"}}");
        answer(200, "{\"Code\":\"Success\",\"Data\":{\"InstanceList\":[{\"InstanceId\":\"i-1\",\"Status\":\"deleting\"}]}}");
        answer(200, "{\"Code\":\"Success\",\"Data\":{\"InstanceList\":[]}}");
        answer(200, "{\"Code\":\"Success\",\"Data\":{\"InstanceId\":\"i-2\",\"Status\":\"error\"}}");
        answer(200, "{\"Code\":\"Success\",\"Data\":{\"InstanceId\":\"i-3\",\"Status\":\"updating\"}}");
        answer(200, "{\"Code\":\"Success\",\"Data\":{\"InstanceId\":\"i-3\",\"Status\":\"updating\"}}");
        answer(200, "{\"Code\":\"Success\",\"Data\":{\"InstanceId\":\"i-3\",\"Status\":\"updating\"}}");
        answer(200, "{\"Code\":\"Success\",\"Data\":{\"InstanceId\":\"i-3\",\"Status\":\"updating\"}}");
        answer(200, "{\"Code\":\"Success\",\"Data\":{\"InstanceId\":\"i-3\",\"Status\":\"updating\"}}");
        FakeTime time = new FakeTime();
        try (CapitalOnlineMemcachedClient memcached = CapitalOnlineMemcachedClient.create(config().build())) {
            CapitalOnlineMemcachedWaiters waiters = CapitalOnlineMemcachedWaiters.create(memcached)
                    .withInterval(Duration.ofSeconds(5)).withClock(time, time);
            DescribeMemcachedInstanceData running = waiters.waitForInstanceStatus("i-1", CapitalOnlineMemcachedWaiters.RUNNING,
                    Duration.ofMinutes(5));
            assertThat(running.port()).isEqualTo(11211L);
            waiters.waitForInstanceDeleted("i-1", Duration.ofMinutes(5));
            assertThatThrownBy(() -> waiters.waitForInstanceStatus("i-2", "running", Duration.ofMinutes(5)))
                    .isInstanceOfSatisfying(TaskFailedException.class, e -> assertThat(e.status()).isEqualTo("error"));
            assertThatThrownBy(() -> waiters.waitForInstanceStatus("i-3", "running", Duration.ofSeconds(6)))
                    .isInstanceOf(WaiterTimeoutException.class);
        }
        assertThat(time.sleeps).contains(Duration.ofSeconds(5));
    }
}
