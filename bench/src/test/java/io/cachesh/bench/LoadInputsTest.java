package io.cachesh.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.tencent.redis.TencentRedisClient;
import io.cachesh.emulator.Emulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the load runs send is what they claim: the wrk script's pre-signed request passes the emulator's TC3
 * verification and gets the instance set, and the canned fleet pages as DescribeInstances asks.
 */
class LoadInputsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern HEADER = Pattern.compile("wrk\\.headers\\[\"([^\"]+)\"] = \"([^\"]*)\"");
    static final Pattern BODY = Pattern.compile("wrk\\.body = '([^']*)'");

    @Test
    void theWrkScriptsSignedRequestIsAcceptedByTheEmulator() throws Exception {
        try (Emulator emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(20)).build().start();
             TencentRedisClient redis = TencentRedisClient.create(ClientConfig.builder()
                     .credentials(Emulator.DEFAULT_CREDENTIALS).region("ap-guangzhou").endpoint(emulator.endpoint())
                     .rateLimiting(false).build())) {
            EmulatorLoad.ensureFleet(redis, 1);
            String lua = WrkRequest.script(URI.create(emulator.endpoint()), Emulator.DEFAULT_CREDENTIALS, 1,
                    System.currentTimeMillis() / 1000);

            Matcher body = BODY.matcher(lua);
            assertThat(body.find()).isTrue();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/"))
                    .POST(HttpRequest.BodyPublishers.ofString(body.group(1), StandardCharsets.UTF_8));
            Matcher header = HEADER.matcher(lua);
            while (header.find()) {
                if (!header.group(1).equals("Host")) request.header(header.group(1), header.group(2));
            }
            HttpResponse<String> answer = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

            JsonNode response = JSON.readTree(answer.body()).path("Response");
            assertThat(response.has("Error")).as(answer.body()).isFalse();
            assertThat(response.path("InstanceSet")).hasSize(1);
            assertThat(lua).contains("string.find(body, '\"Error\"', 1, true)");
        }
    }

    @Test
    void theCannedFleetServesThePageAsked() throws Exception {
        CannedFleet fleet = new CannedFleet(CannedBodies.load("tencent-describe-instances-20.json"), 1000);
        JsonNode last = JSON.readTree(fleet.page("{\"Limit\":100,\"Offset\":900}".getBytes(StandardCharsets.UTF_8)))
                .path("Response");
        assertThat(last.path("TotalCount").asInt()).isEqualTo(1000);
        assertThat(last.path("InstanceSet")).hasSize(100);
        assertThat(last.path("InstanceSet").get(0).path("InstanceId").asText()).isEqualTo("crs-bench0900");
        assertThat(last.path("InstanceSet").get(99).path("InstanceName").asText()).isEqualTo("bench-0999");
        JsonNode beyond = JSON.readTree(fleet.page("{\"Limit\":100,\"Offset\":1000}".getBytes(StandardCharsets.UTF_8)));
        assertThat(beyond.path("Response").path("InstanceSet")).isEmpty();
    }
}
