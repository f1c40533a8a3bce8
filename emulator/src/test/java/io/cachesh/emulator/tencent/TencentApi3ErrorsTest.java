package io.cachesh.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.client.auth.Credentials;
import io.cachesh.emulator.Emulator;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad requests over real HTTP: each gets HTTP 200 and Tencent's error envelope with the exact code. */
class TencentApi3ErrorsTest {

    static Emulator emulator;
    static Tc3TestClient client;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(100)).build().start();
        client = new Tc3TestClient(emulator.endpoint(), emulator.credentials());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static void assertError(JsonNode response, String code) {
        assertThat(response.path("Error").path("Code").asText()).as("response %s", response).isEqualTo(code);
        assertThat(response.path("Error").path("Message").asText()).isNotBlank();
        assertThat(response.size()).as("an error carries only Error and RequestId: %s", response).isEqualTo(2);
    }

    @Test
    void endpointIsLoopbackWithTheDefaultCredentials() {
        assertThat(emulator.endpoint()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(emulator.credentials()).isEqualTo(Emulator.DEFAULT_CREDENTIALS);
        assertThat(Emulator.DEFAULT_CREDENTIALS.keyId()).isEqualTo("AKIDcacheshEmulator0000000000000000");
        assertThat(Emulator.DEFAULT_CREDENTIALS.secret().reveal()).isEqualTo("cachesh-emulator-secret-key");
    }

    @Test
    void malformedJsonIsInvalidParameter() {
        JsonNode r = client.send(c -> {
            c.action = "DescribeInstances";
            c.body = "{\"Limit\": ".getBytes(StandardCharsets.UTF_8);
        });
        assertError(r, "InvalidParameter");
        assertThat(r.path("Error").path("Message").asText()).contains("not valid JSON");
    }

    @Test
    void jsonThatIsNotAnObjectIsInvalidParameter() {
        assertError(client.send(c -> {
            c.action = "DescribeInstances";
            c.body = "[1,2]".getBytes(StandardCharsets.UTF_8);
        }), "InvalidParameter");
    }

    @Test
    void missingAuthorizationIsSignatureFailure() {
        JsonNode r = client.send(c -> {
            c.action = "DescribeInstances";
            c.sign = false;
        });
        assertError(r, "AuthFailure.SignatureFailure");
        assertThat(r.path("Error").path("Message").asText()).contains("Authorization header is missing");
    }

    @Test
    void garbledAuthorizationIsInvalidAuthorization() {
        assertError(client.send(c -> {
            c.action = "DescribeInstances";
            c.sign = false;
            c.extraHeaders.put("Authorization", "Basic dXNlcjpwYXNz");
        }), "AuthFailure.InvalidAuthorization");
    }

    @Test
    void unknownSecretIdIsSecretIdNotFound() {
        assertError(client.send(c -> {
            c.action = "DescribeInstances";
            c.credentials = Credentials.of("AKIDsomebodyElse000000000000000000", "cachesh-emulator-secret-key");
        }), "AuthFailure.SecretIdNotFound");
    }

    @Test
    void wrongSecretKeyIsSignatureFailure() {
        assertError(client.send(c -> {
            c.action = "DescribeInstances";
            c.credentials = Credentials.of(Emulator.DEFAULT_CREDENTIALS.keyId(), "not-the-secret");
        }), "AuthFailure.SignatureFailure");
    }

    @Test
    void bodyChangedAfterSigningIsSignatureFailure() {
        assertError(client.send(c -> {
            c.action = "DescribeInstances";
            c.signatureOverride = "0".repeat(64);
        }), "AuthFailure.SignatureFailure");
    }

    @Test
    void timestampSixMinutesOldIsSignatureExpire() {
        assertError(client.send(c -> {
            c.action = "DescribeInstances";
            c.timestamp -= 360;
        }), "AuthFailure.SignatureExpire");
    }

    @Test
    void timestampFourMinutesOldIsAccepted() {
        JsonNode r = client.send(c -> {
            c.action = "DescribeInstances";
            c.timestamp -= 240;
        });
        assertThat(r.has("Error")).isFalse();
    }

    @Test
    void anyScopeServiceIsAcceptedWhenTheSignatureMatches() {
        // the official SDK signs with service "127" when the endpoint is an IP address
        JsonNode r = client.send(c -> {
            c.action = "DescribeInstances";
            c.service = "127";
        });
        assertThat(r.has("Error")).as("%s", r).isFalse();
        assertThat(r.path("TotalCount").isInt()).isTrue();
    }

    @Test
    void unknownActionIsInvalidAction() {
        assertError(client.response("DescribeUnicorns", "{}"), "InvalidAction");
    }

    @Test
    void missingActionIsMissingParameter() {
        JsonNode r = client.send(c -> c.action = null);
        assertError(r, "MissingParameter");
        assertThat(r.path("Error").path("Message").asText()).contains("`Action`");
    }

    @Test
    void missingOrWrongVersion() {
        assertError(client.send(c -> {
            c.action = "DescribeInstances";
            c.version = null;
        }), "MissingParameter");
        assertError(client.send(c -> {
            c.action = "DescribeInstances";
            c.version = "2017-03-12";
        }), "NoSuchVersion");
    }

    @Test
    void missingOrUnknownRegion() {
        assertError(client.send(c -> {
            c.action = "DescribeInstances";
            c.region = null;
        }), "MissingParameter");
        assertError(client.send(c -> {
            c.action = "DescribeInstances";
            c.region = "mars-north-1";
        }), "UnsupportedRegion");
    }

    @Test
    void missingRequiredParameterNamesTheField() {
        JsonNode r = client.response("DescribeTaskInfo", "{}");
        assertError(r, "MissingParameter");
        assertThat(r.path("Error").path("Message").asText()).contains("`TaskId`");
    }

    @Test
    void unknownParameterNamesTheField() {
        JsonNode r = client.response("DescribeTaskInfo", "{\"TaskId\":1,\"Colour\":\"blue\"}");
        assertError(r, "UnknownParameter");
        assertThat(r.path("Error").path("Message").asText()).contains("`Colour`");
    }

    @Test
    void wrongJsonTypeIsInvalidParameter() {
        JsonNode r = client.response("DescribeTaskInfo", "{\"TaskId\":\"soon\"}");
        assertError(r, "InvalidParameter");
        assertThat(r.path("Error").path("Message").asText()).contains("`TaskId`").contains("integer");
    }

    @Test
    void numericStringsAreAcceptedAsTheSeedsExamplesSendThem() {
        assertError(client.response("DescribeTaskInfo", "{\"TaskId\":\"424242\"}"), "InvalidParameter.InvalidParameter");
    }

    @Test
    void unknownInstanceIsInstanceNotExists() {
        JsonNode r = client.response("ClearInstance", "{\"InstanceId\":\"crs-nothere0\",\"Password\":\"Abcdefg123\"}");
        assertError(r, "ResourceNotFound.InstanceNotExists");
        assertThat(r.path("Error").path("Message").asText()).contains("crs-nothere0");
    }

    @Test
    void createInstancesChecksTypeMemoryPasswordAndPeriod() {
        JsonNode badType = client.response("CreateInstances",
                "{\"TypeId\":1,\"MemSize\":1024,\"GoodsNum\":1,\"Period\":1,\"BillingMode\":0,\"Password\":\"Cachesh-Pass1\"}");
        assertThat(badType.path("Error").path("Code").asText()).isEqualTo("InvalidParameterValue.InvalidInstanceTypeId");
        assertThat(badType.path("Error").path("Message").asText()).contains("TypeId").contains("15");
        assertError(client.response("CreateInstances",
                "{\"TypeId\":15,\"MemSize\":1000,\"GoodsNum\":1,\"Period\":1,\"BillingMode\":0,\"Password\":\"Cachesh-Pass1\"}"),
                "LimitExceeded.InvalidMemSize");
        assertError(client.response("CreateInstances",
                "{\"TypeId\":15,\"MemSize\":102400,\"GoodsNum\":1,\"Period\":1,\"BillingMode\":0,\"Password\":\"Cachesh-Pass1\"}"),
                "InvalidParameterValue.SpecNotExist");
        assertError(client.response("CreateInstances",
                "{\"TypeId\":15,\"MemSize\":1024,\"GoodsNum\":1,\"Period\":1,\"BillingMode\":0}"),
                "InvalidParameterValue.PasswordEmpty");
        assertError(client.response("CreateInstances",
                "{\"TypeId\":15,\"MemSize\":1024,\"GoodsNum\":1,\"Period\":1,\"BillingMode\":0,\"Password\":\"short\"}"),
                "InvalidParameterValue.PasswordRuleError");
        assertError(client.response("CreateInstances",
                "{\"TypeId\":15,\"MemSize\":1024,\"GoodsNum\":1,\"Period\":48,\"BillingMode\":1,\"Password\":\"Cachesh-Pass1\"}"),
                "LimitExceeded.PeriodExceedMaxLimit");
        assertError(client.response("CreateInstances",
                "{\"TypeId\":15,\"MemSize\":1024,\"GoodsNum\":11,\"Period\":1,\"BillingMode\":0,\"Password\":\"Cachesh-Pass1\"}"),
                "LimitExceeded.InvalidParameterGoodsNumNotInRange");
        assertError(client.response("CreateInstances",
                "{\"TypeId\":15,\"MemSize\":1024,\"GoodsNum\":1,\"Period\":1,\"BillingMode\":0,\"Password\":\"Cachesh-Pass1\",\"InstanceName\":\"bad name!\"}"),
                "InvalidParameterValue.InstanceNameRuleError");
        JsonNode missing = client.response("CreateInstances", "{\"MemSize\":1024,\"GoodsNum\":1,\"Period\":1,\"BillingMode\":0}");
        assertError(missing, "MissingParameter");
        assertThat(missing.path("Error").path("Message").asText()).contains("`TypeId`");
    }

    @Test
    void getWithQueryParametersIsServed() {
        JsonNode r = client.send(c -> {
            c.method = "GET";
            c.action = "DescribeTaskInfo";
            c.query = "TaskId=999999";
        });
        assertError(r, "InvalidParameter.InvalidParameter");
    }

    @Test
    void describeProductInfoListsEveryRegionWithTheSeedsProducts() {
        JsonNode r = client.call("DescribeProductInfo", "{}");
        JsonNode regions = r.path("RegionSet");
        assertThat(regions.size()).isEqualTo(18);
        JsonNode gz = regions.get(0);
        assertThat(gz.path("RegionId").asText()).isEqualTo("ap-guangzhou");
        JsonNode zone = gz.path("ZoneSet").get(0);
        assertThat(zone.path("ZoneId").asText()).isEqualTo("ap-guangzhou-2");
        JsonNode first = zone.path("ProductSet").get(0);
        assertThat(first.path("Type").asInt()).isEqualTo(7);
        assertThat(first.path("TypeName").asText()).isEqualTo("Redis 集群版");
        assertThat(first.path("PayMode").asText()).isEqualTo("1");
        assertThat(first.path("ShardNum").get(0).asText()).isEqualTo("3");
    }

    @Test
    void otherPathsAndControlEndpointsNeverAnswer500() throws Exception {
        HttpResponse<String> health = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(emulator.endpoint() + "/_emulator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"ok\"");
        HttpResponse<String> other = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(emulator.endpoint() + "/nothing/here")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).startsWith("{");
    }

    @Test
    void injectedFaultsAnswerTheirCodeForTheGivenNumberOfCalls() {
        try {
            emulator.faults().add(io.cachesh.emulator.control.FaultRule.error("tencent", "DescribeProductInfo",
                    "RequestLimitExceeded", 2));
            assertError(client.response("DescribeProductInfo", "{}"), "RequestLimitExceeded");
            assertError(client.response("DescribeProductInfo", "{}"), "RequestLimitExceeded");
            assertThat(client.response("DescribeProductInfo", "{}").has("Error")).isFalse();
            // other actions are untouched, and an unsigned call still fails on its signature first
            emulator.faults().add(io.cachesh.emulator.control.FaultRule.error(null, null, "InternalError", 0));
            assertError(client.send(c -> {
                c.action = "DescribeInstances";
                c.sign = false;
            }), "AuthFailure.SignatureFailure");
            assertError(client.response("DescribeInstances", "{}"), "InternalError");
        } finally {
            emulator.faults().clear();
        }
    }

    @Test
    void faultsCanBeSetOverTheControlEndpoint() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.URI uri = java.net.URI.create(emulator.endpoint() + "/_emulator/faults");
        try {
            HttpResponse<String> added = http.send(java.net.http.HttpRequest.newBuilder(uri).POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString("{\"vendor\":\"tencent\",\"action\":\"DescribeTaskInfo\","
                            + "\"code\":\"ResourceUnavailable.InstanceStatusError\",\"times\":1,\"latencyMs\":150}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(added.statusCode()).isEqualTo(200);
            assertThat(added.body()).contains("\"latencyMs\":150");
            long start = System.nanoTime();
            assertError(client.response("DescribeTaskInfo", "{\"TaskId\":1}"), "ResourceUnavailable.InstanceStatusError");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
            assertError(client.response("DescribeTaskInfo", "{\"TaskId\":1}"), "InvalidParameter.InvalidParameter");
            HttpResponse<String> bad = http.send(java.net.http.HttpRequest.newBuilder(uri).POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString("{\"probability\":2,\"code\":\"X\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(400);
        } finally {
            http.send(java.net.http.HttpRequest.newBuilder(uri).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        }
        assertThat(emulator.faults().rules()).isEmpty();
    }

    @Test
    void putIsUnsupportedProtocol() {
        assertError(client.send(c -> {
            c.method = "PUT";
            c.action = "DescribeInstances";
        }), "UnsupportedProtocol");
    }
}
