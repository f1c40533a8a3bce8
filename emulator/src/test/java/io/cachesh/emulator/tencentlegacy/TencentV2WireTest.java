package io.cachesh.emulator.tencentlegacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachesh.client.auth.SignatureMethod;
import io.cachesh.client.auth.TencentV1Signer;
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
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The exact envelopes of {@code /v2/index.php} over raw HTTP: signatures, replay, routing, code types. */
class TencentV2WireTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final AtomicLong NONCE = new AtomicLong(1000);
    static Emulator emulator;
    static HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        emulator = Emulator.builder().taskDelay(Duration.ofMillis(50)).build().start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    static String host() {
        return "127.0.0.1:" + emulator.port();
    }

    static SortedMap<String, String> params(String action, Map<String, String> extra) {
        SortedMap<String, String> p = new TreeMap<>(extra);
        p.put("Action", action);
        p.put("Region", "gz");
        p.put("Timestamp", Long.toString(Instant.now().getEpochSecond()));
        p.put("Nonce", Long.toString(NONCE.incrementAndGet()));
        p.put("SecretId", emulator.credentials().keyId());
        p.put("SignatureMethod", "HmacSHA256");
        return p;
    }

    static SortedMap<String, String> signed(String method, SortedMap<String, String> p) {
        return TencentV1Signer.sign(emulator.credentials().secret(), SignatureMethod.ofV1Parameter(p.get("SignatureMethod")),
                method, host(), "/v2/index.php", p);
    }

    static JsonNode post(Map<String, String> p) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/v2/index.php"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(TencentV1Signer.formEncode(p))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static JsonNode get(Map<String, String> p) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/v2/index.php?"
                + TencentV1Signer.formEncode(p))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void successCodesAreStringOrNumberAsInTheSeed() throws Exception {
        JsonNode zones = post(signed("POST", params("DescribeRedisZones", Map.of())));
        assertThat(zones.get("code").isTextual()).isTrue();
        assertThat(zones.get("code").asText()).isEqualTo("0");
        assertThat(zones.get("codeDesc").asText()).isEqualTo("Success");
        assertThat(zones.get("message").asText()).isEmpty();
        JsonNode redis = get(signed("GET", params("DescribeRedis", Map.of("limit", "10", "offset", "0"))));
        assertThat(redis.get("code").isInt()).isTrue();
        assertThat(redis.has("totalCount")).isTrue();
        JsonNode cmem = get(signed("GET", params("DescribeCmem", Map.of())));
        assertThat(cmem.get("code").asInt()).isZero();
        assertThat(cmem.has("codeDesc")).isFalse();
        assertThat(cmem.get("data").isArray()).isTrue();
    }

    @Test
    void signatureFailuresAndReplay() throws Exception {
        SortedMap<String, String> p = signed("POST", params("DescribeRedisZones", Map.of()));
        SortedMap<String, String> tampered = new TreeMap<>(p);
        tampered.put("Signature", "AAAA" + p.get("Signature").substring(4));
        JsonNode bad = post(tampered);
        assertThat(bad.get("code").asText()).isEqualTo("4100");
        assertThat(bad.get("message").asText()).startsWith("身份认证失败");

        assertThat(post(p).get("code").asText()).isEqualTo("0");
        JsonNode replay = post(p);
        assertThat(replay.get("code").asText()).isEqualTo("4500");
        assertThat(replay.get("message").asText()).contains("Nonce");

        SortedMap<String, String> old = params("DescribeRedisZones", Map.of());
        old.put("Timestamp", Long.toString(Instant.now().getEpochSecond() - 3600));
        assertThat(post(signed("POST", old)).get("code").asText()).isEqualTo("4500");

        SortedMap<String, String> unknownKey = params("DescribeRedisZones", Map.of());
        unknownKey.put("SecretId", "AKIDnobody");
        assertThat(post(signed("POST", unknownKey)).get("code").asText()).isEqualTo("4104");

        SortedMap<String, String> noSig = params("DescribeRedisZones", Map.of());
        assertThat(post(noSig).get("code").asText()).isEqualTo("4100");

        SortedMap<String, String> sha1 = params("DescribeCmem", Map.of());
        sha1.remove("SignatureMethod"); // absent means HmacSHA1
        JsonNode viaSha1 = post(signed("POST", sha1));
        assertThat(viaSha1.get("code").asInt()).isZero();

        // a GET signature does not verify as a POST
        assertThat(post(signed("GET", params("DescribeCmem", Map.of()))).get("code").asInt()).isEqualTo(4100);
    }

    @Test
    void badInputNeverAFiveHundred() throws Exception {
        JsonNode unknown = post(signed("POST", params("DescribeNothing", Map.of())));
        assertThat(unknown.get("code").asText()).isEqualTo("6100");
        JsonNode missing = post(signed("POST", params("DescribeRedis", Map.of())));
        assertThat(missing.get("code").asText()).isEqualTo("4000");
        JsonNode unknownParam = post(signed("POST", params("DescribeRedisZones", Map.of("bogus", "1"))));
        assertThat(unknownParam.get("code").asText()).isEqualTo("4000");
        JsonNode notFound = post(signed("POST", params("ClearRedis", Map.of("redisId", "crs-zzzzzzzz", "password", "Abcdefg123"))));
        assertThat(notFound.get("code").asText()).isEqualTo("5000");
        assertThat(notFound.get("codeDesc").asText()).isEqualTo("InstanceNotExists");
        assertThat(notFound.get("message").asText()).startsWith("(10701)");
        JsonNode badNumber = post(signed("POST", params("DescribeRedis", Map.of("limit", "ten", "offset", "0"))));
        assertThat(badNumber.get("code").asText()).isEqualTo("4000");
        HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/v2/index.php"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"Action\":\"DescribeCmem\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(json.body()).get("code").asText()).isEqualTo("4000");
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/v2/index.php"))
                .PUT(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(put.body()).get("code").asText()).isEqualTo("4000");
    }
}
