package io.cachesh.emulator.huawei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.exception.ClientRequestException;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.dcs.v2.DcsClient;
import com.huaweicloud.sdk.dcs.v2.model.BackupFilesBody;
import com.huaweicloud.sdk.dcs.v2.model.BackupInstanceBody;
import com.huaweicloud.sdk.dcs.v2.model.BatchCreateOrDeleteTagsRequest;
import com.huaweicloud.sdk.dcs.v2.model.BatchStopMigrationTasksBody;
import com.huaweicloud.sdk.dcs.v2.model.BatchStopMigrationTasksRequest;
import com.huaweicloud.sdk.dcs.v2.model.BatchStopMigrationTasksResponse;
import com.huaweicloud.sdk.dcs.v2.model.ConfigMigrationInstanceBody;
import com.huaweicloud.sdk.dcs.v2.model.CopyInstanceRequest;
import com.huaweicloud.sdk.dcs.v2.model.CreateInstanceBody;
import com.huaweicloud.sdk.dcs.v2.model.CreateInstanceRequest;
import com.huaweicloud.sdk.dcs.v2.model.CreateMigrationTaskBody;
import com.huaweicloud.sdk.dcs.v2.model.CreateMigrationTaskRequest;
import com.huaweicloud.sdk.dcs.v2.model.CreateMigrationTaskResponse;
import com.huaweicloud.sdk.dcs.v2.model.CreateOnlineMigrationTaskBody;
import com.huaweicloud.sdk.dcs.v2.model.CreateOnlineMigrationTaskRequest;
import com.huaweicloud.sdk.dcs.v2.model.CreateOrDeleteInstanceTags;
import com.huaweicloud.sdk.dcs.v2.model.DeleteMigrateTaskRequest;
import com.huaweicloud.sdk.dcs.v2.model.DeleteMigrationTaskRequest;
import com.huaweicloud.sdk.dcs.v2.model.DownloadBackupFilesReq;
import com.huaweicloud.sdk.dcs.v2.model.Files;
import com.huaweicloud.sdk.dcs.v2.model.ListBackupFileLinksRequest;
import com.huaweicloud.sdk.dcs.v2.model.ListBackupFileLinksResponse;
import com.huaweicloud.sdk.dcs.v2.model.ListBackupRecordsRequest;
import com.huaweicloud.sdk.dcs.v2.model.ListConfigHistoriesRequest;
import com.huaweicloud.sdk.dcs.v2.model.ListConfigHistoriesResponse;
import com.huaweicloud.sdk.dcs.v2.model.ListMigrationTaskLogsRequest;
import com.huaweicloud.sdk.dcs.v2.model.ListMigrationTaskLogsResponse;
import com.huaweicloud.sdk.dcs.v2.model.ListMigrationTaskRequest;
import com.huaweicloud.sdk.dcs.v2.model.ListMigrationTaskResponse;
import com.huaweicloud.sdk.dcs.v2.model.ListTagsOfTenantRequest;
import com.huaweicloud.sdk.dcs.v2.model.ListTagsOfTenantResponse;
import com.huaweicloud.sdk.dcs.v2.model.ResourceTag;
import com.huaweicloud.sdk.dcs.v2.model.SetOnlineMigrationTaskBody;
import com.huaweicloud.sdk.dcs.v2.model.SetOnlineMigrationTaskRequest;
import com.huaweicloud.sdk.dcs.v2.model.SetOnlineMigrationTaskResponse;
import com.huaweicloud.sdk.dcs.v2.model.ShowInstanceRequest;
import com.huaweicloud.sdk.dcs.v2.model.ShowInstanceResponse;
import com.huaweicloud.sdk.dcs.v2.model.ShowMigrationTaskRequest;
import com.huaweicloud.sdk.dcs.v2.model.ShowMigrationTaskResponse;
import com.huaweicloud.sdk.dcs.v2.model.ShowMigrationTaskStatsRequest;
import com.huaweicloud.sdk.dcs.v2.model.ShowMigrationTaskStatsResponse;
import com.huaweicloud.sdk.dcs.v2.model.ShowTagsRequest;
import com.huaweicloud.sdk.dcs.v2.model.ShowTagsResponse;
import com.huaweicloud.sdk.dcs.v2.model.StopMigrationTaskSyncRequest;
import com.huaweicloud.sdk.dcs.v2.model.TargetInstanceBody;
import io.cachesh.emulator.Emulator;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The official Huawei Cloud SDK (3.1.130) drives tags, parameter-change records, backup links and data migration: its
 * requests pass the model, its response classes parse the answers, and its exceptions carry the codes.
 */
class HuaweiMigrationTagsSdkConformanceTest {

    static final String PASSWORD = "Cachesh-Pass1";
    static final Duration WAIT = Duration.ofSeconds(20);

    static Emulator emulator;
    static DcsClient sdk;

    @BeforeAll
    static void start() {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(200)).build().start();
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

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting for " + what).isLessThan(deadline);
            Thread.sleep(25);
        }
    }

    static ShowInstanceResponse create(String name) throws InterruptedException {
        String id = sdk.createInstance(new CreateInstanceRequest().withBody(new CreateInstanceBody()
                .withName(name).withEngine("Redis").withEngineVersion("6.0").withCapacity(0.125f)
                .withSpecCode("redis.ha.xu1.tiny.r2.128").withAzCodes(List.of("cn-north-4a")).withVpcId("vpc-1")
                .withSubnetId("subnet-1").withPassword(PASSWORD))).getInstances().get(0).getInstanceId();
        await(name + " running", () -> "RUNNING".equals(sdk.showInstance(new ShowInstanceRequest().withInstanceId(id)).getStatus()));
        return sdk.showInstance(new ShowInstanceRequest().withInstanceId(id));
    }

    static String status(String taskId) {
        return String.valueOf(sdk.showMigrationTask(new ShowMigrationTaskRequest().withTaskId(taskId)).getStatus());
    }

    @Test
    void theSdkDrivesTagsHistoriesAndLinks() throws Exception {
        ShowInstanceResponse i = create("sdk-tags");
        String id = i.getInstanceId();
        sdk.batchCreateOrDeleteTags(new BatchCreateOrDeleteTagsRequest().withInstanceId(id).withBody(
                new CreateOrDeleteInstanceTags().withAction("create").withTags(List.of(
                        new ResourceTag().withKey("owner").withValue("sdk"), new ResourceTag().withKey("tier").withValue("gold")))));
        ShowTagsResponse tags = sdk.showTags(new ShowTagsRequest().withInstanceId(id));
        assertThat(tags.getTags()).extracting(t -> t.getKey() + "=" + t.getValue()).containsExactly("owner=sdk", "tier=gold");
        ListTagsOfTenantResponse tenant = sdk.listTagsOfTenant(new ListTagsOfTenantRequest());
        assertThat(tenant.getTags()).extracting(t -> t.getKey()).containsExactly("owner", "tier");
        assertThat(tenant.getTags().get(0).getValues()).containsExactly("sdk");
        sdk.batchCreateOrDeleteTags(new BatchCreateOrDeleteTagsRequest().withInstanceId(id).withBody(
                new CreateOrDeleteInstanceTags().withAction("delete").withTags(List.of(new ResourceTag().withKey("tier")))));
        assertThat(sdk.showTags(new ShowTagsRequest().withInstanceId(id)).getTags()).hasSize(1);
        ClientRequestException badAction = catchThrowableOfType(ClientRequestException.class, () ->
                sdk.batchCreateOrDeleteTags(new BatchCreateOrDeleteTagsRequest().withInstanceId(id).withBody(
                        new CreateOrDeleteInstanceTags().withAction("replace").withTags(List.of(
                                new ResourceTag().withKey("k").withValue("v"))))));
        assertThat(badAction.getHttpStatusCode()).isEqualTo(400);
        assertThat(badAction.getErrorCode()).isEqualTo("DCS.4063");

        ListConfigHistoriesResponse none = sdk.listConfigHistories(new ListConfigHistoriesRequest().withInstanceId(id));
        assertThat(none.getHistoryNum()).isZero();

        try (Jedis jedis = new Jedis(i.getIp(), i.getPort())) {
            jedis.auth(PASSWORD);
            jedis.set("k", "v");
        }
        String backupId = sdk.copyInstance(new CopyInstanceRequest().withInstanceId(id).withBody(new BackupInstanceBody()))
                .getBackupId();
        await("backup", () -> "succeed".equals(String.valueOf(sdk.listBackupRecords(new ListBackupRecordsRequest().withInstanceId(id))
                .getBackupRecordResponse().get(0).getStatus())));
        ListBackupFileLinksResponse links = sdk.listBackupFileLinks(new ListBackupFileLinksRequest().withInstanceId(id)
                .withBackupId(backupId).withBody(new DownloadBackupFilesReq().withExpiration(3600)));
        assertThat(links.getBucketName()).isEqualTo("cachesh-emulator-dcs-backups");
        assertThat(links.getLinks().get(0).getLink()).startsWith("file:/").endsWith(backupId + ".rdb");
        ClientRequestException tooShort = catchThrowableOfType(ClientRequestException.class, () ->
                sdk.listBackupFileLinks(new ListBackupFileLinksRequest().withInstanceId(id).withBackupId(backupId)
                        .withBody(new DownloadBackupFilesReq().withExpiration(60))));
        assertThat(tooShort.getErrorCode()).isEqualTo("DCS.4063");

        // backup import of that backup into another instance, through the SDK's enums
        ShowInstanceResponse target = create("sdk-import");
        CreateMigrationTaskResponse created = sdk.createMigrationTask(new CreateMigrationTaskRequest().withBody(
                new CreateMigrationTaskBody().withTaskName("sdk-import")
                        .withMigrationType(CreateMigrationTaskBody.MigrationTypeEnum.BACKUPFILE_IMPORT)
                        .withMigrationMethod(CreateMigrationTaskBody.MigrationMethodEnum.FULL_AMOUNT_MIGRATION)
                        .withBackupFiles(new BackupFilesBody().withFileSource(BackupFilesBody.FileSourceEnum.BACKUP_RECORD)
                                .withBackupId(backupId).withFiles(List.of(new Files().withFileName(backupId + ".rdb"))))
                        .withTargetInstance(new TargetInstanceBody().withId(target.getInstanceId()).withPassword(PASSWORD))));
        assertThat(String.valueOf(created.getStatus())).isEqualTo("MIGRATING");
        await("import", () -> "SUCCESS".equals(status(created.getId())));
        try (Jedis jedis = new Jedis(target.getIp(), target.getPort())) {
            jedis.auth(PASSWORD);
            assertThat(jedis.get("k")).isEqualTo("v");
        }
    }

    @Test
    void theSdkDrivesAnOnlineMigration() throws Exception {
        ShowInstanceResponse source = create("sdk-src");
        ShowInstanceResponse target = create("sdk-dst");
        try (Jedis jedis = new Jedis(source.getIp(), source.getPort())) {
            jedis.auth(PASSWORD);
            jedis.set("migrated", "by replication");
        }
        String taskId = sdk.createOnlineMigrationTask(new CreateOnlineMigrationTaskRequest().withBody(
                new CreateOnlineMigrationTaskBody().withName("sdk-online").withVpcId("vpc-1").withSubnetId("subnet-1")
                        .withSecurityGroupId("sg-1"))).getInstanceId();
        SetOnlineMigrationTaskResponse configured = sdk.setOnlineMigrationTask(new SetOnlineMigrationTaskRequest()
                .withTaskId(taskId).withBody(new SetOnlineMigrationTaskBody()
                        .withMigrationMethod(SetOnlineMigrationTaskBody.MigrationMethodEnum.INCREMENTAL_MIGRATION)
                        .withResumeMode(SetOnlineMigrationTaskBody.ResumeModeEnum.AUTO)
                        .withSourceInstance(new ConfigMigrationInstanceBody().withId(source.getInstanceId()).withPassword(PASSWORD))
                        .withTargetInstance(new ConfigMigrationInstanceBody().withId(target.getInstanceId()).withPassword(PASSWORD))));
        assertThat(String.valueOf(configured.getStatus())).isEqualTo("FULLMIGRATING");
        await("incremental", () -> "INCRMIGEATING".equals(status(taskId)));
        ShowMigrationTaskResponse shown = sdk.showMigrationTask(new ShowMigrationTaskRequest().withTaskId(taskId));
        assertThat(shown.getTaskName()).isEqualTo("sdk-online");
        assertThat(shown.getTargetInstance().getId()).isEqualTo(target.getInstanceId());
        try (Jedis jedis = new Jedis(target.getIp(), target.getPort())) {
            jedis.auth(PASSWORD);
            assertThat(jedis.get("migrated")).isEqualTo("by replication");
        }
        ShowMigrationTaskStatsResponse stats = sdk.showMigrationTaskStats(new ShowMigrationTaskStatsRequest().withTaskId(taskId));
        assertThat(stats.getIsMigrating()).isTrue();
        assertThat(stats.getTargetDbsize()).isEqualTo("1");
        ListMigrationTaskResponse listed = sdk.listMigrationTask(new ListMigrationTaskRequest().withName("sdk-online"));
        assertThat(listed.getCount()).isEqualTo(1);
        assertThat(listed.getMigrationTasks().get(0).getTaskId()).isEqualTo(taskId);
        ListMigrationTaskLogsResponse logs = sdk.listMigrationTaskLogs(new ListMigrationTaskLogsRequest().withTaskId(taskId));
        assertThat(logs.getLogNum()).isGreaterThanOrEqualTo(3);

        sdk.stopMigrationTaskSync(new StopMigrationTaskSyncRequest().withTaskId(taskId));
        assertThat(status(taskId)).isEqualTo("TERMINATED");
        BatchStopMigrationTasksResponse again = sdk.batchStopMigrationTasks(new BatchStopMigrationTasksRequest().withBody(
                new BatchStopMigrationTasksBody().withMigrationTasks(List.of(taskId))));
        assertThat(String.valueOf(again.getMigrationTasks().get(0).getResult())).isEqualTo("failed");
        ClientRequestException missing = catchThrowableOfType(ClientRequestException.class, () ->
                sdk.showMigrationTaskStats(new ShowMigrationTaskStatsRequest().withTaskId("0123456789abcdef")));
        assertThat(missing.getErrorCode()).isEqualTo("DCS.4133");
        assertThat(missing.getHttpStatusCode()).isEqualTo(400);
        sdk.deleteMigrationTask(new DeleteMigrationTaskRequest().withBody(new DeleteMigrateTaskRequest()
                .withTaskIdList(List.of(taskId))));
        assertThat(sdk.listMigrationTask(new ListMigrationTaskRequest().withName("sdk-online")).getCount()).isZero();
    }
}
