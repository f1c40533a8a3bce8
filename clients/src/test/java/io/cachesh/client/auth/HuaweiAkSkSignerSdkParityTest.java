package io.cachesh.client.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.huaweicloud.sdk.core.auth.AKSKSigner;
import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.core.http.HttpMethod;
import com.huaweicloud.sdk.core.http.HttpRequest;
import com.huaweicloud.sdk.dcs.v2.DcsClient;
import com.huaweicloud.sdk.dcs.v2.model.BatchDeleteBody;
import com.huaweicloud.sdk.dcs.v2.model.BatchDeleteInstancesRequest;
import com.huaweicloud.sdk.dcs.v2.model.CreateInstanceBody;
import com.huaweicloud.sdk.dcs.v2.model.CreateInstanceRequest;
import com.huaweicloud.sdk.dcs.v2.model.DeleteSingleInstanceRequest;
import com.huaweicloud.sdk.dcs.v2.model.ListInstancesRequest;
import com.huaweicloud.sdk.dcs.v2.model.ShowInstanceRequest;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.core.OperationInfo;
import io.cachesh.client.internal.HuaweiRestProtocol;
import io.cachesh.client.internal.Transport;
import io.cachesh.model.ApiModel;
import io.cachesh.model.Models;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * The official Huawei Cloud SDK (test scope: huaweicloud-sdk-dcs 3.1.130 with huaweicloud-sdk-core 3.1.130) as the
 * oracle for {@link HuaweiAkSkSigner}: (1) its {@code AKSKSigner}, called directly on SDK {@code HttpRequest}s with a
 * fixed {@code X-Sdk-Date}, gives the Authorization we compute for the same request; (2) real {@code DcsClient} calls
 * captured by MockWebServer carry the Authorization we compute from the captured request; (3) the requests our
 * {@link HuaweiRestProtocol} sends are signed exactly as the SDK signs them.
 */
class HuaweiAkSkSignerSdkParityTest {

    private static final String AK = "HWAKPARITY0123456789";
    private static final String SK = "hw-parity-secret-key-0123456789abcdefgh";
    private static final String PROJECT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private static final String DATE = "20261123T135326Z";
    private static final Credentials CREDENTIALS = Credentials.of(AK, SK);

    @Test
    void getWithQueryNeedingEncodingMatchesTheSdkSigner() {
        assertSameAuthorization(HttpMethod.GET, "https://dcs.cn-north-4.myhuaweicloud.com", "/v2/" + PROJECT + "/instances",
                query("offset", "0", "limit", "10", "name", "my redis*~/+x", "status", "RUNNING", "Zeta", "1"),
                headers("User-Agent", "huaweicloud-usdk-java/3.0", "X-Project-Id", PROJECT), null);
    }

    @Test
    void postWithUtf8BodyMatchesTheSdkSigner() {
        assertSameAuthorization(HttpMethod.POST, "http://127.0.0.1:18777", "/v2/" + PROJECT + "/instances", query(),
                headers("X-Project-Id", PROJECT, "Content-Type", "application/json"),
                "{\"name\":\"缓存-1\",\"engine\":\"Redis\",\"capacity\":0.125}");
    }

    @Test
    void deleteWithBodyRepeatedQueryAndUnsignedHeadersMatchesTheSdkSigner() {
        assertSameAuthorization(HttpMethod.DELETE, "http://127.0.0.1:9000", "/v2/" + PROJECT + "/instances",
                query("tags", "b", "tags", "a", "all_failure", "true"),
                headers("X-Project-Id", PROJECT, "X_Not_Signed", "x", "X-Language", "en-us", "X-Security-Token", "st-1"),
                "{\"instances\":[\"i-1\",\"i-2\"]}");
    }

    @Test
    void rootAndTrailingSlashPathsMatchTheSdkSigner() {
        assertSameAuthorization(HttpMethod.GET, "http://127.0.0.1:9000", "/", query(), headers(), null);
        assertSameAuthorization(HttpMethod.PUT, "http://127.0.0.1:9000", "/v2/" + PROJECT + "/instances/i-1/", query(),
                headers("X-Project-Id", PROJECT), "{}");
    }

    @Test
    void officialClientRequestsCarryTheAuthorizationWeCompute() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse().setHeader("Content-Type", "application/json")
                    .setBody("{\"instance_num\":0,\"instances\":[]}"));
            server.enqueue(new MockResponse().setHeader("Content-Type", "application/json")
                    .setBody("{\"instance_id\":\"i-1\",\"status\":\"RUNNING\"}"));
            server.enqueue(new MockResponse().setHeader("Content-Type", "application/json")
                    .setBody("{\"instances\":[{\"instance_id\":\"i-2\",\"instance_name\":\"缓存-1\"}]}"));
            server.enqueue(new MockResponse().setResponseCode(204));
            server.enqueue(new MockResponse().setHeader("Content-Type", "application/json")
                    .setBody("{\"results\":[{\"instance\":\"i-1\",\"result\":\"success\"}]}"));
            server.start();
            DcsClient sdk = DcsClient.newBuilder()
                    .withHttpConfig(HttpConfig.getDefaultHttpConfig().withTimeout(5))
                    .withCredential(new BasicCredentials().withAk(AK).withSk(SK).withProjectId(PROJECT))
                    .withEndpoint("http://127.0.0.1:" + server.getPort())
                    .build();
            sdk.listInstances(new ListInstancesRequest().withOffset(0).withLimit(10).withName("a b*c~").withStatus("RUNNING"));
            sdk.showInstance(new ShowInstanceRequest().withInstanceId("i-1"));
            sdk.createInstance(new CreateInstanceRequest().withBody(new CreateInstanceBody().withName("缓存-1")
                    .withEngine("Redis").withEngineVersion("5.0").withCapacity(0.125f).withSpecCode("redis.ha.xu1.tiny.r2.128")
                    .withAzCodes(List.of("cn-north-4a")).withVpcId("vpc-1").withSubnetId("subnet-1")));
            sdk.deleteSingleInstance(new DeleteSingleInstanceRequest().withInstanceId("i-1"));
            sdk.batchDeleteInstances(new BatchDeleteInstancesRequest().withAllFailure(false)
                    .withBody(new BatchDeleteBody().withInstances(List.of("i-1", "i-2"))));

            for (int i = 0; i < 5; i++) {
                RecordedRequest sent = server.takeRequest();
                String authorization = sent.getHeader("Authorization");
                HuaweiAkSkSigner.Authorization parsed = HuaweiAkSkSigner.Authorization.parse(authorization);
                assertThat(parsed).as(sent.getRequestLine()).isNotNull();
                assertThat(parsed.signedHeaders()).contains("host", "x-sdk-date", "x-project-id").doesNotContain("content-type");
                assertThat(sent.getHeader("X-Project-Id")).isEqualTo(PROJECT);
                Map<String, String> signed = new LinkedHashMap<>();
                for (String name : parsed.signedHeaders()) signed.put(name, sent.getHeader(name));
                HttpUrl url = sent.getRequestUrl();
                HuaweiAkSkSigner.Input ours = new HuaweiAkSkSigner.Input(sent.getMethod(), url.encodedPath(),
                        HuaweiAkSkSigner.parseQuery(url.encodedQuery()), signed, sent.getBody().readByteArray());
                assertThat(HuaweiAkSkSigner.authorization(CREDENTIALS, ours)).as(sent.getRequestLine()).isEqualTo(authorization);
                assertThat(HuaweiAkSkSigner.verify(CREDENTIALS, authorization, ours)).isTrue();
                assertThat(HuaweiAkSkSigner.verify(Credentials.of(AK, SK + "x"), authorization, ours)).isFalse();
            }
        }
    }

    @Test
    void requestsOfOurProtocolAreSignedAsTheSdkSignsThem() {
        ApiModel model = Models.load("huawei-dcs-v2");
        ClientConfig config = ClientConfig.builder().credentials(new Credentials(AK, Secret.of(SK), Secret.of("sts-token")))
                .projectId(PROJECT).endpoint("http://127.0.0.1:9000")
                .clock(Clock.fixed(Instant.parse("2026-11-23T13:53:26Z"), ZoneOffset.UTC)).build();
        HuaweiRestProtocol protocol = HuaweiRestProtocol.of(model, config, HttpUrl.get("http://127.0.0.1:9000/"), Transport.MAPPER);
        check(protocol.request(OperationInfo.of(model, "ListInstances"),
                bytes("{\"offset\":0,\"limit\":10,\"name\":\"my redis\",\"status\":\"RUNNING\"}")));
        check(protocol.request(OperationInfo.of(model, "CreateInstance"),
                bytes("{\"name\":\"缓存-1\",\"engine\":\"Redis\",\"capacity\":0.125,\"az_codes\":[\"cn-north-4a\"]}")));
        check(protocol.request(OperationInfo.of(model, "BatchDeleteInstances"),
                bytes("{\"all_failure\":true,\"instances\":[\"i-1\",\"i-2\"]}")));
        check(protocol.request(OperationInfo.of(model, "DeleteSingleInstance"), bytes("{\"instance_id\":\"i-1\"}")));
    }

    /** Re-signs one of our requests with the SDK's signer (same method, URL, headers, body, date). */
    private static void check(Request ours) {
        try {
            HttpUrl url = ours.url();
            String body = null;
            if (ours.body() != null) {
                Buffer buffer = new Buffer();
                ours.body().writeTo(buffer);
                body = buffer.readUtf8();
            }
            Map<String, List<String>> queryParams = new LinkedHashMap<>();
            for (int i = 0; i < url.querySize(); i++) {
                queryParams.computeIfAbsent(url.queryParameterName(i), k -> new ArrayList<>()).add(url.queryParameterValue(i));
            }
            HttpRequest.HttpRequestBuilder sdk = HttpRequest.newBuilder().withMethod(HttpMethod.valueOf(ours.method()))
                    .withEndpoint(url.scheme() + "://" + url.host() + ":" + url.port()).withPath(url.encodedPath());
            queryParams.forEach(sdk::addQueryParam);
            for (String name : ours.headers().names()) {
                if (!name.equalsIgnoreCase("Authorization") && !name.equalsIgnoreCase("Host")) sdk.addHeader(name, ours.header(name));
            }
            if (body != null && !body.isEmpty()) sdk.withBodyAsString(body);
            Map<String, String> expected = AKSKSigner.getInstance().sign(sdk.build(),
                    new BasicCredentials().withAk(AK).withSk(SK));
            assertThat(ours.header("Authorization")).as(ours.method() + " " + url).isEqualTo(expected.get("Authorization"));
            assertThat(ours.header("X-Sdk-Date")).isEqualTo(DATE);
            assertThat(ours.header("X-Project-Id")).isEqualTo(PROJECT);
            assertThat(ours.header("X-Security-Token")).isEqualTo("sts-token");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertSameAuthorization(HttpMethod method, String endpoint, String path,
                                                List<Map.Entry<String, String>> query, Map<String, String> headers,
                                                String body) {
        HttpRequest.HttpRequestBuilder sdk = HttpRequest.newBuilder().withMethod(method).withEndpoint(endpoint).withPath(path);
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        for (Map.Entry<String, String> q : query) grouped.computeIfAbsent(q.getKey(), k -> new ArrayList<>()).add(q.getValue());
        grouped.forEach(sdk::addQueryParam);
        headers.forEach(sdk::addHeader);
        sdk.addHeader("X-Sdk-Date", DATE);
        if (body != null) sdk.withBodyAsString(body);
        Map<String, String> expected = AKSKSigner.getInstance().sign(sdk.build(), new BasicCredentials().withAk(AK).withSk(SK));

        Map<String, String> ourHeaders = new LinkedHashMap<>(headers);
        ourHeaders.put("Host", HttpUrl.get(endpoint).port() == HttpUrl.defaultPort(HttpUrl.get(endpoint).scheme())
                ? HttpUrl.get(endpoint).host() : HttpUrl.get(endpoint).host() + ":" + HttpUrl.get(endpoint).port());
        ourHeaders.put("X-Sdk-Date", DATE);
        HuaweiAkSkSigner.Input ours = new HuaweiAkSkSigner.Input(method.name(), path, query, ourHeaders,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        String authorization = HuaweiAkSkSigner.authorization(CREDENTIALS, ours);
        assertThat(authorization).isEqualTo(expected.get("Authorization"));
        assertThat(HuaweiAkSkSigner.verify(CREDENTIALS, authorization, ours)).isTrue();
    }

    private static List<Map.Entry<String, String>> query(String... pairs) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) out.add(Map.entry(pairs[i], pairs[i + 1]));
        return out;
    }

    private static Map<String, String> headers(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) out.put(pairs[i], pairs[i + 1]);
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
