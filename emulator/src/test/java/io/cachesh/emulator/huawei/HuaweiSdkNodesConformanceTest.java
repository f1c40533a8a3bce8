package io.cachesh.emulator.huawei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.exception.ClientRequestException;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.dcs.v2.DcsClient;
import com.huaweicloud.sdk.dcs.v2.model.ChangeMasterStandbyAsyncRequest;
import com.huaweicloud.sdk.dcs.v2.model.ChangeMasterStandbyRequest;
import com.huaweicloud.sdk.dcs.v2.model.CreateInstanceBody;
import com.huaweicloud.sdk.dcs.v2.model.CreateInstanceRequest;
import com.huaweicloud.sdk.dcs.v2.model.ListGroupReplicationInfoRequest;
import com.huaweicloud.sdk.dcs.v2.model.ListGroupReplicationInfoResponse;
import com.huaweicloud.sdk.dcs.v2.model.ListInstanceOperationsRequest;
import com.huaweicloud.sdk.dcs.v2.model.ListInstanceOperationsResponse;
import com.huaweicloud.sdk.dcs.v2.model.NodesInfoResp;
import com.huaweicloud.sdk.dcs.v2.model.ShowBandwidthsRequest;
import com.huaweicloud.sdk.dcs.v2.model.ShowBandwidthsResponse;
import com.huaweicloud.sdk.dcs.v2.model.ShowInstanceBandwidthAutoScalingPolicyRequest;
import com.huaweicloud.sdk.dcs.v2.model.ShowInstanceRequest;
import com.huaweicloud.sdk.dcs.v2.model.ShowInstanceVersionRequest;
import com.huaweicloud.sdk.dcs.v2.model.ShowInstanceVersionResponse;
import com.huaweicloud.sdk.dcs.v2.model.ShowNodesInformationRequest;
import com.huaweicloud.sdk.dcs.v2.model.ShowNodesInformationResponse;
import com.huaweicloud.sdk.dcs.v2.model.UpdateInstanceBandwidthAutoScalingPolicyRequest;
import com.huaweicloud.sdk.dcs.v2.model.UpdateInstanceBandwidthAutoScalingPolicyRequestBody;
import com.huaweicloud.sdk.dcs.v2.model.UpdateInstanceBandwidthAutoScalingPolicyResponse;
import io.cachesh.emulator.Emulator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The official Huawei SDK (3.1.130) on the shard/replica, switchover, bandwidth and version operations: its requests
 * authenticate and validate, its response classes parse the emulator's answers, its exceptions carry the codes.
 */
class HuaweiSdkNodesConformanceTest {

    static final String PASSWORD = "Cachesh-Pass1";

    static Emulator emulator;
    static DcsClient sdk;
    static String ha;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(200)).build().start();
        assumeTrue(emulator.dataPlaneAvailable(), "no redis-server on this machine: " + emulator.dataPlaneDescription());
        sdk = DcsClient.newBuilder()
                .withHttpConfig(HttpConfig.getDefaultHttpConfig().withTimeout(10))
                .withCredential(new BasicCredentials().withAk(emulator.credentials().keyId())
                        .withSk(emulator.credentials().secret().reveal()).withProjectId(emulator.huaweiProjectId()))
                .withEndpoint(emulator.endpoint())
                .build();
        ha = sdk.createInstance(new CreateInstanceRequest().withBody(new CreateInstanceBody().withName("sdk-nodes")
                .withEngine("Redis").withEngineVersion("6.0").withCapacity(0.125f).withSpecCode("redis.ha.xu1.tiny.r2.128")
                .withAzCodes(List.of("cn-north-4a")).withVpcId("vpc-1").withSubnetId("subnet-1").withPassword(PASSWORD)))
                .getInstances().get(0).getInstanceId();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!"RUNNING".equals(sdk.showInstance(new ShowInstanceRequest().withInstanceId(ha)).getStatus())
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    @AfterAll
    static void stop() {
        if (emulator != null) emulator.close();
    }

    @Test
    void theSdkReadsShardsNodesBandwidthAndVersions() {
        ListGroupReplicationInfoResponse groups = sdk.listGroupReplicationInfo(new ListGroupReplicationInfoRequest().withInstanceId(ha));
        assertThat(groups.getGroupCount()).isEqualTo(1);
        assertThat(groups.getGroupList().get(0).getReplicationList()).hasSize(2);

        ShowNodesInformationResponse nodes = sdk.showNodesInformation(new ShowNodesInformationRequest().withInstanceId(ha));
        assertThat(nodes.getTotal()).isEqualTo(2);
        int port = sdk.showInstance(new ShowInstanceRequest().withInstanceId(ha)).getPort();
        assertThat(nodes.getNodes()).allSatisfy(n -> {
            assertThat(n.getNodePort()).isEqualTo(Integer.toString(port));
            assertThat(n.getStatus().getValue()).isEqualTo("Active");
        });

        ShowBandwidthsResponse bw = sdk.showBandwidths(new ShowBandwidthsRequest().withInstanceId(ha));
        assertThat(bw.getGroupBandwidths()).hasSize(1);
        assertThat(bw.getBandwidth()).isEqualTo(bw.getGroupBandwidths().get(0).getBandwidth());

        ShowInstanceVersionResponse version = sdk.showInstanceVersion(new ShowInstanceVersionRequest().withInstanceId(ha));
        assertThat(version.getEngineMinorVersion()).isEqualTo("6.0.1.0");
        assertThat(version.getEngineMinorVersionUpgradable()).isTrue();

        ListInstanceOperationsResponse ops = sdk.listInstanceOperations(new ListInstanceOperationsRequest().withInstanceId(ha)
                .withOperation(ListInstanceOperationsRequest.OperationEnum.EXTEND));
        assertThat(ops.getOperations().get(0).getIsSupport()).isTrue();

        UpdateInstanceBandwidthAutoScalingPolicyResponse policy = sdk.updateInstanceBandwidthAutoScalingPolicy(
                new UpdateInstanceBandwidthAutoScalingPolicyRequest().withInstanceId(ha).withBody(
                        new UpdateInstanceBandwidthAutoScalingPolicyRequestBody()
                                .withWindowSize(UpdateInstanceBandwidthAutoScalingPolicyRequestBody.WindowSizeEnum.NUMBER_5)
                                .withBandwidthUsageUpperThreshold(
                                        UpdateInstanceBandwidthAutoScalingPolicyRequestBody.BandwidthUsageUpperThresholdEnum.NUMBER_70)
                                .withScaleOutCooldown(0)));
        assertThat(policy.getWindowSize().getValue()).isEqualTo(5);
        assertThat(sdk.showInstanceBandwidthAutoScalingPolicy(new ShowInstanceBandwidthAutoScalingPolicyRequest()
                .withInstanceId(ha)).getBandwidthUsageUpperThreshold().getValue()).isEqualTo(70);
    }

    @Test
    void theSdkSwapsMasterAndStandby() throws Exception {
        String master = master();
        int port = sdk.showInstance(new ShowInstanceRequest().withInstanceId(ha)).getPort();
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            jedis.auth(PASSWORD);
            jedis.set("sdk-swap", "1");
        }
        assertThat(sdk.changeMasterStandby(new ChangeMasterStandbyRequest().withInstanceId(ha)).getHttpStatusCode()).isEqualTo(204);
        assertThat(master()).isNotEqualTo(master);
        String jobId = sdk.changeMasterStandbyAsync(new ChangeMasterStandbyAsyncRequest().withInstanceId(ha)).getJobId();
        assertThat(jobId).matches("[0-9a-f]{32}");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!master().equals(master) && System.nanoTime() < deadline) Thread.sleep(50);
        assertThat(master()).isEqualTo(master);
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            jedis.auth(PASSWORD);
            assertThat(jedis.get("sdk-swap")).isEqualTo("1");
        }

        ClientRequestException e = catchThrowableOfType(() -> sdk.changeMasterStandby(new ChangeMasterStandbyRequest()
                .withInstanceId("00000000-0000-0000-0000-000000000000")), ClientRequestException.class);
        assertThat(e.getHttpStatusCode()).isEqualTo(404);
        assertThat(e.getErrorCode()).isEqualTo("DCS.3022");
        assertThat(e.getRequestId()).matches("[0-9a-f]{32}");
    }

    private String master() {
        return sdk.showNodesInformation(new ShowNodesInformationRequest().withInstanceId(ha)).getNodes().stream()
                .filter(n -> n.getNodeType() == NodesInfoResp.NodeTypeEnum.MASTER).findFirst().orElseThrow().getNodeId();
    }
}
