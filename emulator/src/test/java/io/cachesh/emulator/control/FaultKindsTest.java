package io.cachesh.emulator.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.error.ApiException;
import io.cachesh.client.error.TransportException;
import io.cachesh.client.retry.RetryPolicy;
import io.cachesh.client.tencent.redis.TencentRedisClient;
import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.InstanceStatus;
import io.cachesh.emulator.fleet.Task;
import io.cachesh.emulator.fleet.TaskStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fault kinds as the emulator's own contract, seen by a real client: an HTTP 5xx before the action does nothing,
 * a reset after it leaves the change made and the client without an answer, a failing task undoes a creation, a
 * hanging one never ends; the control endpoint takes the new fields and refuses unknown ones by name.
 */
class FaultKindsTest {

    Emulator emulator;
    TencentRedisClient redis;

    @BeforeEach
    void start() {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(50)).throttling(false).build().start();
        redis = TencentRedisClient.create(ClientConfig.builder().credentials(emulator.credentials()).region("ap-guangzhou")
                .endpoint(emulator.endpoint()).retryPolicy(RetryPolicy.none()).readTimeout(Duration.ofSeconds(5)).build());
    }

    @AfterEach
    void stop() {
        redis.close();
        emulator.close();
    }

    String create(String name) {
        return redis.createInstances(r -> r.typeId(2L).memSize(1024L).goodsNum(1L).period(1L).billingMode(0L)
                .instanceName(name).password("Fault-Pass1")).instanceIds().get(0);
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting until " + what);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Test
    void anHttp503BeforeTheActionAnswersAGatewayPageAndDoesNothing() {
        emulator.faults().add(FaultRule.httpStatus("tencent", "CreateInstances", 503, false, 1));
        assertThatThrownBy(() -> create("a")).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).httpStatus()).isEqualTo(503));
        assertThat(emulator.fleet().instances()).isEmpty();
        assertThat(emulator.faults().rules()).as("used up").isEmpty();
        create("a");
        assertThat(emulator.fleet().instances()).hasSize(1);
    }

    @Test
    void aResetAfterTheActionLeavesTheChangeMadeAndTheClientWithoutAnAnswer() {
        emulator.faults().add(FaultRule.reset("tencent", "CreateInstances", true, 1));
        assertThatThrownBy(() -> create("a")).isInstanceOf(TransportException.class)
                .satisfies(e -> assertThat(((TransportException) e).mayHaveBeenPerformed()).isTrue());
        assertThat(emulator.fleet().instances()).extracting(Instance::name).containsExactly("a");
    }

    @Test
    void a502AfterTheActionLeavesTheChangeMade() {
        emulator.faults().add(FaultRule.httpStatus("tencent", "CreateInstances", 502, true, 1));
        assertThatThrownBy(() -> create("a")).isInstanceOf(ApiException.class);
        assertThat(emulator.fleet().instances()).extracting(Instance::name).containsExactly("a");
    }

    @Test
    void aFailingTaskUndoesACreationAndLeavesAResizedInstanceAsItWas() {
        emulator.faults().add(FaultRule.task("tencent", "CreateInstances", FaultRule.TASK_FAIL, 1));
        String gone = create("gone");
        await(() -> emulator.fleet().instance(gone).isEmpty(), "the failed creation's instance is removed");
        assertThat(emulator.fleet().tasks()).singleElement().extracting(Task::status).isEqualTo(TaskStatus.FAILED);

        String kept = create("kept");
        await(() -> emulator.fleet().instance(kept).map(i -> i.status() == InstanceStatus.RUNNING).orElse(false), "running");
        emulator.faults().add(FaultRule.task("tencent", "UpgradeInstance", FaultRule.TASK_FAIL, 1));
        redis.upgradeInstance(r -> r.instanceId(kept).memSize(2048L).redisReplicasNum(1L));
        await(() -> emulator.fleet().tasks().get(0).status().done(), "the resize task ends");
        assertThat(emulator.fleet().tasks().get(0).status()).isEqualTo(TaskStatus.FAILED);
        Instance after = emulator.fleet().instance(kept).orElseThrow();
        assertThat(after.status()).isEqualTo(InstanceStatus.RUNNING);
        assertThat(after.memSizeMb()).isEqualTo(1024);
    }

    @Test
    void aHangingTaskNeverEnds() {
        emulator.faults().add(FaultRule.task("tencent", "CreateInstances", FaultRule.TASK_HANG, 1));
        String hung = create("hung");
        String later = create("later");
        // the later creation finishing shows the hung one had its time
        await(() -> emulator.fleet().instance(later).map(i -> i.status() == InstanceStatus.RUNNING).orElse(false), "running");
        await(() -> emulator.fleet().tasks().stream().filter(t -> later.equals(t.instanceId())).allMatch(t -> t.status().done()), "done");
        assertThat(emulator.fleet().instance(hung).orElseThrow().status()).isEqualTo(InstanceStatus.PROCESSING);
        assertThat(emulator.fleet().tasks().stream().filter(t -> hung.equals(t.instanceId())))
                .singleElement().extracting(Task::status).isNotIn(TaskStatus.SUCCEED, TaskStatus.FAILED);
    }

    @Test
    void theControlEndpointTakesEveryKindAndRefusesAnUnknownFieldByName() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI faults = URI.create(emulator.endpoint() + "/_emulator/faults");
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(faults).POST(HttpRequest.BodyPublishers.ofString(
                "[{\"vendor\":\"tencent\",\"action\":\"CreateInstances\",\"reset\":true,\"times\":1},"
                        + "{\"action\":\"DescribeTaskList\",\"slowBodyMs\":2000},{\"vendor\":\"huawei\",\"task\":\"hang\"}]"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("\"description\":\"tencent CreateInstances: reset mid-answer after the action, 1 time\"",
                "\"description\":\"any vendor DescribeTaskList: body trickled over 2000 ms, every time\"",
                "\"description\":\"huawei any action: task hangs, every time\"");
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(faults).POST(HttpRequest.BodyPublishers.ofString(
                "{\"action\":\"X\",\"latencyMS\":5}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("unknown field `latencyMS`");
        assertThat(emulator.faults().rules()).hasSize(3);
    }
}
