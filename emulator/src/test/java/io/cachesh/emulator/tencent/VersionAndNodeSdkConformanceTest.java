package io.cachesh.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.redis.v20180412.RedisClient;
import com.tencentcloudapi.redis.v20180412.models.*;
import io.cachesh.emulator.Emulator;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official Tencent SDK (3.1.667) against the version, node, list and maintenance actions it has: its TC3
 * signatures verify and its models parse the answers with the expected values.
 */
class VersionAndNodeSdkConformanceTest {

    static final String PASSWORD = "Cachesh-Pass1";
    /** The actions of this group that SDK 3.1.667 has, all driven here through the SDK. */
    static final Set<String> SDK_DRIVEN = Set.of("DescribeInstanceNodeInfo", "DescribeInstanceShards", "KillMasterGroup",
            "UpgradeSmallVersion", "UpgradeProxyVersion", "UpgradeInstanceVersion", "DescribeCommonDBInstances",
            "DescribeInstanceDTSInfo", "ModifyMaintenanceWindow");
    static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    static Emulator emulator;
    static Tc3TestClient raw;
    static RedisClient sdk;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(100)).requestObserver(r -> {
            String ua = String.valueOf(r.header("X-TC-RequestClient"));
            if (ua.startsWith("SDK_JAVA")) SEEN.add(r.header("X-TC-Action"));
        }).build().start();
        raw = new Tc3TestClient(emulator.endpoint(), emulator.credentials());
        assumeTrue(emulator.dataPlaneAvailable(), "no redis-server on this machine: " + emulator.dataPlaneDescription());
        HttpProfile http = new HttpProfile();
        http.setProtocol(HttpProfile.REQ_HTTP);
        http.setEndpoint("127.0.0.1:" + emulator.port());
        ClientProfile profile = new ClientProfile(ClientProfile.SIGN_TC3_256, http);
        sdk = new RedisClient(new Credential(emulator.credentials().keyId(), emulator.credentials().secret().reveal()), "ap-guangzhou", profile);
    }

    @AfterAll
    static void stop() {
        if (emulator != null && emulator.dataPlaneAvailable()) assertThat(SEEN).containsAll(SDK_DRIVEN);
        if (emulator != null) emulator.close();
    }

    static String create(String extra) {
        String id = raw.call("CreateInstances", "{\"TypeId\":16,\"MemSize\":1024,\"GoodsNum\":1,\"Period\":1,\"BillingMode\":1,"
                + "\"Password\":\"" + PASSWORD + "\"" + extra + "}").path("InstanceIds").get(0).asText();
        raw.waitStatus(id, 2);
        return id;
    }

    @Test
    void theSdkDrivesNodesShardsFaultDrillsAndUpgrades() throws TencentCloudSDKException {
        String id = create(",\"RedisShardNum\":3");

        DescribeInstanceNodeInfoRequest nodes = new DescribeInstanceNodeInfoRequest();
        nodes.setInstanceId(id);
        DescribeInstanceNodeInfoResponse nodeInfo = sdk.DescribeInstanceNodeInfo(nodes);
        assertThat(nodeInfo.getRedisCount()).isEqualTo(6L);
        assertThat(nodeInfo.getRedis()).hasSize(6);
        assertThat(nodeInfo.getProxyCount()).isEqualTo(6L);
        assertThat(nodeInfo.getRedis()[0].getNodeRole()).isEqualTo("master");

        DescribeInstanceShardsRequest shards = new DescribeInstanceShardsRequest();
        shards.setInstanceId(id);
        shards.setFilterSlave(true);
        DescribeInstanceShardsResponse shardInfo = sdk.DescribeInstanceShards(shards);
        assertThat(shardInfo.getTotalCount()).isEqualTo(3L);
        assertThat(shardInfo.getInstanceShards()[2].getSlots()).isEqualTo("[\"10923-16383\"]");
        assertThat(shardInfo.getInstanceShards()[0].getConnected()).isEqualTo(1L);

        KillMasterGroupRequest kill = new KillMasterGroupRequest();
        kill.setInstanceId(id);
        kill.setPassword(PASSWORD);
        kill.setShardIds(new Long[] {0L});
        long task = sdk.KillMasterGroup(kill).getTaskId();
        assertThat(raw.waitTask(task).path("Status").asText()).isEqualTo("succeed");
        raw.waitStatus(id, 2);

        UpgradeSmallVersionRequest small = new UpgradeSmallVersionRequest();
        small.setInstanceId(id);
        small.setCurrentRedisVersion("6.2.0");
        small.setUpgradeRedisVersion("6.2.3");
        small.setInstanceTypeUpgradeNow(1L);
        long flow = sdk.UpgradeSmallVersion(small).getFlowId();
        assertThat(raw.waitTask(flow).path("Status").asText()).isEqualTo("succeed");
        raw.waitStatus(id, 2);

        UpgradeProxyVersionRequest proxy = new UpgradeProxyVersionRequest();
        proxy.setInstanceId(id);
        proxy.setCurrentProxyVersion("5.8.0");
        proxy.setUpgradeProxyVersion("5.8.1");
        proxy.setInstanceTypeUpgradeNow(1L);
        assertThat(raw.waitTask(sdk.UpgradeProxyVersion(proxy).getFlowId()).path("Status").asText()).isEqualTo("succeed");
        raw.waitStatus(id, 2);

        UpgradeInstanceVersionRequest version = new UpgradeInstanceVersionRequest();
        version.setInstanceId(id);
        version.setTargetInstanceType("18");
        version.setSwitchOption(2L);
        assertThat(sdk.UpgradeInstanceVersion(version).getDealId()).matches("\\d+");
        raw.waitStatus(id, 2);
        assertThat(EngineVersions.typeId(emulator.fleet().instance(id).orElseThrow())).isEqualTo(18);

        version.setTargetInstanceType("16");
        assertThatThrownBy(() -> sdk.UpgradeInstanceVersion(version)).isInstanceOf(TencentCloudSDKException.class)
                .satisfies(e -> assertThat(((TencentCloudSDKException) e).getErrorCode()).isEqualTo("InvalidParameterValue.UnSupportedType"));
    }

    @Test
    void theSdkReadsListsDtsAndSetsTheMaintenanceWindow() throws TencentCloudSDKException {
        String id = create(",\"InstanceName\":\"sdk-list\"");

        DescribeCommonDBInstancesRequest list = new DescribeCommonDBInstancesRequest();
        list.setPayMode(0L);
        list.setInstanceIds(new String[] {id});
        DescribeCommonDBInstancesResponse common = sdk.DescribeCommonDBInstances(list);
        assertThat(common.getTotalCount()).isEqualTo(1L);
        assertThat(common.getInstanceDetails()[0].getInstanceName()).isEqualTo("sdk-list");
        assertThat(common.getInstanceDetails()[0].getPayMode()).isEqualTo(1L);
        assertThat(common.getInstanceDetails()[0].getVips()).containsExactly("127.0.0.1");

        DescribeInstanceDTSInfoRequest dts = new DescribeInstanceDTSInfoRequest();
        dts.setInstanceId(id);
        DescribeInstanceDTSInfoResponse none = sdk.DescribeInstanceDTSInfo(dts);
        assertThat(none.getJobId()).isEmpty();
        assertThat(none.getStatus()).isZero();

        ModifyMaintenanceWindowRequest window = new ModifyMaintenanceWindowRequest();
        window.setInstanceId(id);
        window.setStartTime("17:00");
        window.setEndTime("19:00");
        assertThat(sdk.ModifyMaintenanceWindow(window).getStatus()).isEqualTo("success");
        assertThat(MaintenanceWindow.of(emulator.fleet().instance(id).orElseThrow())).isEqualTo(new MaintenanceWindow("17:00", "19:00"));
    }
}
