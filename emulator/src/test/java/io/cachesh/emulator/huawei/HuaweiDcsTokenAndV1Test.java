package io.cachesh.emulator.huawei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cachesh.client.auth.IamPasswordCredentials;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.error.AuthException;
import io.cachesh.client.error.NotFoundException;
import io.cachesh.client.huawei.dcs.HuaweiDcsClient;
import io.cachesh.client.huawei.dcs.HuaweiDcsWaiters;
import io.cachesh.client.huawei.dcs.model.QueryRedisConfig;
import io.cachesh.client.huawei.dcs.model.RedisConfig;
import io.cachesh.client.huawei.dcs.model.ShowInstanceResponse;
import io.cachesh.client.huawei.dcsv1.HuaweiDcsV1Client;
import io.cachesh.client.huawei.dcsv1.model.ListBackupRecordsResponse;
import io.cachesh.client.huawei.dcsv1.model.ListProductsProducts;
import io.cachesh.emulator.Emulator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** IAM token auth (both versions) and the v1.0 lifecycle with the generated {@link HuaweiDcsV1Client}. */
class HuaweiDcsTokenAndV1Test {

    static final String PASSWORD = "Cachesh-Pass1";
    static final Duration WAIT = Duration.ofSeconds(20);

    static Emulator emulator;

    @BeforeAll
    static void start() {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(300)).build().start();
        assumeTrue(emulator.dataPlaneAvailable(), "no redis-server on this machine: " + emulator.dataPlaneDescription());
    }

    @AfterAll
    static void stop() {
        if (emulator != null) emulator.close();
    }

    static ClientConfig tokenConfig(IamPasswordCredentials user) {
        return ClientConfig.builder().iamCredentials(user).region("cn-north-4").iamEndpoint(emulator.endpoint())
                .endpoint(emulator.endpoint()).build();
    }

    static ClientConfig akSkConfig() {
        return ClientConfig.builder().credentials(emulator.credentials()).region("cn-north-4")
                .projectId(emulator.huaweiProjectId()).endpoint(emulator.endpoint()).build();
    }

    @Test
    void v2WithAnIamTokenCreatesConfiguresAndDeletes() throws Exception {
        try (HuaweiDcsClient dcs = HuaweiDcsClient.create(tokenConfig(emulator.iamCredentials()))) {
            HuaweiDcsWaiters waiters = HuaweiDcsWaiters.create(dcs).withInterval(Duration.ofMillis(50));
            String id = dcs.createInstance(r -> r.name("token-made").engine("Redis").capacity(0.25)
                    .specCode("redis.single.xu1.tiny.256").azCodes(List.of("cn-north-4b")).vpcId("v").subnetId("s")
                    .password(PASSWORD)).instances().get(0).instanceId();
            ShowInstanceResponse running = waiters.waitForInstanceStatus(id, HuaweiDcsWaiters.RUNNING, WAIT);
            assertThat(running.maxMemory()).isEqualTo(256L);
            assertThat(running.cacheMode()).isEqualTo("single");

            // parameters: read with CONFIG GET, changed with CONFIG SET (sync 204 and async job)
            List<QueryRedisConfig> configs = dcs.listConfigurations(r -> r.instanceId(id)).redisConfig();
            assertThat(configs).anySatisfy(c -> {
                assertThat(c.paramName()).isEqualTo("timeout");
                assertThat(c.paramValue()).isEqualTo("0");
            });
            dcs.updateConfigurations(r -> r.instanceId(id).redisConfig(List.of(
                    RedisConfig.builder().paramId("1").paramName("timeout").paramValue("300").build())));
            try (Jedis jedis = new Jedis(running.ip(), running.port().intValue())) {
                jedis.auth(PASSWORD);
                assertThat(jedis.configGet("timeout")).containsEntry("timeout", "300");
            }
            String jobId = dcs.updateInstanceConfig(r -> r.instanceId(id).redisConfig(List.of(
                    RedisConfig.builder().paramId("2").paramName("maxmemory-policy").paramValue("allkeys-lru").build()))).jobId();
            assertThat(waiters.waitForJob(jobId, WAIT).jobType()).isEqualTo("modifyConfig");
            try (Jedis jedis = new Jedis(running.ip(), running.port().intValue())) {
                jedis.auth(PASSWORD);
                assertThat(jedis.configGet("maxmemory-policy")).containsEntry("maxmemory-policy", "allkeys-lru");
            }
            assertThat(dcs.listConfigurations(r -> r.instanceId(id)).redisConfig()).anySatisfy(c -> {
                assertThat(c.paramName()).isEqualTo("maxmemory-policy");
                assertThat(c.paramValue()).isEqualTo("allkeys-lru");
            });
            // a bad value is DCS.4066
            assertThatThrownBy(() -> dcs.updateConfigurations(r -> r.instanceId(id).redisConfig(List.of(
                    RedisConfig.builder().paramId("1").paramName("timeout").paramValue("-5").build()))))
                    .hasMessageContaining("DCS.4066");

            dcs.deleteSingleInstance(r -> r.instanceId(id));
            waiters.waitForInstanceDeleted(id, WAIT);
        }
    }

    @Test
    void aWrongIamPasswordIsAnAuthError() {
        IamPasswordCredentials wrong = IamPasswordCredentials.of("cachesh", "not-it", "cachesh", "cn-north-4");
        try (HuaweiDcsClient dcs = HuaweiDcsClient.create(tokenConfig(wrong))) {
            assertThatThrownBy(() -> dcs.listInstances(r -> r.limit(1L))).isInstanceOf(AuthException.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void huaweiAndTencentInstancesStayApart() throws Exception {
        try (HuaweiDcsClient dcs = HuaweiDcsClient.create(akSkConfig())) {
            emulator.fleet().add(io.cachesh.emulator.fleet.Instance.builder().id("crs-apart001").region("ap-guangzhou")
                    .createTime(java.time.Instant.now()).memSizeMb(1024).build());
            assertThat(dcs.listInstances(r -> r.limit(1000L)).instances()).noneSatisfy(i ->
                    assertThat(i.instanceId()).isEqualTo("crs-apart001"));
            assertThatThrownBy(() -> dcs.showInstance(r -> r.instanceId("crs-apart001"))).isInstanceOf(NotFoundException.class);
            emulator.fleet().remove("crs-apart001");
        }
    }

    @Test
    void v1LifecycleWithAkSk() throws Exception {
        try (HuaweiDcsV1Client v1 = HuaweiDcsV1Client.create(akSkConfig())) {
            ListProductsProducts product = v1.listProducts(r -> { }).products().stream()
                    .filter(p -> p.specCode().equals("redis.single.xu1.large.1")).findFirst().orElseThrow();
            String zone = v1.listAvailableZones(r -> { }).availableZones().get(0).id();
            String id = v1.createInstance(r -> r.name("v1-made").engine("Redis").engineVersion("5.0").capacity(1L)
                    .productId(product.productId()).vpcId("v").securityGroupId("sg").subnetId("s")
                    .availableZones(List.of(zone)).password(PASSWORD)).instanceId();
            assertThat(v1.showInstance(r -> r.instanceId(id)).status()).isEqualTo("CREATING");
            var running = waitV1(v1, id);
            assertThat(running.ip()).isEqualTo("127.0.0.1");
            assertThat(running.maxMemory()).isEqualTo(1024L);
            try (Jedis jedis = new Jedis(running.ip(), running.port().intValue())) {
                jedis.auth(PASSWORD);
                jedis.set("k", "v");
            }

            // 1-based paging: a second instance, then start=2&limit=1 is the older one
            String other = v1.createInstance(r -> r.name("v1-second").engine("Redis").engineVersion("5.0").capacity(1L)
                    .productId(product.productId()).vpcId("v").securityGroupId("sg").subnetId("s")
                    .availableZones(List.of(zone)).password(PASSWORD)).instanceId();
            waitV1(v1, other);
            var page2 = v1.listInstances(r -> r.start(2L).limit(1L).name("v1-"));
            assertThat(page2.instanceNum()).isEqualTo(2L);
            assertThat(page2.instances()).singleElement().satisfies(i -> assertThat(i.instanceId()).isEqualTo(id));

            v1.extendInstance(r -> r.instanceId(id).newCapacity(2L));
            var extended = waitV1(v1, id);
            assertThat(extended.capacity()).isEqualTo(2L);
            try (Jedis jedis = new Jedis(extended.ip(), extended.port().intValue())) {
                jedis.auth(PASSWORD);
                assertThat(jedis.configGet("maxmemory")).containsEntry("maxmemory", Long.toString(2048L * 1024 * 1024));
            }

            assertThat(v1.updatePassword(r -> r.instanceId(id).oldPassword(PASSWORD).newPasswor("Second-Pass2")).result())
                    .isEqualTo("success");
            try (Jedis jedis = new Jedis(extended.ip(), extended.port().intValue())) {
                assertThatThrownBy(() -> jedis.auth(PASSWORD)).isInstanceOf(JedisDataException.class);
                jedis.auth("Second-Pass2");
                assertThat(jedis.get("k")).isEqualTo("v");
            }

            String backupId = v1.backupInstance(r -> r.instanceId(id).remark("v1 backup")).backupId();
            long deadline = System.nanoTime() + WAIT.toNanos();
            ListBackupRecordsResponse backups;
            do {
                Thread.sleep(50);
                backups = v1.listBackupRecords(r -> r.instanceId(id).start(1L).limit(10L));
            } while (!"succeed".equals(backups.backupRecordResponse().get(0).status()) && System.nanoTime() < deadline);
            assertThat(backups.totalNum()).isEqualTo(1L);
            assertThat(backups.backupRecordResponse().get(0).backupId()).isEqualTo(backupId);

            assertThat(v1.restartOrFlushInstances(r -> r.instances(List.of(id)).action("flush")).results().get(0).result())
                    .isEqualTo("success");
            try (Jedis jedis = new Jedis(extended.ip(), extended.port().intValue())) {
                jedis.auth("Second-Pass2");
                assertThat(jedis.get("k")).isNull();
            }
            waitV1(v1, id);

            assertThat(v1.listConfigurations(r -> r.instanceId(id)).redisConfig()).isNotEmpty();

            var deleted = v1.batchDeleteInstances(r -> r.instances(List.of(id, other, "2b4e0e5e-0000-4000-8000-000000000000")));
            assertThat(deleted.results()).extracting(x -> x.result()).containsExactly("success", "success", "failed");
            assertThatThrownBy(() -> v1.showInstance(r -> r.instanceId(id))).isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("111404022");
        }
    }

    @Test
    void v1WithAnIamToken() throws Exception {
        try (HuaweiDcsV1Client v1 = HuaweiDcsV1Client.create(tokenConfig(emulator.iamCredentials()))) {
            assertThat(v1.listInstances(r -> r.start(1L).limit(10L)).instanceNum()).isNotNull();
            assertThat(v1.listNumberOfInstancesInDifferentStatus(r -> { }).runningCount()).isNotNull();
        }
    }

    static io.cachesh.client.huawei.dcsv1.model.ShowInstanceResponse waitV1(HuaweiDcsV1Client v1, String id) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            var shown = v1.showInstance(r -> r.instanceId(id));
            if ("RUNNING".equals(shown.status()) || System.nanoTime() > deadline) return shown;
            Thread.sleep(50);
        }
    }
}
