package io.cachesh.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.error.ThrottlingException;
import io.cachesh.client.retry.RetryPolicy;
import io.cachesh.client.tencent.redis.TencentRedisClient;
import io.cachesh.emulator.Emulator;
import io.cachesh.model.Models;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The model's per-action rate limits, enforced per (SecretId, region, action). */
class ThrottlingTest {

    @Test
    void burstAboveTheLimitGetsRequestLimitExceeded() {
        try (Emulator emulator = Emulator.builder().taskDelay(Duration.ofMillis(50)).build().start()) {
            Tc3TestClient raw = new Tc3TestClient(emulator.endpoint(), emulator.credentials());
            List<String> codes = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                JsonNode r = raw.response("DescribeTaskList", "{}"); // limit 100/s
                codes.add(r.path("Error").path("Code").asText("ok"));
            }
            for (int i = 0; i < 50; i++) {
                JsonNode r = raw.response("DescribeProductInfo", "{}"); // default limit 20/s
                codes.add(r.path("Error").path("Code").asText("ok"));
            }
            assertThat(codes.subList(0, 60)).as("DescribeTaskList: 60 < 100/s").containsOnly("ok");
            List<String> product = codes.subList(60, 110);
            assertThat(product.subList(0, 20)).containsOnly("ok");
            assertThat(product).contains("RequestLimitExceeded");
            JsonNode error = null;
            for (int i = 0; i < 30 && error == null; i++) {
                JsonNode r = raw.response("DescribeProductInfo", "{}");
                if (r.has("Error")) error = r;
            }
            assertThat(error).isNotNull();
            assertThat(error.path("Error").path("Message").asText()).startsWith("请求的次数超过了频率限制。")
                    .contains("20 requests per second");
            // another region is another bucket
            JsonNode other = raw.send(c -> {
                c.action = "DescribeProductInfo";
                c.region = "ap-shanghai";
                c.body = "{}".getBytes();
            });
            assertThat(other.has("Error")).as("%s", other).isFalse();
        }
    }

    @Test
    void throttlingCanBeTurnedOff() {
        try (Emulator emulator = Emulator.builder().throttling(false).build().start()) {
            assertThat(emulator.throttling()).isFalse();
            Tc3TestClient raw = new Tc3TestClient(emulator.endpoint(), emulator.credentials());
            for (int i = 0; i < 60; i++) raw.call("DescribeProductInfo", "{}");
        }
    }

    @Test
    void theGeneratedClientStaysUnderTheLimitInATightLoop() {
        try (Emulator emulator = Emulator.builder().taskDelay(Duration.ofMillis(50)).build().start()) {
            AtomicLong throttled = new AtomicLong();
            ClientConfig config = ClientConfig.builder().credentials(emulator.credentials()).region("ap-guangzhou")
                    .endpoint(emulator.endpoint()).retryPolicy(RetryPolicy.none()).build();
            try (TencentRedisClient client = TencentRedisClient.create(config)) {
                long start = System.nanoTime();
                assertThatCode(() -> {
                    for (int i = 0; i < 60; i++) {
                        try {
                            client.describeInstances(b -> b.limit(10L));
                        } catch (ThrottlingException e) {
                            throttled.incrementAndGet();
                        }
                    }
                }).doesNotThrowAnyException();
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertThat(throttled.get()).as("RequestLimitExceeded seen by the rate-limited client").isZero();
                int limit = new TencentThrottle(Models.load("tencent-redis")).limit("DescribeInstances");
                assertThat(limit).isEqualTo(35);
                // 60 calls at 35/s after a burst of 35: the client itself waited about (60 - 35) / 35 s
                assertThat(millis).isGreaterThanOrEqualTo(500);
            }
        }
    }
}
