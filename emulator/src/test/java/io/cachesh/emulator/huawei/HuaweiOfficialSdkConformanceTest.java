package io.cachesh.emulator.huawei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.exception.ClientRequestException;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.dcs.v2.DcsClient;
import com.huaweicloud.sdk.dcs.v2.model.BackupInstanceBody;
import com.huaweicloud.sdk.dcs.v2.model.ChangeInstanceStatusBody;
import com.huaweicloud.sdk.dcs.v2.model.CopyInstanceRequest;
import com.huaweicloud.sdk.dcs.v2.model.CreateInstanceBody;
import com.huaweicloud.sdk.dcs.v2.model.CreateInstanceRequest;
import com.huaweicloud.sdk.dcs.v2.model.CreateInstanceResponse;
import com.huaweicloud.sdk.dcs.v2.model.DeleteSingleInstanceRequest;
import com.huaweicloud.sdk.dcs.v2.model.ListBackupRecordsRequest;
import com.huaweicloud.sdk.dcs.v2.model.ListBackupRecordsResponse;
import com.huaweicloud.sdk.dcs.v2.model.ListInstancesRequest;
import com.huaweicloud.sdk.dcs.v2.model.ListInstancesResponse;
import com.huaweicloud.sdk.dcs.v2.model.ModifyInstanceBody;
import com.huaweicloud.sdk.dcs.v2.model.ModifyInstancePasswordBody;
import com.huaweicloud.sdk.dcs.v2.model.ResizeInstanceBody;
import com.huaweicloud.sdk.dcs.v2.model.ResizeInstanceRequest;
import com.huaweicloud.sdk.dcs.v2.model.RestartOrFlushInstancesRequest;
import com.huaweicloud.sdk.dcs.v2.model.RestartOrFlushInstancesResponse;
import com.huaweicloud.sdk.dcs.v2.model.ShowInstanceRequest;
import com.huaweicloud.sdk.dcs.v2.model.ShowInstanceResponse;
import com.huaweicloud.sdk.dcs.v2.model.UpdatePasswordRequest;
import com.huaweicloud.sdk.dcs.v2.model.UpdateInstanceRequest;
import com.huaweicloud.sdk.dcs.v2.model.UpdatePasswordResponse;
import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.protocol.HttpRequestData;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The official Huawei Cloud SDK ({@code huaweicloud-sdk-dcs} 3.1.130) as an oracle: its AK/SK signatures verify, its
 * requests pass the model, its response classes parse what the emulator answers, and its exceptions carry the error
 * code and the {@code X-Request-Id}. Endpoint override without {@code withRegion} (spec/anchors.md 1.2).
 */
class HuaweiOfficialSdkConformanceTest {

    static final String PASSWORD = "Cachesh-Pass1";

    static Emulator emulator;
    static DcsClient sdk;
    static final List<HttpRequestData> seen = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(300)).requestObserver(seen::add).build().start();
        assumeTrue(emulator.dataPlaneAvailable(), "no redis-server on this machine: " + emulator.dataPlaneDescription());
        sdk = DcsClient.newBuilder()
                .withHttpConfig(HttpConfig.getDefaultHttpConfig().withTimeout(10))
                .withCredential(new BasicCredentials().withAk(emulator.credentials().keyId())
                        .withSk(emulator.credentials().secret().reveal()).withProjectId(emulator.huaweiProjectId()))
                .withEndpoint(emulator.endpoint())
                .build();
    }

    @AfterAll
    static void stop() {
        if (emulator != null) emulator.close();
    }

    static ShowInstanceResponse waitRunning(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            ShowInstanceResponse shown = sdk.showInstance(new ShowInstanceRequest().withInstanceId(id));
            if ("RUNNING".equals(shown.getStatus()) || System.nanoTime() > deadline) return shown;
            Thread.sleep(50);
        }
    }

    @Test
    void theSdkDrivesTheLifecycle() throws Exception {
        ListInstancesResponse empty = sdk.listInstances(new ListInstancesRequest().withOffset(0).withLimit(10));
        assertThat(empty.getHttpStatusCode()).isEqualTo(200);
        HttpRequestData first = seen.get(seen.size() - 1);
        assertThat(first.header("Authorization")).startsWith("SDK-HMAC-SHA256 Access=" + emulator.credentials().keyId());
        assertThat(first.header("X-Project-Id")).isEqualTo(emulator.huaweiProjectId());

        CreateInstanceResponse created = sdk.createInstance(new CreateInstanceRequest().withBody(new CreateInstanceBody()
                .withName("sdk-made").withEngine("Redis").withEngineVersion("5.0").withCapacity(0.5f)
                .withSpecCode("redis.ha.xu1.tiny.r2.512").withAzCodes(List.of("cn-north-4a")).withVpcId("vpc-1")
                .withSubnetId("subnet-1").withPassword(PASSWORD).withDescription("made by the official SDK")));
        assertThat(created.getHttpStatusCode()).isEqualTo(200);
        String id = created.getInstances().get(0).getInstanceId();
        assertThat(created.getInstances().get(0).getInstanceName()).isEqualTo("sdk-made");

        ShowInstanceResponse running = waitRunning(id);
        assertThat(running.getStatus()).isEqualTo("RUNNING");
        assertThat(running.getIp()).isEqualTo("127.0.0.1");
        assertThat(running.getPort()).isPositive();
        assertThat(running.getMaxMemory()).isEqualTo(512);
        assertThat(running.getCapacityMinor()).isEqualTo("0.5");
        assertThat(running.getSpecCode()).isEqualTo("redis.ha.xu1.tiny.r2.512");
        assertThat(running.getEngineVersion()).isEqualTo("5.0");
        assertThat(running.getDescription()).isEqualTo("made by the official SDK");
        try (Jedis jedis = new Jedis(running.getIp(), running.getPort())) {
            jedis.auth(PASSWORD);
            jedis.set("sdk", "yes");
        }

        ListInstancesResponse listed = sdk.listInstances(new ListInstancesRequest().withName("sdk-made"));
        assertThat(listed.getInstanceNum()).isEqualTo(1);
        assertThat(listed.getInstances().get(0).getInstanceId()).isEqualTo(id);
        assertThat(listed.getInstances().get(0).getStatus()).isEqualTo("RUNNING");

        sdk.resizeInstance(new ResizeInstanceRequest().withInstanceId(id)
                .withBody(new ResizeInstanceBody().withSpecCode("redis.ha.xu1.large.r2.2").withNewCapacity(2)));
        ShowInstanceResponse resized = waitRunning(id);
        assertThat(resized.getCapacity()).isEqualTo(2);
        try (Jedis jedis = new Jedis(resized.getIp(), resized.getPort())) {
            jedis.auth(PASSWORD);
            assertThat(jedis.configGet("maxmemory")).containsEntry("maxmemory", Long.toString(2048L * 1024 * 1024));
        }

        UpdatePasswordResponse changed = sdk.updatePassword(new UpdatePasswordRequest().withInstanceId(id)
                .withBody(new ModifyInstancePasswordBody().withOldPassword(PASSWORD).withNewPassword("Sdk-Newer-Pass2")));
        assertThat(changed.getResult().toString()).isEqualToIgnoringCase("success");
        try (Jedis jedis = new Jedis(resized.getIp(), resized.getPort())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> jedis.auth(PASSWORD)).isInstanceOf(JedisDataException.class);
            jedis.auth("Sdk-Newer-Pass2");
            assertThat(jedis.get("sdk")).isEqualTo("yes");
        }

        String backupId = sdk.copyInstance(new CopyInstanceRequest().withInstanceId(id)
                .withBody(new BackupInstanceBody().withRemark("sdk backup"))).getBackupId();
        ListBackupRecordsResponse backups;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        do {
            Thread.sleep(50);
            backups = sdk.listBackupRecords(new ListBackupRecordsRequest().withInstanceId(id));
        } while (!"succeed".equals(String.valueOf(backups.getBackupRecordResponse().get(0).getStatus()))
                && System.nanoTime() < deadline);
        assertThat(backups.getTotalNum()).isEqualTo(1);
        assertThat(backups.getBackupRecordResponse().get(0).getBackupId()).isEqualTo(backupId);
        assertThat(String.valueOf(backups.getBackupRecordResponse().get(0).getStatus())).isEqualTo("succeed");

        RestartOrFlushInstancesResponse flushed = sdk.restartOrFlushInstances(new RestartOrFlushInstancesRequest()
                .withBody(new ChangeInstanceStatusBody().withInstances(List.of(id)).withAction("flush")));
        assertThat(flushed.getResults().get(0).getResult()).isEqualTo("success");
        try (Jedis jedis = new Jedis(resized.getIp(), resized.getPort())) {
            jedis.auth("Sdk-Newer-Pass2");
            assertThat(jedis.get("sdk")).isNull();
        }
        waitRunning(id);

        // restart: RESTARTING, then RUNNING with the same data (the redis-server saves before it stops)
        try (Jedis jedis = new Jedis(resized.getIp(), resized.getPort())) {
            jedis.auth("Sdk-Newer-Pass2");
            jedis.set("survives", "restart");
        }
        RestartOrFlushInstancesResponse restarted = sdk.restartOrFlushInstances(new RestartOrFlushInstancesRequest()
                .withBody(new ChangeInstanceStatusBody().withInstances(List.of(id)).withAction("restart")));
        assertThat(restarted.getResults().get(0).getResult()).isEqualTo("success");
        assertThat(sdk.showInstance(new ShowInstanceRequest().withInstanceId(id)).getStatus()).isEqualTo("RESTARTING");
        ShowInstanceResponse back = waitRunning(id);
        assertThat(back.getStatus()).isEqualTo("RUNNING");
        try (Jedis jedis = new Jedis(back.getIp(), back.getPort())) {
            jedis.auth("Sdk-Newer-Pass2");
            assertThat(jedis.get("survives")).isEqualTo("restart");
        }

        // rename (UpdateInstance, 204)
        assertThat(sdk.updateInstance(new UpdateInstanceRequest().withInstanceId(id)
                .withBody(new ModifyInstanceBody().withName("sdk-renamed"))).getHttpStatusCode()).isEqualTo(204);
        assertThat(sdk.showInstance(new ShowInstanceRequest().withInstanceId(id)).getName()).isEqualTo("sdk-renamed");

        assertThat(sdk.deleteSingleInstance(new DeleteSingleInstanceRequest().withInstanceId(id)).getHttpStatusCode())
                .isEqualTo(204);

        // every request the SDK sent was signed and verified (none answered 401)
        assertThat(seen).allSatisfy(r -> assertThat(r.header("Authorization")).startsWith("SDK-HMAC-SHA256"));
    }

    @Test
    void errorsReachTheSdkWithCodeAndRequestId() {
        ClientRequestException missing = catchThrowableOfType(
                () -> sdk.showInstance(new ShowInstanceRequest().withInstanceId("2b4e0e5e-0000-4000-8000-000000000000")),
                ClientRequestException.class);
        assertThat(missing.getHttpStatusCode()).isEqualTo(404);
        assertThat(missing.getErrorCode()).isEqualTo("DCS.3022");
        assertThat(missing.getErrorMsg()).contains("This DCS instance does not exist");
        assertThat(missing.getRequestId()).matches("[0-9a-f]{32}");

        ClientRequestException invalid = catchThrowableOfType(() -> sdk.createInstance(new CreateInstanceRequest()
                        .withBody(new CreateInstanceBody().withName("x").withEngine("Redis").withCapacity(1f)
                                .withSpecCode("redis.ha.xu1.large.r2.1").withAzCodes(List.of("cn-north-4a"))
                                .withVpcId("v").withSubnetId("s").withPassword(PASSWORD))),
                ClientRequestException.class);
        assertThat(invalid.getHttpStatusCode()).isEqualTo(400);
        assertThat(invalid.getErrorCode()).isEqualTo("DCS.4010");

        ClientRequestException flavor = catchThrowableOfType(() -> sdk.createInstance(new CreateInstanceRequest()
                        .withBody(new CreateInstanceBody().withName("no-such-flavor").withEngine("Redis").withCapacity(1f)
                                .withSpecCode("redis.ha.xu1.large.r2.3").withAzCodes(List.of("cn-north-4a"))
                                .withVpcId("v").withSubnetId("s").withPassword(PASSWORD))),
                ClientRequestException.class);
        assertThat(flavor.getHttpStatusCode()).isEqualTo(400);
        assertThat(flavor.getErrorCode()).isEqualTo("DCS.4927");

        DcsClient wrongKey = DcsClient.newBuilder()
                .withCredential(new BasicCredentials().withAk(emulator.credentials().keyId()).withSk("wrong-secret")
                        .withProjectId(emulator.huaweiProjectId()))
                .withEndpoint(emulator.endpoint()).build();
        ClientRequestException refused = catchThrowableOfType(
                () -> wrongKey.listInstances(new ListInstancesRequest()), ClientRequestException.class);
        assertThat(refused.getHttpStatusCode()).isEqualTo(401);
        assertThat(refused.getErrorCode()).isEqualTo("APIGW.0301");
        assertThat(refused.getRequestId()).matches("[0-9a-f]{32}");
    }
}
