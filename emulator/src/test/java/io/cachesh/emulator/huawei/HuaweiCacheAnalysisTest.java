package io.cachesh.emulator.huawei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.exception.ClientRequestException;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.dcs.v2.DcsClient;
import com.huaweicloud.sdk.dcs.v2.model.CreateBigkeyScanTaskRequest;
import com.huaweicloud.sdk.dcs.v2.model.CreateBigkeyScanTaskResponse;
import com.huaweicloud.sdk.dcs.v2.model.CreateHotkeyScanTaskRequest;
import com.huaweicloud.sdk.dcs.v2.model.ListHotKeyScanTasksRequest;
import com.huaweicloud.sdk.dcs.v2.model.ListHotKeyScanTasksResponse;
import com.huaweicloud.sdk.dcs.v2.model.ShowBigkeyScanTaskDetailsRequest;
import com.huaweicloud.sdk.dcs.v2.model.ShowBigkeyScanTaskDetailsResponse;
import com.huaweicloud.sdk.dcs.v2.model.ShowHotkeyTaskDetailsRequest;
import com.huaweicloud.sdk.dcs.v2.model.ShowHotkeyTaskDetailsResponse;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.huawei.dcs.HuaweiDcsClient;
import io.cachesh.emulator.Emulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Cache analysis (5.8) against the real redis-server: big keys prepared with Jedis, hot keys under an LFU policy,
 * expired-key scans, the schedules (with an adjustable emulator clock for the auto runs), the documented errors, and
 * the official SDK parsing the answers.
 */
class HuaweiCacheAnalysisTest {

    static final String PASSWORD = "Cachesh-Pass1";

    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {
        volatile Duration offset = Duration.ZERO;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    static final MovableClock clock = new MovableClock();
    static Emulator emulator;
    static HuaweiTestClient raw;
    static String v2;
    static DcsClient sdk;
    static HuaweiDcsClient dcs;

    @BeforeAll
    static void start() {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(300)).clock(clock).build().start();
        assumeTrue(emulator.dataPlaneAvailable(), "no redis-server on this machine: " + emulator.dataPlaneDescription());
        raw = new HuaweiTestClient(emulator.endpoint(), emulator.credentials(), emulator.huaweiProjectId());
        v2 = "/v2/" + emulator.huaweiProjectId();
        sdk = DcsClient.newBuilder()
                .withHttpConfig(HttpConfig.getDefaultHttpConfig().withTimeout(10))
                .withCredential(new BasicCredentials().withAk(emulator.credentials().keyId())
                        .withSk(emulator.credentials().secret().reveal()).withProjectId(emulator.huaweiProjectId()))
                .withEndpoint(emulator.endpoint())
                .build();
        dcs = HuaweiDcsClient.create(ClientConfig.builder().credentials(emulator.credentials()).region("cn-north-4")
                .projectId(emulator.huaweiProjectId()).endpoint(emulator.endpoint()).build());
    }

    @AfterAll
    static void stop() throws Exception {
        if (dcs != null) dcs.close();
        if (emulator != null) emulator.close();
    }

    /** Signed at the emulator's (possibly moved) time. */
    static HuaweiTestClient.Answer call(String method, String target, String body) {
        return raw.send(method, target, body, clock.instant(), emulator.credentials(), emulator.huaweiProjectId(), Map.of());
    }

    static JsonNode ok(String method, String target, String body) {
        HuaweiTestClient.Answer a = call(method, target, body);
        assertThat(a.status()).as(method + " " + target + " -> " + a.text()).isEqualTo(200);
        return a.body();
    }

    static void error(HuaweiTestClient.Answer a, int status, String code) {
        assertThat(a.status()).as(a.text()).isEqualTo(status);
        assertThat(a.body().path("error_code").asText()).as(a.text()).isEqualTo(code);
        assertThat(a.requestId()).isNotBlank();
    }

    static JsonNode await(Supplier<JsonNode> get, Predicate<JsonNode> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode last = get.get();
        while (!done.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            last = get.get();
        }
        assertThat(done.test(last)).as(last.toString()).isTrue();
        return last;
    }

    /** A running single-node instance; its redis-server address in {@code [ip, port]}. */
    static String create(String name) throws InterruptedException {
        JsonNode created = ok("POST", v2 + "/instances", "{\"name\":\"" + name + "\",\"engine\":\"Redis\",\"engine_version\":\"6.0\","
                + "\"capacity\":0.125,\"spec_code\":\"redis.single.xu1.tiny.128\",\"az_codes\":[\"cn-north-4a\"],"
                + "\"vpc_id\":\"v\",\"subnet_id\":\"s\",\"password\":\"" + PASSWORD + "\"}");
        String id = created.path("instances").get(0).path("instance_id").asText();
        await(() -> call("GET", v2 + "/instances/" + id, null).body(), b -> "RUNNING".equals(b.path("status").asText()));
        return id;
    }

    static Jedis jedis(String id) {
        JsonNode shown = ok("GET", v2 + "/instances/" + id, null);
        Jedis jedis = new Jedis(shown.path("ip").asText(), shown.path("port").asInt());
        jedis.auth(PASSWORD);
        return jedis;
    }

    @Test
    void bigKeyAnalysisFindsTheBigKeysOfTheRealServer() throws Exception {
        String id = create("bigkey-1");
        try (Jedis jedis = jedis(id)) {
            jedis.set("big:string", "x".repeat(20_000));
            String[] items = new String[6_000];
            for (int n = 0; n < items.length; n++) items[n] = "e" + n;
            jedis.rpush("big:list", items);
            jedis.hset("small:hash", Map.of("a", "1", "b", "2"));
            jedis.set("small:string", "tiny");
            jedis.select(2);
            jedis.sadd("big:set", items);
            jedis.select(0);
        }
        String base = v2 + "/instances/" + id;

        // official SDK: create (waiting, manual, num 0, no started_at/keys)
        CreateBigkeyScanTaskResponse created = sdk.createBigkeyScanTask(new CreateBigkeyScanTaskRequest().withInstanceId(id));
        assertThat(created.getId()).matches("[0-9a-f-]{36}");
        assertThat(created.getInstanceId()).isEqualTo(id);
        assertThat(created.getStatus()).hasToString("waiting");
        assertThat(created.getScanType()).hasToString("manual");
        assertThat(created.getNum()).isZero();
        assertThat(created.getStartedAt()).isNull();
        assertThat(created.getKeys()).isNull();
        // a second one while the first runs: DCS.4918
        error(call("POST", base + "/bigkey-task", null), 400, "DCS.4918");

        JsonNode done = await(() -> ok("GET", base + "/bigkey-task/" + created.getId(), null),
                b -> "success".equals(b.path("status").asText()));
        assertThat(done.path("num").asInt()).isEqualTo(3);
        assertThat(done.path("started_at").asText()).isNotBlank();
        assertThat(done.path("finished_at").asText()).isNotBlank();
        assertThat(HuaweiLogsAndDiagnosisTest.SHAPES.validateShape("ShowBigkeyScanTaskDetailsResponse", done).violations()).isEmpty();
        List<String> names = new ArrayList<>();
        done.path("keys").forEach(k -> names.add(k.path("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("big:string", "big:list", "big:set");
        for (JsonNode k : done.path("keys")) {
            assertThat(k.has("shard")).as("shard is for cluster instances only").isFalse();
            switch (k.path("name").asText()) {
                case "big:string" -> assertThat(k.toString()).contains("\"type\":\"string\"", "\"db\":0", "\"size\":20000", "\"unit\":\"byte\"");
                case "big:list" -> assertThat(k.toString()).contains("\"type\":\"list\"", "\"db\":0", "\"size\":6000", "\"unit\":\"count\"");
                default -> assertThat(k.toString()).contains("\"type\":\"set\"", "\"db\":2", "\"size\":6000", "\"unit\":\"count\"");
            }
        }

        // official SDK parses the details; the generated client too
        ShowBigkeyScanTaskDetailsResponse details = sdk.showBigkeyScanTaskDetails(new ShowBigkeyScanTaskDetailsRequest()
                .withInstanceId(id).withBigkeyId(created.getId()));
        assertThat(details.getStatus()).hasToString("success");
        assertThat(details.getKeys()).hasSize(3);
        assertThat(details.getKeys().get(0).getSize()).isEqualTo(20_000L);
        assertThat(dcs.showBigkeyScanTaskDetails(r -> r.instanceId(id).bigkeyId(created.getId())).keys())
                .anySatisfy(k -> assertThat(k.unit()).isEqualTo("count"));

        // list, status filter, paging
        JsonNode list = ok("GET", base + "/bigkey-tasks", null);
        assertThat(list.path("instance_id").asText()).isEqualTo(id);
        assertThat(list.path("count").asInt()).isEqualTo(1);
        assertThat(list.path("records").get(0).path("id").asText()).isEqualTo(created.getId());
        assertThat(list.path("records").get(0).path("status").asText()).isEqualTo("success");
        assertThat(ok("GET", base + "/bigkey-tasks?status=waiting", null).path("count").asInt()).isZero();
        error(call("GET", base + "/bigkey-tasks?limit=0", null), 400, "DCS.4800");

        // delete answers the deleted record; then it is gone (DCS.4942)
        JsonNode deleted = ok("DELETE", base + "/bigkey-task/" + created.getId(), null);
        assertThat(deleted.path("id").asText()).isEqualTo(created.getId());
        assertThat(deleted.path("keys")).hasSize(3);
        error(call("GET", base + "/bigkey-task/" + created.getId(), null), 400, "DCS.4942");
        error(call("DELETE", base + "/bigkey-task/" + created.getId(), null), 400, "DCS.4942");
        assertThat(ok("GET", base + "/bigkey-tasks", null).path("count").asInt()).isZero();

        // unknown instance
        error(call("POST", v2 + "/instances/2b4e0e5e-0000-4000-8000-000000000000/bigkey-task", null), 404, "DCS.3022");
    }

    @Test
    void hotKeyAnalysisNeedsAnLfuPolicyAndReadsObjectFreq() throws Exception {
        String id = create("hotkey-1");
        String base = v2 + "/instances/" + id;
        // the instance's default policy is not LFU: the seed's precondition
        HuaweiTestClient.Answer refused = call("POST", base + "/hotkey-task", null);
        error(refused, 400, "DCS.4922");
        assertThat(refused.body().path("error_msg").asText()).startsWith("Does not support hotkey analyze.");
        ClientRequestException sdkError = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> sdk.createHotkeyScanTask(new CreateHotkeyScanTaskRequest().withInstanceId(id)), ClientRequestException.class);
        assertThat(sdkError.getErrorCode()).isEqualTo("DCS.4922");
        assertThat(sdkError.getHttpStatusCode()).isEqualTo(400);

        // maxmemory-policy allkeys-lfu through the parameters API, then accesses
        HuaweiTestClient.Answer configured = call("PUT", base + "/configs", "{\"redis_config\":[{\"param_id\":\"2\","
                + "\"param_name\":\"maxmemory-policy\",\"param_value\":\"allkeys-lfu\"}]}");
        assertThat(configured.status()).as(configured.text()).isEqualTo(204);
        long expectedFreq;
        try (Jedis jedis = jedis(id)) {
            assertThat(jedis.configGet("maxmemory-policy")).containsEntry("maxmemory-policy", "allkeys-lfu");
            jedis.set("hot:a", "value-a");
            jedis.set("cold:b", "value-b");
            for (int n = 0; n < 3_000; n++) jedis.get("hot:a");
            expectedFreq = jedis.objectFreq("hot:a");
        }
        assertThat(expectedFreq).isGreaterThan(CacheAnalysisActions.LFU_INIT);

        JsonNode created = ok("POST", base + "/hotkey-task", null);
        assertThat(created.path("status").asText()).isEqualTo("waiting");
        assertThat(created.path("num").asInt()).isZero();
        String taskId = created.path("id").asText();
        ShowHotkeyTaskDetailsResponse details;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        do {
            details = sdk.showHotkeyTaskDetails(new ShowHotkeyTaskDetailsRequest().withInstanceId(id).withHotkeyId(taskId));
            Thread.sleep(50);
        } while (!"success".equals(String.valueOf(details.getStatus())) && System.nanoTime() < deadline);
        assertThat(details.getStatus()).hasToString("success");
        assertThat(details.getNum()).isEqualTo(1);
        assertThat(details.getKeys()).singleElement().satisfies(k -> {
            assertThat(k.getName()).isEqualTo("hot:a");
            assertThat(k.getType()).hasToString("string");
            assertThat(k.getDb()).isZero();
            assertThat(k.getUnit()).isEqualTo("byte");
            assertThat(k.getSize()).isPositive();
            assertThat(k.getFreq().longValue()).isBetween(expectedFreq - 1, expectedFreq);
        });

        ListHotKeyScanTasksResponse list = sdk.listHotKeyScanTasks(new ListHotKeyScanTasksRequest().withInstanceId(id));
        assertThat(list.getCount()).isEqualTo(1);
        assertThat(list.getRecords().get(0).getId()).isEqualTo(taskId);

        JsonNode deleted = ok("DELETE", base + "/hotkey-task/" + taskId, null);
        assertThat(deleted.path("keys").get(0).path("name").asText()).isEqualTo("hot:a");
        error(call("GET", base + "/hotkey-task/" + taskId, null), 400, "DCS.4941");
        error(call("DELETE", base + "/hotkey-task/nope", null), 400, "DCS.4941");
    }

    @Test
    void expiredKeyScansFeedOneHistoryAndRemoveExpiredKeys() throws Exception {
        String id = create("expire-1");
        String base = v2 + "/instances/" + id;
        try (Jedis jedis = jedis(id)) {
            for (int n = 0; n < 10; n++) jedis.set("keep:" + n, "v");
            for (int n = 0; n < 200; n++) jedis.psetex("gone:" + n, 1, "v");
        }
        JsonNode manual = ok("POST", base + "/auto-expire/scan", null);
        assertThat(manual.path("status").asText()).isEqualTo("waiting");
        assertThat(manual.path("scan_type").asText()).isEqualTo("manual");
        assertThat(manual.has("started_at")).isFalse();
        JsonNode task = ok("POST", base + "/scan-expire-keys-task", null);
        assertThat(task.path("status").asText()).isEqualTo("waiting");

        JsonNode history = await(() -> ok("GET", base + "/auto-expire/histories", null),
                b -> b.path("records").size() == 2 && b.findValues("status").stream().allMatch(s -> "success".equals(s.asText())));
        assertThat(HuaweiLogsAndDiagnosisTest.SHAPES.validateShape("ShowExpireKeyScanInfoResponse", history).violations()).isEmpty();
        assertThat(history.path("instance_id").asText()).isEqualTo(id);
        assertThat(history.path("count").asInt()).isEqualTo(2);
        long sum = 0;
        for (JsonNode r : history.path("records")) {
            assertThat(r.path("num").asInt()).isNotNegative();
            assertThat(r.path("finished_at").asText()).isNotBlank();
            sum += r.path("num").asLong();
        }
        assertThat(history.path("total").asLong()).isEqualTo(sum);
        // newest first
        assertThat(history.path("records").get(0).path("id").asText()).isEqualTo(task.path("id").asText());
        try (Jedis jedis = jedis(id)) {
            assertThat(jedis.dbSize()).isEqualTo(10L);
        }
        assertThat(ok("GET", base + "/auto-expire/histories?status=success&limit=1", null).path("records")).hasSize(1);
        assertThat(ok("GET", base + "/auto-expire/histories?status=waiting", null).path("count").asInt()).isZero();
    }

    @Test
    void expiredKeyAutoScanConfigAndItsDocumentedErrors() throws Exception {
        String id = create("expire-cfg");
        String cfg = v2 + "/instances/" + id + "/scan-expire-keys/autoscan-config";
        JsonNode never = ok("GET", cfg, null);
        assertThat(HuaweiLogsAndDiagnosisTest.SHAPES.validateShape("ShowExpireAutoScanConfigResponse", never).violations()).isEmpty();
        assertThat(never.path("enable_auto_scan").asBoolean()).isFalse();
        assertThat(never.path("first_scan_at").isNull()).isTrue();
        assertThat(never.path("scan_keys_count").isNull()).isTrue();
        assertThat(never.path("updated_at").isNull()).isTrue();

        error(call("PUT", cfg, "{\"scan_keys_count\":5}"), 400, "DCS.4822");
        error(call("PUT", cfg, "{\"scan_keys_count\":1001}"), 400, "DCS.4822");
        error(call("PUT", cfg, "{\"interval\":-1}"), 400, "DCS.4820");
        error(call("PUT", cfg, "{\"interval\":86400,\"timeout\":100}"), 400, "DCS.4821");
        error(call("PUT", cfg, "{\"first_scan_at\":\"2020-01-01T00:00:00.000Z\"}"), 400, "DCS.4819");
        error(call("PUT", cfg, "{\"first_scan_at\":\"tomorrow\"}"), 400, "DCS.4819");

        String first = HuaweiActionGroup.time(clock.instant().plus(Duration.ofHours(1)));
        JsonNode updated = ok("PUT", cfg, "{\"enable_auto_scan\":true,\"first_scan_at\":\"" + first + "\",\"interval\":3600,"
                + "\"timeout\":7200,\"scan_keys_count\":10}");
        assertThat(updated.path("enable_auto_scan").asBoolean()).isTrue();
        assertThat(updated.path("first_scan_at").asText()).isEqualTo(first);
        assertThat(updated.path("interval").asLong()).isEqualTo(3600);
        assertThat(updated.path("timeout").asLong()).isEqualTo(7200);
        assertThat(updated.path("scan_keys_count").asInt()).isEqualTo(10);
        assertThat(updated.path("updated_at").asText()).isNotBlank();
        // partial update keeps the rest
        JsonNode partial = ok("PUT", cfg, "{\"scan_keys_count\":20}");
        assertThat(partial.path("first_scan_at").asText()).isEqualTo(first);
        assertThat(ok("GET", cfg, null).path("scan_keys_count").asInt()).isEqualTo(20);
    }

    @Test
    void schedulesAreStoredAndRunWhenTheirTimeHasCome() throws Exception {
        String id = create("sched-1");
        String base = v2 + "/instances/" + id;
        JsonNode none = ok("GET", base + "/bigkey/autoscan", null);
        assertThat(none.path("enable_auto_scan").asBoolean()).isFalse();
        assertThat(none.path("schedule_at")).isEmpty();
        error(call("PUT", base + "/bigkey/autoscan", "{\"enable_auto_scan\":true,\"schedule_at\":[\"25:00\"]}"), 400, "DCS.4063");
        error(call("PUT", base + "/hotkey/autoscan", "{\"enable_auto_scan\":true,\"schedule_at\":[]}"), 400, "DCS.4063");

        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
        Instant soon = clock.instant().plus(Duration.ofMinutes(2));
        String at = hhmm.format(soon);
        JsonNode big = ok("PUT", base + "/bigkey/autoscan", "{\"enable_auto_scan\":true,\"schedule_at\":[\"" + at + "\",\"" + at + "\"]}");
        assertThat(big.path("schedule_at")).hasSize(1);
        assertThat(big.path("schedule_at").get(0).asText()).isEqualTo(at);
        assertThat(big.path("updated_at").asText()).isNotBlank();
        assertThat(dcs.showBigkeyAutoscanConfig(r -> r.instanceId(id)).scheduleAt()).containsExactly(at);
        JsonNode hot = ok("PUT", base + "/hotkey/autoscan", "{\"enable_auto_scan\":false,\"schedule_at\":[\"21:00\"]}");
        assertThat(hot.path("enable_auto_scan").asBoolean()).isFalse();
        assertThat(ok("GET", base + "/hotkey/autoscan", null).path("schedule_at").get(0).asText()).isEqualTo("21:00");

        // expired-key auto scan every hour from an hour on
        Instant first = clock.instant().plus(Duration.ofHours(1));
        ok("PUT", base + "/scan-expire-keys/autoscan-config", "{\"enable_auto_scan\":true,\"first_scan_at\":\""
                + HuaweiActionGroup.time(first) + "\",\"interval\":3600,\"timeout\":7200}");
        assertThat(ok("GET", base + "/bigkey-tasks", null).path("count").asInt()).isZero();
        assertThat(ok("GET", base + "/auto-expire/histories", null).path("count").asInt()).isZero();

        // 2.5 hours later: one auto big-key run (the daily time passed) and one auto expired-key scan (first + 1 h)
        clock.offset = Duration.ofMinutes(150);
        try {
            JsonNode runs = await(() -> ok("GET", base + "/bigkey-tasks", null),
                    b -> b.path("count").asInt() == 1 && "success".equals(b.path("records").get(0).path("status").asText()));
            JsonNode run = runs.path("records").get(0);
            assertThat(run.path("scan_type").asText()).isEqualTo("auto");
            assertThat(run.path("created_at").asText()).endsWith(at.substring(3) + ":00.000Z");
            JsonNode scans = await(() -> ok("GET", base + "/auto-expire/histories", null),
                    b -> b.path("count").asInt() == 1 && "success".equals(b.path("records").get(0).path("status").asText()));
            assertThat(scans.path("records").get(0).path("scan_type").asText()).isEqualTo("auto");
            assertThat(scans.path("records").get(0).path("created_at").asText())
                    .isEqualTo(HuaweiActionGroup.time(first.plus(Duration.ofHours(1))));
            // due times are run once
            assertThat(ok("GET", base + "/bigkey-tasks", null).path("count").asInt()).isEqualTo(1);
            assertThat(ok("GET", base + "/auto-expire/histories", null).path("count").asInt()).isEqualTo(1);
        } finally {
            clock.offset = Duration.ZERO;
        }
    }
}
