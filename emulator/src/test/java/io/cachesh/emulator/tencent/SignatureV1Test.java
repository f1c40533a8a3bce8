package io.cachesh.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachesh.client.auth.Credentials;
import io.cachesh.client.auth.SignatureMethod;
import io.cachesh.client.auth.TencentV1Signer;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.error.AuthException;
import io.cachesh.client.error.NotFoundException;
import io.cachesh.client.tencent.redis.TencentRedisClient;
import io.cachesh.client.tencent.redis.TencentRedisWaiters;
import io.cachesh.client.tencent.redis.model.CreateInstancesResponse;
import io.cachesh.client.tencent.redis.model.InstanceSet;
import io.cachesh.emulator.Emulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Signature v1 (HmacSHA1 / HmacSHA256 over form or query parameters) on the API 3.0 endpoint. */
class SignatureV1Test {

    static Emulator emulator;
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        emulator = Emulator.builder().taskDelay(Duration.ofMillis(100)).build().start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    static TencentRedisClient client(SignatureMethod method) {
        return TencentRedisClient.create(ClientConfig.builder().credentials(emulator.credentials()).region("ap-guangzhou")
                .endpoint(emulator.endpoint()).signatureMethod(method).build());
    }

    @ParameterizedTest
    @EnumSource(value = SignatureMethod.class, names = {"HMAC_SHA256", "HMAC_SHA1"})
    void theClientInV1ModeDrivesAnInstance(SignatureMethod method) {
        try (TencentRedisClient client = client(method)) {
            CreateInstancesResponse created = client.createInstances(b -> b.typeId(6L).memSize(1024L).goodsNum(1L)
                    .period(1L).billingMode(0L).zoneId(100003L).password("Passw0rd!").instanceName("v1-" + method.name()));
            String id = created.instanceIds().get(0);
            InstanceSet running = TencentRedisWaiters.create(client).waitForInstanceStatus(id, 2, Duration.ofSeconds(20));
            assertThat(running.instanceName()).isEqualTo("v1-" + method.name());
            assertThat(client.describeInstances(b -> b.instanceIds(java.util.List.of(id))).totalCount()).isEqualTo(1L);
            long task = client.modifyInstanceParams(b -> b.instanceId(id).instanceParams(java.util.List.of(
                    io.cachesh.client.tencent.redis.model.InstanceParam.builder().key("hash-max-ziplist-entries").value("256").build())))
                    .taskId();
            TencentRedisWaiters.create(client).waitForTask(task, Duration.ofSeconds(20));
            assertThatThrownBy(() -> client.describeInstanceParams(b -> b.instanceId("crs-nothere1")))
                    .isInstanceOf(NotFoundException.class)
                    .satisfies(e -> assertThat(((NotFoundException) e).code()).isEqualTo("ResourceNotFound.InstanceNotExists"));
        }
    }

    @Test
    void wrongKeyInV1ModeIsAnAuthError() {
        ClientConfig config = ClientConfig.builder().credentials(Credentials.of(emulator.credentials().keyId(), "wrong"))
                .region("ap-guangzhou").endpoint(emulator.endpoint()).signatureMethod(SignatureMethod.HMAC_SHA256).build();
        try (TencentRedisClient client = TencentRedisClient.create(config)) {
            assertThatThrownBy(() -> client.describeProductInfo(b -> { }))
                    .isInstanceOf(AuthException.class)
                    .satisfies(e -> assertThat(((AuthException) e).code()).isEqualTo("AuthFailure.SignatureFailure"));
        }
    }

    /** The common v1 parameters for DescribeInstances, ready to sign. */
    static SortedMap<String, String> params(Consumer<SortedMap<String, String>> tweak) {
        SortedMap<String, String> p = new TreeMap<>();
        p.put("Action", "DescribeInstances");
        p.put("Version", "2018-04-12");
        p.put("Region", "ap-guangzhou");
        p.put("Timestamp", Long.toString(Instant.now().getEpochSecond()));
        p.put("Nonce", "11886");
        p.put("SecretId", emulator.credentials().keyId());
        p.put("SignatureMethod", "HmacSHA256");
        p.put("Limit", "5");
        p.put("InstanceIds.0", "crs-doesnotexist");
        tweak.accept(p);
        return p;
    }

    static JsonNode send(String method, Map<String, String> signed) throws Exception {
        String form = TencentV1Signer.formEncode(signed);
        HttpRequest.Builder req = HttpRequest.newBuilder();
        if ("GET".equals(method)) {
            req.uri(URI.create(emulator.endpoint() + "/?" + form)).GET();
        } else {
            req.uri(URI.create(emulator.endpoint() + "/")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
        }
        HttpResponse<String> r = HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode response = JSON.readTree(r.body()).path("Response");
        assertThat(response.path("RequestId").asText()).isNotEmpty();
        return response;
    }

    static SortedMap<String, String> sign(String method, SortedMap<String, String> params) {
        String host = URI.create(emulator.endpoint()).getAuthority();
        return TencentV1Signer.sign(emulator.credentials().secret(), SignatureMethod.ofV1Parameter(params.get("SignatureMethod")),
                method, host, "/", params);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"GET", "POST"})
    void signedFormAndQueryCallsAreServed(String method) throws Exception {
        JsonNode ok = send(method, sign(method, params(p -> { })));
        assertThat(ok.has("Error")).as("%s", ok).isFalse();
        assertThat(ok.path("TotalCount").asInt()).isZero();
        JsonNode sha1 = send(method, sign(method, params(p -> p.put("SignatureMethod", "HmacSHA1"))));
        assertThat(sha1.has("Error")).as("%s", sha1).isFalse();
        JsonNode noMethod = send(method, sign(method, params(p -> p.remove("SignatureMethod")))); // HmacSHA1 by default
        assertThat(noMethod.has("Error")).as("%s", noMethod).isFalse();
    }

    @Test
    void badSignaturesHaveTheTc3Codes() throws Exception {
        SortedMap<String, String> tampered = sign("POST", params(p -> { }));
        tampered.put("Limit", "6");
        assertThat(code(send("POST", tampered))).isEqualTo("AuthFailure.SignatureFailure");

        SortedMap<String, String> wrongMethod = sign("GET", params(p -> { })); // signed for GET, sent as POST
        assertThat(code(send("POST", wrongMethod))).isEqualTo("AuthFailure.SignatureFailure");

        SortedMap<String, String> unsigned = params(p -> { });
        assertThat(code(send("POST", unsigned))).isEqualTo("AuthFailure.SignatureFailure");

        long old = Instant.now().getEpochSecond() - 301;
        assertThat(code(send("POST", sign("POST", params(p -> p.put("Timestamp", Long.toString(old)))))))
                .isEqualTo("AuthFailure.SignatureExpire");
        assertThat(code(send("POST", sign("POST", params(p -> p.put("SecretId", "AKIDunknown"))))))
                .isEqualTo("AuthFailure.SecretIdNotFound");
        assertThat(code(send("POST", sign("POST", params(p -> p.remove("Action"))))))
                .isEqualTo("MissingParameter");
        assertThat(code(send("POST", sign("POST", params(p -> p.put("Region", "mars-1"))))))
                .isEqualTo("UnsupportedRegion");
        assertThat(code(send("POST", sign("POST", params(p -> p.put("Limit", "abc"))))))
                .isEqualTo("InvalidParameter");
    }

    static String code(JsonNode response) {
        return response.path("Error").path("Code").asText("none");
    }
}
