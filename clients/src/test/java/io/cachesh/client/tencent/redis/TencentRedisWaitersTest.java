package io.cachesh.client.tencent.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachesh.client.auth.Credentials;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.core.FakeTime;
import io.cachesh.client.core.WaiterTimeoutException;
import io.cachesh.client.error.TaskFailedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TencentRedisWaitersTest {

    private final MockWebServer server = new MockWebServer();
    private final FakeTime time = new FakeTime();
    private TencentRedisClient client;
    private TencentRedisWaiters waiters;

    @BeforeEach
    void start() throws Exception {
        server.start();
        client = TencentRedisClient.create(ClientConfig.builder().credentials(Credentials.of("AKIDw", "key"))
                .region("ap-guangzhou").endpoint("http://127.0.0.1:" + server.getPort()).rateLimiting(false).build());
        waiters = TencentRedisWaiters.create(client).withInterval(Duration.ofSeconds(2)).withClock(time, time);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.shutdown();
    }

    private void task(String status, String message) {
        server.enqueue(new MockResponse().setBody("{\"Response\":{\"Status\":\"" + status + "\",\"TaskMessage\":\""
                + message + "\",\"RequestId\":\"req-" + status + "\"}}"));
    }

    @Test
    void waitForTaskPollsUntilSucceed() throws Exception {
        task("preparing", "");
        task("running", "");
        task("succeed", "ok");
        List<Integer> polls = new ArrayList<>();
        var response = waiters.withProgress((attempt, elapsed, state) -> polls.add(attempt)).waitForTask(42, Duration.ofMinutes(1));
        assertThat(response.status()).isEqualTo("succeed");
        assertThat(polls).containsExactly(1, 2, 3);
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThat(server.takeRequest().getBody().readUtf8()).isEqualTo("{\"TaskId\":42}");
    }

    @Test
    void waitForTaskThrowsTaskFailedWithTheTaskMessage() {
        task("running", "");
        task("failed", "disk full");
        assertThatThrownBy(() -> waiters.waitForTask(42, Duration.ofMinutes(1)))
                .isInstanceOf(TaskFailedException.class)
                .hasMessage("tencent TaskFailed: task 42 ended failed: disk full (RequestId req-failed)")
                .satisfies(e -> assertThat(((TaskFailedException) e).taskId()).isEqualTo(42));
    }

    @Test
    void waitForTaskTimesOutNamingTheTaskAndItsLastStatus() {
        for (int i = 0; i < 3; i++) task("running", "step " + i);
        assertThatThrownBy(() -> waiters.waitForTask(42, Duration.ofSeconds(4)))
                .isInstanceOf(WaiterTimeoutException.class)
                .hasMessage("timed out after PT4S waiting for task 42 to succeed; last state: status running (step 2) (3 polls)");
    }

    @Test
    void waitForInstanceStatusPollsDescribeInstancesByInstanceId() throws Exception {
        server.enqueue(new MockResponse().setBody("{\"Response\":{\"TotalCount\":0,\"InstanceSet\":[],\"RequestId\":\"1\"}}"));
        server.enqueue(new MockResponse().setBody("{\"Response\":{\"TotalCount\":1,\"InstanceSet\":[{\"InstanceId\":\"crs-1\",\"Status\":1}],\"RequestId\":\"2\"}}"));
        server.enqueue(new MockResponse().setBody("{\"Response\":{\"TotalCount\":1,\"InstanceSet\":[{\"InstanceId\":\"crs-1\",\"Status\":2,\"WanIp\":\"127.0.0.1\"}],\"RequestId\":\"3\"}}"));
        var instance = waiters.waitForInstanceStatus("crs-1", 2, Duration.ofMinutes(1));
        assertThat(instance.wanIp()).isEqualTo("127.0.0.1");
        assertThat(server.takeRequest().getBody().readUtf8()).isEqualTo("{\"InstanceId\":\"crs-1\"}");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void waitForInstanceStatusTimeoutSaysWhenTheInstanceIsNotListed() {
        for (int i = 0; i < 2; i++) {
            server.enqueue(new MockResponse().setBody("{\"Response\":{\"TotalCount\":0,\"InstanceSet\":[],\"RequestId\":\"x\"}}"));
        }
        assertThatThrownBy(() -> waiters.waitForInstanceStatus("crs-9", 2, Duration.ofSeconds(2)))
                .hasMessage("timed out after PT2S waiting for instance crs-9 to reach status 2; last state: not listed (2 polls)");
    }
}
