package io.cachesh.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.client.auth.Credentials;
import io.cachesh.emulator.Emulator;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Replays the seed's signed requests byte for byte (spec tencent-redis-a.md 4.1) against an emulator whose clock is
 * set to their timestamp and whose key is the seed's masked example key.
 */
class Tc3SeedVectorTest {

    static final Credentials SEED_KEY = Credentials.of("AKID" + "*".repeat(32), "*".repeat(32));
    static final long TIMESTAMP = 1551113065L;

    static Emulator emulator() throws Exception {
        return Emulator.builder().credentials(SEED_KEY).taskDelay(Duration.ofMillis(50))
                .clock(Clock.fixed(Instant.ofEpochSecond(TIMESTAMP + 30), ZoneOffset.UTC)).build().start();
    }

    static JsonNode post(Emulator emulator, String host, String action, String version, String contentType,
                         String authorization, String body) throws Exception {
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST / HTTP/1.1\r\n"
                + "Authorization: " + authorization + "\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Host: " + host + "\r\n"
                + "X-TC-Action: " + action + "\r\n"
                + "X-TC-Timestamp: " + TIMESTAMP + "\r\n"
                + "X-TC-Version: " + version + "\r\n"
                + "X-TC-Region: ap-guangzhou\r\n"
                + "Content-Length: " + payload.length + "\r\n"
                + "Connection: close\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", emulator.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String response = all.toString(StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200");
            return Tc3TestClient.JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4)).path("Response");
        }
    }

    @Test
    void theSeedsCvmVectorPassesSignatureCheckAndStopsAtTheVersion() throws Exception {
        try (Emulator emulator = emulator()) {
            JsonNode r = post(emulator, "cvm.tencentcloudapi.com", "DescribeInstances", "2017-03-12",
                    "application/json; charset=utf-8",
                    "TC3-HMAC-SHA256 Credential=AKID********************************/2019-02-25/cvm/tc3_request, "
                            + "SignedHeaders=content-type;host;x-tc-action, "
                            + "Signature=10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f",
                    "{\"Limit\": 1, \"Filters\": [{\"Values\": [\"\\u672a\\u547d\\u540d\"], \"Name\": \"instance-name\"}]}");
            assertThat(r.path("Error").path("Code").asText()).isEqualTo("NoSuchVersion");
        }
    }

    @Test
    void theRedisVectorIsServed() throws Exception {
        try (Emulator emulator = emulator()) {
            String auth = "TC3-HMAC-SHA256 Credential=AKID********************************/2019-02-25/redis/tc3_request, "
                    + "SignedHeaders=content-type;host, Signature=09a13bbf92450b4a1c6f9b3da9c7ad8c3bd7202ac30e26c1d8e9000b841f14d4";
            JsonNode r = post(emulator, "redis.tencentcloudapi.com", "DescribeInstances", "2018-04-12", "application/json",
                    auth, "{\"Limit\":2,\"Offset\":0}");
            assertThat(r.has("Error")).as("%s", r).isFalse();
            assertThat(r.path("TotalCount").asInt()).isZero();
            JsonNode tampered = post(emulator, "redis.tencentcloudapi.com", "DescribeInstances", "2018-04-12",
                    "application/json", auth, "{\"Limit\":3,\"Offset\":0}");
            assertThat(tampered.path("Error").path("Code").asText()).isEqualTo("AuthFailure.SignatureFailure");
        }
    }
}
