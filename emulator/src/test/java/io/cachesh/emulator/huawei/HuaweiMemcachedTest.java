package io.cachesh.emulator.huawei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.error.ApiException;
import io.cachesh.client.huawei.dcs.HuaweiDcsClient;
import io.cachesh.client.huawei.dcsv1.HuaweiDcsV1Client;
import io.cachesh.client.huawei.dcsv1.model.ShowInstanceResponse;
import io.cachesh.client.huawei.dcsv1.model.UpdateConfigurationsRedisConfig;
import io.cachesh.emulator.Emulator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.spy.memcached.MemcachedClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Memcached on Huawei DCS v1.0 (the historical API of the 2025 seed, 8.1.1): the generated v1 client creates,
 * resizes, restarts and deletes Memcached instances whose data plane is a real memcached, checked with spymemcached;
 * the operations that do not apply to Memcached answer the seed's codes, in v1 and in v2.
 */
class HuaweiMemcachedTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static Emulator emulator;
    static String zone;

    @BeforeAll
    static void start() {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(200)).build().start();
        assumeTrue(emulator.memcachedAvailable(), "no memcached: " + emulator.memcachedDescription());
    }

    @AfterAll
    static void stop() {
        if (emulator != null) emulator.close();
    }

    static ClientConfig config() {
        return ClientConfig.builder().credentials(emulator.credentials()).region("cn-north-4")
                .projectId(emulator.huaweiProjectId()).endpoint(emulator.endpoint()).build();
    }

    static String create(HuaweiDcsV1Client v1, String name, String product, long capacity) {
        if (zone == null) zone = v1.listAvailableZones(r -> { }).availableZones().get(0).id();
        return v1.createInstance(r -> r.name(name).engine("Memcached").engineVersion("").capacity(capacity)
                .productId(product).vpcId("v").securityGroupId("sg").subnetId("s").availableZones(List.of(zone)))
                .instanceId();
    }

    @Test
    void aMemcachedInstanceIsARealMemcachedThroughItsLifecycle() throws Throwable {
        try (HuaweiDcsV1Client v1 = HuaweiDcsV1Client.create(config()); HuaweiDcsClient v2 = HuaweiDcsClient.create(config())) {
            assertThat(v1.listProducts(r -> { }).products()).anySatisfy(p -> {
                assertThat(p.productId()).isEqualTo("dcs.master_standby-h");
                assertThat(p.engine()).isEqualTo("Memcached");
            });
            String id = create(v1, "sessions-mc", "dcs.master_standby-h", 2);
            assertThat(v1.showInstance(r -> r.instanceId(id)).status()).isEqualTo("CREATING");
            ShowInstanceResponse running = waitRunning(v1, id);
            assertThat(running.engine()).isEqualTo("Memcached");
            assertThat(running.engineVersion()).isEmpty();
            assertThat(running.maxMemory()).isEqualTo(2048L);
            assertThat(running.productId()).isEqualTo("dcs.master_standby-h");
            int port = running.port().intValue();

            withMemcached(port, mc -> {
                assertThat(mc.set("user:1", 0, "ada").get(5, TimeUnit.SECONDS)).isTrue();
                assertThat(mc.get("user:1")).isEqualTo("ada");
                assertThat(mc.getStats().values().iterator().next()).containsEntry("limit_maxbytes",
                        Long.toString(2048L * 1024 * 1024));
            });
            assertThat(v2.showInstance(r -> r.instanceId(id)).engine()).isEqualTo("Memcached");
            var counts = v2.listNumberOfInstancesInDifferentStatus(r -> { });
            assertThat(counts.memcached().runningCount()).isPositive();
            assertThat(counts.redis().runningCount() + counts.memcached().runningCount()).isEqualTo(counts.runningCount());
            assertThat(v1.listStatisticsOfRunningInstances(r -> { }).statistics()).anySatisfy(s -> {
                assertThat(s.instanceId()).isEqualTo(id);
                assertThat(s.keys()).isEqualTo(1L);
            });

            // resize: cache_memlimit on the running memcached, which keeps its items
            v1.extendInstance(r -> r.instanceId(id).newCapacity(4L));
            assertThatThrownBy(() -> v1.extendInstance(r -> r.instanceId(id).newCapacity(8L)))
                    .isInstanceOf(ApiException.class).hasMessageContaining("111400026");
            ShowInstanceResponse extended = waitRunning(v1, id);
            assertThat(extended.capacity()).isEqualTo(4L);
            assertThat(extended.port()).isEqualTo(running.port());
            withMemcached(port, mc -> {
                assertThat(mc.get("user:1")).isEqualTo("ada");
                assertThat(mc.getStats().values().iterator().next()).containsEntry("limit_maxbytes",
                        Long.toString(4096L * 1024 * 1024));
            });

            // parameters: the two that apply to Memcached
            assertThat(v1.listConfigurations(r -> r.instanceId(id)).redisConfig()).extracting(c -> c.paramName())
                    .containsExactly("timeout", "maxmemory-policy");
            v1.updateConfigurations(r -> r.instanceId(id).redisConfig(List.of(UpdateConfigurationsRedisConfig.builder()
                    .paramId("1").paramName("timeout").paramValue("300").build())));
            assertThat(v1.listConfigurations(r -> r.instanceId(id)).redisConfig()).anySatisfy(c -> {
                assertThat(c.paramName()).isEqualTo("timeout");
                assertThat(c.paramValue()).isEqualTo("300");
            });
            assertThatThrownBy(() -> v1.updateConfigurations(r -> r.instanceId(id).redisConfig(List.of(
                    UpdateConfigurationsRedisConfig.builder().paramId("10").paramName("slowlog-log-slower-than")
                            .paramValue("5").build())))).hasMessageContaining("111400066");

            // restart: RESTARTING, then a fresh memcached on the same port (memcached keeps nothing)
            assertThat(v1.restartOrFlushInstances(r -> r.instances(List.of(id)).action("restart")).results().get(0).result())
                    .isEqualTo("success");
            assertThat(v1.showInstance(r -> r.instanceId(id)).status()).isEqualTo("RESTARTING");
            ShowInstanceResponse restarted = waitRunning(v1, id);
            withMemcached(restarted.port().intValue(), mc -> {
                assertThat(mc.get("user:1")).isNull();
                assertThat(mc.set("after", 0, "restart").get(5, TimeUnit.SECONDS)).isTrue();
            });

            v1.deleteInstance(r -> r.instanceId(id));
            assertThat(portClosedWithin(restarted.port().intValue(), Duration.ofSeconds(5))).as("memcached stopped").isTrue();
            assertThat(emulator.fleet().instance(id)).isEmpty();
        }
    }

    @Test
    void whatDoesNotApplyToMemcachedAnswersTheSeedsCodes() throws Exception {
        try (HuaweiDcsV1Client v1 = HuaweiDcsV1Client.create(config()); HuaweiDcsClient v2 = HuaweiDcsClient.create(config())) {
            String id = create(v1, "single-mc", "dcs.single_node-h", 2);
            waitRunning(v1, id);
            // flush is for Redis 4.0+ only (2020 seed l.1053): 111400027, and nothing is flushed
            assertThatThrownBy(() -> v1.restartOrFlushInstances(r -> r.instances(List.of(id)).action("flush")))
                    .hasMessageContaining("111400027").hasMessageContaining("Memcached");
            assertThatThrownBy(() -> v1.backupInstance(r -> r.instanceId(id).remark("x")))
                    .hasMessageContaining("111400095");
            assertThatThrownBy(() -> v2.copyInstance(r -> r.instanceId(id).remark("x"))).hasMessageContaining("DCS.4095");
            assertThatThrownBy(() -> v2.createBigkeyScanTask(r -> r.instanceId(id))).hasMessageContaining("DCS.4919");
            assertThatThrownBy(() -> v2.listAclAccounts(r -> r.instanceId(id))).hasMessageContaining("DCS.4007");
            assertThatThrownBy(() -> v2.showIpWhitelist(r -> r.instanceId(id))).hasMessageContaining("DCS.4007");
            assertThat(v1.listBackupRecords(r -> r.instanceId(id).start(1L).limit(10L)).totalNum()).isZero();
            v1.deleteInstance(r -> r.instanceId(id));
        }
    }

    @Test
    void badMemcachedInputGetsOneClearSeedCode() throws Exception {
        try (HuaweiDcsV1Client v1 = HuaweiDcsV1Client.create(config())) {
            assertThatThrownBy(() -> create(v1, "bad-size", "dcs.master_standby-h", 3))
                    .hasMessageContaining("111400012").hasMessageContaining("2, 4, 8, 16, 32, 64");
            assertThatThrownBy(() -> create(v1, "bad-product", "redis.ha.xu1.large.r2.2-h", 2))
                    .hasMessageContaining("111400022");
            assertThatThrownBy(() -> create(v1, "bad-product", "nothing-h", 2)).hasMessageContaining("111400009");
            assertThatThrownBy(() -> v1.createInstance(r -> r.name("bad-version").engine("Memcached").engineVersion("1.6")
                    .capacity(2L).productId("dcs.single_node-h").vpcId("v").securityGroupId("sg").subnetId("s")
                    .availableZones(List.of(zone)))).hasMessageContaining("111400008");
            assertThatThrownBy(() -> v1.createInstance(r -> r.name("redis-legacy").engine("Redis").engineVersion("5.0")
                    .capacity(2L).productId("dcs.single_node-h").vpcId("v").securityGroupId("sg").subnetId("s")
                    .availableZones(List.of(zone)).password("Cachesh-Pass1"))).hasMessageContaining("111400022");
            assertThatThrownBy(() -> v1.createInstance(r -> r.name("weak-pass").engine("Memcached").engineVersion("").capacity(2L)
                    .productId("dcs.single_node-h").vpcId("v").securityGroupId("sg").subnetId("s")
                    .availableZones(List.of(zone)).password("weak"))).hasMessageContaining("111400019");

            String id = create(v1, "shrink-mc", "dcs.single_node-h", 4);
            waitRunning(v1, id);
            assertThatThrownBy(() -> v1.extendInstance(r -> r.instanceId(id).newCapacity(2L))).hasMessageContaining("111400103");
            assertThatThrownBy(() -> v1.extendInstance(r -> r.instanceId(id).newCapacity(5L))).hasMessageContaining("111400012");
            assertThat(emulator.fleet().memcached(emulator.fleet().instance(id).orElseThrow()).memoryMb()).isEqualTo(4096);
            v1.deleteInstance(r -> r.instanceId(id));
        }
    }

    static ShowInstanceResponse waitRunning(HuaweiDcsV1Client v1, String id) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            ShowInstanceResponse shown = v1.showInstance(r -> r.instanceId(id));
            if ("RUNNING".equals(shown.status())) return shown;
            if (System.nanoTime() > deadline) throw new AssertionError(id + " still " + shown.status());
            Thread.sleep(50);
        }
    }

    static void withMemcached(int port, ThrowingConsumer<MemcachedClient> body) throws Throwable {
        MemcachedClient mc = new MemcachedClient(new InetSocketAddress("127.0.0.1", port));
        try {
            body.accept(mc);
        } finally {
            mc.shutdown(2, TimeUnit.SECONDS);
        }
    }

    static boolean portClosedWithin(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            } catch (IOException closed) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
