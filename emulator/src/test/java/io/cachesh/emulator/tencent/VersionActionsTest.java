package io.cachesh.emulator.tencent;

import static io.cachesh.emulator.tencent.ActionShapes.code;
import static io.cachesh.emulator.tencent.ActionShapes.conform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.fleet.Instance;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** UpgradeInstanceVersion, UpgradeProxyVersion, UpgradeSmallVersion and SwitchAccessNewInstance over TC3 HTTP. */
class VersionActionsTest {

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

    static JsonNode create(int typeId) {
        JsonNode created = client.call("CreateInstances", "{\"TypeId\":" + typeId + ",\"MemSize\":1024,\"GoodsNum\":1,\"Period\":1,"
                + "\"BillingMode\":0,\"Password\":\"" + PASSWORD + "\"}");
        return client.waitStatus(created.path("InstanceIds").get(0).asText(), 2);
    }

    static Instance fleetInstance(String id) {
        return emulator.fleet().instance(id).orElseThrow();
    }

    /** A window of 30 minutes that starts 6 hours from now (Beijing time), so "now" is outside it. */
    static void windowAwayFromNow(String id) {
        LocalTime start = LocalTime.now(ZoneOffset.ofHours(8)).plusHours(6).withSecond(0).withNano(0);
        JsonNode r = client.call("ModifyMaintenanceWindow", "{\"InstanceId\":\"" + id + "\",\"StartTime\":\"" + hhmm(start)
                + "\",\"EndTime\":\"" + hhmm(start.plusMinutes(30)) + "\"}");
        assertThat(r.path("Status").asText()).isEqualTo("success");
    }

    static String hhmm(LocalTime t) {
        return String.format("%02d:%02d", t.getHour(), t.getMinute());
    }

    static String taskType(String id, String code) {
        JsonNode tasks = client.call("DescribeTaskList", "{\"InstanceId\":\"" + id + "\",\"TaskTypes\":[\"" + code + "\"]}");
        return tasks.path("Tasks").isEmpty() ? null : tasks.path("Tasks").get(0).path("TaskType").asText();
    }

    @Test
    void upgradeToTheSameVersionsClusterSwitchesNowDropsClientsAndKeepsData() {
        JsonNode instance = create(15);
        String id = instance.path("InstanceId").asText();
        try (Jedis before = new Jedis("127.0.0.1", instance.path("Port").asInt())) {
            before.auth(PASSWORD);
            before.set("kept", "yes");
            JsonNode deal = conform("UpgradeInstanceVersion", client.call("UpgradeInstanceVersion",
                    "{\"InstanceId\":\"" + id + "\",\"TargetInstanceType\":\"16\",\"SwitchOption\":2}"));
            assertThat(deal.path("DealId").asText()).matches("\\d+");
            JsonNode busy = client.response("UpgradeSmallVersion", "{\"InstanceId\":\"" + id + "\",\"CurrentRedisVersion\":\"6.2.0\","
                    + "\"UpgradeRedisVersion\":\"6.2.1\",\"InstanceTypeUpgradeNow\":1}");
            assertThat(code(busy)).isEqualTo("ResourceUnavailable.InstanceLockedError");
            client.waitStatus(id, 2);
            assertThatThrownBy(before::ping).isInstanceOf(JedisConnectionException.class);
        }
        Instance i = fleetInstance(id);
        assertThat(EngineVersions.typeId(i)).isEqualTo(16);
        assertThat(EngineVersions.version(i)).isEqualTo("6.2");
        assertThat(taskType(id, "041")).isEqualTo("041");
        // a cluster now: its shards are described
        assertThat(client.call("DescribeInstanceShards", "{\"InstanceId\":\"" + id + "\"}").path("TotalCount").asInt()).isEqualTo(2);
        try (Jedis after = new Jedis("127.0.0.1", instance.path("Port").asInt())) {
            after.auth(PASSWORD);
            assertThat(after.get("kept")).isEqualTo("yes");
        }
        // cluster -> standard is a downgrade
        JsonNode down = client.response("UpgradeInstanceVersion", "{\"InstanceId\":\"" + id + "\",\"TargetInstanceType\":\"15\",\"SwitchOption\":2}");
        assertThat(code(down)).isEqualTo("InvalidParameterValue.UnSupportedType");
        // a higher version of the cluster architecture is fine
        client.call("UpgradeInstanceVersion", "{\"InstanceId\":\"" + id + "\",\"TargetInstanceType\":\"18\",\"SwitchOption\":2}");
        client.waitStatus(id, 2);
        assertThat(EngineVersions.typeId(i)).isEqualTo(18);
        assertThat(EngineVersions.redisVersion(i)).isEqualTo("7.0.0");
        assertThat(taskType(id, "043")).isEqualTo("043");
    }

    @Test
    void upgradeInstanceVersionFollowsTheSeedsRules() {
        String id = create(15).path("InstanceId").asText();
        String call = "{\"InstanceId\":\"" + id + "\",\"SwitchOption\":2,\"TargetInstanceType\":";
        assertThat(code(client.response("UpgradeInstanceVersion", call + "\"18\"}"))).isEqualTo("InvalidParameterValue.UnSupportedType");
        assertThat(code(client.response("UpgradeInstanceVersion", call + "\"15\"}"))).isEqualTo("InvalidParameter.InvalidParameter");
        assertThat(code(client.response("UpgradeInstanceVersion", call + "\"8\"}"))).isEqualTo("InvalidParameterValue.UnSupportedType");
        assertThat(code(client.response("UpgradeInstanceVersion", call + "\"redis\"}"))).isEqualTo("InvalidParameterValue.InvalidInstanceTypeId");
        assertThat(code(client.response("UpgradeInstanceVersion", call + "\"99\"}"))).isEqualTo("InvalidParameterValue.InvalidInstanceTypeId");
        assertThat(code(client.response("UpgradeInstanceVersion", "{\"InstanceId\":\"crs-nothere0\",\"SwitchOption\":2,\"TargetInstanceType\":\"16\"}")))
                .isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(code(client.response("UpgradeInstanceVersion", call + "\"16\",\"Extra\":1}"))).isEqualTo("UnknownParameter");
        String old = create(2).path("InstanceId").asText();
        JsonNode arch28 = client.response("UpgradeInstanceVersion", "{\"InstanceId\":\"" + old + "\",\"SwitchOption\":2,\"TargetInstanceType\":\"7\"}");
        assertThat(code(arch28)).isEqualTo("InvalidParameterValue.UnSupportedType");
        assertThat(arch28.path("Error").path("Message").asText()).contains("2.8");
        client.call("UpgradeInstanceVersion", "{\"InstanceId\":\"" + old + "\",\"SwitchOption\":2,\"TargetInstanceType\":\"6\"}");
        client.waitStatus(old, 2);
        assertThat(EngineVersions.typeId(fleetInstance(old))).isEqualTo(6);
        assertThat(EngineVersions.version(fleetInstance(old))).isEqualTo("4.0");
    }

    @Test
    void aSwitchInTheMaintenanceWindowWaitsForSwitchAccessNewInstance() {
        String id = create(15).path("InstanceId").asText();
        windowAwayFromNow(id);
        JsonNode none = client.response("SwitchAccessNewInstance", "{\"InstanceId\":\"" + id + "\"}");
        assertThat(code(none)).isEqualTo("ResourceUnavailable.InstanceStatusError");

        JsonNode flow = conform("UpgradeSmallVersion", client.call("UpgradeSmallVersion", "{\"InstanceId\":\"" + id
                + "\",\"CurrentRedisVersion\":\"6.2.0\",\"UpgradeRedisVersion\":\"6.2.5\",\"InstanceTypeUpgradeNow\":0}"));
        JsonNode task = client.waitTask(flow.path("FlowId").asLong());
        assertThat(task.path("Status").asText()).isEqualTo("succeed");
        assertThat(task.path("TaskType").asText()).isEqualTo("升级 Redis 版本");
        Instance i = fleetInstance(id);
        assertThat(EngineVersions.redisVersion(i)).isEqualTo("6.2.0");
        assertThat(EngineVersions.pending(i)).isNotNull();
        // the window cannot change while a switch waits in it
        JsonNode window = client.call("ModifyMaintenanceWindow", "{\"InstanceId\":\"" + id + "\",\"StartTime\":\"01:00\",\"EndTime\":\"02:00\"}");
        assertThat(window.path("Status").asText()).isEqualTo("failed");
        JsonNode second = client.response("UpgradeProxyVersion", "{\"InstanceId\":\"" + id + "\",\"CurrentProxyVersion\":\"5.8.0\","
                + "\"UpgradeProxyVersion\":\"5.9.0\",\"InstanceTypeUpgradeNow\":1}");
        assertThat(code(second)).isEqualTo("ResourceUnavailable.InstanceLockedError");

        conform("SwitchAccessNewInstance", client.call("SwitchAccessNewInstance", "{\"InstanceId\":\"" + id + "\"}"));
        assertThat(code(client.response("SwitchAccessNewInstance", "{\"InstanceId\":\"" + id + "\"}")))
                .isEqualTo("ResourceUnavailable.InstanceStatusAbnormal");
        client.waitStatus(id, 2);
        assertThat(EngineVersions.redisVersion(i)).isEqualTo("6.2.5");
        assertThat(EngineVersions.pending(i)).isNull();
        assertThat(taskType(id, "016")).isEqualTo("016");
        assertThat(code(client.response("SwitchAccessNewInstance", "{\"InstanceId\":\"" + id + "\"}")))
                .isEqualTo("ResourceUnavailable.InstanceStatusError");
        assertThat(code(client.response("SwitchAccessNewInstance", "{\"InstanceId\":\"crs-nothere0\"}")))
                .isEqualTo("ResourceNotFound.InstanceNotExists");
        // an architecture upgrade in the window, switched on demand
        JsonNode deal = client.call("UpgradeInstanceVersion", "{\"InstanceId\":\"" + id + "\",\"TargetInstanceType\":\"16\",\"SwitchOption\":1}");
        assertThat(deal.path("DealId").asText()).isNotBlank();
        client.waitStatus(id, 2);
        Tc3TestClient.sleep(150);
        assertThat(EngineVersions.typeId(i)).isEqualTo(15);
        client.call("SwitchAccessNewInstance", "{\"InstanceId\":\"" + id + "\"}");
        client.waitStatus(id, 2);
        assertThat(EngineVersions.typeId(i)).isEqualTo(16);
    }

    @Test
    void upgradeProxyVersionChecksTheCurrentVersionAndGoesUp() {
        String id = create(15).path("InstanceId").asText();
        String base = "{\"InstanceId\":\"" + id + "\",\"InstanceTypeUpgradeNow\":1,";
        assertThat(code(client.response("UpgradeProxyVersion", base + "\"CurrentProxyVersion\":\"5.0.0\",\"UpgradeProxyVersion\":\"5.9.0\"}")))
                .isEqualTo("InvalidParameterValue.CheckNotPass");
        assertThat(code(client.response("UpgradeProxyVersion", base + "\"CurrentProxyVersion\":\"5.8.0\",\"UpgradeProxyVersion\":\"5.7.9\"}")))
                .isEqualTo("InvalidParameterValue.CheckNotPass");
        assertThat(code(client.response("UpgradeProxyVersion", base + "\"CurrentProxyVersion\":\"5.8.0\",\"UpgradeProxyVersion\":\"latest\"}")))
                .isEqualTo("InvalidParameterValue.CheckNotPass");
        assertThat(code(client.response("UpgradeProxyVersion", base + "\"CurrentProxyVersion\":\"5.8.0\",\"UpgradeProxyVersion\":\"5.9.0\",\"InstanceTypeUpgradeNow\":3}")))
                .isIn("InvalidParameterValue", "InvalidParameter");
        JsonNode flow = conform("UpgradeProxyVersion", client.call("UpgradeProxyVersion",
                base + "\"CurrentProxyVersion\":\"5.8.0\",\"UpgradeProxyVersion\":\"5.10.0\"}"));
        JsonNode task = client.waitTask(flow.path("FlowId").asLong());
        assertThat(task.path("Status").asText()).isEqualTo("succeed");
        assertThat(EngineVersions.proxyVersion(fleetInstance(id))).isEqualTo("5.10.0");
        assertThat(taskType(id, "061")).isEqualTo("061");
        String old = create(2).path("InstanceId").asText();
        assertThat(code(client.response("UpgradeProxyVersion", "{\"InstanceId\":\"" + old + "\",\"InstanceTypeUpgradeNow\":1,"
                + "\"CurrentProxyVersion\":\"5.8.0\",\"UpgradeProxyVersion\":\"5.9.0\"}"))).isEqualTo("InvalidParameterValue.CheckNotPass");
    }

    @Test
    void upgradeSmallVersionStaysOnTheInstancesVersionLine() {
        String id = create(15).path("InstanceId").asText();
        String base = "{\"InstanceId\":\"" + id + "\",\"InstanceTypeUpgradeNow\":1,";
        assertThat(code(client.response("UpgradeSmallVersion", base + "\"CurrentRedisVersion\":\"6.0.0\",\"UpgradeRedisVersion\":\"6.2.1\"}")))
                .isEqualTo("UnsupportedOperation.InstanceNotOperation");
        assertThat(code(client.response("UpgradeSmallVersion", base + "\"CurrentRedisVersion\":\"6.2.0\",\"UpgradeRedisVersion\":\"7.0.1\"}")))
                .isEqualTo("UnsupportedOperation.InstanceNotOperation");
        assertThat(code(client.response("UpgradeSmallVersion", base + "\"CurrentRedisVersion\":\"6.2.0\",\"UpgradeRedisVersion\":\"6.2.0\"}")))
                .isEqualTo("UnsupportedOperation.InstanceNotOperation");
        assertThat(code(client.response("UpgradeSmallVersion", "{\"InstanceId\":\"crs-nothere0\",\"InstanceTypeUpgradeNow\":1,"
                + "\"CurrentRedisVersion\":\"6.2.0\",\"UpgradeRedisVersion\":\"6.2.1\"}"))).isEqualTo("ResourceNotFound.InstanceNotExists");
        JsonNode flow = client.call("UpgradeSmallVersion", base + "\"CurrentRedisVersion\":\"6.2.0\",\"UpgradeRedisVersion\":\"6.2.1\"}");
        assertThat(client.waitTask(flow.path("FlowId").asLong()).path("Status").asText()).isEqualTo("succeed");
        assertThat(EngineVersions.redisVersion(fleetInstance(id))).isEqualTo("6.2.1");
        assertThat(taskType(id, "060")).isEqualTo("060");
    }
}
