package io.cachesh.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.validate.ModelValidator;
import io.cachesh.emulator.validate.Violation;
import io.cachesh.model.ApiModel;
import io.cachesh.model.Models;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Global replication groups over real HTTP: group state, the seed's error codes, and REAL replication between the
 * members' redis-servers (a key written to the master shows on a read-only member; switching the master re-points).
 */
class ReplicationGroupActionsTest {

    static final String PASSWORD = "Cachesh-Pass1";
    static final String PASSWORD2 = "Other-Pass22";

    static Emulator emulator;
    static Tc3TestClient client;
    static ApiModel model;
    static ModelValidator strict;

    @BeforeAll
    static void start() {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(100)).throttling(false).build().start();
        client = new Tc3TestClient(emulator.endpoint(), emulator.credentials());
        model = Models.load("tencent-redis");
        strict = new ModelValidator(model, true);
        assumeTrue(emulator.dataPlaneAvailable(), "no redis-server on this machine: " + emulator.dataPlaneDescription());
    }

    @AfterAll
    static void stop() {
        if (emulator != null) emulator.close();
    }

    static JsonNode createRunning(String name, int typeId, String password) {
        JsonNode created = client.call("CreateInstances", "{\"TypeId\":" + typeId + ",\"MemSize\":1024,\"GoodsNum\":1,"
                + "\"Period\":1,\"BillingMode\":0,\"Password\":\"" + password + "\",\"InstanceName\":\"" + name + "\"}");
        return client.waitStatus(created.path("InstanceIds").get(0).asText(), 2);
    }

    /** Calls an action that must succeed and checks its answer against the model's output shape (strict types). */
    static JsonNode ok(String action, String json) {
        JsonNode response = client.call(action, json);
        List<String> problems = new ArrayList<>();
        for (Violation v : strict.validateShape(model.operation(action).orElseThrow().output(), response).violations()) {
            if (v.kind() != Violation.Kind.MISSING) problems.add(v.message());
        }
        assertThat(problems).as("%s answer %s fits its shape", action, response).isEmpty();
        return response;
    }

    static String error(String action, String json) {
        return client.response(action, json).path("Error").path("Code").asText();
    }

    static void succeeded(JsonNode taskAnswer) {
        JsonNode done = client.waitTask(taskAnswer.path("TaskId").asLong());
        assertThat(done.path("Status").asText()).as("task %s", done).isEqualTo("succeed");
    }

    static Jedis jedis(JsonNode instance, String password) {
        Jedis jedis = new Jedis("127.0.0.1", instance.path("Port").asInt());
        jedis.auth(password);
        return jedis;
    }

    static void eventually(String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) throw new AssertionError("never: " + what);
            Tc3TestClient.sleep(50);
        }
    }

    static JsonNode group(String groupId) {
        JsonNode groups = ok("DescribeReplicationGroup", "{\"Limit\":20,\"Offset\":0,\"GroupId\":\"" + groupId + "\"}");
        assertThat(groups.path("TotalCount").asInt()).isEqualTo(1);
        return groups.path("Groups").get(0);
    }

    static String createGroup(String masterId, String name) {
        JsonNode created = ok("CreateReplicationGroup", "{\"InstanceId\":\"" + masterId + "\",\"GroupName\":\"" + name
                + "\",\"Remark\":\"remark of " + name + "\"}");
        succeeded(created);
        return ok("DescribeReplicationGroupInstance", "{\"InstanceId\":\"" + masterId + "\"}").path("GroupId").asText();
    }

    static String role(JsonNode group, String instanceId) {
        for (JsonNode m : group.path("Instances")) {
            if (m.path("InstanceId").asText().equals(instanceId)) return m.path("Role").asText();
        }
        return null;
    }

    @Test
    void aReadOnlyMemberReallyReplicatesTheMasterAndChangeMasterInstanceReallyPromotes() {
        JsonNode a = createRunning("rg-master", 15, PASSWORD);
        JsonNode b = createRunning("rg-member", 15, PASSWORD2);
        String aId = a.path("InstanceId").asText();
        String bId = b.path("InstanceId").asText();

        String groupId = createGroup(aId, "rg-real");
        assertThat(groupId).matches("crs-rpl-[a-z0-9]{8}");
        JsonNode g = group(groupId);
        assertThat(g.path("GroupName").asText()).isEqualTo("rg-real");
        assertThat(g.path("Remark").asText()).isEqualTo("remark of rg-real");
        assertThat(g.path("AppId").asLong()).isEqualTo(1250000000L);
        assertThat(g.path("RegionId").asInt()).isEqualTo(emulatorRegionId("ap-guangzhou"));
        assertThat(g.path("Status").asInt()).isEqualTo(37);
        assertThat(g.path("InstanceCount").asInt()).isEqualTo(1);
        JsonNode master = g.path("Instances").get(0);
        assertThat(master.path("InstanceId").asText()).isEqualTo(aId);
        assertThat(master.path("InstanceName").asText()).isEqualTo("rg-master");
        assertThat(master.path("Role").asText()).isEqualTo("rw");
        assertThat(master.path("Vip").asText()).isEqualTo("127.0.0.1");
        assertThat(master.path("VPort").asInt()).isEqualTo(a.path("Port").asInt());
        assertThat(master.path("Status").asInt()).isEqualTo(2);
        assertThat(master.path("ProductType").asInt()).isEqualTo(15);
        assertThat(master.path("RedisShardSize").asInt()).isEqualTo(1024);
        assertThat(master.path("Engine").asText()).isEqualTo("社区版Redis");
        JsonNode which = ok("DescribeReplicationGroupInstance", "{\"InstanceId\":\"" + aId + "\"}");
        assertThat(which.path("GroupName").asText()).isEqualTo("rg-real");
        assertThat(which.path("InstanceRole").asText()).isEqualTo("rw");
        assertThat(which.path("AppId").asLong()).isEqualTo(1250000000L);

        // the member joins read-only: it replicates the master for real
        JsonNode add = ok("AddReplicationInstance", "{\"GroupId\":\"" + groupId + "\",\"InstanceId\":\"" + bId
                + "\",\"InstanceRole\":\"r\"}");
        assertThat(group(groupId).path("InstanceCount").asInt()).isEqualTo(2);
        succeeded(add);
        assertThat(ok("DescribeReplicationGroupInstance", "{\"InstanceId\":\"" + bId + "\"}").path("InstanceRole").asText())
                .isEqualTo("r");
        try (Jedis onA = jedis(a, PASSWORD); Jedis onB = jedis(b, PASSWORD2)) {
            onA.set("written-on-a", "hello");
            eventually("the key written to the master shows on the member", () -> "hello".equals(onB.get("written-on-a")));
            assertThatThrownBy(() -> onB.set("x", "y")).isInstanceOf(JedisDataException.class).hasMessageContaining("READONLY");
            assertThat(onB.info("replication")).contains("role:slave").contains("master_port:" + a.path("Port").asInt());
        }

        // the member becomes the master; the old master follows it
        JsonNode change = ok("ChangeMasterInstance", "{\"GroupId\":\"" + groupId + "\",\"InstanceId\":\"" + bId
                + "\",\"ForceSwitch\":false}");
        assertThat(group(groupId).path("Status").asInt()).isEqualTo(52);
        assertThat(error("AddReplicationInstance", "{\"GroupId\":\"" + groupId + "\",\"InstanceId\":\"" + aId
                + "\",\"InstanceRole\":\"r\"}")).isEqualTo("LimitExceeded.ReplicationGroupLocked");
        succeeded(change);
        g = group(groupId);
        assertThat(g.path("Status").asInt()).isEqualTo(37);
        assertThat(role(g, bId)).isEqualTo("rw");
        assertThat(role(g, aId)).isEqualTo("r");
        try (Jedis onA = jedis(a, PASSWORD); Jedis onB = jedis(b, PASSWORD2)) {
            assertThat(onB.info("replication")).contains("role:master");
            onB.set("written-on-b", "world");
            eventually("the key written to the new master shows on the old one", () -> "world".equals(onA.get("written-on-b")));
            assertThat(onA.get("written-on-a")).isEqualTo("hello");
            assertThatThrownBy(() -> onA.set("x", "y")).isInstanceOf(JedisDataException.class).hasMessageContaining("READONLY");
        }

        // removing the read-only member detaches it (it keeps its data and becomes writable)
        assertThat(error("RemoveReplicationInstance", "{\"GroupId\":\"" + groupId + "\",\"InstanceId\":\"" + aId
                + "\",\"SyncType\":false}")).isEqualTo("InvalidParameterValue.CheckNotPass");
        assertThat(error("RemoveReplicationInstance", "{\"GroupId\":\"" + groupId + "\",\"InstanceId\":\"" + bId
                + "\",\"SyncType\":true}")).isEqualTo("UnsupportedOperation.InstanceNotOperation");
        JsonNode remove = ok("RemoveReplicationInstance", "{\"GroupId\":\"" + groupId + "\",\"InstanceId\":\"" + aId
                + "\",\"SyncType\":true}");
        assertThat(group(groupId).path("Status").asInt()).isEqualTo(51);
        succeeded(remove);
        try (Jedis onA = jedis(a, PASSWORD)) {
            assertThat(onA.info("replication")).contains("role:master");
            assertThat(onA.get("written-on-b")).isEqualTo("world");
            assertThat(onA.set("free-again", "1")).isEqualTo("OK");
        }
        assertThat(group(groupId).path("InstanceCount").asInt()).isEqualTo(1);
        assertThat(error("DescribeReplicationGroupInstance", "{\"InstanceId\":\"" + aId + "\"}"))
                .isEqualTo("InvalidParameter.InvalidParameter");

        // a group is removed once it is empty
        assertThat(error("RemoveReplicationGroup", "{\"GroupId\":\"" + groupId + "\"}")).isEqualTo("InvalidParameter");
        succeeded(ok("RemoveReplicationInstance", "{\"GroupId\":\"" + groupId + "\",\"InstanceId\":\"" + bId
                + "\",\"SyncType\":false}"));
        assertThat(group(groupId).path("InstanceCount").asInt()).isZero();
        ok("RemoveReplicationGroup", "{\"GroupId\":\"" + groupId + "\"}");
        assertThat(error("DescribeReplicationGroup", "{\"Limit\":20,\"Offset\":0,\"GroupId\":\"" + groupId + "\"}"))
                .isEqualTo("InvalidParameterValue.ReplicationGroupNotExists");
        assertThat(error("RemoveReplicationGroup", "{\"GroupId\":\"" + groupId + "\"}"))
                .isEqualTo("InvalidParameterValue.ReplicationGroupNotExists");
    }

    @Test
    void changeInstanceRoleDeleteReplicationInstanceAndModifyReplicationGroup() {
        JsonNode a = createRunning("role-a", 15, PASSWORD);
        JsonNode b = createRunning("role-b", 15, PASSWORD);
        String aId = a.path("InstanceId").asText();
        String bId = b.path("InstanceId").asText();
        String groupId = createGroup(aId, "role-group");
        succeeded(ok("AddReplicationInstance", "{\"GroupId\":\"" + groupId + "\",\"InstanceId\":\"" + bId
                + "\",\"InstanceRole\":\"r\"}"));

        String role = "{\"GroupId\":\"" + groupId + "\",\"InstanceId\":\"%s\",\"InstanceRole\":\"%s\"}";
        assertThat(error("ChangeInstanceRole", role.formatted(bId, "r"))).isEqualTo("InvalidParameterValue.CheckNotPass");
        assertThat(error("ChangeInstanceRole", role.formatted(aId, "r"))).isEqualTo("UnsupportedOperation.InstanceNotOperation");
        JsonNode change = ok("ChangeInstanceRole", role.formatted(bId, "rw"));
        assertThat(group(groupId).path("Status").asInt()).isEqualTo(53);
        succeeded(change);
        JsonNode g = group(groupId);
        assertThat(role(g, bId)).isEqualTo("rw");
        assertThat(role(g, aId)).isEqualTo("r");
        try (Jedis onA = jedis(a, PASSWORD); Jedis onB = jedis(b, PASSWORD)) {
            onB.set("k", "v");
            eventually("a follows b", () -> "v".equals(onA.get("k")));
        }

        assertThat(error("ChangeMasterInstance", "{\"GroupId\":\"" + groupId + "\",\"InstanceId\":\"" + bId + "\"}"))
                .isEqualTo("UnsupportedOperation.InstanceNotOperation");

        ok("ModifyReplicationGroup", "{\"GroupId\":\"" + groupId + "\",\"GroupName\":\"复制组-renamed\",\"Remark\":\"备注\"}");
        g = group(groupId);
        assertThat(g.path("GroupName").asText()).isEqualTo("复制组-renamed");
        assertThat(g.path("Remark").asText()).isEqualTo("备注");
        ok("ModifyReplicationGroup", "{\"GroupId\":\"" + groupId + "\",\"Remark\":\"only the remark\"}");
        assertThat(group(groupId).path("GroupName").asText()).isEqualTo("复制组-renamed");
        JsonNode search = ok("DescribeReplicationGroup", "{\"Limit\":20,\"Offset\":0,\"SearchKey\":\"renamed\"}");
        assertThat(search.path("TotalCount").asInt()).isEqualTo(1);
        assertThat(search.path("Groups").get(0).path("GroupId").asText()).isEqualTo(groupId);
        assertThat(ok("DescribeReplicationGroup", "{\"Limit\":20,\"Offset\":0,\"SearchKey\":\"no-such-group\"}")
                .path("TotalCount").asInt()).isZero();
        assertThat(error("ModifyReplicationGroup", "{\"GroupId\":\"" + groupId + "\",\"GroupName\":\"bad name!\"}"))
                .isEqualTo("InvalidParameter.InvalidParameter");
        assertThat(error("ModifyReplicationGroup", "{\"GroupId\":\"crs-rpl-nothere0\",\"Remark\":\"x\"}"))
                .isEqualTo("InvalidParameterValue.ReplicationGroupNotExists");

        // DeleteReplicationInstance (being retired) still removes a member; its TaskId is a Float
        JsonNode deleted = ok("DeleteReplicationInstance", "{\"GroupId\":\"" + groupId + "\",\"InstanceId\":\"" + aId
                + "\",\"SyncType\":true}");
        assertThat(deleted.path("TaskId").isNumber()).isTrue();
        succeeded(deleted);
        assertThat(group(groupId).path("InstanceCount").asInt()).isEqualTo(1);
        try (Jedis onA = jedis(a, PASSWORD)) {
            assertThat(onA.info("replication")).contains("role:master");
        }
    }

    @Test
    void theSeedsErrorCodes() {
        JsonNode a = createRunning("err-a", 15, PASSWORD);
        JsonNode full = createRunning("err-full", 15, PASSWORD);
        JsonNode other = createRunning("err-type", 8, PASSWORD);
        String aId = a.path("InstanceId").asText();
        String fullId = full.path("InstanceId").asText();
        String otherId = other.path("InstanceId").asText();

        assertThat(error("CreateReplicationGroup", "{\"InstanceId\":\"crs-nothere0\"}")).isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(error("CreateReplicationGroup", "{\"InstanceId\":\"" + aId + "\",\"GroupName\":\"bad name!\"}"))
                .isEqualTo("InvalidParameterValue.InstanceNameRuleError");
        JsonNode created = ok("CreateReplicationGroup", "{\"InstanceId\":\"" + aId + "\"}");
        String groupId = ok("DescribeReplicationGroupInstance", "{\"InstanceId\":\"" + aId + "\"}").path("GroupId").asText();
        String add = "{\"GroupId\":\"" + groupId + "\",\"InstanceId\":\"%s\",\"InstanceRole\":\"%s\"}";
        // locked while the creation flow runs
        assertThat(error("AddReplicationInstance", add.formatted(fullId, "r"))).isEqualTo("LimitExceeded.ReplicationGroupLocked");
        succeeded(created);
        assertThat(group(groupId).path("GroupName").asText()).isEqualTo(groupId);

        assertThat(error("CreateReplicationGroup", "{\"InstanceId\":\"" + aId + "\"}")).isEqualTo("InvalidParameterValue.NotRepeatBind");
        assertThat(error("AddReplicationInstance", add.formatted(aId, "r"))).isEqualTo("InvalidParameterValue.NotRepeatBind");
        assertThat(error("AddReplicationInstance", "{\"GroupId\":\"crs-rpl-nothere0\",\"InstanceId\":\"" + fullId
                + "\",\"InstanceRole\":\"r\"}")).isEqualTo("InvalidParameterValue.ReplicationGroupNotExists");
        assertThat(error("AddReplicationInstance", add.formatted("crs-nothere0", "r"))).isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(error("AddReplicationInstance", add.formatted(fullId, "rw"))).isEqualTo("InvalidParameterValue.CheckNotPass");
        assertThat(error("AddReplicationInstance", add.formatted(otherId, "r"))).isEqualTo("InvalidParameterValue.CheckNotPass");
        assertThat(error("AddReplicationInstance", add.formatted(fullId, "x"))).isEqualTo("InvalidParameterValue");
        try (Jedis jedis = jedis(full, PASSWORD)) {
            jedis.set("data", "1");
        }
        assertThat(error("AddReplicationInstance", add.formatted(fullId, "r"))).isEqualTo("LimitExceeded.InstanceNotEmpty");

        // not a member
        assertThat(error("ChangeMasterInstance", "{\"GroupId\":\"" + groupId + "\",\"InstanceId\":\"" + fullId + "\"}"))
                .isEqualTo("InvalidParameterValue.CheckNotPass");
        assertThat(error("RemoveReplicationInstance", "{\"GroupId\":\"" + groupId + "\",\"InstanceId\":\"" + fullId
                + "\",\"SyncType\":true}")).isEqualTo("InvalidParameterValue.CheckNotPass");
        assertThat(error("ChangeMasterInstance", "{\"GroupId\":\"crs-rpl-nothere0\",\"InstanceId\":\"" + aId + "\"}"))
                .isEqualTo("InvalidParameterValue.ReplicationGroupNotExists");
        assertThat(error("ChangeMasterInstance", "{\"GroupId\":\"" + groupId + "\",\"InstanceId\":\"crs-nothere0\"}"))
                .isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(error("DescribeReplicationGroupInstance", "{\"InstanceId\":\"" + fullId + "\"}"))
                .isEqualTo("InvalidParameter.InvalidParameter");
        assertThat(error("DescribeReplicationGroup", "{\"Offset\":0}")).isEqualTo("MissingParameter");
        assertThat(error("DescribeReplicationGroup", "{\"Limit\":-1,\"Offset\":0}")).isEqualTo("InvalidParameterValue");

        // only a running instance can join
        succeeded(client.call("DestroyPostpaidInstance", "{\"InstanceId\":\"" + otherId + "\"}"));
        client.waitStatus(otherId, -2);
        assertThat(error("CreateReplicationGroup", "{\"InstanceId\":\"" + otherId + "\"}"))
                .isEqualTo("ResourceUnavailable.InstanceStatusError");
    }

    @Test
    void changeReplicaToMasterIsAFlowOnTheInstance() {
        JsonNode a = createRunning("failover", 15, PASSWORD);
        String aId = a.path("InstanceId").asText();
        JsonNode answer = ok("ChangeReplicaToMaster", "{\"InstanceId\":\"" + aId + "\"}");
        assertThat(emulator.fleet().instance(aId).orElseThrow().status().code()).isEqualTo(1);
        assertThat(error("ChangeReplicaToMaster", "{\"InstanceId\":\"" + aId + "\"}")).isEqualTo("ResourceUnavailable.InstanceStatusError");
        JsonNode done = client.waitTask(answer.path("TaskId").asLong());
        assertThat(done.path("Status").asText()).isEqualTo("succeed");
        assertThat(done.path("InstanceId").asText()).isEqualTo(aId);
        client.waitStatus(aId, 2);
        try (Jedis jedis = jedis(a, PASSWORD)) {
            assertThat(jedis.ping()).isEqualTo("PONG");
        }
        succeeded(ok("ChangeReplicaToMaster", "{\"InstanceId\":\"" + aId + "\",\"GroupId\":301524}"));
        assertThat(error("ChangeReplicaToMaster", "{\"InstanceId\":\"" + aId + "\",\"GroupId\":0}")).isEqualTo("InvalidParameterValue");
        assertThat(error("ChangeReplicaToMaster", "{\"InstanceId\":\"crs-nothere0\"}")).isEqualTo("ResourceNotFound.InstanceNotExists");
    }

    @Test
    void describeGlobalReplicationAreaListsTheRegionsAndZones() {
        JsonNode answer = ok("DescribeGlobalReplicationArea", "{}");
        JsonNode guangzhou = null;
        for (JsonNode region : answer.path("AvailableRegions")) {
            if ("ap-guangzhou".equals(region.path("Region").asText())) guangzhou = region;
        }
        assertThat(guangzhou).isNotNull();
        List<String> zones = new ArrayList<>();
        guangzhou.path("AvailableZones").forEach(z -> zones.add(z.asText()));
        assertThat(zones).isNotEmpty().allMatch(z -> z.startsWith("ap-guangzhou-"));
        assertThat(answer.path("AvailableRegions").size()).isEqualTo(ProductCatalog.load().regionIds().size());
    }

    static int emulatorRegionId(String region) {
        return ProductCatalog.load().numericRegionId(region);
    }
}
