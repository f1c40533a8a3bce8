package io.cachesh.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.fleet.Instance;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** ModifyConnectionConfig: the connection limit is maxclients on the real redis-server, the bandwidth is state. */
class ConnectionConfigActionsTest {

    static final String PASSWORD = "Cachesh-Pass1";

    static Emulator emulator;
    static Tc3TestClient client;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(100)).build().start();
        client = new Tc3TestClient(emulator.endpoint(), emulator.credentials());
        assumeTrue(emulator.dataPlaneAvailable(), "no redis-server on this machine: " + emulator.dataPlaneDescription());
    }

    @AfterAll
    static void stop() {
        if (emulator != null) emulator.close();
    }

    static JsonNode createRunning(int typeId, String extra) {
        JsonNode created = client.call("CreateInstances", "{\"TypeId\":" + typeId + ",\"MemSize\":1024,\"GoodsNum\":1,\"Period\":1,"
                + "\"BillingMode\":0,\"ZoneId\":100002,\"Password\":\"" + PASSWORD + "\"" + extra + "}");
        return client.waitStatus(created.path("InstanceIds").get(0).asText(), 2);
    }

    static long maxclients(JsonNode instance) {
        try (Jedis jedis = new Jedis(instance.path("WanIp").asText(), instance.path("Port").asInt())) {
            jedis.auth(PASSWORD);
            return Long.parseLong(jedis.configGet("maxclients").get("maxclients"));
        }
    }

    static String code(JsonNode response) {
        return response.path("Error").path("Code").asText();
    }

    @Test
    void theClientLimitIsMaxclientsOnTheRealServerAndTheBandwidthIsKept() {
        JsonNode instance = createRunning(15, "");
        String id = instance.path("InstanceId").asText();
        long before = maxclients(instance);
        Instance domain = emulator.fleet().instance(id).orElseThrow();
        assertThat(ConnectionConfigActions.clientLimit(domain)).isEqualTo(10_000);
        assertThat(ConnectionConfigActions.bandwidth(domain)).isZero();

        JsonNode answer = client.call("ModifyConnectionConfig", "{\"InstanceId\":\"" + id + "\",\"Bandwidth\":5,\"ClientLimit\":12000}");
        long taskId = answer.path("TaskId").asLong();
        assertThat(taskId).isPositive();
        assertThat(client.waitTask(taskId).path("Status").asText()).isEqualTo("succeed");
        long after = maxclients(instance);
        assertThat(after).isLessThanOrEqualTo(12_000);
        if (before >= 10_000) assertThat(after).as("the OS allows %s clients", before).isGreaterThan(before);
        assertThat(ConnectionConfigActions.clientLimit(domain)).isEqualTo(12_000);
        assertThat(ConnectionConfigActions.bandwidth(domain)).isEqualTo(5);

        JsonNode tasks = client.call("DescribeTaskList", "{\"InstanceId\":\"" + id + "\"}");
        assertThat(tasks.path("Tasks").findValuesAsText("TaskType")).contains(ConnectionConfigActions.TASK_TYPE);

        // only the bandwidth: the connection limit stays
        client.waitTask(client.call("ModifyConnectionConfig", "{\"InstanceId\":\"" + id + "\",\"Bandwidth\":8}").path("TaskId").asLong());
        assertThat(ConnectionConfigActions.clientLimit(domain)).isEqualTo(12_000);
        assertThat(ConnectionConfigActions.bandwidth(domain)).isEqualTo(8);
        assertThat(maxclients(instance)).isEqualTo(after);
    }

    @Test
    void aClusterGetsTheLimitOfAllItsShardsUpToWhatTheSystemAllows() {
        JsonNode created = client.call("CreateInstances", "{\"TypeId\":16,\"MemSize\":1024,\"RedisShardNum\":3,\"GoodsNum\":1,\"Period\":1,"
                + "\"BillingMode\":0,\"ZoneId\":100002,\"Password\":\"" + PASSWORD + "\"}");
        String id = created.path("InstanceIds").get(0).asText();
        JsonNode instance = client.waitStatus(id, 2);
        long task = client.call("ModifyConnectionConfig", "{\"InstanceId\":\"" + id + "\",\"ClientLimit\":40000}").path("TaskId").asLong();
        JsonNode info = client.waitTask(task);
        assertThat(info.path("Status").asText()).isEqualTo("succeed");
        long live = maxclients(instance);
        assertThat(live).isPositive().isLessThanOrEqualTo(120_000);
        assertThat(ConnectionConfigActions.clientLimit(emulator.fleet().instance(id).orElseThrow())).isEqualTo(40_000);
    }

    @Test
    void theSeedsErrorsInTheSeedsSituations() {
        JsonNode instance = createRunning(15, "");
        String id = instance.path("InstanceId").asText();
        assertThat(code(client.response("ModifyConnectionConfig", "{\"InstanceId\":\"crs-nothere0\",\"ClientLimit\":20000}")))
                .isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(code(client.response("ModifyConnectionConfig", "{\"ClientLimit\":20000}"))).isEqualTo("MissingParameter");
        assertThat(code(client.response("ModifyConnectionConfig", "{\"InstanceId\":\"" + id + "\"}"))).isEqualTo("MissingParameter");
        assertThat(code(client.response("ModifyConnectionConfig", "{\"InstanceId\":\"" + id + "\",\"ClientLimit\":9999}")))
                .isEqualTo("InvalidParameterValue");
        assertThat(code(client.response("ModifyConnectionConfig", "{\"InstanceId\":\"" + id + "\",\"ClientLimit\":40001}")))
                .isEqualTo("InvalidParameterValue");
        assertThat(code(client.response("ModifyConnectionConfig", "{\"InstanceId\":\"" + id + "\",\"Bandwidth\":0}")))
                .isEqualTo("InvalidParameterValue");
        client.call("DestroyPostpaidInstance", "{\"InstanceId\":\"" + id + "\"}");
        assertThat(code(client.response("ModifyConnectionConfig", "{\"InstanceId\":\"" + id + "\",\"Bandwidth\":5}")))
                .isEqualTo("ResourceUnavailable.InstanceLockedError");
        client.waitStatus(id, -2);
        assertThat(code(client.response("ModifyConnectionConfig", "{\"InstanceId\":\"" + id + "\",\"Bandwidth\":5}")))
                .isEqualTo("ResourceUnavailable.InstanceStatusError");
    }
}
