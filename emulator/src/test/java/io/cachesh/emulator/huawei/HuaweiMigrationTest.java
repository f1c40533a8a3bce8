package io.cachesh.emulator.huawei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.huawei.dcs.HuaweiDcsClient;
import io.cachesh.client.huawei.dcs.HuaweiDcsWaiters;
import io.cachesh.client.huawei.dcs.model.BackupFilesBody;
import io.cachesh.client.huawei.dcs.model.ConfigMigrationInstanceBody;
import io.cachesh.client.huawei.dcs.model.Files;
import io.cachesh.client.huawei.dcs.model.ListBackupFileLinksResponse;
import io.cachesh.client.huawei.dcs.model.ListMigrationTaskResponse;
import io.cachesh.client.huawei.dcs.model.MigrationTaskList;
import io.cachesh.client.huawei.dcs.model.ShowInstanceResponse;
import io.cachesh.client.huawei.dcs.model.ShowMigrationTaskResponse;
import io.cachesh.client.huawei.dcs.model.ShowMigrationTaskStatsResponse;
import io.cachesh.client.huawei.dcs.model.TargetInstanceBody;
import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.validate.ModelValidator;
import io.cachesh.emulator.validate.ValidationResult;
import io.cachesh.model.Models;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Data migration between emulator instances with real replication (online) and real RDB loading (backup import):
 * the generated client over HTTP, every effect checked with Jedis on the redis-servers, error cases raw.
 */
class HuaweiMigrationTest {

    static final String PASSWORD = "Cachesh-Pass1";
    static final Duration WAIT = Duration.ofSeconds(20);
    static final ModelValidator V2 = new ModelValidator(Models.load("huawei-dcs-v2"), true);

    static Emulator emulator;
    static HuaweiDcsClient dcs;
    static HuaweiDcsWaiters waiters;
    static HuaweiTestClient raw;
    static String v2;

    @BeforeAll
    static void start() {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(200)).build().start();
        assumeTrue(emulator.dataPlaneAvailable(), "no redis-server on this machine: " + emulator.dataPlaneDescription());
        dcs = HuaweiDcsClient.create(ClientConfig.builder().credentials(emulator.credentials()).region("cn-north-4")
                .projectId(emulator.huaweiProjectId()).endpoint(emulator.endpoint()).build());
        waiters = HuaweiDcsWaiters.create(dcs).withInterval(Duration.ofMillis(50));
        raw = new HuaweiTestClient(emulator.endpoint(), emulator.credentials(), emulator.huaweiProjectId());
        v2 = "/v2/" + emulator.huaweiProjectId();
    }

    @AfterAll
    static void stop() throws Exception {
        if (dcs != null) dcs.close();
        if (emulator != null) emulator.close();
    }

    static ShowInstanceResponse create(String name) {
        String id = dcs.createInstance(r -> r.name(name).engine("Redis").engineVersion("6.0").capacity(0.125)
                .specCode("redis.ha.xu1.tiny.r2.128").azCodes(List.of("cn-north-4a")).vpcId("vpc-1").subnetId("subnet-1")
                .password(PASSWORD)).instances().get(0).instanceId();
        return waiters.waitForInstanceStatus(id, HuaweiDcsWaiters.RUNNING, WAIT);
    }

    static Jedis jedis(ShowInstanceResponse i) {
        Jedis jedis = new Jedis(i.ip(), i.port().intValue());
        jedis.auth(PASSWORD);
        return jedis;
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting for " + what).isLessThan(deadline);
            Thread.sleep(25);
        }
    }

    static ShowMigrationTaskResponse awaitStatus(String taskId, String status) throws InterruptedException {
        await("task " + taskId + " " + status, () -> status.equals(dcs.showMigrationTask(r -> r.taskId(taskId)).status()));
        return dcs.showMigrationTask(r -> r.taskId(taskId));
    }

    static ConfigMigrationInstanceBody byId(String id) {
        return ConfigMigrationInstanceBody.builder().id(id).password(PASSWORD).build();
    }

    static void assertError(HuaweiTestClient.Answer a, int status, String code) {
        assertThat(a.status()).as(a.text()).isEqualTo(status);
        assertThat(a.body().path("error_code").asText()).as(a.text()).isEqualTo(code);
        assertThat(a.body().path("error_msg").asText()).isNotBlank();
    }

    static void conforms(String shape, JsonNode body) {
        ValidationResult r = V2.validateShape(shape, body);
        assertThat(r.violations()).as(shape + " <- " + body).isEmpty();
    }

    @Test
    void incrementalOnlineMigrationReplicatesForRealUntilStopped() throws Exception {
        ShowInstanceResponse source = create("mig-src-1");
        ShowInstanceResponse target = create("mig-dst-1");
        try (Jedis s = jedis(source)) {
            for (int k = 0; k < 50; k++) s.set("before:" + k, "v" + k);
        }

        String taskId = dcs.createOnlineMigrationTask(r -> r.name("mig-incremental").description("replication")
                .vpcId("vpc-1").subnetId("subnet-1").securityGroupId("sg-1")).instanceId();
        assertThat(taskId).matches("[0-9a-f-]{36}");
        ShowMigrationTaskResponse awaiting = dcs.showMigrationTask(r -> r.taskId(taskId));
        assertThat(awaiting.status()).isEqualTo("RUNNING");
        assertThat(awaiting.migrationType()).isEqualTo("online_migration");
        assertThat(awaiting.tenantVpcId()).isEqualTo("vpc-1");
        assertThat(awaiting.tenantSecurityGroupId()).isEqualTo("sg-1");
        // no replication yet: no job
        assertError(raw.signed("GET", v2 + "/migration-task/" + taskId + "/stats", null), 400, "DCS.4133");

        var configured = dcs.setOnlineMigrationTask(r -> r.taskId(taskId).migrationMethod("incremental_migration")
                .resumeMode("auto").bandwidthLimitMb("100").sourceInstance(byId(source.instanceId()))
                .targetInstance(byId(target.instanceId())));
        assertThat(configured.id()).isEqualTo(taskId);
        assertThat(configured.name()).isEqualTo("mig-incremental");
        assertThat(configured.status()).isEqualTo("FULLMIGRATING");
        assertThat(configured.error()).isEmpty();

        ShowMigrationTaskResponse incremental = awaitStatus(taskId, "INCRMIGEATING");
        assertThat(incremental.migrationMethod()).isEqualTo("incremental_migration");
        assertThat(incremental.resumeMode()).isEqualTo("auto");
        assertThat(incremental.bandwidthLimitMb()).isEqualTo("100");
        assertThat(incremental.sourceInstance().id()).isEqualTo(source.instanceId());
        assertThat(incremental.sourceInstance().addrs()).isEqualTo("127.0.0.1:" + source.port());
        assertThat(incremental.sourceInstance().password()).isNull();
        assertThat(incremental.targetInstance().id()).isEqualTo(target.instanceId());
        assertThat(incremental.targetInstance().port()).isEqualTo(Long.toString(target.port()));
        assertThat(incremental.version()).startsWith("7.");
        conforms("ShowMigrationTaskResponse", raw.signed("GET", v2 + "/migration-task/" + taskId, null).body());

        try (Jedis s = jedis(source); Jedis t = jedis(target)) {
            // the target's redis-server really replicates the source
            assertThat(t.info("replication")).contains("role:slave", "master_port:" + source.port(), "master_link_status:up");
            assertThat(t.get("before:7")).isEqualTo("v7");
            assertThat(t.dbSize()).isEqualTo(50L);
            s.set("live", "written after the full sync");
            await("live key on the target", () -> "written after the full sync".equals(t.get("live")));
            assertThatThrownBy(() -> t.set("x", "y")).isInstanceOf(JedisDataException.class).hasMessageContaining("READONLY");
        }

        ShowMigrationTaskStatsResponse stats = dcs.showMigrationTaskStats(r -> r.taskId(taskId));
        assertThat(stats.isMigrating()).isTrue();
        assertThat(stats.fullMigrationProgress()).isEqualTo("100");
        assertThat(stats.sourceDbsize()).isEqualTo("51");
        assertThat(stats.targetDbsize()).isEqualTo("51");
        assertThat(Long.parseLong(stats.offset())).isGreaterThanOrEqualTo(0);
        assertThat(stats.targetOps()).matches("\\d+");
        conforms("ShowMigrationTaskStatsResponse", raw.signed("GET", v2 + "/migration-task/" + taskId + "/stats", null).body());

        ListMigrationTaskResponse listed = dcs.listMigrationTask(r -> r.name("mig-incremental"));
        assertThat(listed.count()).isEqualTo(1L);
        MigrationTaskList item = listed.migrationTasks().get(0);
        assertThat(item.taskId()).isEqualTo(taskId);
        assertThat(item.status()).isEqualTo("MIGRATING");
        assertThat(item.dataSource()).isEqualTo("127.0.0.1:" + source.port());
        assertThat(item.sourceInstanceName()).isEqualTo("mig-src-1");
        assertThat(item.targetInstanceName()).isEqualTo("mig-dst-1");
        assertThat(item.targetInstanceAddress()).isEqualTo("127.0.0.1:" + target.port());
        assertThat(item.targetInstanceStatus()).isEqualTo("RUNNING");
        conforms("ListMigrationTaskResponse", raw.signed("GET", v2 + "/migration-tasks?offset=0&limit=10", null).body());

        // auto-reconnect mode, and its validation (the seed's 111400063)
        dcs.updateMigrationTask(r -> r.taskId(taskId).resumeMode("manual"));
        assertThat(dcs.showMigrationTask(r -> r.taskId(taskId)).resumeMode()).isEqualTo("manual");
        assertError(raw.signed("PUT", v2 + "/migration-task/" + taskId, "{\"resume_mode\":\"sometimes\"}"), 400, "111400063");

        // a target already in a migration cannot take another
        String other = dcs.createOnlineMigrationTask(r -> r.name("mig-busy").vpcId("v").subnetId("s").securityGroupId("g"))
                .instanceId();
        assertError(raw.signed("POST", v2 + "/migration/" + other + "/task", "{\"migration_method\":\"full_amount_migration\","
                + "\"resume_mode\":\"auto\",\"source_instance\":{\"id\":\"" + source.instanceId() + "\",\"password\":\""
                + PASSWORD + "\"},\"target_instance\":{\"id\":\"" + target.instanceId() + "\",\"password\":\"" + PASSWORD
                + "\"}}"), 400, "DCS.4026");

        // stop: TERMINATING, then TERMINATED; the target keeps the data and no longer follows
        var stopping = dcs.stopMigrationTask(r -> r.taskId(taskId));
        assertThat(stopping.status()).isEqualTo("TERMINATING");
        awaitStatus(taskId, "TERMINATED");
        try (Jedis s = jedis(source); Jedis t = jedis(target)) {
            assertThat(t.info("replication")).contains("role:master");
            assertThat(t.get("live")).isEqualTo("written after the full sync");
            s.set("after-stop", "1");
            Thread.sleep(300);
            assertThat(t.get("after-stop")).isNull();
            assertThat(t.set("writable", "yes")).isEqualTo("OK");
        }
        ShowMigrationTaskStatsResponse stopped = dcs.showMigrationTaskStats(r -> r.taskId(taskId));
        assertThat(stopped.isMigrating()).isFalse();
        assertThat(stopped.fullMigrationProgress()).isEqualTo("100");
        assertError(raw.signed("POST", v2 + "/migration-task/" + taskId + "/stop", null), 400, "DCS.4063");

        // batch restart: replication again (a full sync: the target follows the source once more)
        var restarted = dcs.batchRestartOnlineMigrationTasks(r -> r.migrationTasks(List.of(taskId, "0123456789abcdef")));
        assertThat(restarted.migrationTasks()).hasSize(2);
        assertThat(restarted.migrationTasks().get(0).result()).isEqualTo("success");
        assertThat(restarted.migrationTasks().get(1).result()).isEqualTo("failed");
        assertThat(restarted.migrationTasks().get(1).errorCode()).isEqualTo("DCS.4133");
        awaitStatus(taskId, "INCRMIGEATING");
        try (Jedis t = jedis(target)) {
            assertThat(t.get("after-stop")).isEqualTo("1");
            assertThat(t.get("writable")).isNull();
        }

        // IP exchange: only the instances' IPs; then the target takes the writes
        assertError(raw.signed("POST", v2 + "/migration-task/" + taskId + "/exchange-ip",
                "{\"exchanged_ip\":[\"10.9.8.7\"],\"is_exchange_domain\":true}"), 400, "111400063");
        dcs.exchangeInstanceIp(r -> r.taskId(taskId).exchangedIp(List.of("127.0.0.1")).isExchangeDomain(true));
        assertThat(dcs.showMigrationTask(r -> r.taskId(taskId)).taskStatus()).isEqualTo("EXCHANGING");
        ShowMigrationTaskResponse exchanged = awaitStatus(taskId, "SUCCESS");
        assertThat(exchanged.taskStatus()).isNull();
        try (Jedis t = jedis(target)) {
            assertThat(t.info("replication")).contains("role:master");
            assertThat(t.set("owner", "target")).isEqualTo("OK");
        }

        var logs = dcs.listMigrationTaskLogs(r -> r.taskId(taskId).limit(100L));
        assertThat(logs.logNum()).isGreaterThanOrEqualTo(8L);
        assertThat(logs.migrationLogs().get(0).logCode()).isEqualTo("cachesh.migration.ip_exchanged");
        assertThat(logs.migrationLogs()).extracting(l -> l.logLevel()).contains("INFO");
        assertThat(dcs.listMigrationTaskLogs(r -> r.taskId(taskId).logLevel("error")).logNum()).isZero();
        conforms("ListMigrationTaskLogsResponse", raw.signed("GET", v2 + "/migration-task/" + taskId + "/logs?limit=3", null).body());

        var deleted = dcs.deleteMigrationTask(r -> r.taskIdList(List.of(taskId, other, "not-there")));
        assertThat(deleted.taskIdList()).containsExactly(taskId, other);
        assertError(raw.signed("GET", v2 + "/migration-task/" + taskId, null), 400, "DCS.4133");
    }

    @Test
    void fullOnlineMigrationByAddressCopiesOnceThenDetaches() throws Exception {
        ShowInstanceResponse source = create("mig-src-2");
        ShowInstanceResponse target = create("mig-dst-2");
        try (Jedis s = jedis(source); Jedis t = jedis(target)) {
            s.set("a", "1");
            s.hset("h", "f", "v");
            t.set("old-target-key", "replaced by the full sync");
        }
        String taskId = dcs.createOnlineMigrationTask(r -> r.name("mig-full").vpcId("v").subnetId("s").securityGroupId("g"))
                .instanceId();
        dcs.setOnlineMigrationTask(r -> r.taskId(taskId).migrationMethod("full_amount_migration").resumeMode("manual")
                .sourceInstance(ConfigMigrationInstanceBody.builder().addr("127.0.0.1:" + source.port()).password(PASSWORD).build())
                .targetInstance(ConfigMigrationInstanceBody.builder().addr("127.0.0.1:" + target.port()).password(PASSWORD).build()));
        ShowMigrationTaskResponse done = awaitStatus(taskId, "SUCCESS");
        // the address was recognised as the emulator's instance
        assertThat(done.sourceInstance().id()).isEqualTo(source.instanceId());
        assertThat(done.sourceInstance().name()).isEqualTo("mig-src-2");
        assertThat(done.targetInstance().id()).isEqualTo(target.instanceId());
        assertThat(done.releasedAt()).matches("\\d{12}");
        try (Jedis s = jedis(source); Jedis t = jedis(target)) {
            assertThat(t.info("replication")).contains("role:master");
            assertThat(t.get("a")).isEqualTo("1");
            assertThat(t.hget("h", "f")).isEqualTo("v");
            s.set("later", "not migrated");
            Thread.sleep(300);
            assertThat(t.get("later")).isNull();
        }
        ShowMigrationTaskStatsResponse stats = dcs.showMigrationTaskStats(r -> r.taskId(taskId));
        assertThat(stats.isMigrating()).isFalse();
        assertThat(stats.fullMigrationProgress()).isEqualTo("100");
        assertThat(stats.targetDbsize()).isEqualTo("2");
        assertThat(stats.sourceDbsize()).isEqualTo("3");
        // a finished full migration cannot be stopped; sync stop of a fresh one ends it at once (204)
        assertError(raw.signed("POST", v2 + "/migration-task/" + taskId + "/sync-stop", null), 400, "DCS.4063");
        String fresh = dcs.createOnlineMigrationTask(r -> r.name("mig-fresh").vpcId("v").subnetId("s").securityGroupId("g"))
                .instanceId();
        HuaweiTestClient.Answer syncStop = raw.signed("POST", v2 + "/migration-task/" + fresh + "/sync-stop", null);
        assertThat(syncStop.status()).as(syncStop.text()).isEqualTo(204);
        assertThat(dcs.showMigrationTask(r -> r.taskId(fresh)).status()).isEqualTo("TERMINATED");
    }

    @Test
    void backupImportLoadsTheRdbIntoTheTargetAndKeepsItsOtherKeys() throws Exception {
        ShowInstanceResponse source = create("imp-src");
        ShowInstanceResponse target = create("imp-dst");
        try (Jedis s = jedis(source); Jedis t = jedis(target)) {
            s.set("k1", "from the backup");
            s.rpush("list", "a", "b", "c");
            s.select(3);
            s.set("in-db3", "yes");
            t.set("k1", "to be replaced");
            t.set("target-only", "kept");
        }
        String backupId = dcs.copyInstance(r -> r.instanceId(source.instanceId()).remark("for import")).backupId();
        await("backup", () -> "succeed".equals(dcs.listBackupRecords(r -> r.instanceId(source.instanceId()))
                .backupRecordResponse().get(0).status()));

        var created = dcs.createMigrationTask(r -> r.taskName("import-record").description("from a backup record")
                .migrationType("backupfile_import").migrationMethod("full_amount_migration")
                .backupFiles(BackupFilesBody.builder().fileSource("backup_record").backupId(backupId)
                        .files(List.of(Files.builder().fileName("any").build())).build())
                .targetInstance(TargetInstanceBody.builder().id(target.instanceId()).password(PASSWORD).build()));
        assertThat(created.id()).matches("[0-9a-f]{32}");
        assertThat(created.name()).isEqualTo("import-record");
        assertThat(created.status()).isEqualTo("MIGRATING");
        ShowMigrationTaskResponse imported = awaitStatus(created.id(), "SUCCESS");
        assertThat(imported.migrationType()).isEqualTo("backupfile_import");
        assertThat(imported.backupFiles().fileSource()).isEqualTo("backup_record");
        assertThat(imported.backupFiles().backupId()).isEqualTo(backupId);
        assertThat(imported.backupFiles().files().get(0).fileName()).isEqualTo(backupId + ".rdb");
        try (Jedis t = jedis(target)) {
            assertThat(t.get("k1")).isEqualTo("from the backup");
            assertThat(t.lrange("list", 0, -1)).containsExactly("a", "b", "c");
            assertThat(t.get("target-only")).isEqualTo("kept");
            t.select(3);
            assertThat(t.get("in-db3")).isEqualTo("yes");
        }
        var logs = dcs.listMigrationTaskLogs(r -> r.taskId(created.id()));
        assertThat(logs.migrationLogs()).extracting(l -> l.logCode()).contains("migration.0012", "migration.0026");
        assertThat(logs.migrationLogs()).anySatisfy(l -> assertThat(l.message())
                .isEqualTo("Migrating files succeeded. File name: " + backupId + ".rdb; progress: 1/1."));
        // stats are for online migrations only
        assertError(raw.signed("GET", v2 + "/migration-task/" + created.id() + "/stats", null), 400, "DCS.4133");

        // the same file through the emulated OBS bucket, by the names ListBackupFileLinks gives
        ListBackupFileLinksResponse links = dcs.listBackupFileLinks(r -> r.instanceId(source.instanceId()).backupId(backupId)
                .expiration(600L));
        try (Jedis t = jedis(target)) {
            t.del("k1");
        }
        var fromObs = dcs.createMigrationTask(r -> r.taskName("import-obs").migrationType("backupfile_import")
                .migrationMethod("full_amount_migration")
                .backupFiles(BackupFilesBody.builder().fileSource("self_build_obs").bucketName(links.bucketName())
                        .files(List.of(Files.builder().fileName(links.filePath() + links.links().get(0).fileName()).build()))
                        .build())
                .targetInstance(TargetInstanceBody.builder().id(target.instanceId()).password(PASSWORD).build()));
        awaitStatus(fromObs.id(), "SUCCESS");
        try (Jedis t = jedis(target)) {
            assertThat(t.get("k1")).isEqualTo("from the backup");
        }

        // a bucket that does not exist: the task fails (like the migration machine's download would)
        var missing = dcs.createMigrationTask(r -> r.taskName("import-missing").migrationType("backupfile_import")
                .migrationMethod("full_amount_migration")
                .backupFiles(BackupFilesBody.builder().fileSource("self_build_obs").bucketName("no-such-bucket")
                        .files(List.of(Files.builder().fileName("x.rdb").build())).build())
                .targetInstance(TargetInstanceBody.builder().id(target.instanceId()).password(PASSWORD).build()));
        ShowMigrationTaskResponse failed = awaitStatus(missing.id(), "FAILED");
        assertThat(failed.status()).isEqualTo("FAILED");
        MigrationTaskList failedItem = dcs.listMigrationTask(r -> r.name("import-missing")).migrationTasks().get(0);
        assertThat(failedItem.status()).isEqualTo("FAILED");
        assertThat(failedItem.errorMessage()).contains("no-such-bucket");
        assertThat(failedItem.dataSource()).isEqualTo("no-such-bucket");
        assertThat(dcs.listMigrationTaskLogs(r -> r.taskId(missing.id()).logLevel("ERROR")).logNum()).isEqualTo(1L);

        // errors of the request itself
        String target2 = "\"target_instance\":{\"id\":\"" + target.instanceId() + "\",\"password\":\"" + PASSWORD + "\"}";
        assertError(raw.signed("POST", v2 + "/migration-task", "{\"task_name\":\"x\",\"migration_type\":\"online_migration\","
                + "\"migration_method\":\"full_amount_migration\"," + target2 + "}"), 400, "DCS.4063");
        assertError(raw.signed("POST", v2 + "/migration-task", "{\"task_name\":\"x\",\"migration_type\":\"backupfile_import\","
                + "\"migration_method\":\"incremental_migration\",\"backup_files\":{\"backup_id\":\"" + backupId
                + "\",\"files\":[]}," + target2 + "}"), 400, "DCS.4063");
        assertError(raw.signed("POST", v2 + "/migration-task", "{\"task_name\":\"x\",\"migration_type\":\"backupfile_import\","
                + "\"migration_method\":\"full_amount_migration\",\"backup_files\":{\"file_source\":\"backup_record\","
                + "\"backup_id\":\"nope\",\"files\":[]}," + target2 + "}"), 400, "DCS.4063");
        assertError(raw.signed("POST", v2 + "/migration-task", "{\"task_name\":\"x\",\"migration_type\":\"backupfile_import\","
                + "\"migration_method\":\"full_amount_migration\",\"backup_files\":{\"backup_id\":\"" + backupId
                + "\",\"files\":[]},\"target_instance\":{\"id\":\"" + target.instanceId() + "\",\"password\":\"Wrong-Pass9\"}}"),
                400, "DCS.4080");
        assertError(raw.signed("POST", v2 + "/migration-task", "{\"task_name\":\"x\",\"migration_type\":\"backupfile_import\","
                + "\"migration_method\":\"full_amount_migration\",\"backup_files\":{\"backup_id\":\"" + backupId
                + "\",\"files\":[]},\"target_instance\":{\"id\":\"00000000-0000-0000-0000-000000000000\"}}"), 404, "DCS.3022");
    }

    @Test
    void taskErrorsHaveTheSeedsCodes() {
        ShowInstanceResponse target = create("err-dst");
        assertError(raw.signed("GET", v2 + "/migration-task/0123456789abcdef0123456789abcdef", null), 400, "DCS.4133");
        assertError(raw.signed("GET", v2 + "/migration-task/bad!id", null), 400, "DCS.4070");
        assertError(raw.signed("POST", v2 + "/migration-task/batch-stop", "{\"migration_tasks\":[]}"), 400, "DCS.4855");
        assertError(raw.signed("POST", v2 + "/migration-task/batch-stop", "{\"migration_tasks\":[\"bad!id\"]}"), 400, "DCS.4855");
        HuaweiTestClient.Answer unknown = raw.signed("POST", v2 + "/migration-task/batch-stop",
                "{\"migration_tasks\":[\"0123456789abcdef\"]}");
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.body().path("migration_tasks").get(0).path("result").asText()).isEqualTo("failed");
        assertError(raw.signed("GET", v2 + "/migration-task/0123456789abcdef/logs?offset=-1", null), 400, "111400063");

        String taskId = dcs.createOnlineMigrationTask(r -> r.name("err-task").vpcId("v").subnetId("s").securityGroupId("g"))
                .instanceId();
        String path = v2 + "/migration/" + taskId + "/task";
        String targetOk = "\"target_instance\":{\"id\":\"" + target.instanceId() + "\",\"password\":\"" + PASSWORD + "\"}";
        // nothing listens there
        assertError(raw.signed("POST", path, "{\"migration_method\":\"full_amount_migration\",\"resume_mode\":\"auto\","
                + "\"source_instance\":{\"addr\":\"127.0.0.1:1\"}," + targetOk + "}"), 400, "DCS.4063");
        assertError(raw.signed("POST", path, "{\"migration_method\":\"sideways\",\"resume_mode\":\"auto\","
                + "\"source_instance\":{\"addr\":\"127.0.0.1:1\"}," + targetOk + "}"), 400, "DCS.4063");
        assertError(raw.signed("POST", path, "{\"migration_method\":\"full_amount_migration\",\"resume_mode\":\"auto\","
                + "\"bandwidth_limit_mb\":\"10241\",\"source_instance\":{\"addr\":\"127.0.0.1:1\"}," + targetOk + "}"), 400, "DCS.4063");
        assertError(raw.signed("POST", path, "{\"migration_method\":\"full_amount_migration\",\"resume_mode\":\"auto\","
                + "\"source_instance\":{},\"target_instance\":{\"id\":\"" + target.instanceId() + "\"}}"), 400, "DCS.4063");
        // the source's password is verified on its redis-server; the target needs its own
        ShowInstanceResponse source = create("err-src");
        assertError(raw.signed("POST", path, "{\"migration_method\":\"full_amount_migration\",\"resume_mode\":\"auto\","
                + "\"source_instance\":{\"id\":\"" + source.instanceId() + "\",\"password\":\"Wrong-Pass9\"}," + targetOk + "}"),
                400, "DCS.4080");
        assertError(raw.signed("POST", path, "{\"migration_method\":\"full_amount_migration\",\"resume_mode\":\"auto\","
                + "\"source_instance\":{\"id\":\"" + source.instanceId() + "\",\"password\":\"" + PASSWORD + "\"},"
                + "\"target_instance\":{\"id\":\"" + target.instanceId() + "\"}}"), 400, "DCS.4080");
        assertError(raw.signed("POST", path, "{\"migration_method\":\"full_amount_migration\",\"resume_mode\":\"auto\","
                + "\"source_instance\":{\"id\":\"" + target.instanceId() + "\",\"password\":\"" + PASSWORD + "\"}," + targetOk + "}"),
                400, "DCS.4063");
        // exchanging IPs needs an incremental migration
        assertError(raw.signed("POST", v2 + "/migration-task/" + taskId + "/exchange-ip",
                "{\"exchanged_ip\":[],\"is_exchange_domain\":false}"), 400, "111400063");
        // the task is still awaiting its configuration after all that
        assertThat(dcs.showMigrationTask(r -> r.taskId(taskId)).status()).isEqualTo("RUNNING");
    }
}
