package io.cachesh.emulator.tencent;

import static io.cachesh.emulator.tencent.ActionShapes.code;
import static io.cachesh.emulator.tencent.ActionShapes.conform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.emulator.Emulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** DescribeInstanceNodeInfo, DescribeInstanceShards (keys and memory from the real server) and KillMasterGroup. */
class NodeActionsTest {

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

    /** A Redis 6.2 cluster with 3 shards of 1 GB and 2 replicas each. */
    static JsonNode cluster() {
        JsonNode created = client.call("CreateInstances", "{\"TypeId\":16,\"MemSize\":1024,\"RedisShardNum\":3,\"RedisReplicasNum\":2,"
                + "\"GoodsNum\":1,\"Period\":1,\"BillingMode\":0,\"Password\":\"" + PASSWORD + "\"}");
        return client.waitStatus(created.path("InstanceIds").get(0).asText(), 2);
    }

    static JsonNode standard() {
        JsonNode created = client.call("CreateInstances", "{\"TypeId\":15,\"MemSize\":1024,\"GoodsNum\":1,\"Period\":1,"
                + "\"BillingMode\":0,\"Password\":\"" + PASSWORD + "\"}");
        return client.waitStatus(created.path("InstanceIds").get(0).asText(), 2);
    }

    static List<String> masters(JsonNode nodeInfo) {
        List<String> out = new ArrayList<>();
        nodeInfo.path("Redis").forEach(n -> {
            if ("master".equals(n.path("NodeRole").asText())) out.add(n.path("ClusterId").asInt() + ":" + n.path("NodeId").asText());
        });
        return out;
    }

    @Test
    void keySlotsAreRedisClusters() {
        assertThat(NodeTopology.keySlot("foo")).isEqualTo(12182);
        assertThat(NodeTopology.keySlot("bar")).isEqualTo(5061);
        assertThat(NodeTopology.keySlot("{user1000}.following")).isEqualTo(NodeTopology.keySlot("user1000"));
        assertThat(NodeTopology.keySlot("foo{}{bar}")).isEqualTo(NodeTopology.keySlot("foo{}{bar}"));
        assertThat(NodeTopology.slotEnd(0, 3)).isEqualTo(5460);
        assertThat(NodeTopology.slotEnd(1, 3)).isEqualTo(10922);
        assertThat(NodeTopology.slotEnd(2, 3)).isEqualTo(16383);
        assertThat(NodeTopology.slotStart(1, 3)).isEqualTo(5461);
    }

    @Test
    void nodeInfoListsProxiesAndEveryShardsMasterAndReplicas() {
        String id = cluster().path("InstanceId").asText();
        JsonNode info = conform("DescribeInstanceNodeInfo", client.call("DescribeInstanceNodeInfo", "{\"InstanceId\":\"" + id + "\"}"));
        assertThat(info.path("ProxyCount").asInt()).isEqualTo(6).isEqualTo(info.path("Proxy").size());
        assertThat(info.path("RedisCount").asInt()).isEqualTo(9).isEqualTo(info.path("Redis").size());
        assertThat(info.path("TendisCount").asInt()).isZero();
        assertThat(info.path("Tendis").isArray()).isTrue();
        assertThat(masters(info)).hasSize(3);
        info.path("Redis").forEach(n -> {
            assertThat(n.path("NodeId").asText()).matches("[0-9a-f]{40}");
            assertThat(n.path("ClusterId").asInt()).isBetween(0, 2);
            assertThat(n.path("NodeRole").asText()).isIn("master", "slave");
            assertThat(n.path("ZoneId").asInt()).isEqualTo(100002);
        });
        // stable across calls
        assertThat(client.call("DescribeInstanceNodeInfo", "{\"InstanceId\":\"" + id + "\",\"Limit\":5}").path("Redis")).isEqualTo(info.path("Redis"));
        JsonNode std = client.call("DescribeInstanceNodeInfo", "{\"InstanceId\":\"" + standard().path("InstanceId").asText() + "\"}");
        assertThat(std.path("RedisCount").asInt()).isEqualTo(2);
        assertThat(std.path("ProxyCount").asInt()).isEqualTo(2);
        assertThat(code(client.response("DescribeInstanceNodeInfo", "{\"InstanceId\":\"crs-nothere0\"}"))).isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(code(client.response("DescribeInstanceNodeInfo", "{}"))).isEqualTo("MissingParameter");
    }

    @Test
    void shardsCarryTheRealServersKeysSplitByHashSlot() {
        JsonNode instance = cluster();
        String id = instance.path("InstanceId").asText();
        long[] expected = new long[3];
        try (Jedis jedis = new Jedis("127.0.0.1", instance.path("Port").asInt())) {
            jedis.auth(PASSWORD);
            for (int k = 0; k < 200; k++) {
                String key = "key:" + k;
                jedis.set(key, "value-" + k);
                int slot = NodeTopology.keySlot(key);
                expected[slot <= 5460 ? 0 : slot <= 10922 ? 1 : 2]++;
            }
        }
        JsonNode all = conform("DescribeInstanceShards", client.call("DescribeInstanceShards", "{\"InstanceId\":\"" + id + "\"}"));
        assertThat(all.path("TotalCount").asInt()).isEqualTo(9).isEqualTo(all.path("InstanceShards").size());
        JsonNode masters = client.call("DescribeInstanceShards", "{\"InstanceId\":\"" + id + "\",\"FilterSlave\":true}");
        assertThat(masters.path("TotalCount").asInt()).isEqualTo(3);
        String[] slots = {"[\"0-5460\"]", "[\"5461-10922\"]", "[\"10923-16383\"]"};
        long keys = 0;
        for (int s = 0; s < 3; s++) {
            JsonNode shard = masters.path("InstanceShards").get(s);
            assertThat(shard.path("Role").asInt()).isZero();
            assertThat(shard.path("ShardId").asText()).isEqualTo(Integer.toString(s + 1));
            assertThat(shard.path("ShardName").asText()).isEqualTo(String.format("%s-%03d-01", id, s + 1));
            assertThat(shard.path("Slots").asText()).isEqualTo(slots[s]);
            assertThat(shard.path("Keys").asLong()).isEqualTo(expected[s]);
            assertThat(shard.path("Storage").asLong()).isPositive();
            assertThat(shard.path("Connected").asInt()).isEqualTo(1);
            assertThat(shard.path("RunId").asText()).matches("[0-9a-f]{40}").isEqualTo(shard.path("Runid").asText());
            keys += shard.path("Keys").asLong();
        }
        assertThat(keys).isEqualTo(200);
        long replicas = 0;
        for (JsonNode n : all.path("InstanceShards")) if (n.path("Role").asInt() == 1) replicas++;
        assertThat(replicas).isEqualTo(6);

        JsonNode std = client.response("DescribeInstanceShards", "{\"InstanceId\":\"" + standard().path("InstanceId").asText() + "\"}");
        assertThat(code(std)).isEqualTo("InvalidParameterValue.UnSupportedType");
        assertThat(code(client.response("DescribeInstanceShards", "{\"InstanceId\":\"crs-nothere0\"}"))).isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(code(client.response("DescribeInstanceShards", "{\"InstanceId\":\"" + id + "\",\"FilterSlave\":\"maybe\"}")))
                .isEqualTo("InvalidParameter");
    }

    @Test
    void killMasterGroupDropsClientsAndFailsTheShardOver() {
        JsonNode instance = cluster();
        String id = instance.path("InstanceId").asText();
        String i = "{\"InstanceId\":\"" + id + "\"";
        JsonNode before = client.call("DescribeInstanceNodeInfo", i + "}");
        assertThat(code(client.response("KillMasterGroup", i + "}"))).isEqualTo("InvalidParameterValue.PasswordEmpty");
        assertThat(code(client.response("KillMasterGroup", i + ",\"Password\":\"Wrong-Pass1\"}"))).isEqualTo("InvalidParameterValue.PasswordError");
        assertThat(code(client.response("KillMasterGroup", i + ",\"Password\":\"12345Aa\"}"))).startsWith("InvalidParameterValue");
        assertThat(code(client.response("KillMasterGroup", i + ",\"Password\":\"" + PASSWORD + "\",\"ShardIds\":[3]}")))
                .isEqualTo("InvalidParameter.InvalidParameter");
        assertThat(code(client.response("KillMasterGroup", "{\"InstanceId\":\"crs-nothere0\",\"Password\":\"" + PASSWORD + "\"}")))
                .isEqualTo("ResourceNotFound.InstanceNotExists");
        try (Jedis jedis = new Jedis("127.0.0.1", instance.path("Port").asInt())) {
            jedis.auth(PASSWORD);
            jedis.set("survives", "1");
            JsonNode task = conform("KillMasterGroup", client.call("KillMasterGroup", i + ",\"Password\":\"" + PASSWORD + "\",\"ShardIds\":[1]}"));
            assertThat(code(client.response("KillMasterGroup", i + ",\"Password\":\"" + PASSWORD + "\"}")))
                    .isEqualTo("ResourceUnavailable.InstanceStatusError");
            JsonNode done = client.waitTask(task.path("TaskId").asLong());
            assertThat(done.path("Status").asText()).isEqualTo("succeed");
            assertThat(done.path("TaskType").asText()).isEqualTo("模拟故障");
            assertThatThrownBy(jedis::ping).isInstanceOf(JedisConnectionException.class);
        }
        client.waitStatus(id, 2);
        List<String> was = masters(before);
        List<String> now = masters(client.call("DescribeInstanceNodeInfo", i + "}"));
        assertThat(now.get(0)).isEqualTo(was.get(0));
        assertThat(now.get(1)).startsWith("1:").isNotEqualTo(was.get(1));
        assertThat(now.get(2)).isEqualTo(was.get(2));
        try (Jedis jedis = new Jedis("127.0.0.1", instance.path("Port").asInt())) {
            jedis.auth(PASSWORD);
            assertThat(jedis.get("survives")).isEqualTo("1");
        }
        // the new master of shard 1 is the shard's master in DescribeInstanceShards too
        JsonNode shard1 = client.call("DescribeInstanceShards", i + ",\"FilterSlave\":true}").path("InstanceShards").get(1);
        assertThat(now.get(1)).endsWith(shard1.path("RunId").asText());
        assertThat(shard1.path("ShardName").asText()).endsWith("-002-02");

        // every shard when ShardIds is empty; standard instances have one
        String std = standard().path("InstanceId").asText();
        long t = client.call("KillMasterGroup", "{\"InstanceId\":\"" + std + "\",\"Password\":\"" + PASSWORD + "\"}").path("TaskId").asLong();
        assertThat(client.waitTask(t).path("Status").asText()).isEqualTo("succeed");
        client.waitStatus(std, 2);
        assertThat(code(client.response("KillMasterGroup", "{\"InstanceId\":\"" + std + "\",\"Password\":\"" + PASSWORD + "\",\"ShardIds\":[1]}")))
                .isEqualTo("InvalidParameter.InvalidParameter");
        // an isolated instance cannot be drilled
        client.call("DestroyPostpaidInstance", "{\"InstanceId\":\"" + std + "\"}");
        client.waitStatus(std, -2);
        assertThat(code(client.response("KillMasterGroup", "{\"InstanceId\":\"" + std + "\",\"Password\":\"" + PASSWORD + "\"}")))
                .isEqualTo("ResourceUnavailable.InstanceStatusError");
    }
}
