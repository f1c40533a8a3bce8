package io.cachesh.emulator.tencent;

import static io.cachesh.emulator.tencent.B1Support.error;
import static io.cachesh.emulator.tencent.B1Support.id;
import static io.cachesh.emulator.tencent.B1Support.in;
import static io.cachesh.emulator.tencent.B1Support.ok;
import static io.cachesh.emulator.tencent.B1Support.standard;
import static io.cachesh.emulator.tencent.B1Support.waitTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.fleet.Instance;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/** AllocateWanAddress, ReleaseWanAddress, ModifyNetworkConfig, SwitchInstanceVip, SwitchProxy. */
class NetworkActionsTest {

    static final String VPC = "\"VpcId\":\"vpc-aaaa1111\",\"SubnetId\":\"subnet-aaaa1111\"";

    static Emulator emulator;
    static Tc3TestClient client;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(500)).build().start(); // tasks must still run when the lock is checked
        client = new Tc3TestClient(emulator.endpoint(), emulator.credentials());
        assumeTrue(emulator.dataPlaneAvailable(), "no redis-server on this machine");
    }

    @AfterAll
    static void stop() {
        if (emulator != null) emulator.close();
    }

    static Instance fleet(String id) {
        return emulator.fleet().instance(id).orElseThrow();
    }

    @Test
    void publicAccessOpensAndClosesOnAVpcInstanceOnly() {
        JsonNode basic = standard(client, "");
        assertThat(error(client, "AllocateWanAddress", in(id(basic)))).isEqualTo("InvalidParameter.IsNotVpcInstance");
        assertThat(error(client, "AllocateWanAddress", in("crs-nothere1"))).isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(error(client, "ReleaseWanAddress", in("crs-nothere1"))).isEqualTo("ResourceNotFound.InstanceNotExists");

        JsonNode vpc = standard(client, VPC);
        String id = id(vpc);
        assertThat(error(client, "ReleaseWanAddress", in(id))).isEqualTo("FailedOperation.Unknown");
        JsonNode opened = ok(client, "AllocateWanAddress", in(id));
        assertThat(opened.path("WanStatus").asText()).isEqualTo("外网开通中");
        assertThat(error(client, "AllocateWanAddress", in(id))).isEqualTo("ResourceUnavailable.InstanceUnLockedError");
        JsonNode task = client.waitTask(opened.path("FlowId").asLong());
        assertThat(task.path("Status").asText()).isEqualTo("succeed");
        assertThat(task.path("InstanceId").asText()).isEqualTo(id);
        String address = NetworkState.wanAddress(fleet(id));
        assertThat(address).isEqualTo("127.0.0.1:" + vpc.path("Port").asInt());
        try (Jedis jedis = new Jedis(address.split(":")[0], Integer.parseInt(address.split(":")[1]))) {
            jedis.auth(B1Support.PASSWORD);
            assertThat(jedis.ping()).isEqualTo("PONG");
        }
        assertThat(error(client, "AllocateWanAddress", in(id))).isEqualTo("FailedOperation.UnSupportError");

        JsonNode closed = ok(client, "ReleaseWanAddress", in(id));
        assertThat(closed.path("WanStatus").asText()).isEqualTo("外网关闭中");
        waitTask(client, closed.path("FlowId").asLong());
        assertThat(NetworkState.of(fleet(id)).wanStatus()).isEqualTo("closed");
        assertThat(NetworkState.wanAddress(fleet(id))).isEmpty();
        assertThat(error(client, "ReleaseWanAddress", in(id))).isEqualTo("FailedOperation.Unknown");
    }

    @Test
    void changeVipAndPortKeepTheRealServerWhereItIs() {
        JsonNode vpc = standard(client, VPC);
        String id = id(vpc);
        try (Jedis jedis = B1Support.jedis(vpc)) {
            jedis.set("kept", "yes");
        }
        JsonNode changed = ok(client, "ModifyNetworkConfig", "{\"InstanceId\":\"" + id
                + "\",\"Operation\":\"changeVip\",\"Vip\":\"10.1.1.2\",\"VPort\":6380,\"Recycle\":7}");
        assertThat(changed.path("Status").asBoolean()).isTrue();
        assertThat(changed.path("Vip").asText()).isEqualTo("10.1.1.2");
        assertThat(changed.path("VpcId").asText()).isEqualTo("vpc-aaaa1111");
        assertThat(changed.path("SubnetId").asText()).isEqualTo("subnet-aaaa1111");
        assertThat(error(client, "ModifyNetworkConfig", "{\"InstanceId\":\"" + id + "\",\"Operation\":\"changeVPort\",\"VPort\":7000}"))
                .isEqualTo("ResourceUnavailable.InstanceLockedError");
        waitTask(client, changed.path("TaskId").asLong());
        Instance i = fleet(id);
        assertThat(NetworkState.vip(i)).isEqualTo("10.1.1.2");
        assertThat(NetworkState.vport(i)).isEqualTo(6380);
        // the data plane did not move: same real port, same data
        JsonNode after = client.waitStatus(id, 2);
        assertThat(after.path("Port").asInt()).isEqualTo(vpc.path("Port").asInt());
        try (Jedis jedis = B1Support.jedis(after)) {
            assertThat(jedis.get("kept")).isEqualTo("yes");
        }

        // the old address is kept 7 days: nobody else in the VPC may take it, nor the new one
        JsonNode other = standard(client, VPC);
        String otherId = id(other);
        assertThat(error(client, "ModifyNetworkConfig", "{\"InstanceId\":\"" + otherId + "\",\"Operation\":\"changeVip\",\"Vip\":\"127.0.0.1\"}"))
                .isEqualTo("InvalidParameterValue.CheckNotPass");
        assertThat(error(client, "ModifyNetworkConfig", "{\"InstanceId\":\"" + otherId + "\",\"Operation\":\"changeVip\",\"Vip\":\"10.1.1.2\"}"))
                .isEqualTo("InvalidParameterValue.CheckNotPass");
        assertThat(error(client, "ModifyNetworkConfig", "{\"InstanceId\":\"" + otherId + "\",\"Operation\":\"changeVip\",\"Vip\":\"300.1.1.1\"}"))
                .isEqualTo("InvalidParameterValue.CheckNotPass");
        // the seed's example names no Vip: a free one is assigned
        JsonNode assigned = ok(client, "ModifyNetworkConfig", "{\"InstanceId\":\"" + otherId + "\",\"Operation\":\"changeVip\"}");
        assertThat(assigned.path("Vip").asText()).isEqualTo("10.0.0.2");
        waitTask(client, assigned.path("TaskId").asLong());
        assertThat(NetworkState.vport(fleet(otherId))).isEqualTo(6379);

        JsonNode port = ok(client, "ModifyNetworkConfig", "{\"InstanceId\":\"" + otherId + "\",\"Operation\":\"changeVPort\",\"VPort\":7001}");
        waitTask(client, port.path("TaskId").asLong());
        assertThat(NetworkState.vport(fleet(otherId))).isEqualTo(7001);
        assertThat(NetworkState.vip(fleet(otherId))).isEqualTo("10.0.0.2");
    }

    @Test
    void networkChangesFollowTheOperation() {
        JsonNode basic = standard(client, "");
        String id = id(basic);
        String base = "{\"InstanceId\":\"" + id + "\",";
        assertThat(error(client, "ModifyNetworkConfig", base + "\"Operation\":\"changeVip\",\"Vip\":\"10.2.0.9\"}")).isEqualTo("InvalidParameter.NotSupported");
        assertThat(error(client, "ModifyNetworkConfig", base + "\"Operation\":\"changeVpc\",\"VpcId\":\"vpc-bbbb2222\",\"SubnetId\":\"subnet-bbbb2222\"}"))
                .isEqualTo("InvalidParameter.NotSupported");
        assertThat(error(client, "ModifyNetworkConfig", base + "\"Operation\":\"changeBaseToVpc\",\"VpcId\":\"vpc-bbbb2222\"}")).isEqualTo("MissingParameter");
        assertThat(error(client, "ModifyNetworkConfig", base + "\"Operation\":\"changeBaseToVpc\",\"VpcId\":\"bad\",\"SubnetId\":\"subnet-bbbb2222\"}"))
                .isEqualTo("InvalidParameterValue.CheckNotPass");
        assertThat(error(client, "ModifyNetworkConfig", base + "\"Operation\":\"changeVPort\"}")).isEqualTo("MissingParameter");
        assertThat(error(client, "ModifyNetworkConfig", base + "\"Operation\":\"changeVPort\",\"VPort\":80}")).isEqualTo("InvalidParameterValue");
        assertThat(error(client, "ModifyNetworkConfig", base + "\"Operation\":\"moveIt\"}")).isEqualTo("InvalidParameterValue");
        assertThat(error(client, "ModifyNetworkConfig", base + "\"Operation\":\"changeVip\",\"Recycle\":5}")).isEqualTo("InvalidParameterValue");
        assertThat(error(client, "ModifyNetworkConfig", "{\"InstanceId\":\"crs-nothere1\",\"Operation\":\"changeVPort\",\"VPort\":7000}"))
                .isEqualTo("ResourceNotFound.InstanceNotExists");

        JsonNode moved = ok(client, "ModifyNetworkConfig", base + "\"Operation\":\"changeBaseToVpc\",\"VpcId\":\"vpc-bbbb2222\",\"SubnetId\":\"subnet-bbbb2222\",\"Vip\":\"10.2.0.9\"}");
        assertThat(moved.path("VpcId").asText()).isEqualTo("vpc-bbbb2222");
        assertThat(moved.path("Vip").asText()).isEqualTo("10.2.0.9");
        waitTask(client, moved.path("TaskId").asLong());
        assertThat(NetworkState.vpcId(fleet(id))).isEqualTo("vpc-bbbb2222");
        assertThat(error(client, "ModifyNetworkConfig", base + "\"Operation\":\"changeBaseToVpc\",\"VpcId\":\"vpc-cccc3333\",\"SubnetId\":\"subnet-cccc3333\"}"))
                .isEqualTo("InvalidParameter.NotSupported");
        // now a VPC instance: public access is allowed
        waitTask(client, ok(client, "AllocateWanAddress", in(id)).path("FlowId").asLong());
        assertThat(NetworkState.of(fleet(id)).wanStatus()).isEqualTo("open");

        JsonNode subnet = ok(client, "ModifyNetworkConfig", base + "\"Operation\":\"changeVpc\",\"VpcId\":\"vpc-bbbb2222\",\"SubnetId\":\"subnet-dddd4444\"}");
        waitTask(client, subnet.path("TaskId").asLong());
        assertThat(NetworkState.subnetId(fleet(id))).isEqualTo("subnet-dddd4444");
        assertThat(NetworkState.of(fleet(id)).wanStatus()).isEqualTo("open");
    }

    @Test
    void switchInstanceVipSwapsAddressesAndMakesTheTargetWritable() {
        JsonNode src = standard(client, VPC);
        JsonNode dst = standard(client, VPC);
        waitTask(client, ok(client, "ModifyNetworkConfig", "{\"InstanceId\":\"" + id(src) + "\",\"Operation\":\"changeVip\",\"Vip\":\"10.9.0.1\"}").path("TaskId").asLong());
        waitTask(client, ok(client, "ModifyNetworkConfig", "{\"InstanceId\":\"" + id(dst) + "\",\"Operation\":\"changeVip\",\"Vip\":\"10.9.0.2\"}").path("TaskId").asLong());
        waitTask(client, ok(client, "ModifyInstanceReadOnly", "{\"InstanceId\":\"" + id(dst) + "\",\"InputMode\":\"1\"}").path("TaskId").asLong());
        try (Jedis jedis = B1Support.jedis(dst)) {
            assertThatThrownBy(() -> jedis.set("k", "v")).isInstanceOf(JedisDataException.class);
        }
        String pair = "\"SrcInstanceId\":\"" + id(src) + "\",\"DstInstanceId\":\"" + id(dst) + "\"";
        assertThat(error(client, "SwitchInstanceVip", "{" + pair + "}")).isEqualTo("FailedOperation.DtsStatusAbnormal");
        assertThat(error(client, "SwitchInstanceVip", "{" + pair + ",\"ForceSwitch\":0,\"TimeDelay\":100}")).isEqualTo("FailedOperation.DtsStatusAbnormal");
        assertThat(error(client, "SwitchInstanceVip", "{\"SrcInstanceId\":\"" + id(src) + "\",\"DstInstanceId\":\"" + id(src) + "\",\"ForceSwitch\":1}"))
                .isEqualTo("InvalidParameter.InvalidParameter");
        assertThat(error(client, "SwitchInstanceVip", "{\"SrcInstanceId\":\"" + id(src) + "\",\"DstInstanceId\":\"crs-nothere1\",\"ForceSwitch\":1}"))
                .isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(error(client, "SwitchInstanceVip", "{" + pair + ",\"ForceSwitch\":3}")).isEqualTo("InvalidParameterValue");
        JsonNode basic = standard(client, "");
        assertThat(error(client, "SwitchInstanceVip", "{\"SrcInstanceId\":\"" + id(src) + "\",\"DstInstanceId\":\"" + id(basic) + "\",\"ForceSwitch\":1}"))
                .isEqualTo("InvalidParameterValue.UnSupportedType");

        JsonNode swap = ok(client, "SwitchInstanceVip", "{" + pair + ",\"ForceSwitch\":1,\"SwitchTime\":\"now\"}");
        assertThat(error(client, "SwitchInstanceVip", "{" + pair + ",\"ForceSwitch\":1}")).isEqualTo("ResourceUnavailable.InstanceStateError");
        waitTask(client, swap.path("TaskId").asLong());
        assertThat(NetworkState.vip(fleet(id(src)))).isEqualTo("10.9.0.2");
        assertThat(NetworkState.vip(fleet(id(dst)))).isEqualTo("10.9.0.1");
        try (Jedis jedis = B1Support.jedis(dst)) {
            assertThat(jedis.set("k", "v")).isEqualTo("OK");
        }
        assertThat(ReadonlyActions.readOnlyFlag(fleet(id(dst)))).isZero();
    }

    @Test
    void switchProxyDropsTheClientConnections() {
        JsonNode instance = standard(client, "");
        String id = id(instance);
        try (Jedis jedis = B1Support.jedis(instance)) {
            assertThat(jedis.ping()).isEqualTo("PONG");
            JsonNode r = ok(client, "SwitchProxy", in(id));
            assertThat(r.size()).isEqualTo(1); // only RequestId
            assertThatThrownBy(jedis::ping).isInstanceOf(JedisConnectionException.class);
        }
        try (Jedis again = B1Support.jedis(instance)) {
            assertThat(again.ping()).isEqualTo("PONG");
        }
        ok(client, "SwitchProxy", "{\"InstanceId\":\"" + id + "\",\"ProxyID\":\"vbjxbsucvnkcndkbk\"}");
        assertThat(error(client, "SwitchProxy", "{\"InstanceId\":\"" + id + "\",\"ProxyID\":\" \"}")).isEqualTo("InvalidParameter");
        assertThat(error(client, "SwitchProxy", in("crs-nothere1"))).isEqualTo("ResourceNotFound.InstanceNotExists");
    }
}
