package io.cachesh.emulator.huawei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.huawei.dcs.HuaweiDcsClient;
import io.cachesh.client.huawei.dcs.HuaweiDcsWaiters;
import io.cachesh.client.huawei.dcs.model.ShowBandwidthsResponse;
import io.cachesh.client.huawei.dcs.model.ShowInstanceResponse;
import io.cachesh.client.huawei.dcs.model.ShowInstanceVersionResponse;
import io.cachesh.client.huawei.dcs.model.UpdateGroupBandwidthInfoRequest;
import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.validate.ModelValidator;
import io.cachesh.model.Models;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Bandwidth, public access, client-IP pass-through, kernel versions, the resize order, the scale-up check, the export
 * job and the parameter-change record detail (v2 5.1.9, 5.2.x), through the generated client and raw HTTP.
 */
class HuaweiInstanceOpsTest {

    static final String PASSWORD = "Cachesh-Pass1";
    static final Duration WAIT = Duration.ofSeconds(20);
    static final ModelValidator V2 = new ModelValidator(Models.load("huawei-dcs-v2"), true);

    static Emulator emulator;
    static HuaweiDcsClient dcs;
    static HuaweiDcsWaiters waiters;
    static HuaweiTestClient raw;
    static String v2;
    static String ha;
    static String cluster;

    @BeforeAll
    static void start() {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(200)).build().start();
        assumeTrue(emulator.dataPlaneAvailable(), "no redis-server on this machine: " + emulator.dataPlaneDescription());
        dcs = HuaweiDcsClient.create(ClientConfig.builder().credentials(emulator.credentials()).region("cn-north-4")
                .projectId(emulator.huaweiProjectId()).endpoint(emulator.endpoint()).build());
        waiters = HuaweiDcsWaiters.create(dcs).withInterval(Duration.ofMillis(50));
        raw = new HuaweiTestClient(emulator.endpoint(), emulator.credentials(), emulator.huaweiProjectId());
        v2 = "/v2/" + emulator.huaweiProjectId();
        ha = create("ops-ha", "redis.ha.xu1.tiny.r2.128", 0.125, "5.0");
        cluster = create("ops-cluster", "redis.cluster.xu1.large.r2.4", 4, "6.0");
        for (String id : List.of(ha, cluster)) waiters.waitForInstanceStatus(id, HuaweiDcsWaiters.RUNNING, WAIT);
    }

    static String create(String name, String spec, double capacity, String version) {
        return dcs.createInstance(r -> r.name(name).engine("Redis").engineVersion(version).capacity(capacity).specCode(spec)
                .azCodes(List.of("cn-north-4a")).vpcId("vpc-1").subnetId("subnet-1").password(PASSWORD))
                .instances().get(0).instanceId();
    }

    @AfterAll
    static void stop() throws Exception {
        if (dcs != null) dcs.close();
        if (emulator != null) emulator.close();
    }

    static void assertError(HuaweiTestClient.Answer a, int status, String code) {
        HuaweiShardReplicaTest.assertError(a, status, code);
    }

    static void conforms(String shape, HuaweiTestClient.Answer a) {
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(V2.validateShape(shape, a.body()).violations()).as(a.text()).isEmpty();
    }

    String waitJob(String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String status;
        do {
            Thread.sleep(50);
            status = dcs.showJobInfo(r -> r.jobId(jobId)).status();
        } while ("RUNNING".equals(status) && System.nanoTime() < deadline);
        return status;
    }

    // ---- bandwidth ------------------------------------------------------------------------------------------------

    @Test
    void autoScalingPolicyIsStoredEchoedAndDeleted() {
        assertThat(raw.signed("GET", v2 + "/instances/" + ha + "/autoscaling-policy/bandwidth", null).body().isEmpty()).isTrue();
        var updated = dcs.updateInstanceBandwidthAutoScalingPolicy(r -> r.instanceId(ha).windowSize(5L)
                .bandwidthUsageUpperThreshold(70L).scaleOutCooldown(300L).bandwidthUsageLowerThreshold(30L));
        assertThat(updated.windowSize()).isEqualTo(5L);
        assertThat(updated.scaleInCooldown()).isEqualTo(300L);
        assertThat(updated.scaleInEnabled()).isFalse();
        var shown = dcs.showInstanceBandwidthAutoScalingPolicy(r -> r.instanceId(ha));
        assertThat(shown.bandwidthUsageUpperThreshold()).isEqualTo(70L);
        assertThat(shown.bandwidthUsageLowerThreshold()).isEqualTo(30L);
        assertThat(shown.scaleOutCooldown()).isEqualTo(300L);
        String path = v2 + "/instances/" + ha + "/autoscaling-policy/bandwidth";
        assertError(raw.signed("PUT", path, "{\"window_size\":7,\"bandwidth_usage_upper_threshold\":70,\"scale_out_cooldown\":0}"),
                400, "DCS.4063");
        assertError(raw.signed("PUT", path, "{\"window_size\":5,\"bandwidth_usage_upper_threshold\":75,\"scale_out_cooldown\":0}"),
                400, "DCS.4063");
        assertError(raw.signed("PUT", path, "{\"window_size\":5,\"bandwidth_usage_upper_threshold\":70,\"scale_out_cooldown\":0,"
                + "\"bandwidth_usage_lower_threshold\":40}"), 400, "DCS.4063");
        assertThat(raw.signed("DELETE", path, null).status()).isEqualTo(200);
        assertThat(raw.signed("GET", path, null).body().isEmpty()).isTrue();
        assertError(raw.signed("GET", v2 + "/instances/00000000-0000-0000-0000-000000000000/autoscaling-policy/bandwidth", null),
                404, "DCS.3022");
    }

    @Test
    void shardBandwidthsChangeByJobAndTheTemporaryExpansionDoublesThem() throws Exception {
        ShowBandwidthsResponse before = dcs.showBandwidths(r -> r.instanceId(cluster));
        assertThat(before.groupBandwidths()).hasSize(3);
        assertThat(before.bandwidth()).isEqualTo(3 * before.groupBandwidths().get(0).assuredBandwidth());
        assertThat(before.maxBandwidth()).isEqualTo(6000L);
        assertThat(before.allowModify()).isTrue();
        conforms("ShowBandwidthsResponse", raw.signed("GET", v2 + "/instances/" + cluster + "/bandwidths", null));
        String groupId = before.groupBandwidths().get(1).groupId();
        String path = v2 + "/instances/" + cluster + "/bandwidths";
        assertError(raw.signed("PUT", path, "{\"group_bandwidths\":[{\"group_id\":\"" + groupId + "\",\"target_bandwidth\":5000}]}"),
                400, "DCS.4063");
        assertError(raw.signed("PUT", path, "{\"group_bandwidths\":[{\"group_id\":\"nope\",\"target_bandwidth\":500}]}"), 400, "DCS.4063");
        assertError(raw.signed("PUT", path, "{\"group_bandwidths\":[]}"), 400, "DCS.4063");

        String jobId = dcs.updateBandwidth(r -> r.instanceId(cluster).groupBandwidths(List.of(UpdateGroupBandwidthInfoRequest.builder()
                .groupId(groupId).targetBandwidth(500L).build()))).jobId();
        assertThat(waitJob(jobId)).isEqualTo("SUCCESS");
        ShowBandwidthsResponse after = dcs.showBandwidths(r -> r.instanceId(cluster));
        assertThat(after.groupBandwidths().get(1).bandwidth()).isEqualTo(500L);
        assertThat(after.groupBandwidths().get(1).updatedAt()).isNotNull();
        assertThat(after.bandwidth()).isEqualTo(before.bandwidth() - before.groupBandwidths().get(1).bandwidth() + 500);

        long haBefore = dcs.showBandwidths(r -> r.instanceId(ha)).bandwidth();
        dcs.updateInstanceBandwidth(r -> r.instanceId(ha));
        assertThat(dcs.showBandwidths(r -> r.instanceId(ha)).bandwidth()).isEqualTo(2 * haBefore);
        assertError(raw.signed("PUT", v2 + "/instances/" + ha + "/bandwidth", null), 400, "DCS.4026");
        // three expansions used up: the quota
        Instance i = emulator.fleet().instance(ha).orElseThrow();
        Instant longAgo = Instant.now().minus(Duration.ofDays(30));
        i.extensions().put(InstanceBandwidthActions.KEY, new InstanceBandwidthActions.State(null, longAgo, longAgo.plus(
                Duration.ofDays(7)), 3));
        assertThat(dcs.showBandwidths(r -> r.instanceId(ha)).bandwidth()).isEqualTo(haBefore);
        assertError(raw.signed("PUT", v2 + "/instances/" + ha + "/bandwidth", null), 400, "DCS.4039");
    }

    // ---- access ---------------------------------------------------------------------------------------------------

    @Test
    void publicAccessIsAnElbJobOnRedis4Plus() throws Exception {
        String path = v2 + "/instances/" + ha + "/public-ip";
        assertError(raw.signed("POST", path, "{\"publicip_id\":\"00130845-97c3-43fa-88eb-85cfb08d87ca\",\"enable_ssl\":true}"),
                400, "DCS.4063");
        assertError(raw.signed("DELETE", path, null), 400, "DCS.4063");
        String on = dcs.updatePublicIp(r -> r.instanceId(ha).elbId("3ee8da68-5a23-4ca4-b5e0-74ff996e16be")).jobId();
        assertThat(on).matches("[0-9a-f]{32}");
        assertThat(waitJob(on)).isEqualTo("SUCCESS");
        PublicAccessActions.Access access = PublicAccessActions.of(emulator.fleet().instance(ha).orElseThrow());
        assertThat(access.publicIp()).isTrue();
        assertThat(access.elbId()).isEqualTo("3ee8da68-5a23-4ca4-b5e0-74ff996e16be");
        assertThat(access.publicIpAddress()).isEqualTo("127.0.0.1");
        String off = dcs.deletePublicIp(r -> r.instanceId(ha)).jobId();
        assertThat(waitJob(off)).isEqualTo("SUCCESS");
        assertThat(PublicAccessActions.of(emulator.fleet().instance(ha).orElseThrow()).publicIp()).isFalse();
    }

    @Test
    void clientIpPassThroughTogglesOncePerJob() throws Exception {
        String path = v2 + "/" + cluster + "/client-ip-transparent-transmission";
        assertError(raw.signed("PUT", path, "{}"), 400, "DCS.4800");
        assertError(raw.signed("PUT", path, "{\"transparent_client_ip_enable\":false}"), 400, "DCS.4846");
        String jobId = dcs.updateClientIpTransparentTransmission(r -> r.instanceId(cluster).transparentClientIpEnable(true)).jobId();
        assertError(raw.signed("PUT", path, "{\"transparent_client_ip_enable\":true}"), 400, "DCS.4300");
        assertThat(waitJob(jobId)).isEqualTo("SUCCESS");
        assertThat(PublicAccessActions.of(emulator.fleet().instance(cluster).orElseThrow()).transparentClientIp()).isTrue();
        assertError(raw.signed("PUT", path, "{\"transparent_client_ip_enable\":true}"), 400, "DCS.4847");
        assertThat(waitJob(dcs.updateClientIpTransparentTransmission(r -> r.instanceId(cluster).transparentClientIpEnable(false))
                .jobId())).isEqualTo("SUCCESS");
    }

    // ---- versions -------------------------------------------------------------------------------------------------

    @Test
    void minorVersionUpgradeRestartsTheRedisServerKeepingItsData() throws Exception {
        ShowInstanceVersionResponse v = dcs.showInstanceVersion(r -> r.instanceId(ha));
        assertThat(v.engineMinorVersion()).isEqualTo("5.0.14.4");
        assertThat(v.latestEngineMinorVersion()).isEqualTo("5.0.14.5");
        assertThat(v.engineMinorVersionUpgradable()).isTrue();
        assertThat(v.proxyMinorVersionUpgradable()).isFalse();
        String path = v2 + "/instances/" + ha + "/minor-version/upgrade";
        assertError(raw.signed("POST", path, "{\"engine_minor_version\":\"9.9.9.9\"}"), 400, "DCS.4062");
        assertError(raw.signed("POST", path, "{\"proxy_minor_version\":\"latest\"}"), 400, "DCS.4062");

        ShowInstanceResponse shown = dcs.showInstance(r -> r.instanceId(ha));
        long pid = emulator.fleet().instance(ha).orElseThrow().dataPlane().pid();
        try (Jedis jedis = new Jedis(shown.ip(), shown.port().intValue())) {
            jedis.auth(PASSWORD);
            jedis.set("upgrade", "survives");
        }
        String taskId = dcs.upgradeInstanceMinorVersion(r -> r.instanceId(ha).engineMinorVersion("latest")).taskId();
        assertThat(dcs.showInstance(r -> r.instanceId(ha)).status()).isEqualTo("UPGRADING");
        assertThat(waitJob(taskId)).isEqualTo("SUCCESS");
        ShowInstanceResponse after = waiters.waitForInstanceStatus(ha, HuaweiDcsWaiters.RUNNING, WAIT);
        assertThat(emulator.fleet().instance(ha).orElseThrow().dataPlane().pid()).isNotEqualTo(pid);
        try (Jedis jedis = new Jedis(after.ip(), after.port().intValue())) {
            jedis.auth(PASSWORD);
            assertThat(jedis.get("upgrade")).isEqualTo("survives");
        }
        assertThat(dcs.showInstanceVersion(r -> r.instanceId(ha)).engineMinorVersion()).isEqualTo("5.0.14.5");
        assertThat(dcs.showInstanceVersion(r -> r.instanceId(ha)).engineMinorVersionUpgradable()).isFalse();
        assertError(raw.signed("POST", path, "{\"engine_minor_version\":\"latest\"}"), 400, "DCS.4053");
        conforms("ShowInstanceVersionResponse", raw.signed("GET", v2 + "/instances/" + ha + "/version", null));
    }

    // ---- resize order, scale-up check ------------------------------------------------------------------------------

    @Test
    void resizeOrderOfAPrepaidInstanceChangesMaxmemory() throws Exception {
        HuaweiTestClient.Answer created = raw.signed("POST", v2 + "/instances", "{\"name\":\"ops-prepaid\",\"engine\":\"Redis\","
                + "\"engine_version\":\"6.0\",\"capacity\":0.125,\"spec_code\":\"redis.ha.xu1.tiny.r2.128\","
                + "\"az_codes\":[\"cn-north-4a\"],\"vpc_id\":\"v\",\"subnet_id\":\"s\",\"password\":\"" + PASSWORD + "\","
                + "\"bss_param\":{\"charging_mode\":\"prePaid\",\"period_type\":\"month\",\"period_num\":1,\"is_auto_renew\":\"false\"}}");
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        String id = created.body().path("instances").get(0).path("instance_id").asText();
        waiters.waitForInstanceStatus(id, HuaweiDcsWaiters.RUNNING, WAIT);
        String path = v2 + "/orders/instances/" + id + "/resize";
        assertError(raw.signed("POST", path, "{\"spec_code\":\"redis.ha.xu1.large.r2.24\",\"new_capacity\":24}"), 400, "DCS.4012");
        assertError(raw.signed("POST", path, "{\"spec_code\":\"redis.ha.xu1.large.r2.2\",\"new_capacity\":1}"), 400, "DCS.4012");
        assertError(raw.signed("POST", path, "{\"spec_code\":\"redis.cluster.xu1.large.r2.4\",\"new_capacity\":4}"), 400, "DCS.4200");
        assertError(raw.signed("POST", path, "{\"spec_code\":\"redis.ha.xu9\",\"new_capacity\":1}"), 400, "DCS.4927");
        assertError(raw.signed("POST", path, "{\"spec_code\":\"redis.ha.xu1.large.r2.1\",\"new_capacity\":1,\"password\":\"Wrong-Pass1\"}"),
                400, "DCS.4080");
        assertError(raw.signed("POST", v2 + "/orders/instances/" + ha + "/resize",
                "{\"spec_code\":\"redis.ha.xu1.large.r2.1\",\"new_capacity\":1}"), 400, "111400063");

        String orderId = dcs.createResizeOrder(r -> r.instanceId(id).specCode("redis.ha.xu1.large.r2.1").newCapacity(1.0)
                .password(PASSWORD).executeImmediately(true)).orderId();
        assertThat(orderId).matches("CS\\d{10}[A-Z0-9]{5}");
        assertThat(dcs.showInstance(r -> r.instanceId(id)).status()).isEqualTo("EXTENDING");
        assertError(raw.signed("POST", path, "{\"spec_code\":\"redis.ha.xu1.large.r2.2\",\"new_capacity\":2}"), 400, "DCS.4108");
        ShowInstanceResponse resized = waiters.waitForInstanceStatus(id, HuaweiDcsWaiters.RUNNING, WAIT);
        assertThat(resized.specCode()).isEqualTo("redis.ha.xu1.large.r2.1");
        assertThat(resized.maxMemory()).isEqualTo(1024L);
        try (Jedis jedis = new Jedis(resized.ip(), resized.port().intValue())) {
            jedis.auth(PASSWORD);
            assertThat(jedis.configGet("maxmemory")).containsEntry("maxmemory", Long.toString(1024L * 1024 * 1024));
        }
    }

    @Test
    void scaleUpCheck() {
        var ops = dcs.listInstanceOperations(r -> r.instanceId(cluster).operation("extend"));
        assertThat(ops.instanceId()).isEqualTo(cluster);
        assertThat(ops.operations()).singleElement().satisfies(o -> {
            assertThat(o.operation()).isEqualTo("extend");
            assertThat(o.isSupport()).isTrue();
            assertThat(o.causeId()).isNull();
        });
        conforms("ListInstanceOperationsResponse", raw.signed("GET", v2 + "/instances/" + cluster + "/operations?operation=extend", null));
        assertThat(raw.signed("GET", v2 + "/instances/" + cluster + "/operations?operation=shrink", null).status()).isEqualTo(400);
    }

    // ---- export, parameter-change records --------------------------------------------------------------------------

    @Test
    void exportJobWritesTheMatchingInstances() throws Exception {
        String jobId = dcs.exportInstancesTask(r -> r.region("cn-north-4").cacheMode("cluster")).jobId();
        assertThat(waitJob(jobId)).isEqualTo("SUCCESS");
        InstanceExportActions.Export export = InstanceExportActions.find(emulator.fleet(), jobId);
        assertThat(export.status()).isEqualTo("SUCCESS");
        assertThat(export.fileName()).startsWith("DCS_instances_cn-north-4_").endsWith(".csv");
        assertThat(export.rows()).isEqualTo(1);
        assertThat(export.csv()).contains(cluster).doesNotContain(ha);
        assertThat(InstanceExportActions.find(emulator.fleet(), dcs.exportInstancesTask(r -> r.region("r")
                .includedInstances(List.of(ha))).jobId()).rows()).isEqualTo(1);
        assertThat(raw.signed("POST", v2 + "/instances/export", "{}").status()).isEqualTo(400);
    }

    @Test
    void configHistoryDetail() throws Exception {
        assertError(raw.signed("GET", v2 + "/instances/" + cluster + "/config-histories/nope", null), 400, "DCS.4987");
        // an asynchronous parameter change is a record (its job id)
        HuaweiTestClient.Answer changed = raw.signed("PUT", v2 + "/instances/" + cluster + "/async-configs",
                "{\"redis_config\":[{\"param_id\":\"1\",\"param_name\":\"timeout\",\"param_value\":\"120\"}]}");
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        {
            String jobId = changed.body().path("job_id").asText();
            assertThat(waitJob(jobId)).isEqualTo("SUCCESS");
            assertThat(raw.signed("GET", v2 + "/instances/" + cluster + "/config-histories/" + jobId, null).status()).isEqualTo(200);
        }
        // a recorded change holds the real server's old value
        Instance i = emulator.fleet().instance(cluster).orElseThrow();
        String before = i.dataPlane().configGet("slowlog-max-len");
        ConfigHistoryLog.Entry e = ConfigHistoryLog.record(new HuaweiContext(emulator.fleet(), HuaweiFlavors.standard(),
                emulator.huaweiProjectId()), i, Map.of("slowlog-max-len", "256"));
        assertThat(e.changes()).singleElement().satisfies(c -> {
            assertThat(c.oldValue()).isEqualTo(before);
            assertThat(c.newValue()).isEqualTo("256");
        });
        assertThat(raw.signed("GET", v2 + "/instances/" + cluster + "/config-histories/" + e.historyId(), null).status())
                .isEqualTo(200);
        assertError(raw.signed("GET", v2 + "/instances/" + ha + "/config-histories/" + e.historyId(), null), 400, "DCS.4987");
    }
}
