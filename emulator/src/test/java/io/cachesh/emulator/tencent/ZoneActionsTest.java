package io.cachesh.emulator.tencent;

import static io.cachesh.emulator.tencent.B1Support.create;
import static io.cachesh.emulator.tencent.B1Support.error;
import static io.cachesh.emulator.tencent.B1Support.fake;
import static io.cachesh.emulator.tencent.B1Support.id;
import static io.cachesh.emulator.tencent.B1Support.in;
import static io.cachesh.emulator.tencent.B1Support.ok;
import static io.cachesh.emulator.tencent.B1Support.standard;
import static io.cachesh.emulator.tencent.B1Support.waitTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.fleet.InstanceStatus;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/** DescribeInstanceZoneInfo, ModifyInstanceAvailabilityZones, UpgradeVersionToMultiAvailabilityZones; bandwidth. */
class ZoneActionsTest {

    static Emulator emulator;
    static Tc3TestClient client;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(100)).build().start();
        client = new Tc3TestClient(emulator.endpoint(), emulator.credentials());
        assumeTrue(emulator.dataPlaneAvailable(), "no redis-server on this machine");
    }

    @AfterAll
    static void stop() {
        if (emulator != null) emulator.close();
    }

    @Test
    void zoneInfoOfAStandardInstanceCountsTheRealKeys() {
        JsonNode instance = standard(client, "\"RedisReplicasNum\":2");
        String id = id(instance);
        try (Jedis jedis = B1Support.jedis(instance)) {
            for (int k = 0; k < 7; k++) jedis.set("k" + k, "v");
            jedis.select(1);
            jedis.set("other-db", "v");
        }
        JsonNode info = ok(client, "DescribeInstanceZoneInfo", in(id));
        assertThat(info.path("TotalCount").asInt()).isEqualTo(3);
        JsonNode groups = info.path("ReplicaGroups");
        JsonNode nodeSet = instance.path("NodeSet");
        JsonNode master = groups.get(0);
        assertThat(master.path("GroupId").asLong()).isEqualTo(nodeSet.get(0).path("NodeId").asLong());
        assertThat(master.path("GroupName").asText()).isEmpty();
        assertThat(master.path("ZoneId").asText()).isEqualTo("ap-guangzhou-2");
        assertThat(master.path("Role").asText()).isEqualTo("master");
        JsonNode node = master.path("RedisNodes").get(0);
        assertThat(node.path("Keys").asLong()).isEqualTo(8);
        assertThat(node.path("Slot").asText()).isEqualTo("0-16383");
        assertThat(node.path("Status").asText()).isEqualTo("normal");
        assertThat(node.path("Role").asText()).isEqualTo("master");
        assertThat(node.path("NodeId").asText()).matches("[0-9a-f]{40}");
        for (int k = 1; k <= 2; k++) {
            JsonNode replica = groups.get(k);
            assertThat(replica.path("GroupId").asLong()).isEqualTo(nodeSet.get(k).path("NodeId").asLong());
            assertThat(replica.path("GroupName").asText()).isEqualTo("ng-" + k);
            assertThat(replica.path("Role").asText()).isEqualTo("replica");
            assertThat(replica.path("RedisNodes").get(0).path("Keys").asLong()).isZero();
            assertThat(replica.path("RedisNodes").get(0).path("Slot").asText()).isEmpty();
        }
        assertThat(error(client, "DescribeInstanceZoneInfo", "{}")).isEqualTo("InvalidParameter.EmptyParam");
        assertThat(error(client, "DescribeInstanceZoneInfo", in("crs-nothere1"))).isEqualTo("ResourceNotFound.InstanceNotExists");

        JsonNode bandwidth = ok(client, "DescribeBandwidthRange", in(id));
        assertThat(bandwidth.path("BaseBandwidth").asLong()).isEqualTo(24);
        assertThat(bandwidth.path("AddBandwidth").asLong()).isZero();
        assertThat(bandwidth.path("MinAddBandwidth").asLong()).isZero();
        assertThat(bandwidth.path("MaxAddBandwidth").asLong()).isEqualTo(48);
        assertThat(error(client, "DescribeBandwidthRange", in("crs-nothere1"))).isEqualTo("ResourceNotFound.InstanceNotExists");
        JsonNode spec = ok(client, "DescribeInstanceSpecBandwidth", "{}");
        assertThat(spec.size()).isEqualTo(1);
        assertThat(spec.has("RequestId")).isTrue();
    }

    @Test
    void clusterShardsReportTheKeysOfTheirSlotRange() {
        JsonNode cluster = create(client, "\"TypeId\":16,\"MemSize\":1024,\"RedisShardNum\":3,\"BillingMode\":0,\"ZoneId\":100002");
        int[] expected = new int[3];
        try (Jedis jedis = B1Support.jedis(cluster)) {
            for (int k = 0; k < 50; k++) {
                String key = "user:" + k;
                jedis.set(key, "v");
                int slot = JedisClusterCRC16.getSlot(key);
                assertThat(ZoneActions.slot(key)).isEqualTo(slot);
                expected[ZoneActions.shardOf(slot, 3)]++;
            }
        }
        assertThat(ZoneActions.slot("{user1000}.following")).isEqualTo(JedisClusterCRC16.getSlot("{user1000}.following"));
        JsonNode nodes = ok(client, "DescribeInstanceZoneInfo", in(id(cluster))).path("ReplicaGroups").get(0).path("RedisNodes");
        assertThat(nodes).hasSize(3);
        assertThat(nodes.get(0).path("Slot").asText()).isEqualTo("0-5460");
        assertThat(nodes.get(1).path("Slot").asText()).isEqualTo("5461-10921");
        assertThat(nodes.get(2).path("Slot").asText()).isEqualTo("10922-16383");
        for (int s = 0; s < 3; s++) assertThat(nodes.get(s).path("Keys").asInt()).as("shard %s", s).isEqualTo(expected[s]);
        assertThat(expected[0] + expected[1] + expected[2]).isEqualTo(50);
    }

    @Test
    void singleAzInstanceMovesAsAWholeAndMultiAzNodesMoveOneByOne() {
        fake(emulator, "crs-zone0001", 15, 1024, 1, 2, InstanceStatus.RUNNING, 0);
        String i = "{\"InstanceId\":\"crs-zone0001\",\"SwitchOption\":2,";
        long master = ZoneActions.groupId(emulator.fleet().instance("crs-zone0001").orElseThrow(), 0);
        assertThat(error(client, "ModifyInstanceAvailabilityZones", i + "\"NodeSet\":[{\"NodeType\":0,\"ZoneId\":100003},{\"NodeType\":1,\"ZoneId\":100002}]}"))
                .isEqualTo("InvalidParameterValue.CheckNotPass");
        assertThat(error(client, "ModifyInstanceAvailabilityZones", i + "\"NodeSet\":[{\"NodeType\":0,\"ZoneId\":999999}]}"))
                .isEqualTo("InvalidParameterValue.CheckNotPass");
        assertThat(error(client, "ModifyInstanceAvailabilityZones", i + "\"NodeSet\":[{\"NodeType\":0,\"ZoneId\":100002}]}"))
                .isEqualTo("InvalidParameterValue.CheckNotPass");
        assertThat(error(client, "ModifyInstanceAvailabilityZones", i + "\"NodeSet\":[{\"NodeType\":0}]}"))
                .isEqualTo("InvalidParameter.InvalidParameter");
        assertThat(error(client, "ModifyInstanceAvailabilityZones", i + "\"NodeSet\":[{\"ZoneId\":100003}]}")).isEqualTo("MissingParameter");
        assertThat(error(client, "ModifyInstanceAvailabilityZones", "{\"InstanceId\":\"crs-zone0001\",\"SwitchOption\":3,\"NodeSet\":[{\"NodeType\":0,\"ZoneId\":100003}]}"))
                .isEqualTo("InvalidParameterValue");
        assertThat(error(client, "ModifyInstanceAvailabilityZones", "{\"InstanceId\":\"crs-nothere1\",\"SwitchOption\":2,\"NodeSet\":[{\"NodeType\":0,\"ZoneId\":100003}]}"))
                .isEqualTo("ResourceNotFound.InstanceNotExists");

        long move = ok(client, "ModifyInstanceAvailabilityZones", i + "\"NodeSet\":[{\"NodeType\":0,\"ZoneName\":\"ap-guangzhou-3\"}]}").path("TaskId").asLong();
        assertThat(error(client, "UpgradeVersionToMultiAvailabilityZones", in("crs-zone0001"))).isEqualTo("ResourceUnavailable.InstanceLockedError");
        waitTask(client, move);
        JsonNode groups = ok(client, "DescribeInstanceZoneInfo", in("crs-zone0001")).path("ReplicaGroups");
        for (JsonNode g : groups) assertThat(g.path("ZoneId").asText()).isEqualTo("ap-guangzhou-3");
        assertThat(groups.get(0).path("RedisNodes").get(0).path("Status").asText()).isEqualTo("down"); // no redis-server behind a fake

        JsonNode upgrade = ok(client, "UpgradeVersionToMultiAvailabilityZones", "{\"InstanceId\":\"crs-zone0001\",\"UpgradeProxyAndRedisServer\":\"true\"}");
        waitTask(client, upgrade.path("FlowId").asLong());
        ZoneActions.ZoneState state = ZoneActions.state(emulator.fleet().instance("crs-zone0001").orElseThrow());
        assertThat(state.multiAz()).isTrue();
        assertThat(state.nearestAccess()).isTrue();
        assertThat(error(client, "UpgradeVersionToMultiAvailabilityZones", in("crs-zone0001"))).isEqualTo("UnsupportedOperation.InstanceNotOperation");

        // multi-AZ: NodeId is required and must be one of the instance's nodes of that type
        assertThat(error(client, "ModifyInstanceAvailabilityZones", i + "\"NodeSet\":[{\"NodeType\":1,\"ZoneId\":100002}]}"))
                .isEqualTo("InvalidParameter.InvalidParameter");
        assertThat(error(client, "ModifyInstanceAvailabilityZones", i + "\"NodeSet\":[{\"NodeType\":1,\"NodeId\":" + master + ",\"ZoneId\":100002}]}"))
                .isEqualTo("InvalidParameterValue.CheckNotPass");
        assertThat(error(client, "ModifyInstanceAvailabilityZones", i + "\"NodeSet\":[{\"NodeType\":1,\"NodeId\":" + (master + 7) + ",\"ZoneId\":100002}]}"))
                .isEqualTo("InvalidParameterValue.CheckNotPass");
        long split = ok(client, "ModifyInstanceAvailabilityZones", "{\"InstanceId\":\"crs-zone0001\",\"SwitchOption\":1,\"NodeSet\":[{\"NodeType\":1,\"NodeId\":"
                + (master + 2) + ",\"ZoneId\":100002}]}").path("TaskId").asLong();
        waitTask(client, split);
        groups = ok(client, "DescribeInstanceZoneInfo", in("crs-zone0001")).path("ReplicaGroups");
        assertThat(groups.get(0).path("ZoneId").asText()).isEqualTo("ap-guangzhou-3");
        assertThat(groups.get(1).path("ZoneId").asText()).isEqualTo("ap-guangzhou-3");
        assertThat(groups.get(2).path("ZoneId").asText()).isEqualTo("ap-guangzhou-2");

        fake(emulator, "crs-zone28v1", 2, 1024, 1, 1, InstanceStatus.RUNNING, 0);
        assertThat(error(client, "UpgradeVersionToMultiAvailabilityZones", in("crs-zone28v1"))).isEqualTo("UnsupportedOperation.InstanceNotOperation");
        assertThat(error(client, "ModifyInstanceAvailabilityZones", "{\"InstanceId\":\"crs-zone28v1\",\"SwitchOption\":2,\"NodeSet\":[{\"NodeType\":0,\"ZoneId\":100003}]}"))
                .isEqualTo("InvalidParameterValue.UnSupportedType");
        assertThat(error(client, "UpgradeVersionToMultiAvailabilityZones", in("crs-nothere1"))).isEqualTo("ResourceNotFound.InstanceNotExists");
    }
}
