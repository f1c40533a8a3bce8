package io.cachesh.client.tencent.redislegacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachesh.client.auth.Credentials;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.core.FakeTime;
import io.cachesh.client.error.TaskFailedException;
import io.cachesh.client.retry.RetryPolicy;
import io.cachesh.client.tencent.redislegacy.model.DescribeTaskInfoResponse;
import io.cachesh.client.tencent.redislegacy.model.RedisDealDetail;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The legacy flows: dealId -> DescribeRedisDealDetail until status 4, requestId -> DescribeTaskInfo until status 2. */
class TencentRedisLegacyWaitersTest {

    private final MockWebServer server = new MockWebServer();
    private final FakeTime time = new FakeTime();
    private TencentRedisLegacyClient client;
    private TencentRedisLegacyWaiters waiters;

    @BeforeEach
    void start() throws Exception {
        server.start();
        client = TencentRedisLegacyClient.create(ClientConfig.builder().credentials(Credentials.of("AKID", "key"))
                .region("gz").endpoint("http://127.0.0.1:" + server.getPort()).retryPolicy(RetryPolicy.none()).build());
        waiters = TencentRedisLegacyWaiters.create(client).withInterval(Duration.ofSeconds(5)).withClock(time, time);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.shutdown();
    }

    private void deal(int status, String description) {
        server.enqueue(new MockResponse().setBody("{\"code\":0,\"message\":\"\",\"codeDesc\":\"Success\",\"dealDetails\":"
                + "[{\"dealId\":\"432583\",\"status\":" + status + ",\"description\":\"" + description + "\","
                + "\"goodsDetail\":{\"memSize\":1024,\"redisIds\":[\"crs-ifmymj41\"]}}]}"));
    }

    private void task(String status) {
        server.enqueue(new MockResponse().setBody("{\"code\":0,\"message\":\"\",\"codeDesc\":\"Success\",\"data\":{\"status\":" + status + "}}"));
    }

    @Test
    void waitsForTheDealUntilDelivered() throws Exception {
        server.enqueue(new MockResponse().setBody("{\"code\":0,\"message\":\"\",\"codeDesc\":\"Success\",\"dealDetails\":[]}"));
        deal(2, "已支付，未发货");
        deal(3, "发货中");
        deal(4, "发货成功");
        List<Object> seen = new ArrayList<>();
        RedisDealDetail delivered = waiters.withProgress((attempt, elapsed, state) -> seen.add(state))
                .waitForDeal("432583", Duration.ofMinutes(10));
        assertThat(delivered.status()).isEqualTo(4L);
        assertThat(delivered.goodsDetail().redisIds()).containsExactly("crs-ifmymj41");
        assertThat(seen).hasSize(4);
        String form = URLDecoder.decode(server.takeRequest().getBody().readUtf8(), StandardCharsets.UTF_8);
        assertThat(form).contains("Action=DescribeRedisDealDetail").contains("dealIds.0=432583");
        assertThat(time.sleeps).containsOnly(Duration.ofSeconds(5));
    }

    @Test
    void aFailedDealEndsTheWait() {
        deal(3, "发货中");
        deal(5, "发货失败");
        assertThatThrownBy(() -> waiters.waitForDeal("432583", Duration.ofMinutes(10)))
                .isInstanceOfSatisfying(TaskFailedException.class, e -> {
                    assertThat(e.taskIdText()).isEqualTo("432583");
                    assertThat(e.status()).isEqualTo("status 5");
                    assertThat(e.getMessage()).contains("发货失败");
                });
    }

    @Test
    void waitsForTheTaskUntilStatusTwo() throws Exception {
        task("0");
        task("\"1\"");
        task("2");
        DescribeTaskInfoResponse done = waiters.waitForTask(25565, Duration.ofMinutes(10));
        assertThat(done.data().status()).isEqualTo(2L);
        String form = URLDecoder.decode(server.takeRequest().getBody().readUtf8(), StandardCharsets.UTF_8);
        assertThat(form).contains("Action=DescribeTaskInfo").contains("requestId=25565");
    }

    @Test
    void aTaskEndingMinusOneOrThreeFails() {
        task("1");
        task("-1");
        assertThatThrownBy(() -> waiters.waitForTask(7, Duration.ofMinutes(10)))
                .isInstanceOfSatisfying(TaskFailedException.class, e -> assertThat(e.status()).isEqualTo("status -1"));
        task("3");
        assertThatThrownBy(() -> waiters.waitForTask(8, Duration.ofMinutes(10)))
                .isInstanceOfSatisfying(TaskFailedException.class, e -> assertThat(e.taskId()).isEqualTo(8L));
    }
}
