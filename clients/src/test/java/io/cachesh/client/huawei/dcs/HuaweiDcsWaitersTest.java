package io.cachesh.client.huawei.dcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachesh.client.auth.Credentials;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.core.FakeTime;
import io.cachesh.client.core.WaiterTimeoutException;
import io.cachesh.client.error.TaskFailedException;
import java.time.Duration;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HuaweiDcsWaitersTest {

    private final MockWebServer server = new MockWebServer();
    private final FakeTime time = new FakeTime();
    private HuaweiDcsClient client;
    private HuaweiDcsWaiters waiters;

    @BeforeEach
    void start() throws Exception {
        server.start();
        client = HuaweiDcsClient.create(ClientConfig.builder().credentials(Credentials.of("HWAK", "sk"))
                .region("cn-north-4").projectId("p1").endpoint("http://127.0.0.1:" + server.getPort())
                .rateLimiting(false).build());
        waiters = HuaweiDcsWaiters.create(client).withInterval(Duration.ofSeconds(5)).withClock(time, time);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.shutdown();
    }

    private void instance(String status) {
        server.enqueue(new MockResponse().setBody("{\"instance_id\":\"i-1\",\"status\":\"" + status + "\"}"));
    }

    @Test
    void waitsUntilTheInstanceIsRunning() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(404)
                .setBody("{\"error_code\":\"DCS.3022\",\"error_msg\":\"not yet\"}"));
        instance("CREATING");
        instance("RUNNING");
        assertThat(waiters.waitForInstanceStatus("i-1", HuaweiDcsWaiters.RUNNING, Duration.ofMinutes(5)).status())
                .isEqualTo("RUNNING");
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
        assertThat(server.takeRequest().getPath()).isEqualTo("/v2/p1/instances/i-1");
    }

    @Test
    void aFailedCreationEndsTheWait() {
        instance("CREATING");
        instance("CREATEFAILED");
        assertThatThrownBy(() -> waiters.waitForInstanceStatus("i-1", "RUNNING", Duration.ofMinutes(5)))
                .isInstanceOfSatisfying(TaskFailedException.class, e -> {
                    assertThat(e.status()).isEqualTo("CREATEFAILED");
                    assertThat(e.taskIdText()).isEqualTo("i-1");
                });
    }

    @Test
    void timesOutWhileTheInstanceKeepsResizing() {
        for (int i = 0; i < 10; i++) instance("EXTENDING");
        assertThatThrownBy(() -> waiters.waitForInstanceStatus("i-1", "RUNNING", Duration.ofSeconds(12)))
                .isInstanceOf(WaiterTimeoutException.class).hasMessageContaining("EXTENDING");
    }

    @Test
    void waitsForAJobAndReportsItsFailReason() throws Exception {
        server.enqueue(new MockResponse().setBody("{\"job_id\":\"ff80\",\"status\":\"RUNNING\"}"));
        server.enqueue(new MockResponse().setBody("{\"job_id\":\"ff80\",\"status\":\"SUCCESS\"}"));
        assertThat(waiters.waitForJob("ff80", Duration.ofMinutes(1)).status()).isEqualTo("SUCCESS");
        assertThat(server.takeRequest().getPath()).isEqualTo("/v2/p1/jobs/ff80");

        server.enqueue(new MockResponse().setBody("{\"job_id\":\"ff81\",\"status\":\"FAIL\",\"fail_reason\":\"node down\"}"));
        assertThatThrownBy(() -> waiters.waitForJob("ff81", Duration.ofMinutes(1)))
                .isInstanceOf(TaskFailedException.class).hasMessageContaining("task ff81 ended FAIL: node down");
    }

    @Test
    void waitsUntilTheInstanceIsGone() {
        instance("DELETING");
        server.enqueue(new MockResponse().setResponseCode(404).setBody("{\"error_code\":\"DCS.3022\",\"error_msg\":\"gone\"}"));
        waiters.waitForInstanceDeleted("i-1", Duration.ofMinutes(1));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }
}
