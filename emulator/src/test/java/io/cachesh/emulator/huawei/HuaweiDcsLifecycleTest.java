package io.cachesh.emulator.huawei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.error.NotFoundException;
import io.cachesh.client.huawei.dcs.HuaweiDcsClient;
import io.cachesh.client.huawei.dcs.HuaweiDcsWaiters;
import io.cachesh.client.huawei.dcs.model.CreateInstanceResponse;
import io.cachesh.client.huawei.dcs.model.ListBackupRecordsResponse;
import io.cachesh.client.huawei.dcs.model.ListInstancesResponse;
import io.cachesh.client.huawei.dcs.model.ShowInstanceResponse;
import io.cachesh.client.huawei.dcs.model.UpdatePasswordResponse;
import io.cachesh.emulator.Emulator;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The generated {@link HuaweiDcsClient} (AK/SK) against the emulator over real HTTP, every control-plane change
 * checked in the real redis-server with Jedis.
 */
class HuaweiDcsLifecycleTest {

    static final String PASSWORD = "Cachesh-Pass1";
    static final Duration WAIT = Duration.ofSeconds(20);

    static Emulator emulator;
    static HuaweiDcsClient dcs;
    static HuaweiDcsWaiters waiters;

    @BeforeAll
    static void start() {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(500)).build().start();
        assumeTrue(emulator.dataPlaneAvailable(), "no redis-server on this machine: " + emulator.dataPlaneDescription());
        dcs = HuaweiDcsClient.create(config());
        waiters = HuaweiDcsWaiters.create(dcs).withInterval(Duration.ofMillis(50));
    }

    static ClientConfig config() {
        return ClientConfig.builder().credentials(emulator.credentials()).region("cn-north-4")
                .projectId(emulator.huaweiProjectId()).endpoint(emulator.endpoint()).build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (dcs != null) dcs.close();
        if (emulator != null) emulator.close();
    }

    static String create(String name, String spec, double capacity) {
        CreateInstanceResponse created = dcs.createInstance(r -> r.name(name).engine("Redis").engineVersion("6.0")
                .capacity(capacity).specCode(spec).azCodes(List.of("cn-north-4a")).vpcId("vpc-1").subnetId("subnet-1")
                .password(PASSWORD));
        assertThat(created.instances()).hasSize(1);
        assertThat(created.instances().get(0).instanceName()).isEqualTo(name);
        return created.instances().get(0).instanceId();
    }

    static Jedis jedis(ShowInstanceResponse i, String password) {
        Jedis jedis = new Jedis(i.ip(), i.port().intValue());
        if (password != null) jedis.auth(password);
        return jedis;
    }

    @Test
    void fullLifecycleAgainstTheRealRedisServer() throws Exception {
        String id = create("lifecycle-1", "redis.ha.xu1.tiny.r2.128", 0.125);
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(dcs.showInstance(r -> r.instanceId(id)).status()).isEqualTo("CREATING");

        ShowInstanceResponse running = waiters.waitForInstanceStatus(id, HuaweiDcsWaiters.RUNNING, WAIT);
        assertThat(running.ip()).isEqualTo("127.0.0.1");
        assertThat(running.port()).isPositive();
        assertThat(running.capacity()).isEqualTo(0L);
        assertThat(running.capacityMinor()).isEqualTo("0.125");
        assertThat(running.maxMemory()).isEqualTo(128L);
        assertThat(running.specCode()).isEqualTo("redis.ha.xu1.tiny.r2.128");
        assertThat(running.cacheMode()).isEqualTo("ha");
        assertThat(running.engineVersion()).isEqualTo("6.0");
        assertThat(running.noPasswordAccess()).isEqualTo("false");
        assertThat(running.azCodes()).containsExactly("cn-north-4a");
        try (Jedis jedis = jedis(running, PASSWORD)) {
            assertThat(jedis.set("greeting", "hello")).isEqualTo("OK");
            assertThat(jedis.configGet("maxmemory")).containsEntry("maxmemory", Long.toString(128L * 1024 * 1024));
        }

        // list: filters, instance_num
        ListInstancesResponse listed = dcs.listInstances(r -> r.name("lifecycle-1").nameEqual("true"));
        assertThat(listed.instanceNum()).isEqualTo(1L);
        assertThat(listed.instances().get(0).instanceId()).isEqualTo(id);
        assertThat(listed.instances().get(0).port()).isEqualTo(running.port());

        // rename and describe (204)
        dcs.updateInstance(r -> r.instanceId(id).name("lifecycle-renamed").description("for tests"));
        ShowInstanceResponse renamed = dcs.showInstance(r -> r.instanceId(id));
        assertThat(renamed.name()).isEqualTo("lifecycle-renamed");
        assertThat(renamed.description()).isEqualTo("for tests");

        // resize -> maxmemory
        dcs.resizeInstance(r -> r.instanceId(id).specCode("redis.ha.xu1.large.r2.1").newCapacity(1L));
        assertThat(dcs.showInstance(r -> r.instanceId(id)).status()).isEqualTo("EXTENDING");
        ShowInstanceResponse resized = waiters.waitForInstanceStatus(id, HuaweiDcsWaiters.RUNNING, WAIT);
        assertThat(resized.capacity()).isEqualTo(1L);
        assertThat(resized.maxMemory()).isEqualTo(1024L);
        assertThat(resized.specCode()).isEqualTo("redis.ha.xu1.large.r2.1");
        try (Jedis jedis = jedis(resized, PASSWORD)) {
            assertThat(jedis.configGet("maxmemory")).containsEntry("maxmemory", Long.toString(1024L * 1024 * 1024));
        }

        // password: a wrong old one is refused with passwordFailed, the right one changes requirepass
        UpdatePasswordResponse wrong = dcs.updatePassword(r -> r.instanceId(id).oldPassword("Wrong-Pass1").newPassword("Newer-Pass2"));
        assertThat(wrong.result()).isEqualTo("passwordFailed");
        assertThat(wrong.retryTimesLeft()).isEqualTo("4");
        UpdatePasswordResponse changed = dcs.updatePassword(r -> r.instanceId(id).oldPassword(PASSWORD).newPassword("Newer-Pass2"));
        assertThat(changed.result()).isEqualTo("success");
        try (Jedis jedis = new Jedis(resized.ip(), resized.port().intValue())) {
            assertThatThrownBy(() -> jedis.auth(PASSWORD)).isInstanceOf(JedisDataException.class);
            assertThat(jedis.auth("Newer-Pass2")).isEqualTo("OK");
            assertThat(jedis.get("greeting")).isEqualTo("hello");
        }

        // backup, then flush, then restore brings the key back
        String backupId = dcs.copyInstance(r -> r.instanceId(id).remark("before flush")).backupId();
        assertThat(backupId).isNotBlank();
        long deadline = System.nanoTime() + WAIT.toNanos();
        ListBackupRecordsResponse backups;
        do {
            backups = dcs.listBackupRecords(r -> r.instanceId(id));
            Thread.sleep(50);
        } while (!"succeed".equals(backups.backupRecordResponse().get(0).status()) && System.nanoTime() < deadline);
        assertThat(backups.totalNum()).isEqualTo(1L);
        assertThat(backups.backupRecordResponse().get(0).backupId()).isEqualTo(backupId);
        assertThat(backups.backupRecordResponse().get(0).status()).isEqualTo("succeed");
        assertThat(backups.backupRecordResponse().get(0).remark()).isEqualTo("before flush");
        assertThat(backups.backupRecordResponse().get(0).size()).isPositive();

        var flushed = dcs.restartOrFlushInstances(r -> r.instances(List.of(id)).action("flush"));
        assertThat(flushed.results().get(0).result()).isEqualTo("success");
        try (Jedis jedis = jedis(resized, "Newer-Pass2")) {
            assertThat(jedis.get("greeting")).isNull();
        }
        waiters.waitForInstanceStatus(id, HuaweiDcsWaiters.RUNNING, WAIT);

        String restoreId = dcs.restoreInstance(r -> r.instanceId(id).backupId(backupId)).restoreId();
        assertThat(restoreId).isNotBlank();
        ShowInstanceResponse restored = waiters.waitForInstanceStatus(id, HuaweiDcsWaiters.RUNNING, WAIT);
        try (Jedis jedis = jedis(restored, "Newer-Pass2")) {
            assertThat(jedis.get("greeting")).isEqualTo("hello");
        }
        assertThat(dcs.listRestoreRecords(r -> r.instanceId(id)).restoreRecordResponse().get(0).status()).isEqualTo("succeed");

        // restart keeps the data and the port
        dcs.restartOrFlushInstances(r -> r.instances(List.of(id)).action("restart"));
        assertThat(dcs.showInstance(r -> r.instanceId(id)).status()).isEqualTo("RESTARTING");
        ShowInstanceResponse restarted = waiters.waitForInstanceStatus(id, HuaweiDcsWaiters.RUNNING, WAIT);
        try (Jedis jedis = jedis(restarted, "Newer-Pass2")) {
            assertThat(jedis.get("greeting")).isEqualTo("hello");
        }

        // delete: 204, gone, port closed
        int port = restarted.port().intValue();
        dcs.deleteSingleInstance(r -> r.instanceId(id));
        waiters.waitForInstanceDeleted(id, WAIT);
        assertThatThrownBy(() -> dcs.showInstance(r -> r.instanceId(id))).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("DCS.3022");
        assertThat(portOpen(port)).isFalse();
    }

    static boolean portOpen(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
