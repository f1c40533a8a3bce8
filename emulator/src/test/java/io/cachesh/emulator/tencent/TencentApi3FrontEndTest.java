package io.cachesh.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.client.auth.Tc3Signer;
import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.dataplane.RedisBinary;
import io.cachesh.emulator.dataplane.RedisProcessManager;
import io.cachesh.emulator.fleet.Fleet;
import io.cachesh.emulator.protocol.HttpRequestData;
import io.cachesh.emulator.protocol.HttpResponseData;
import io.cachesh.model.ApiModel;
import io.cachesh.model.Models;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The front-end without HTTP, over a small model: model actions the provider lacks answer UnsupportedOperation. */
class TencentApi3FrontEndTest {

    Fleet fleet;
    TencentApi3FrontEnd frontEnd;

    @BeforeEach
    void setUp() throws Exception {
        ApiModel model;
        try (InputStream in = getClass().getResourceAsStream("frob-model.json")) {
            model = Models.read(in);
        }
        fleet = new Fleet(Duration.ofMillis(10), Clock.systemUTC(), null,
                new RedisProcessManager(RedisBinary.unavailable("not needed")));
        frontEnd = new TencentApi3FrontEnd(model, new TencentRedisProvider(fleet, ProductCatalog.load()),
                Emulator.DEFAULT_CREDENTIALS, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        fleet.close();
    }

    JsonNode call(String action, String body) throws Exception {
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        long ts = System.currentTimeMillis() / 1000;
        Map<String, String> signed = Map.of("content-type", "application/json", "host", "127.0.0.1:1");
        String auth = Tc3Signer.authorization(Emulator.DEFAULT_CREDENTIALS,
                new Tc3Signer.Input("POST", "/", "", signed, payload, "redis", ts));
        HttpRequestData request = new HttpRequestData("POST", "/", "", Map.of(
                "Content-Type", List.of("application/json"), "Host", List.of("127.0.0.1:1"),
                "X-TC-Action", List.of(action), "X-TC-Version", List.of("2018-04-12"), "X-TC-Region", List.of("ap-guangzhou"),
                "X-TC-Timestamp", List.of(Long.toString(ts)), "Authorization", List.of(auth)), payload, "test");
        assertThat(frontEnd.accepts(request)).isTrue();
        HttpResponseData response = frontEnd.handle(request);
        assertThat(response.status()).isEqualTo(200);
        return Tc3TestClient.JSON.readTree(response.body()).path("Response");
    }

    @Test
    void aModelActionWithoutImplementationIsUnsupportedOperation() throws Exception {
        assertThat(call("Frobnicate", "{\"Level\":1}").path("Error").path("Code").asText()).isEqualTo("UnsupportedOperation");
    }

    @Test
    void validationStillRunsBeforeUnsupportedOperation() throws Exception {
        assertThat(call("Frobnicate", "{\"Level\":9}").path("Error").path("Code").asText()).isEqualTo("InvalidParameterValue");
    }

    @Test
    void implementedActionsOutsideTheModelAreServedWithoutModelValidation() throws Exception {
        JsonNode r = call("DescribeTaskList", "{\"Limit\":5}");
        assertThat(r.has("Error")).as("%s", r).isFalse();
        assertThat(r.path("TotalCount").asInt()).isZero();
    }

    @Test
    void responsesAreCutToTheModelsOutputShape() throws Exception {
        fleet.submit(null, "004", "清空实例", () -> "");
        JsonNode r = call("DescribeTaskInfo", "{\"TaskId\":" + fleet.tasks().get(0).id() + "}");
        // the small model's output has only Status and RequestId
        assertThat(r.has("StartTime")).isFalse();
        assertThat(r.path("Status").asText()).isIn("preparing", "running", "succeed");
    }

    @Test
    void aProviderBugBecomesInternalErrorInTheEnvelope() throws Exception {
        HttpResponseData response = frontEnd.internalError(null, new IllegalStateException("boom"));
        JsonNode r = Tc3TestClient.JSON.readTree(response.body()).path("Response");
        assertThat(response.status()).isEqualTo(200);
        assertThat(r.path("Error").path("Code").asText()).isEqualTo("InternalError");
        assertThat(r.path("Error").path("Message").asText()).doesNotContain("at io.cachesh");
    }
}
