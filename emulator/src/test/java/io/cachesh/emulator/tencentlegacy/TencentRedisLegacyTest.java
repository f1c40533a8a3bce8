package io.cachesh.emulator.tencentlegacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.error.ApiException;
import io.cachesh.client.retry.RetryPolicy;
import io.cachesh.client.tencent.redis.TencentRedisClient;
import io.cachesh.client.tencent.redis.model.DescribeInstancesResponse;
import io.cachesh.client.tencent.redis.model.InstanceSet;
import io.cachesh.client.tencent.redislegacy.TencentRedisLegacyClient;
import io.cachesh.client.tencent.redislegacy.TencentRedisLegacyWaiters;
import io.cachesh.client.tencent.redislegacy.model.RedisBackup;
import io.cachesh.client.tencent.redislegacy.model.RedisDealDetail;
import io.cachesh.client.tencent.redislegacy.model.RedisInstance;
import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.fleet.Instance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The generated legacy client ({@code TencentRedisLegacyClient}) against the emulator's {@code /v2/index.php}: every
 * one of the 22 actions, the dealId and requestId flows, the shared fleet with API 3.0 and the real redis-server.
 */
class TencentRedisLegacyTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static Emulator emulator;
    static TencentRedisLegacyClient legacy;
    static TencentRedisClient api3;
    static TencentRedisLegacyWaiters waiters;

    @BeforeAll
    static void start() {
        emulator = Emulator.builder().taskDelay(Duration.ofMillis(100)).build().start();
        legacy = TencentRedisLegacyClient.create(config("gz").build());
        api3 = TencentRedisClient.create(config("ap-guangzhou").build());
        waiters = TencentRedisLegacyWaiters.create(legacy).withInterval(Duration.ofMillis(50));
    }

    static ClientConfig.Builder config(String region) {
        return ClientConfig.builder().credentials(emulator.credentials()).region(region).endpoint(emulator.endpoint())
                .retryPolicy(RetryPolicy.none());
    }

    @AfterAll
    static void stop() {
        legacy.close();
        api3.close();
        emulator.close();
    }

    static String createLegacy(long typeId, long memSize, String password) {
        String dealId = legacy.createRedis(b -> b.zoneId(100002L).typeId(typeId).memSize(memSize).goodsNum(1L).period(1L)
                .password(password)).data().dealId();
        assertThat(dealId).matches("\\d+");
        RedisDealDetail deal = waiters.waitForDeal(dealId, WAIT);
        assertThat(deal.status()).isEqualTo(4L);
        assertThat(deal.description()).isEqualTo("发货成功");
        assertThat(deal.goodsDetail().redisIds()).hasSize(1);
        return deal.goodsDetail().redisIds().get(0);
    }

    @Test
    void createdLegacyIsAnApi3InstanceWithARealServer() {
        assumeTrue(emulator.dataPlaneAvailable(), "no redis-server");
        String id = createLegacy(2, 1024, "Legacy1234");
        assertThat(id).matches("crs-[a-z0-9]{8}");

        DescribeInstancesResponse seen = api3.describeInstances(b -> b.instanceId(id));
        assertThat(seen.totalCount()).isEqualTo(1L);
        InstanceSet set = seen.instanceSet().get(0);
        assertThat(set.status()).isEqualTo(2L);
        int port = set.port().intValue();
        RedisInstance viaLegacy = legacy.describeRedis(b -> b.limit(10L).offset(0L).redisId(id)).data().redisSet().get(0);
        assertThat(viaLegacy.port()).isEqualTo((long) port);
        assertThat(viaLegacy.typeId()).isEqualTo(2L);
        assertThat(viaLegacy.size()).isEqualTo(1024L);
        assertThat(viaLegacy.status()).isEqualTo(2L);

        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            jedis.auth("Legacy1234");
            jedis.set("k", "v");
            assertThat(jedis.get("k")).isEqualTo("v");
        }

        // ModfiyRedisPassword (the wire name) through the client's modifyRedisPassword
        long requestId = legacy.modifyRedisPassword(b -> b.redisId(id).oldPassword("Legacy1234").password("Newpass5678"))
                .data().requestId();
        assertThat(waiters.waitForTask(requestId, WAIT).data().status()).isEqualTo(2L);
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            assertThatThrownBy(() -> jedis.auth("Legacy1234")).isInstanceOf(JedisDataException.class);
        }
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            jedis.auth("Newpass5678");
            assertThat(jedis.get("k")).isEqualTo("v");
        }
        assertThatThrownBy(() -> legacy.modifyRedisPassword(b -> b.redisId(id).oldPassword("Legacy1234").password("Other12345")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("OldPasswordError"));

        // ClearRedis: wrong password, then the right one flushes
        assertThatThrownBy(() -> legacy.clearRedis(b -> b.redisId(id).password("Wrong12345")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("PasswordError"));
        long clear = legacy.clearRedis(b -> b.redisId(id).password("Newpass5678")).data().requestId();
        waiters.waitForTask(clear, WAIT);
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            jedis.auth("Newpass5678");
            assertThat(jedis.get("k")).isNull();
        }

        // ResetRedisPassword needs no old password
        long reset = legacy.resetRedisPassword(b -> b.redisId(id).password("Reset12345")).data().requestId();
        waiters.waitForTask(reset, WAIT);
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            jedis.auth("Reset12345");
            assertThat(jedis.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void createdWithApi3IsVisibleInDescribeRedis() {
        String id = api3.createInstances(b -> b.typeId(8L).memSize(1024L).goodsNum(1L).period(1L).billingMode(0L)
                .password("Api3-Pass1").instanceName("from3")).instanceIds().get(0);
        List<RedisInstance> listed = legacy.describeRedis(b -> b.limit(100L).offset(0L)).data().redisSet();
        assertThat(listed).extracting(RedisInstance::redisId).contains(id);
        RedisInstance i = legacy.describeRedis(b -> b.limit(10L).offset(0L).redisName("from3")).data().redisSet().get(0);
        assertThat(i.redisId()).isEqualTo(id);
        assertThat(i.typeIddesc()).isEqualTo("主从版");
        assertThat(i.regionId()).isEqualTo(1L);
        assertThat(i.wanIp()).isEqualTo("127.0.0.1");
    }

    @Test
    void everyOtherActionAnswersThroughTheClient() throws Exception {
        // regions and products
        assertThat(legacy.describeRedisZones(b -> { }).data().zones()).anySatisfy(z -> assertThat(z).containsEntry("100002", "广州二区"));
        var product = legacy.describeRedisProduct(b -> b.zoneIds(List.of("100002")).typeId(1L)).data();
        assertThat(product).hasSize(1);
        assertThat(product.get(0).types()).containsKey("1").doesNotContainKey("2");
        assertThat(product.get(0).types().get("1").maxMemSize()).isEqualTo(307200L);
        assertThat(legacy.inquiryRedisPrice(b -> b.zoneId(100002L).typeId(1L).memSize(1024L).goodsNum(1L).period(2L))
                .data().price()).isEqualTo(16000L);

        // a cluster instance (legacy typeId 1)
        String id = createLegacy(1, 4096, "Cluster123");
        Instance inFleet = emulator.fleet().instance(id).orElseThrow();
        assertThat(inFleet.capacityMb()).isEqualTo(4096);
        RedisInstance described = legacy.describeRedis(b -> b.limit(10L).offset(0L).redisId(id)).data().redisSet().get(0);
        assertThat(described.typeId()).isEqualTo(1L);

        // renew and upgrade through orders
        String renew = legacy.renewRedis(b -> b.redisId(id).period(2L)).data().dealId();
        RedisDealDetail renewed = waiters.waitForDeal(renew, WAIT);
        assertThat(renewed.goodsDetail().timeSpan()).isEqualTo(2L);
        assertThat(renewed.goodsDetail().curDeadline()).isNotBlank();
        assertThat(legacy.upgradeRedisInquiryPrice(b -> b.redisId(id).memSize(8192L)).data().price()).isPositive();
        String upgrade = legacy.upgradeRedis(b -> b.redisId(id).memSize(8192L)).data().dealId();
        RedisDealDetail upgraded = waiters.waitForDeal(upgrade, WAIT);
        assertThat(upgraded.goodsDetail().oldMemSize()).isEqualTo(4096L);
        assertThat(upgraded.goodsDetail().newMemsize()).isEqualTo(8192L);
        assertThat(emulator.fleet().instance(id).orElseThrow().capacityMb()).isEqualTo(8192);
        assertThatThrownBy(() -> legacy.upgradeRedis(b -> b.redisId(id).memSize(4096L)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("ReduceCapacityNotAllowed"));

        // auto-renew, name, project
        legacy.setRedisAutoRenew(b -> b.redisIds(List.of(id)).isAutoRenew(1L));
        legacy.modifyRedisName(b -> b.redisId(id).redisName("测试API专用"));
        legacy.modifyRedisProject(b -> b.redisIds(List.of(id)).projectId(7L));
        RedisInstance after = legacy.describeRedis(b -> b.limit(10L).offset(0L).redisId(id)).data().redisSet().get(0);
        assertThat(after.autoRenewFlag()).isEqualTo(1L);
        assertThat(after.redisName()).isEqualTo("测试API专用");
        assertThat(after.projectId()).isEqualTo(7L);
        assertThat(api3.describeInstances(b -> b.instanceId(id)).instanceSet().get(0).instanceName()).isEqualTo("测试API专用");

        // backups: manual backup, list, export (cluster), download URL, restore
        long backupTask = legacy.manualBackupInstance(b -> b.redisId(id).remark("test_api")).data().requestId();
        waiters.waitForTask(backupTask, WAIT);
        List<RedisBackup> backups = legacy.getRedisBackupList(b -> b.redisId(id).limit(10L).offset(0L)).data().redisBackupSet();
        assertThat(backups).hasSize(1);
        RedisBackup backup = backups.get(0);
        assertThat(backup.backupType()).isEqualTo("manualBackupInstance");
        assertThat(backup.remark()).isEqualTo("test_api");
        assertThat(backup.status()).isEqualTo(2L);
        if (emulator.dataPlaneAvailable()) {
            assertThatThrownBy(() -> legacy.getBackupDownloadUrl(b -> b.redisId(id).backupId(backup.backupId())))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("BackupStatusAbnormal"));
            long export = legacy.exportRedisBackup(b -> b.redisId(id).backupId(backup.backupId())).data().requestId();
            waiters.waitForTask(export, WAIT);
            assertThat(legacy.getRedisBackupList(b -> b.redisId(id).limit(10L).offset(0L)).data().redisBackupSet().get(0).status())
                    .isEqualTo(4L);
            var url = legacy.getBackupDownloadUrl(b -> b.redisId(id).backupId(backup.backupId())).data();
            assertThat(url.extranet()).startsWith("file:");
            assertThat(url.intranet()).isNotBlank();
        }
        long restore = legacy.restoreInstance(b -> b.redisId(id).backupId(backup.backupId()).password("Cluster123")).data().requestId();
        waiters.waitForTask(restore, WAIT);
        assertThatThrownBy(() -> legacy.restoreInstance(b -> b.redisId(id).backupId("nope").password("Cluster123")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("BackupNotExists"));

        // the task list names the legacy tasks, filtered by task_ type
        var tasks = legacy.getRedisTaskList(b -> b.limit(50L).offset(0L).redisId(id)).data().redisTaskSet();
        Set<String> names = tasks.stream().map(t -> t.taskName()).collect(Collectors.toSet());
        assertThat(names).contains("newInstance", "resizeInstance", "backupInstance", "restoreBackup");
        assertThat(legacy.getRedisTaskList(b -> b.limit(50L).offset(0L).redisId(id).taskType(List.of("task_backupInstance")))
                .data().redisTaskSet()).allSatisfy(t -> assertThat(t.taskName()).isEqualTo("backupInstance"));
        assertThat(legacy.describeTaskInfo(b -> b.requestId(backupTask)).data().status()).isEqualTo(2L);
    }

    @Test
    void describeRedisPages() {
        for (int n = 0; n < 3; n++) {
            int k = n;
            api3.createInstances(b -> b.typeId(8L).memSize(1024L).goodsNum(1L).period(1L).billingMode(0L)
                    .password("Api3-Pass1").instanceName("page" + k));
        }
        long total = legacy.describeRedis(b -> b.limit(1L).offset(0L)).totalCount();
        assertThat(total).isGreaterThanOrEqualTo(3);
        List<RedisInstance> all = new java.util.ArrayList<>();
        legacy.describeRedisIterable(io.cachesh.client.tencent.redislegacy.model.DescribeRedisRequest.builder().limit(2L).offset(0L).build())
                .forEach(all::add);
        assertThat(all).hasSize((int) total);
        assertThat(all.stream().map(RedisInstance::redisId).distinct().count()).isEqualTo(total);
    }

    @Test
    void businessErrorsCarryTheLegacyHints() {
        Map<String, Runnable> calls = Map.of(
                "InstanceNotExists", () -> legacy.renewRedis(b -> b.redisId("crs-nothere1").period(1L)),
                "DealIdNotFound", () -> legacy.describeRedisDealDetail(b -> b.dealIds(List.of("999"))),
                "PasswordRuleError", () -> legacy.createRedis(b -> b.zoneId(100002L).typeId(2L).memSize(1024L).goodsNum(1L)
                        .period(1L).password("onlyletters")),
                "InvalidMemSize", () -> legacy.createRedis(b -> b.zoneId(100002L).typeId(2L).memSize(1500L).goodsNum(1L)
                        .period(1L).password("Legacy1234")),
                "InvalidInstanceTypeId", () -> legacy.createRedis(b -> b.zoneId(100002L).typeId(5L).memSize(1024L).goodsNum(1L)
                        .period(1L).password("Legacy1234")),
                "PeriodExceedMaxLimit", () -> legacy.inquiryRedisPrice(b -> b.zoneId(100002L).typeId(2L).memSize(1024L).goodsNum(1L)
                        .period(48L)),
                "GoodsNumNotInRange", () -> legacy.inquiryRedisPrice(b -> b.zoneId(100002L).typeId(2L).memSize(1024L).goodsNum(11L)
                        .period(1L)),
                "NoRedisService", () -> legacy.inquiryRedisPrice(b -> b.zoneId(999999L).typeId(2L).memSize(1024L).goodsNum(1L)
                        .period(1L)),
                "InvalidParameter", () -> legacy.describeTaskInfo(b -> b.requestId(987654321L)),
                "InstanceNameRuleError", () -> legacy.modifyRedisName(b -> b.redisId("crs-nothere1").redisName("bad name!")));
        calls.forEach((code, call) -> assertThatThrownBy(call::run).as(code)
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(code)));
    }
}
