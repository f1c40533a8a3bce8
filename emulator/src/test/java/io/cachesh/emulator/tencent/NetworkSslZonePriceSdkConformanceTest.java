package io.cachesh.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.redis.v20180412.RedisClient;
import com.tencentcloudapi.redis.v20180412.models.AllocateWanAddressRequest;
import com.tencentcloudapi.redis.v20180412.models.CloseSSLRequest;
import com.tencentcloudapi.redis.v20180412.models.DescribeInstanceZoneInfoRequest;
import com.tencentcloudapi.redis.v20180412.models.DescribeInstanceZoneInfoResponse;
import com.tencentcloudapi.redis.v20180412.models.DescribeTaskInfoRequest;
import com.tencentcloudapi.redis.v20180412.models.DisableReplicaReadonlyRequest;
import com.tencentcloudapi.redis.v20180412.models.EnableReplicaReadonlyRequest;
import com.tencentcloudapi.redis.v20180412.models.InquiryPriceCreateInstanceRequest;
import com.tencentcloudapi.redis.v20180412.models.InquiryPriceRenewInstanceRequest;
import com.tencentcloudapi.redis.v20180412.models.InquiryPriceUpgradeInstanceRequest;
import com.tencentcloudapi.redis.v20180412.models.ModifyInstanceReadOnlyRequest;
import com.tencentcloudapi.redis.v20180412.models.ModifyNetworkConfigRequest;
import com.tencentcloudapi.redis.v20180412.models.ModifyNetworkConfigResponse;
import com.tencentcloudapi.redis.v20180412.models.OpenSSLRequest;
import com.tencentcloudapi.redis.v20180412.models.ReleaseWanAddressRequest;
import com.tencentcloudapi.redis.v20180412.models.SwitchInstanceVipRequest;
import com.tencentcloudapi.redis.v20180412.models.SwitchProxyRequest;
import com.tencentcloudapi.redis.v20180412.models.UpgradeVersionToMultiAvailabilityZonesRequest;
import io.cachesh.client.auth.Credentials;
import io.cachesh.emulator.Emulator;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official SDK (3.1.667) drives the network, SSL, read-only, zone and price actions it knows (DescribeSSLStatus,
 * DescribeBandwidthRange, DescribeInstanceSpecBandwidth and ModifyInstanceAvailabilityZones are newer than it): the
 * requests verify and the answers parse with the expected values.
 */
class NetworkSslZonePriceSdkConformanceTest {

    /** The actions of this group that SDK 3.1.667 has: driven through it below. */
    static final java.util.Set<String> SDK_DRIVEN = java.util.Set.of("AllocateWanAddress", "ReleaseWanAddress",
            "ModifyNetworkConfig", "SwitchInstanceVip", "SwitchProxy", "OpenSSL", "CloseSSL", "EnableReplicaReadonly",
            "DisableReplicaReadonly", "ModifyInstanceReadOnly", "UpgradeVersionToMultiAvailabilityZones",
            "DescribeInstanceZoneInfo", "InquiryPriceCreateInstance", "InquiryPriceRenewInstance", "InquiryPriceUpgradeInstance");
    /** The actions of this group that SDK 3.1.667 lacks (tested over raw TC3 in their own tests). */
    static final java.util.Set<String> NOT_IN_SDK = java.util.Set.of("DescribeSSLStatus", "DescribeBandwidthRange",
            "DescribeInstanceSpecBandwidth", "ModifyInstanceAvailabilityZones");

    static Emulator emulator;
    static Tc3TestClient raw;
    static RedisClient c;

    @BeforeAll
    static void start() {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(100)).build().start();
        raw = new Tc3TestClient(emulator.endpoint(), emulator.credentials());
        HttpProfile http = new HttpProfile();
        http.setProtocol(HttpProfile.REQ_HTTP);
        http.setEndpoint("127.0.0.1:" + emulator.port());
        Credentials keys = emulator.credentials();
        c = new RedisClient(new Credential(keys.keyId(), keys.secret().reveal()), "ap-guangzhou",
                new ClientProfile(ClientProfile.SIGN_TC3_256, http));
    }

    @AfterAll
    static void stop() {
        if (emulator != null) emulator.close();
    }

    static void done(Long taskId) throws Exception {
        DescribeTaskInfoRequest req = new DescribeTaskInfoRequest();
        req.setTaskId(taskId);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            String status = c.DescribeTaskInfo(req).getStatus();
            if ("succeed".equals(status)) return;
            assertThat(status).isIn("preparing", "running");
            if (System.nanoTime() > deadline) throw new AssertionError("task " + taskId + " still " + status);
            Thread.sleep(60); // under the 20 req/s throttle
        }
    }

    @Test
    void theSdkDrivesTheActions() throws Exception {
        assumeTrue(emulator.dataPlaneAvailable(), "no redis-server on this machine");
        String vpc = "\"VpcId\":\"vpc-sdk00001\",\"SubnetId\":\"subnet-sdk00001\"";
        String a = B1Support.id(B1Support.standard(raw, vpc + ",\"RedisReplicasNum\":2"));
        String b = B1Support.id(B1Support.standard(raw, vpc));

        AllocateWanAddressRequest allocate = new AllocateWanAddressRequest();
        allocate.setInstanceId(a);
        var opened = c.AllocateWanAddress(allocate);
        assertThat(opened.getWanStatus()).isEqualTo("外网开通中");
        done(opened.getFlowId());
        ReleaseWanAddressRequest release = new ReleaseWanAddressRequest();
        release.setInstanceId(a);
        var closed = c.ReleaseWanAddress(release);
        assertThat(closed.getWanStatus()).isEqualTo("外网关闭中");
        done(closed.getFlowId());

        ModifyNetworkConfigRequest net = new ModifyNetworkConfigRequest();
        net.setInstanceId(a);
        net.setOperation("changeVip");
        net.setVip("10.5.0.1");
        ModifyNetworkConfigResponse changed = c.ModifyNetworkConfig(net);
        assertThat(changed.getVip()).isEqualTo("10.5.0.1");
        assertThat(changed.getVpcId()).isEqualTo("vpc-sdk00001");
        assertThat(changed.getStatus()).isTrue();
        raw.waitStatus(a, 2); // SDK 3.1.667 predates the TaskId of ModifyNetworkConfig

        SwitchInstanceVipRequest swap = new SwitchInstanceVipRequest();
        swap.setSrcInstanceId(a);
        swap.setDstInstanceId(b);
        swap.setForceSwitch(1L);
        done(c.SwitchInstanceVip(swap).getTaskId());

        SwitchProxyRequest proxy = new SwitchProxyRequest();
        proxy.setInstanceId(a);
        assertThat(c.SwitchProxy(proxy).getRequestId()).isNotBlank();

        OpenSSLRequest open = new OpenSSLRequest();
        open.setInstanceId(a);
        done(c.OpenSSL(open).getTaskId());
        CloseSSLRequest close = new CloseSSLRequest();
        close.setInstanceId(a);
        done(c.CloseSSL(close).getTaskId());

        EnableReplicaReadonlyRequest enable = new EnableReplicaReadonlyRequest();
        enable.setInstanceId(a);
        enable.setReadonlyPolicy(new String[] {"replication"});
        done(c.EnableReplicaReadonly(enable).getTaskId());
        DisableReplicaReadonlyRequest disable = new DisableReplicaReadonlyRequest();
        disable.setInstanceId(a);
        done(c.DisableReplicaReadonly(disable).getTaskId());
        ModifyInstanceReadOnlyRequest mode = new ModifyInstanceReadOnlyRequest();
        mode.setInstanceId(a);
        mode.setInputMode("1");
        done(c.ModifyInstanceReadOnly(mode).getTaskId());

        UpgradeVersionToMultiAvailabilityZonesRequest multiAz = new UpgradeVersionToMultiAvailabilityZonesRequest();
        multiAz.setInstanceId(a);
        multiAz.setUpgradeProxyAndRedisServer(false);
        done(c.UpgradeVersionToMultiAvailabilityZones(multiAz).getFlowId());
        DescribeInstanceZoneInfoRequest zones = new DescribeInstanceZoneInfoRequest();
        zones.setInstanceId(a);
        DescribeInstanceZoneInfoResponse info = c.DescribeInstanceZoneInfo(zones);
        assertThat(info.getTotalCount()).isEqualTo(3L);
        assertThat(info.getReplicaGroups()[0].getRole()).isEqualTo("master");
        assertThat(info.getReplicaGroups()[0].getZoneId()).isEqualTo("ap-guangzhou-2");
        assertThat(info.getReplicaGroups()[0].getRedisNodes()[0].getSlot()).isEqualTo("0-16383");
        assertThat(info.getReplicaGroups()[0].getRedisNodes()[0].getKeys()).isZero();

        InquiryPriceCreateInstanceRequest create = new InquiryPriceCreateInstanceRequest();
        create.setTypeId(6L);
        create.setMemSize(4096L);
        create.setGoodsNum(1L);
        create.setPeriod(1L);
        create.setBillingMode(1L);
        create.setZoneId(100002L);
        assertThat(c.InquiryPriceCreateInstance(create).getPrice()).isEqualTo(30400f);
        InquiryPriceRenewInstanceRequest renew = new InquiryPriceRenewInstanceRequest();
        renew.setInstanceId(a);
        renew.setPeriod(2L);
        assertThat(c.InquiryPriceRenewInstance(renew).getPrice()).isEqualTo(7600f * 1.5f * 2);
        InquiryPriceUpgradeInstanceRequest upgrade = new InquiryPriceUpgradeInstanceRequest();
        upgrade.setInstanceId(a);
        upgrade.setMemSize(2048L);
        assertThat(c.InquiryPriceUpgradeInstance(upgrade).getPrice()).isEqualTo(48f); // postpaid, per hour: 7600 x 2 GB x (1 + 2 replicas) / 2 x 1.5 / 720 = 47.5

        InquiryPriceRenewInstanceRequest missing = new InquiryPriceRenewInstanceRequest();
        missing.setInstanceId("crs-nothere0");
        missing.setPeriod(1L);
        assertThatThrownBy(() -> c.InquiryPriceRenewInstance(missing)).isInstanceOfSatisfying(TencentCloudSDKException.class,
                e -> assertThat(e.getErrorCode()).isEqualTo("ResourceNotFound.InstanceNotExists"));
    }
}
