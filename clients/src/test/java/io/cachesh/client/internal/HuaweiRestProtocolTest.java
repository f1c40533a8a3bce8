package io.cachesh.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.client.auth.Credentials;
import io.cachesh.client.auth.HuaweiAkSkSigner;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.core.ClientRuntime;
import io.cachesh.client.core.OperationInfo;
import io.cachesh.client.error.ApiException;
import io.cachesh.client.error.AuthException;
import io.cachesh.client.error.InvalidParameterException;
import io.cachesh.client.error.NotFoundException;
import io.cachesh.client.error.ThrottlingException;
import io.cachesh.client.huawei.dcs.HuaweiDcsClient;
import io.cachesh.client.huawei.dcs.model.DeleteSingleInstanceResponse;
import io.cachesh.client.huawei.dcs.model.InstanceListInfo;
import io.cachesh.client.huawei.dcs.model.ListInstancesResponse;
import io.cachesh.client.huawei.dcs.model.ShowReplicationStatesResponse;
import io.cachesh.client.retry.RetryPolicy;
import io.cachesh.model.ApiModel;
import io.cachesh.model.Models;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link HuaweiRestProtocol} against MockWebServer: parameter placement, AK/SK signing, 204s, bare arrays, errors. */
class HuaweiRestProtocolTest {

    static final String AK = "HWAKTEST";
    static final String SK = "hw-test-secret";
    static final String PROJECT = "proj123";

    private final ApiModel model = testModel();
    private final List<String> log = new ArrayList<>();
    private MockWebServer server;
    private ClientRuntime runtime;

    static ApiModel testModel() {
        try (InputStream in = HuaweiRestProtocolTest.class.getResourceAsStream("huawei-dcs-test.json")) {
            return Models.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        runtime = ClientRuntime.create(model, config().build());
    }

    private ClientConfig.Builder config() {
        return ClientConfig.builder().credentials(Credentials.of(AK, SK)).region("cn-north-4").projectId(PROJECT)
                .endpoint("http://127.0.0.1:" + server.getPort()).requestLog(log::add)
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).baseDelay(Duration.ofMillis(1)).build());
    }

    @AfterEach
    void stop() throws IOException {
        runtime.close();
        server.shutdown();
    }

    private JsonNode call(String operation, Map<String, Object> params) {
        return runtime.invoke(OperationInfo.of(model, operation), params, JsonNode.class);
    }

    private RecordedRequest taken() throws InterruptedException {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r).isNotNull();
        return r;
    }

    private static Map<String, Object> params(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) out.put((String) pairs[i], pairs[i + 1]);
        return out;
    }

    /** The server's check of a captured request, as the emulator does it. */
    private static boolean signatureValid(RecordedRequest r) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : r.getHeaders().names()) headers.put(name, r.getHeader(name));
        HttpUrl url = r.getRequestUrl();
        return HuaweiAkSkSigner.verify(Credentials.of(AK, SK), r.getHeader("Authorization"), new HuaweiAkSkSigner.Input(
                r.getMethod(), url.encodedPath(), HuaweiAkSkSigner.parseQuery(url.encodedQuery()), headers,
                r.getBody().clone().readByteArray()));
    }

    @Test
    void getPutsQueryAndHeaderMembersInPlaceAndFillsTheProjectId() throws Exception {
        server.enqueue(new MockResponse().setBody("{\"instance_num\":1,\"instances\":[{\"instance_id\":\"i-1\"}]}"));
        JsonNode answer = call("ListInstances", params("offset", 0, "limit", 10, "name", "my redis/1", "tags",
                List.of("k1=v1", "k2=v2"), "X-Language", "en-us"));
        assertThat(answer.path("instance_num").asInt()).isEqualTo(1);
        RecordedRequest r = taken();
        assertThat(r.getMethod()).isEqualTo("GET");
        assertThat(r.getPath()).isEqualTo("/v2/proj123/instances?offset=0&limit=10&name=my%20redis%2F1&tags=k1%3Dv1&tags=k2%3Dv2");
        assertThat(r.getHeader("X-Language")).isEqualTo("en-us");
        assertThat(r.getHeader("X-Project-Id")).isEqualTo(PROJECT);
        assertThat(r.getHeader("X-Sdk-Date")).matches("\\d{8}T\\d{6}Z");
        assertThat(r.getHeader("Content-Type")).startsWith("application/json");
        assertThat(r.getHeader("Authorization")).startsWith("SDK-HMAC-SHA256 Access=HWAKTEST, SignedHeaders=host;x-language;x-project-id;x-sdk-date, Signature=");
        assertThat(r.getBodySize()).isZero();
        assertThat(signatureValid(r)).isTrue();
    }

    @Test
    void pathParametersAreEncodedAndTheRequestsProjectIdWins() throws Exception {
        server.enqueue(new MockResponse().setBody("{\"instance_id\":\"a b/c\",\"capacity\":0,\"capacity_minor\":\".125\"}"));
        JsonNode answer = call("ShowInstance", params("instance_id", "a b/c", "project_id", "other-project"));
        assertThat(answer.path("capacity_minor").asText()).isEqualTo(".125");
        RecordedRequest r = taken();
        assertThat(r.getPath()).isEqualTo("/v2/other-project/instances/a%20b%2Fc");
        assertThat(r.getHeader("X-Project-Id")).isEqualTo("other-project");
        assertThat(signatureValid(r)).isTrue();
    }

    @Test
    void postSendsTheBodyMembersAsJson() throws Exception {
        server.enqueue(new MockResponse().setBody("{\"order_id\":null,\"instances\":[{\"instance_id\":\"i-9\",\"name\":\"c1\"}]}"));
        call("CreateInstance", params("name", "c1", "engine", "Redis", "capacity", 0.125, "az_codes", List.of("cn-north-4a")));
        RecordedRequest r = taken();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getPath()).isEqualTo("/v2/proj123/instances");
        assertThat(r.getBody().clone().readUtf8())
                .isEqualTo("{\"name\":\"c1\",\"engine\":\"Redis\",\"capacity\":0.125,\"az_codes\":[\"cn-north-4a\"]}");
        assertThat(signatureValid(r)).isTrue();
    }

    @Test
    void deleteWithABodyAndAQueryParameter() throws Exception {
        server.enqueue(new MockResponse().setBody("{\"results\":[]}"));
        call("BatchDeleteInstances", params("all_failure", false, "instances", List.of("i-1", "i-2")));
        RecordedRequest r = taken();
        assertThat(r.getMethod()).isEqualTo("DELETE");
        assertThat(r.getPath()).isEqualTo("/v2/proj123/instances?all_failure=false");
        assertThat(r.getBody().clone().readUtf8()).isEqualTo("{\"instances\":[\"i-1\",\"i-2\"]}");
        assertThat(signatureValid(r)).isTrue();
    }

    @Test
    void aLoneBodyMemberNamedBodyIsTheWholeBody() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(204));
        call("UpdateTags", params("instance_id", "i-1", "body", Map.of("action", "create", "tags", List.of(Map.of("key", "k")))));
        RecordedRequest r = taken();
        assertThat(r.getPath()).isEqualTo("/v2/proj123/dcs/i-1/tags/action");
        assertThat(Transport.MAPPER.readTree(r.getBody().clone().readUtf8()))
                .isEqualTo(Transport.MAPPER.readTree("{\"action\":\"create\",\"tags\":[{\"key\":\"k\"}]}"));
    }

    @Test
    void aRenamedMemberGoesOnTheWireUnderItsWireNameAndComesBackUnderItsKey() throws Exception {
        server.enqueue(new MockResponse().setBody("{\"instance_id\":\"i-1\"}"));
        JsonNode answer = call("UpdateIpWhitelist", params("instance_id", "i-1", "instance_id_body", "i-1b", "enable_whitelist", true));
        RecordedRequest r = taken();
        assertThat(r.getMethod()).isEqualTo("PUT");
        assertThat(r.getPath()).isEqualTo("/v2/proj123/instance/i-1/whitelist");
        assertThat(r.getBody().clone().readUtf8()).isEqualTo("{\"instance_id\":\"i-1b\",\"enable_whitelist\":true}");
        assertThat(answer.path("instance_id_out").asText()).isEqualTo("i-1");
    }

    @Test
    void noContentAnswersAreEmptyResponsesNotErrors() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(204));
        JsonNode answer = call("DeleteSingleInstance", params("instance_id", "i-1"));
        assertThat(answer.isObject()).isTrue();
        assertThat(answer.size()).isZero();
        RecordedRequest r = taken();
        assertThat(r.getMethod()).isEqualTo("DELETE");
        assertThat(r.getBodySize()).isZero();
        assertThat(log).singleElement().asString().contains("DELETE http://127.0.0.1:").contains("-> 200");
    }

    @Test
    void missingPathParametersAndUnknownParametersFailBeforeSending() {
        assertThatThrownBy(() -> call("ShowInstance", params()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("path parameter instance_id is required");
        assertThatThrownBy(() -> call("ShowInstance", params("instance_id", "i-1", "bogus", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown parameters [bogus]");
        ClientRuntime noProject = ClientRuntime.create(model, config().projectId(null).build());
        assertThatThrownBy(() -> noProject.invoke(OperationInfo.of(model, "DeleteSingleInstance"), params("instance_id", "i"),
                JsonNode.class)).hasMessageContaining("project_id is required (set ClientConfig.Builder.projectId");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void v2ErrorsMapToTypedExceptionsWithCodeAndRequestId() {
        server.enqueue(new MockResponse().setResponseCode(400).setHeader("X-Request-Id", "req-400")
                .setBody("{\"error_code\":\"DCS.4117\",\"error_msg\":\"Invalid capacity.\",\"error_ext_msg\":null}"));
        assertThatThrownBy(() -> call("CreateInstance", params("name", "x", "capacity", 3)))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                    assertThat(e.code()).isEqualTo("DCS.4117");
                    assertThat(e.requestId()).isEqualTo("req-400");
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.vendor()).isEqualTo("huawei");
                    assertThat(e).hasMessage("huawei DCS.4117: Invalid capacity. (RequestId req-400)");
                });
        server.enqueue(new MockResponse().setResponseCode(404).setHeader("X-Request-Id", "req-404")
                .setBody("{\"error_code\":\"DCS.3022\",\"error_msg\":\"Instance not found.\"}"));
        assertThatThrownBy(() -> call("DeleteSingleInstance", params("instance_id", "i-x")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("DCS.3022");
        server.enqueue(new MockResponse().setResponseCode(401).setBody("{\"error_code\":\"APIGW.0301\",\"error_msg\":\"Incorrect IAM authentication information\"}"));
        assertThatThrownBy(() -> call("ShowInstance", params("instance_id", "i-1"))).isInstanceOf(AuthException.class);
        server.enqueue(new MockResponse().setResponseCode(403).setBody("{\"error_code\":\"DCS.0001\",\"error_msg\":\"no\"}"));
        assertThatThrownBy(() -> call("ShowInstance", params("instance_id", "i-1"))).isInstanceOf(AuthException.class);
        server.enqueue(new MockResponse().setResponseCode(502).setBody("<html>bad gateway</html>"));
        server.enqueue(new MockResponse().setResponseCode(502).setBody("<html>bad gateway</html>"));
        server.enqueue(new MockResponse().setResponseCode(502).setBody("<html>bad gateway</html>"));
        assertThatThrownBy(() -> call("ShowInstance", params("instance_id", "i-1")))
                .isExactlyInstanceOf(ApiException.class).hasMessageContaining("HttpError.502");
    }

    @Test
    void throttlingIsRetriedThenSucceeds() {
        server.enqueue(new MockResponse().setResponseCode(429).setBody("{\"error_code\":\"DCS.4900\",\"error_msg\":\"slow down\"}"));
        server.enqueue(new MockResponse().setBody("{\"instance_id\":\"i-1\",\"status\":\"RUNNING\"}"));
        assertThat(call("ShowInstance", params("instance_id", "i-1")).path("status").asText()).isEqualTo("RUNNING");
        assertThat(server.getRequestCount()).isEqualTo(2);
        server.enqueue(new MockResponse().setResponseCode(429).setBody("{\"error_code\":\"APIGW.0308\",\"error_msg\":\"x\"}"));
        server.enqueue(new MockResponse().setResponseCode(429).setBody("{\"error_code\":\"APIGW.0308\",\"error_msg\":\"x\"}"));
        server.enqueue(new MockResponse().setResponseCode(429).setBody("{\"error_code\":\"APIGW.0308\",\"error_msg\":\"x\"}"));
        assertThatThrownBy(() -> call("ShowInstance", params("instance_id", "i-1"))).isInstanceOf(ThrottlingException.class);
    }

    @Test
    void v1ErrorEnvelopeIsReadByTheV1Surface() {
        ApiModel v1 = Models.load("huawei-dcs-v1");
        assertThat(v1.protocol()).isEqualTo(HuaweiRestProtocol.V1_ID);
        HuaweiRestProtocol protocol = HuaweiRestProtocol.of(v1, config().build(), HttpUrl.get(server.url("/").toString()),
                Transport.MAPPER);
        assertThat(protocol.errorFormat()).isEqualTo(HuaweiErrorFormat.V1);
        OperationInfo op = OperationInfo.of(v1, v1.operations().keySet().iterator().next());
        ApiException e = protocol.error(op, 400, "Bad Request", "rid-1",
                "{\"error\":{\"code\":\"DCS.4005\",\"message\":\"Invalid request.\"}}");
        assertThat(e.code()).isEqualTo("DCS.4005");
        assertThat(e.getMessage()).isEqualTo("huawei DCS.4005: Invalid request. (RequestId rid-1)");
        assertThat(e).isInstanceOf(InvalidParameterException.class);
        assertThat(HuaweiErrorFormat.V2.parse(Transport.MAPPER.createObjectNode().put("error_code", "DCS.1").put("error_msg", "m")))
                .isEqualTo(new HuaweiErrorFormat.Error("DCS.1", "m"));
    }

    @Test
    void paginatesWithOffsetAndLimitInTheQuery() throws Exception {
        server.enqueue(new MockResponse().setBody("{\"instance_num\":3,\"instances\":[{\"instance_id\":\"i-1\"},{\"instance_id\":\"i-2\"}]}"));
        server.enqueue(new MockResponse().setBody("{\"instance_num\":3,\"instances\":[{\"instance_id\":\"i-3\"}]}"));
        List<String> ids = new ArrayList<>();
        for (JsonNode item : runtime.paginate(OperationInfo.of(model, "ListInstances"), params("limit", 2), JsonNode.class,
                page -> { List<JsonNode> out = new ArrayList<>(); page.path("instances").forEach(out::add); return out; })) {
            ids.add(item.path("instance_id").asText());
        }
        assertThat(ids).containsExactly("i-1", "i-2", "i-3");
        assertThat(taken().getPath()).isEqualTo("/v2/proj123/instances?offset=0&limit=2");
        assertThat(taken().getPath()).isEqualTo("/v2/proj123/instances?offset=2&limit=2");
    }

    @Test
    void generatedV2ClientReadsBareArraysAndNoContentAnswers() throws Exception {
        ClientConfig config = config().build();
        try (HuaweiDcsClient dcs = HuaweiDcsClient.create(config)) {
            server.enqueue(new MockResponse().setBody("[{\"replication_id\":\"r-1\",\"is_replication\":true},{\"replication_id\":\"r-2\"}]"));
            ShowReplicationStatesResponse states = dcs.showReplicationStates(b -> b.instanceId("i-1").groupId("g-1"));
            assertThat(states.items()).hasSize(2);
            assertThat(states.items().get(0).replicationId()).isEqualTo("r-1");
            assertThat(states.items().get(0).isReplication()).isTrue();
            assertThat(taken().getPath()).startsWith("/v2/proj123/").contains("/i-1/groups/g-1/");

            server.enqueue(new MockResponse().setResponseCode(204));
            DeleteSingleInstanceResponse deleted = dcs.deleteSingleInstance(b -> b.instanceId("i-1"));
            assertThat(deleted).isNotNull();
            assertThat(taken().getPath()).isEqualTo("/v2/proj123/instances/i-1");

            server.enqueue(new MockResponse().setBody("{\"instance_num\":1,\"instances\":[{\"instance_id\":\"i-7\",\"name\":\"c\"}]}"));
            ListInstancesResponse page = dcs.listInstances(b -> b.limit(10L).offset(0L).name("c"));
            assertThat(page.instanceNum()).isEqualTo(1L);
            assertThat(page.instances()).extracting(InstanceListInfo::instanceId).containsExactly("i-7");
            RecordedRequest r = taken();
            assertThat(r.getRequestUrl().queryParameter("limit")).isEqualTo("10");
            assertThat(r.getRequestUrl().queryParameter("name")).isEqualTo("c");
            assertThat(signatureValid(r)).isTrue();
        }
    }

    @Test
    void generatedV1ClientPagesWithItsOneBasedStartAndReadsV1Errors() throws Exception {
        try (io.cachesh.client.huawei.dcsv1.HuaweiDcsV1Client v1 = io.cachesh.client.huawei.dcsv1.HuaweiDcsV1Client.create(config().build())) {
            server.enqueue(new MockResponse().setBody("{\"instance_num\":3,\"instances\":[{\"instance_id\":\"a\"},{\"instance_id\":\"b\"}]}"));
            server.enqueue(new MockResponse().setBody("{\"instance_num\":3,\"instances\":[{\"instance_id\":\"c\"}]}"));
            List<String> ids = new ArrayList<>();
            v1.listInstancesIterable(io.cachesh.client.huawei.dcsv1.model.ListInstancesRequest.builder().limit(2L).build())
                    .forEach(i -> ids.add(i.instanceId()));
            assertThat(ids).containsExactly("a", "b", "c");
            assertThat(taken().getPath()).isEqualTo("/v1.0/proj123/instances?start=1&limit=2");
            assertThat(taken().getPath()).isEqualTo("/v1.0/proj123/instances?start=3&limit=2");

            server.enqueue(new MockResponse().setResponseCode(400).setHeader("X-Request-Id", "r-v1")
                    .setBody("{\"error\":{\"code\":\"DCS.4005\",\"message\":\"Invalid request.\"}}"));
            assertThatThrownBy(() -> v1.showInstance(b -> b.instanceId("i-1")))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.code()).isEqualTo("DCS.4005");
                        assertThat(e.requestId()).isEqualTo("r-v1");
                    });
        }
    }
}
