package io.cachesh.emulator.huawei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.huawei.dcs.HuaweiDcsClient;
import io.cachesh.client.huawei.dcs.HuaweiDcsWaiters;
import io.cachesh.emulator.Emulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Background tasks and the task centre, parameter templates, SSL, the IP whitelist, the tenant quota and the
 * monitored objects, over raw signed HTTP.
 */
class HuaweiDcsTasksTemplatesNetworkTest {

    static final String PASSWORD = "Cachesh-Pass1";
    static final Duration WAIT = Duration.ofSeconds(20);

    static Emulator emulator;
    static HuaweiDcsClient dcs;
    static HuaweiTestClient raw;
    static String v2;
    static String id;
    static String id5;

    @BeforeAll
    static void start() {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(300)).build().start();
        assumeTrue(emulator.dataPlaneAvailable(), "no redis-server on this machine: " + emulator.dataPlaneDescription());
        dcs = HuaweiDcsClient.create(ClientConfig.builder().credentials(emulator.credentials()).region("cn-north-4")
                .projectId(emulator.huaweiProjectId()).endpoint(emulator.endpoint()).build());
        raw = new HuaweiTestClient(emulator.endpoint(), emulator.credentials(), emulator.huaweiProjectId());
        v2 = "/v2/" + emulator.huaweiProjectId();
        id = create("tasks-6", "6.0");
        id5 = create("tasks-5", "5.0");
        HuaweiDcsWaiters w = HuaweiDcsWaiters.create(dcs).withInterval(Duration.ofMillis(50));
        w.waitForInstanceStatus(id, HuaweiDcsWaiters.RUNNING, WAIT);
        w.waitForInstanceStatus(id5, HuaweiDcsWaiters.RUNNING, WAIT);
    }

    static String create(String name, String version) {
        return dcs.createInstance(r -> r.name(name).engine("Redis").engineVersion(version).capacity(0.125)
                .specCode("redis.ha.xu1.tiny.r2.128").azCodes(List.of("cn-north-4a")).vpcId("vpc-1").subnetId("subnet-1")
                .password(PASSWORD)).instances().get(0).instanceId();
    }

    @AfterAll
    static void stop() throws Exception {
        if (dcs != null) dcs.close();
        if (emulator != null) emulator.close();
    }

    static JsonNode ok(HuaweiTestClient.Answer a, int status) {
        assertThat(a.status()).as(a.text()).isEqualTo(status);
        return a.body();
    }

    static void assertV2(HuaweiTestClient.Answer a, int status, String code) {
        assertThat(a.status()).as(a.text()).isEqualTo(status);
        assertThat(a.body().path("error_code").asText()).as(a.text()).isEqualTo(code);
        assertThat(a.body().path("error_msg").asText()).isNotBlank();
    }

    static String waitJob(String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode job;
        do {
            Thread.sleep(50);
            job = raw.signed("GET", v2 + "/jobs/" + jobId, null).body();
        } while ("RUNNING".equals(job.path("status").asText()) && System.nanoTime() < deadline);
        return job.path("status").asText() + " " + job.path("fail_reason").asText();
    }

    @Test
    void sslIsAStateSwitchedByAJob() throws Exception {
        String ssl = v2 + "/instances/" + id + "/ssl";
        JsonNode off = ok(raw.signed("GET", ssl, null), 200);
        assertThat(off.has("enabled")).isFalse();
        assertThat(off.path("ip").asText()).isEqualTo("127.0.0.1");
        assertV2(raw.signed("POST", v2 + "/instances/" + id + "/ssl-certs/download", null), 400, "DCS.4201");

        JsonNode switched = ok(raw.signed("PUT", ssl, "{\"enabled\":true}"), 200);
        assertThat(switched.path("instance_id").asText()).isEqualTo(id);
        assertThat(switched.path("result").isNull()).isTrue();
        assertThat(waitJob(switched.path("job_id").asText())).startsWith("SUCCESS");
        JsonNode on = ok(raw.signed("GET", ssl, null), 200);
        assertThat(on.path("enabled").asBoolean()).isTrue();
        assertThat(on.path("port").isTextual()).isTrue();
        assertThat(on.path("domain_name").asText()).endsWith(":" + on.path("port").asText());
        assertThat(on.path("ssl_validated").asBoolean()).isTrue();
        assertThat(on.path("ssl_expired_at").asText()).endsWith("Z");
        JsonNode cert = ok(raw.signed("POST", v2 + "/instances/" + id + "/ssl-certs/download", null), 200);
        assertThat(cert.path("file_name").asText()).contains(id);
        assertThat(cert.path("link").asText()).startsWith("https://").contains(cert.path("bucket_name").asText());

        // only Redis 6.0 basic edition
        assertV2(raw.signed("PUT", v2 + "/instances/" + id5 + "/ssl", "{\"enabled\":true}"), 400, "DCS.4201");
        assertV2(raw.signed("GET", v2 + "/instances/" + id5 + "/ssl", null), 400, "DCS.4201");
    }

    @Test
    void whitelistReplacesGroupsWithinTheSeedsLimits() {
        String wl = v2 + "/instance/" + id5 + "/whitelist";
        JsonNode empty = ok(raw.signed("GET", wl, null), 200);
        assertThat(empty.path("enable_whitelist").asBoolean()).isFalse();
        ok(raw.signed("PUT", wl, "{\"enable_whitelist\":true,\"whitelist\":[{\"group_name\":\"test001\",\"ip_list\":"
                + "[\"10.10.10.1\",\"10.10.10.0/24\"]}]}"), 204);
        JsonNode shown = ok(raw.signed("GET", wl, null), 200);
        assertThat(shown.path("instance_id").asText()).isEqualTo(id5);
        assertThat(shown.path("enable_whitelist").asBoolean()).isTrue();
        assertThat(shown.path("whitelist").get(0).path("group_name").asText()).isEqualTo("test001");
        assertThat(shown.path("whitelist").get(0).path("ip_list").toString()).isEqualTo("[\"10.10.10.1\",\"10.10.10.0/24\"]");

        // limits: 4 groups, 20 addresses, never 0.0.0.0
        StringBuilder five = new StringBuilder("{\"enable_whitelist\":true,\"whitelist\":[");
        for (int g = 0; g < 5; g++) five.append(g == 0 ? "" : ",").append("{\"group_name\":\"g").append(g).append("\",\"ip_list\":[\"10.0.0.").append(g).append("\"]}");
        assertV2(raw.signed("PUT", wl, five + "]}"), 400, "DCS.4063");
        List<String> ips = new ArrayList<>();
        for (int n = 1; n <= 21; n++) ips.add("\"10.0.1." + n + "\"");
        assertV2(raw.signed("PUT", wl, "{\"enable_whitelist\":true,\"whitelist\":[{\"group_name\":\"big\",\"ip_list\":["
                + String.join(",", ips) + "]}]}"), 400, "DCS.4063");
        assertV2(raw.signed("PUT", wl, "{\"enable_whitelist\":true,\"whitelist\":[{\"group_name\":\"all\",\"ip_list\":[\"0.0.0.0/0\"]}]}"), 400, "DCS.4063");
        assertV2(raw.signed("PUT", wl, "{\"enable_whitelist\":true,\"whitelist\":[{\"group_name\":\"bad\",\"ip_list\":[\"300.1.1.1\"]}]}"), 400, "DCS.4063");
        // refused changes left it as it was
        assertThat(ok(raw.signed("GET", wl, null), 200).path("whitelist").size()).isEqualTo(1);
        // the change is an AddWhitelist background task
        JsonNode tasks = ok(raw.signed("GET", v2 + "/instances/" + id5 + "/tasks", null), 200);
        assertThat(tasks.path("tasks").findValuesAsText("name")).contains("AddWhitelist");
    }

    @Test
    void backgroundTasksFollowTheFleet() throws Exception {
        String tasksPath = v2 + "/instances/" + id + "/tasks";
        JsonNode list = ok(raw.signed("GET", tasksPath + "?offset=0&limit=10", null), 200);
        assertThat(list.path("task_count").isTextual()).isTrue();
        JsonNode create = null;
        for (JsonNode t : list.path("tasks")) if ("CreateInstance".equals(t.path("name").asText())) create = t;
        assertThat(create).isNotNull();
        assertThat(create.path("id").asText()).matches("[0-9a-f]{32}");
        assertThat(create.path("status").asText()).isEqualTo("SUCCESS");
        assertThat(create.path("created_at").asText()).endsWith("Z");
        assertThat(create.path("enable_show").asBoolean()).isTrue();
        String taskId = create.path("id").asText();

        JsonNode progress = ok(raw.signed("GET", tasksPath + "/" + taskId + "/progress", null), 200);
        assertThat(progress.path("progress").asInt()).isEqualTo(100);
        assertThat(progress.path("remain_time").asInt()).isZero();
        assertThat(progress.path("step_details").get(1).path("step_status").asText()).isEqualTo("FINISH");
        assertThat(progress.path("step_details").get(0).path("begin_time").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");

        // the task centre shows every Huawei instance's tasks, with the job ids of jobs
        JsonNode center = ok(raw.signed("GET", v2 + "/tasks?limit=1000", null), 200);
        assertThat(Integer.parseInt(center.path("task_count").asText())).isGreaterThanOrEqualTo(2);
        assertThat(center.path("tasks").findValuesAsText("id")).contains(taskId);

        // time filter: nothing before 2000
        JsonNode old = ok(raw.signed("GET", tasksPath + "?end_time=20000101000000", null), 200);
        assertThat(old.path("task_count").asText()).isEqualTo("0");
        assertV2(raw.signed("GET", tasksPath + "?start_time=yesterday", null), 400, "DCS.4062");

        // a running task cannot be deleted; a finished one can, then it is gone from both lists
        JsonNode check = ok(raw.signed("POST", v2 + "/instances/" + id + "/resize/check-job",
                "{\"new_capacity\":1,\"spec_code\":\"redis.ha.xu1.large.r2.1\"}"), 200);
        String checkJob = check.path("job_id").asText();
        JsonNode running = ok(raw.signed("GET", v2 + "/tasks", null), 200).path("tasks").get(0);
        assertThat(running.path("job_id").asText()).isEqualTo(checkJob);
        assertV2(raw.signed("DELETE", v2 + "/tasks/" + running.path("id").asText(), null), 400, "DCS.4017");
        assertThat(waitJob(checkJob)).startsWith("SUCCESS");

        JsonNode deleted = ok(raw.signed("DELETE", tasksPath + "/" + taskId, null), 200);
        assertThat(deleted.path("message").asText()).isEmpty();
        assertThat(ok(raw.signed("GET", tasksPath + "?limit=1000", null), 200).path("tasks").findValuesAsText("id")).doesNotContain(taskId);
        assertV2(raw.signed("GET", tasksPath + "/" + taskId + "/progress", null), 400, "DCS.4133");
        ok(raw.signed("DELETE", v2 + "/tasks/" + running.path("id").asText(), null), 200);
        assertThat(ok(raw.signed("GET", v2 + "/tasks?limit=1000", null), 200).path("tasks").findValuesAsText("id"))
                .doesNotContain(running.path("id").asText());
        assertV2(raw.signed("DELETE", tasksPath + "/not-a-task", null), 400, "DCS.4070");

        // the resize pre-check fails when the flavor is the current one; bad flavors are refused at once
        JsonNode same = ok(raw.signed("POST", v2 + "/instances/" + id + "/resize/check-job",
                "{\"spec_code\":\"redis.ha.xu1.tiny.r2.128\"}"), 200);
        assertThat(waitJob(same.path("job_id").asText())).startsWith("FAILED").contains("already");
        assertV2(raw.signed("POST", v2 + "/instances/" + id + "/resize/check-job", "{\"spec_code\":\"redis.nope\"}"), 400, "DCS.4927");
        assertV2(raw.signed("POST", v2 + "/instances/" + id + "/resize/check-job",
                "{\"new_capacity\":2,\"spec_code\":\"redis.ha.xu1.large.r2.1\"}"), 400, "DCS.4012");

        // export job: unknown job
        assertV2(raw.signed("GET", v2 + "/instances/export-job?job_id=ffffffffffffffffffffffffffffffff", null), 400, "DCS.4133");
        JsonNode checkAsJob = ok(raw.signed("GET", v2 + "/instances/export-job?job_id=" + checkJob, null), 200);
        assertThat(checkAsJob.path("status").asText()).isEqualTo("SUCCESS");
    }

    @Test
    void configTemplatesSystemAndUser() {
        JsonNode sys = ok(raw.signed("GET", v2 + "/config-templates?type=sys&engine=Redis&engine_version=4.0&cache_mode=single", null), 200);
        assertThat(sys.path("template_num").asInt()).isEqualTo(1);
        JsonNode six = sys.path("templates").get(0);
        assertThat(six.path("template_id").asText()).isEqualTo("6");
        assertThat(six.path("name").asText()).isEqualTo("Default-Redis-4.0-single-generic-DRAM");
        assertThat(six.path("type").asText()).isEqualTo("sys");
        assertThat(six.path("product_type").asText()).isEqualTo("generic");
        assertThat(six.path("storage_type").asText()).isEqualTo("DRAM");
        JsonNode paged = ok(raw.signed("GET", v2 + "/config-templates?type=sys&offset=2&limit=3", null), 200);
        assertThat(paged.path("templates").size()).isEqualTo(3);
        assertThat(paged.path("template_num").asInt()).isGreaterThan(3);

        JsonNode created = ok(raw.signed("POST", v2 + "/config-templates", "{\"name\":\"Test\",\"cache_mode\":\"single\","
                + "\"description\":\"Test\",\"engine\":\"Redis\",\"engine_version\":\"5.0\",\"params\":{\"latency-monitor-threshold\":\"15\"},"
                + "\"template_id\":\"11\",\"type\":\"sys\"}"), 200);
        String tid = created.path("id").asText();
        assertThat(tid).matches("[0-9a-f-]{36}");
        JsonNode shown = ok(raw.signed("GET", v2 + "/config-templates/" + tid + "?type=user", null), 200);
        assertThat(shown.path("name").asText()).isEqualTo("Test");
        assertThat(shown.path("engine_version").asText()).isEqualTo("5.0");
        assertThat(shown.path("cache_mode").asText()).isEqualTo("single");
        assertThat(shown.path("created_at").asText()).endsWith("Z");
        JsonNode users = ok(raw.signed("GET", v2 + "/config-templates?type=user&name=tes", null), 200);
        assertThat(users.path("template_num").asInt()).isEqualTo(1);

        assertThat(ok(raw.signed("PUT", v2 + "/config-templates/" + tid, "{\"name\":\"Renamed\",\"params\":{\"timeout\":\"100\"}}"), 200)
                .path("result").asText()).isEqualTo("success");
        assertThat(ok(raw.signed("GET", v2 + "/config-templates/" + tid + "?type=user", null), 200).path("name").asText()).isEqualTo("Renamed");

        // errors: 111400063
        assertV2(raw.signed("POST", v2 + "/config-templates", "{\"name\":\"X\",\"params\":{\"timeout\":\"99999\"},\"template_id\":\"11\",\"type\":\"sys\"}"), 400, "111400063");
        assertV2(raw.signed("POST", v2 + "/config-templates", "{\"name\":\"X\",\"params\":{\"no-such\":\"1\"},\"template_id\":\"11\",\"type\":\"sys\"}"), 400, "111400063");
        assertV2(raw.signed("POST", v2 + "/config-templates", "{\"name\":\"X\",\"params\":{\"timeout\":\"1\"},\"template_id\":\"999\",\"type\":\"sys\"}"), 400, "111400063");
        assertV2(raw.signed("POST", v2 + "/config-templates", "{\"name\":\"Renamed\",\"params\":{\"timeout\":\"1\"},\"template_id\":\"11\",\"type\":\"sys\"}"), 400, "111400063");
        assertV2(raw.signed("PUT", v2 + "/config-templates/6", "{\"params\":{\"timeout\":\"1\"}}"), 400, "111400063");
        assertV2(raw.signed("DELETE", v2 + "/config-templates/6", null), 400, "111400063");
        assertV2(raw.signed("GET", v2 + "/config-templates/" + tid + "?type=sys", null), 400, "111400063");

        assertThat(ok(raw.signed("DELETE", v2 + "/config-templates/" + tid, null), 200).path("result").asText()).isEqualTo("success");
        assertV2(raw.signed("GET", v2 + "/config-templates/" + tid + "?type=user", null), 400, "111400063");
    }

    @Test
    void quotaCountsTheFleet() {
        JsonNode q = ok(raw.signed("GET", v2 + "/quota", null), 200).path("quotas").path("resources");
        assertThat(q.get(0).path("type").asText()).isEqualTo("instance");
        assertThat(q.get(0).path("quota").asInt()).isEqualTo(10);
        assertThat(q.get(0).path("used").asInt()).isEqualTo(2);
        assertThat(q.get(1).path("type").asText()).isEqualTo("ram");
        assertThat(q.get(1).path("unit").asText()).isEqualTo("GB");
        assertThat(q.get(1).path("used").asInt()).isEqualTo(1);
        // the v1 answer (registered once HuaweiDcsErrorsTest no longer uses v1 quota as its 501 example)
        JsonNode v1 = new QuotaActions(new HuaweiContext(emulator.fleet(), HuaweiFlavors.standard(), emulator.huaweiProjectId()))
                .quotaV1(null).path("quotas");
        assertThat(v1.path("resources").get(0).path("used").asInt()).isEqualTo(2);
        assertThat(v1.path("resources").get(0).path("unit").isNull()).isTrue();
        assertThat(v1.path("resource_user").path("tenant_id").asText()).isEqualTo(emulator.huaweiProjectId());
    }

    @Test
    void monitoredObjectsAreTheInstances() {
        JsonNode main = ok(raw.signed("GET", v2 + "/dims/monitored-objects?dim_name=dcs_instance_id", null), 200);
        assertThat(main.path("router").get(0).asText()).isEqualTo("dcs_instance_id");
        assertThat(main.path("total").asInt()).isEqualTo(2);
        assertThat(main.path("instances").findValuesAsText("dcs_instance_id")).contains(id, id5);
        assertThat(main.path("instances").get(0).path("status").asText()).isEqualTo("RUNNING");
        assertThat(ok(raw.signed("GET", v2 + "/dims/monitored-objects?dim_name=dcs_memcached_instance_id", null), 200)
                .path("total").asInt()).isZero();
        JsonNode one = ok(raw.signed("GET", v2 + "/dims/monitored-objects/" + id + "?dim_name=dcs_instance_id", null), 200);
        assertThat(one.path("total").asInt()).isEqualTo(1);
        assertThat(one.path("instances").get(0).path("name").asText()).isEqualTo("tasks-6");
        assertV2(raw.signed("GET", v2 + "/dims/monitored-objects?dim_name=nope", null), 400, "DCS.4062");
        assertV2(raw.signed("GET", v2 + "/dims/monitored-objects/00000000-0000-0000-0000-000000000000?dim_name=dcs_instance_id", null), 404, "DCS.3022");
    }
}
