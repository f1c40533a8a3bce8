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
import io.cachesh.client.auth.Credentials;
import io.cachesh.emulator.Emulator;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The official Tencent SDK (3.1.667) on the replication-group and backup-policy actions it has: requests sign and
 * validate, answers parse (Groups, Instances, the Float TaskId of DeleteReplicationInstance, BackupDownloadInfo).
 */
class ReplicationGroupSdkConformanceTest {

    /** Actions this class drives through the official SDK (see {@link SdkCoverageTest}). */
    static final java.util.Set<String> SDK_DRIVEN = java.util.Set.of(
            "AddReplicationInstance", "ChangeInstanceRole", "ChangeMasterInstance", "ChangeReplicaToMaster",
            "CreateReplicationGroup", "DeleteReplicationInstance", "DescribeBackupUrl", "DescribeReplicationGroup",
            "ModifyAutoBackupConfig");

    /** Not in SDK 3.1.667 (2022). */
    static final java.util.Set<String> NOT_IN_SDK = java.util.Set.of(
            "DescribeReplicationGroupInstance", "ModifyReplicationGroup", "RemoveReplicationGroup",
            "RemoveReplicationInstance", "DescribeGlobalReplicationArea", "DescribeSecondLevelBackupInfo",
            "ModifyInstanceBackupMode", "DescribeBackupDownloadRestriction", "ModifyBackupDownloadRestriction");


    static final String PASSWORD = "Passw0rd!";
    static Emulator emulator;
    static RedisClient c;

    @BeforeAll
    static void start() {
        emulator = Emulator.builder().taskDelay(Duration.ofMillis(100)).build().start();
        assumeTrue(emulator.dataPlaneAvailable(), "no redis-server");
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

    static String create(String name) throws Exception {
        CreateInstancesRequest req = new CreateInstancesRequest();
        req.setTypeId(15L);
        req.setMemSize(1024L);
        req.setGoodsNum(1L);
        req.setPeriod(1L);
        req.setBillingMode(0L);
        req.setPassword(PASSWORD);
        req.setInstanceName(name);
        String id = c.CreateInstances(req).getInstanceIds()[0];
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (emulator.fleet().instance(id).orElseThrow().status().code() != 2) {
            if (System.nanoTime() > deadline) throw new AssertionError(id + " never ran");
            Thread.sleep(50);
        }
        return id;
    }

    static void waitTask(long taskId) throws Exception {
        DescribeTaskInfoRequest req = new DescribeTaskInfoRequest();
        req.setTaskId(taskId);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            String status = c.DescribeTaskInfo(req).getStatus();
            if ("succeed".equals(status)) return;
            if ("failed".equals(status) || System.nanoTime() > deadline) throw new AssertionError("task " + taskId + " " + status);
            Thread.sleep(50);
        }
    }

    @Test
    void replicationGroupsThroughTheOfficialSdk() throws Exception {
        String a = create("sdk-a");
        String b = create("sdk-b");
        CreateReplicationGroupRequest create = new CreateReplicationGroupRequest();
        create.setInstanceId(a);
        create.setGroupName("sdk-group");
        create.setRemark("by the SDK");
        waitTask(c.CreateReplicationGroup(create).getTaskId());

        DescribeReplicationGroupRequest describe = new DescribeReplicationGroupRequest();
        describe.setLimit(20L);
        describe.setOffset(0L);
        describe.setSearchKey("sdk-group");
        DescribeReplicationGroupResponse groups = c.DescribeReplicationGroup(describe);
        assertThat(groups.getTotalCount()).isEqualTo(1L);
        Groups g = groups.getGroups()[0];
        assertThat(g.getGroupName()).isEqualTo("sdk-group");
        assertThat(g.getRemark()).isEqualTo("by the SDK");
        assertThat(g.getInstanceCount()).isEqualTo(1L);
        assertThat(g.getInstances()[0].getInstanceId()).isEqualTo(a);
        assertThat(g.getInstances()[0].getRole()).isEqualTo("rw");

        AddReplicationInstanceRequest add = new AddReplicationInstanceRequest();
        add.setGroupId(g.getGroupId());
        add.setInstanceId(b);
        add.setInstanceRole("r");
        waitTask(c.AddReplicationInstance(add).getTaskId());

        ChangeMasterInstanceRequest change = new ChangeMasterInstanceRequest();
        change.setGroupId(g.getGroupId());
        change.setInstanceId(b);
        waitTask(c.ChangeMasterInstance(change).getTaskId());
        describe.setSearchKey(null);
        describe.setGroupId(g.getGroupId());
        Instances[] members = c.DescribeReplicationGroup(describe).getGroups()[0].getInstances();
        assertThat(Arrays.stream(members).filter(m -> m.getInstanceId().equals(b)).findFirst().orElseThrow().getRole())
                .isEqualTo("rw");

        // and back: a becomes the master again, b a read-only member
        ChangeInstanceRoleRequest role = new ChangeInstanceRoleRequest();
        role.setGroupId(g.getGroupId());
        role.setInstanceId(a);
        role.setInstanceRole("rw");
        waitTask(c.ChangeInstanceRole(role).getTaskId());
        members = c.DescribeReplicationGroup(describe).getGroups()[0].getInstances();
        assertThat(Arrays.stream(members).filter(m -> m.getInstanceId().equals(a)).findFirst().orElseThrow().getRole())
                .isEqualTo("rw");

        DeleteReplicationInstanceRequest delete = new DeleteReplicationInstanceRequest();
        delete.setGroupId(g.getGroupId());
        delete.setInstanceId(b);
        delete.setSyncType(true);
        Float taskId = c.DeleteReplicationInstance(delete).getTaskId();
        assertThat(taskId).isPositive();
        waitTask(taskId.longValue());
        assertThat(c.DescribeReplicationGroup(describe).getGroups()[0].getInstanceCount()).isEqualTo(1L);

        ChangeReplicaToMasterRequest failover = new ChangeReplicaToMasterRequest();
        failover.setInstanceId(a);
        waitTask(c.ChangeReplicaToMaster(failover).getTaskId());

        CreateReplicationGroupRequest unknown = new CreateReplicationGroupRequest();
        unknown.setInstanceId("crs-nothere0");
        assertThatThrownBy(() -> c.CreateReplicationGroup(unknown)).isInstanceOf(TencentCloudSDKException.class)
                .satisfies(e -> assertThat(((TencentCloudSDKException) e).getErrorCode()).isEqualTo("ResourceNotFound.InstanceNotExists"));
    }

    @Test
    void backupPolicyThroughTheOfficialSdk() throws Exception {
        String id = create("sdk-backup");
        ModifyAutoBackupConfigRequest auto = new ModifyAutoBackupConfigRequest();
        auto.setInstanceId(id);
        auto.setWeekDays(new String[] {"Wednesday"});
        auto.setTimePeriod("01:00-02:00");
        auto.setAutoBackupType(1L);
        ModifyAutoBackupConfigResponse modified = c.ModifyAutoBackupConfig(auto);
        assertThat(modified.getWeekDays()).containsExactly("Wednesday");
        assertThat(modified.getTimePeriod()).isEqualTo("01:00-02:00");

        try (Jedis jedis = new Jedis("127.0.0.1", emulator.fleet().instance(id).orElseThrow().dataPort())) {
            jedis.auth(PASSWORD);
            jedis.set("k", "v");
        }
        ManualBackupInstanceRequest backup = new ManualBackupInstanceRequest();
        backup.setInstanceId(id);
        waitTask(c.ManualBackupInstance(backup).getTaskId());
        String backupId = emulator.fleet().instance(id).orElseThrow().backups().get(0).id();
        DescribeBackupUrlRequest url = new DescribeBackupUrlRequest();
        url.setInstanceId(id);
        url.setBackupId(backupId);
        BackupDownloadInfo info = c.DescribeBackupUrl(url).getBackupInfos()[0];
        assertThat(info.getDownloadUrl()).startsWith("file:/");
        assertThat(info.getFileSize()).isPositive();
    }
}
