package io.cachesh.emulator.huawei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.huawei.dcs.HuaweiDcsClient;
import io.cachesh.client.huawei.dcs.HuaweiDcsWaiters;
import io.cachesh.client.huawei.dcs.model.ListConfigHistoriesResponse;
import io.cachesh.client.huawei.dcs.model.ListTagsOfTenantResponse;
import io.cachesh.client.huawei.dcs.model.ResourceTag;
import io.cachesh.client.huawei.dcs.model.ShowInstanceResponse;
import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.validate.ModelValidator;
import io.cachesh.emulator.validate.ValidationResult;
import io.cachesh.model.Models;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** Tags (one map for every API), parameter-change records and backup download links, over HTTP with the generated client. */
class HuaweiTagsHistoryLinksTest {

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

    static ShowInstanceResponse create(String name, Map<String, String> tags) {
        List<ResourceTag> list = tags.entrySet().stream().map(e -> ResourceTag.builder().key(e.getKey()).value(e.getValue())
                .build()).toList();
        String id = dcs.createInstance(r -> r.name(name).engine("Redis").engineVersion("6.0").capacity(0.125)
                .specCode("redis.ha.xu1.tiny.r2.128").azCodes(List.of("cn-north-4a")).vpcId("vpc-1").subnetId("subnet-1")
                .password(PASSWORD).tags(list)).instances().get(0).instanceId();
        return waiters.waitForInstanceStatus(id, HuaweiDcsWaiters.RUNNING, WAIT);
    }

    static void assertError(HuaweiTestClient.Answer a, int status, String code) {
        assertThat(a.status()).as(a.text()).isEqualTo(status);
        assertThat(a.body().path("error_code").asText()).as(a.text()).isEqualTo(code);
        assertThat(a.body().path("error_msg").asText()).isNotBlank();
    }

    static void conforms(String shape, String method, String target, String body) {
        HuaweiTestClient.Answer a = raw.signed(method, target, body);
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        ValidationResult r = V2.validateShape(shape, a.body());
        assertThat(r.violations()).as(target + " -> " + a.text()).isEmpty();
    }

    static Map<String, String> tags(String id) {
        Map<String, String> out = new LinkedHashMap<>();
        dcs.showTags(r -> r.instanceId(id)).tags().forEach(t -> out.put(t.key(), t.value()));
        return out;
    }

    static ResourceTag tag(String key, String value) {
        return ResourceTag.builder().key(key).value(value).build();
    }

    @Test
    void tagsAreTheInstancesOwnAndEveryApiSeesThem() {
        ShowInstanceResponse a = create("tagged-a", Map.of("team", "cache"));
        ShowInstanceResponse b = create("tagged-b", Map.of());
        assertThat(tags(a.instanceId())).containsExactly(Map.entry("team", "cache"));
        assertThat(tags(b.instanceId())).isEmpty();

        dcs.batchCreateOrDeleteTags(r -> r.instanceId(a.instanceId()).action("create")
                .tags(List.of(tag("env", "dev"), tag("team", "core"))));
        dcs.batchCreateOrDeleteTags(r -> r.instanceId(b.instanceId()).action("create").tags(List.of(tag("env", "prod"))));
        assertThat(tags(a.instanceId())).containsExactly(Map.entry("env", "dev"), Map.entry("team", "core"));
        // ShowInstance and the ListInstances tag filter see the same tags
        assertThat(dcs.showInstance(r -> r.instanceId(a.instanceId())).tags())
                .extracting(t -> t.key() + "=" + t.value()).containsExactlyInAnyOrder("team=core", "env=dev");
        assertThat(dcs.listInstances(r -> r.tags("env=dev")).instances()).extracting(i -> i.instanceId())
                .containsExactly(a.instanceId());

        ListTagsOfTenantResponse tenant = dcs.listTagsOfTenant(r -> { });
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        tenant.tags().forEach(t -> byKey.put(t.key(), t.values()));
        assertThat(byKey).containsEntry("env", List.of("dev", "prod")).containsEntry("team", List.of("core"));
        conforms("ListTagsOfTenantResponse", "GET", v2 + "/dcs/tags", null);
        conforms("ShowTagsResponse", "GET", v2 + "/instances/" + a.instanceId() + "/tags", null);

        // delete: by key alone, or by key and matching value (a different value leaves it)
        dcs.batchCreateOrDeleteTags(r -> r.instanceId(a.instanceId()).action("delete")
                .tags(List.of(ResourceTag.builder().key("env").build(), tag("team", "not-core"))));
        assertThat(tags(a.instanceId())).containsExactly(Map.entry("team", "core"));
        HuaweiTestClient.Answer deleted = raw.signed("POST", v2 + "/dcs/" + a.instanceId() + "/tags/action",
                "{\"action\":\"delete\",\"tags\":[{\"key\":\"team\",\"value\":\"core\"},{\"key\":\"never-there\"}]}");
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(204);
        assertThat(tags(a.instanceId())).isEmpty();
        assertThat(dcs.listInstances(r -> r.tags("env=dev")).instanceNum()).isZero();
        assertThat(dcs.listTagsOfTenant(r -> { }).tags()).extracting(t -> t.key()).containsExactly("env");

        String action = v2 + "/dcs/" + b.instanceId() + "/tags/action";
        assertError(raw.signed("POST", action, "{\"action\":\"update\",\"tags\":[{\"key\":\"k\",\"value\":\"v\"}]}"), 400, "DCS.4063");
        assertError(raw.signed("POST", action, "{\"action\":\"create\",\"tags\":[{\"key\":\"k\"}]}"), 400, "DCS.4063");
        assertError(raw.signed("POST", action, "{\"action\":\"create\",\"tags\":[{\"key\":\"\",\"value\":\"v\"}]}"), 400, "DCS.4063");
        assertError(raw.signed("POST", action, "{\"action\":\"create\",\"tags\":[{\"key\":\"k\",\"value\":\"1\"},"
                + "{\"key\":\"k\",\"value\":\"2\"}]}"), 400, "DCS.4063");
        assertError(raw.signed("POST", action, "{\"action\":\"create\",\"tags\":[]}"), 400, "DCS.4063");
        // the model's ResourceTag limits (key 36, value 43 characters)
        assertError(raw.signed("POST", action, "{\"action\":\"create\",\"tags\":[{\"key\":\"" + "k".repeat(37)
                + "\",\"value\":\"v\"}]}"), 400, "DCS.4062");
        assertError(raw.signed("POST", v2 + "/dcs/00000000-0000-0000-0000-000000000000/tags/action",
                "{\"action\":\"create\",\"tags\":[{\"key\":\"k\",\"value\":\"v\"}]}"), 404, "DCS.3022");
        assertError(raw.signed("GET", v2 + "/instances/00000000-0000-0000-0000-000000000000/tags", null), 404, "DCS.3022");
        assertThat(tags(b.instanceId())).containsExactly(Map.entry("env", "prod"));
    }

    @Test
    void parameterChangesBecomeRecordsBothSyncAndAsync() throws Exception {
        ShowInstanceResponse i = create("history", Map.of());
        String id = i.instanceId();
        ListConfigHistoriesResponse none = dcs.listConfigHistories(r -> r.instanceId(id));
        assertThat(none.historyNum()).isZero();
        assertThat(none.histories()).isEmpty();

        // synchronous UpdateConfigurations: noticed at the next read
        HuaweiTestClient.Answer sync = raw.signed("PUT", v2 + "/instances/" + id + "/configs",
                "{\"redis_config\":[{\"param_id\":\"1\",\"param_name\":\"timeout\",\"param_value\":\"100\"}]}");
        assertThat(sync.status()).as(sync.text()).isEqualTo(204);
        ListConfigHistoriesResponse one = dcs.listConfigHistories(r -> r.instanceId(id));
        assertThat(one.historyNum()).isEqualTo(1L);
        assertThat(one.histories().get(0).type()).isEqualTo("config_param");
        assertThat(one.histories().get(0).status()).isEqualTo("SUCCESS");
        assertThat(one.histories().get(0).historyId()).matches("[0-9a-f-]{36}");
        assertThat(one.histories().get(0).createdAt()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        // reading again adds nothing
        assertThat(dcs.listConfigHistories(r -> r.instanceId(id)).historyNum()).isEqualTo(1L);

        // asynchronous UpdateInstanceConfig: UPDATING until its job is done, then SUCCESS
        HuaweiTestClient.Answer async = raw.signed("PUT", v2 + "/instances/" + id + "/async-configs",
                "{\"redis_config\":[{\"param_id\":\"11\",\"param_name\":\"slowlog-max-len\",\"param_value\":\"64\"}]}");
        assertThat(async.status()).as(async.text()).isEqualTo(200);
        ListConfigHistoriesResponse pending = dcs.listConfigHistories(r -> r.instanceId(id));
        assertThat(pending.historyNum()).isEqualTo(2L);
        assertThat(pending.histories().get(0).status()).isEqualTo("UPDATING");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!"SUCCESS".equals(dcs.listConfigHistories(r -> r.instanceId(id)).histories().get(0).status())) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(25);
        }
        try (Jedis jedis = new Jedis(i.ip(), i.port().intValue())) {
            jedis.auth(PASSWORD);
            assertThat(jedis.configGet("slowlog-max-len")).containsEntry("slowlog-max-len", "64");
        }
        ListConfigHistoriesResponse both = dcs.listConfigHistories(r -> r.instanceId(id));
        assertThat(both.historyNum()).isEqualTo(2L);
        assertThat(both.histories()).extracting(h -> h.status()).containsExactly("SUCCESS", "SUCCESS");
        assertThat(dcs.listConfigHistories(r -> r.instanceId(id).offset(1L).limit(1L)).histories())
                .extracting(h -> h.historyId()).containsExactly(one.histories().get(0).historyId());
        conforms("ListConfigHistoriesResponse", "GET", v2 + "/instances/" + id + "/config-histories?offset=0&limit=10", null);
        assertError(raw.signed("GET", v2 + "/instances/" + id + "/config-histories?limit=0", null), 400, "DCS.4062");
        assertError(raw.signed("GET", v2 + "/instances/00000000-0000-0000-0000-000000000000/config-histories", null), 404, "DCS.3022");
    }

    @Test
    void backupLinksPointAtTheRealRdbCopy() throws Exception {
        ShowInstanceResponse i = create("linked", Map.of());
        String id = i.instanceId();
        try (Jedis jedis = new Jedis(i.ip(), i.port().intValue())) {
            jedis.auth(PASSWORD);
            jedis.set("in-the-backup", "yes");
        }
        String backupId = dcs.copyInstance(r -> r.instanceId(id)).backupId();
        String links = v2 + "/instances/" + id + "/backups/" + backupId + "/links";
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!"succeed".equals(dcs.listBackupRecords(r -> r.instanceId(id)).backupRecordResponse().get(0).status())) {
            // unfinished: the instance is backuping
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(25);
        }
        var answer = dcs.listBackupFileLinks(r -> r.instanceId(id).backupId(backupId).expiration(1800L));
        assertThat(answer.bucketName()).isEqualTo("cachesh-emulator-dcs-backups");
        assertThat(answer.filePath()).isEqualTo(id + "/" + backupId + "/");
        assertThat(answer.links()).hasSize(1);
        assertThat(answer.links().get(0).fileName()).isEqualTo(backupId + ".rdb");
        URI link = URI.create(answer.links().get(0).link());
        assertThat(link.getScheme()).isEqualTo("file");
        byte[] rdb = Files.readAllBytes(Path.of(link));
        assertThat(new String(rdb, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("REDIS");
        assertThat(new String(rdb, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("in-the-backup");
        conforms("ListBackupFileLinksResponse", "POST", links, "{\"expiration\":300}");

        assertError(raw.signed("POST", links, "{\"expiration\":299}"), 400, "DCS.4063");
        assertError(raw.signed("POST", links, "{\"expiration\":86401}"), 400, "DCS.4063");
        assertError(raw.signed("POST", links, "{}"), 400, "DCS.4062");
        assertError(raw.signed("POST", links, null), 400, "DCS.4004");
        assertError(raw.signed("POST", v2 + "/instances/" + id + "/backups/no-such-backup/links", "{\"expiration\":600}"),
                400, "DCS.4062");
        // a deleted backup has no file any more
        HuaweiTestClient.Answer del = raw.signed("DELETE", v2 + "/instances/" + id + "/backups/" + backupId, null);
        assertThat(del.status()).as(del.text()).isEqualTo(204);
        assertError(raw.signed("POST", links, "{\"expiration\":600}"), 400, "DCS.4062");
    }
}
