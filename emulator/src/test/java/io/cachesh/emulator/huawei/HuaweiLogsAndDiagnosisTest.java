package io.cachesh.emulator.huawei;

import static io.cachesh.emulator.huawei.HuaweiCacheAnalysisTest.await;
import static io.cachesh.emulator.huawei.HuaweiCacheAnalysisTest.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.dcs.v2.DcsClient;
import com.huaweicloud.sdk.dcs.v2.model.CreateDiagnosisTaskBody;
import com.huaweicloud.sdk.dcs.v2.model.CreateDiagnosisTaskRequest;
import com.huaweicloud.sdk.dcs.v2.model.DiagnosisItem;
import com.huaweicloud.sdk.dcs.v2.model.DiagnosisNodeReport;
import com.huaweicloud.sdk.dcs.v2.model.ListSlowlogRequest;
import com.huaweicloud.sdk.dcs.v2.model.ListSlowlogResponse;
import com.huaweicloud.sdk.dcs.v2.model.ShowDiagnosisTaskDetailsRequest;
import com.huaweicloud.sdk.dcs.v2.model.ShowDiagnosisTaskDetailsResponse;
import io.cachesh.emulator.Emulator;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** Slow log, run logs and diagnosis (5.9, 5.13) from the real redis-server, raw and through the official SDK. */
class HuaweiLogsAndDiagnosisTest {

    static final String PASSWORD = "Cachesh-Pass1";

    static final io.cachesh.emulator.validate.ModelValidator SHAPES =
            new io.cachesh.emulator.validate.ModelValidator(io.cachesh.model.Models.load("huawei-dcs-v2"), true);

    static Emulator emulator;
    static HuaweiTestClient raw;
    static String v2;
    static DcsClient sdk;

    @BeforeAll
    static void start() {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(300)).build().start();
        assumeTrue(emulator.dataPlaneAvailable(), "no redis-server on this machine: " + emulator.dataPlaneDescription());
        raw = new HuaweiTestClient(emulator.endpoint(), emulator.credentials(), emulator.huaweiProjectId());
        v2 = "/v2/" + emulator.huaweiProjectId();
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

    static JsonNode ok(String method, String target, String body) {
        HuaweiTestClient.Answer a = raw.signed(method, target, body);
        assertThat(a.status()).as(method + " " + target + " -> " + a.text()).isEqualTo(200);
        return a.body();
    }

    /** A running instance: {id, created_at}. */
    static String[] create(String name, String spec) throws InterruptedException {
        HuaweiTestClient.Answer created = raw.signed("POST", v2 + "/instances", "{\"name\":\"" + name + "\",\"engine\":\"Redis\","
                + "\"engine_version\":\"6.0\",\"capacity\":0.125,\"spec_code\":\"" + spec + "\",\"az_codes\":[\"cn-north-4a\"],"
                + "\"vpc_id\":\"v\",\"subnet_id\":\"s\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        String id = created.body().path("instances").get(0).path("instance_id").asText();
        JsonNode shown = await(() -> raw.signed("GET", v2 + "/instances/" + id, null).body(),
                b -> "RUNNING".equals(b.path("status").asText()));
        return new String[]{id, shown.path("created_at").asText()};
    }

    static Jedis jedis(String id) {
        JsonNode shown = ok("GET", v2 + "/instances/" + id, null);
        Jedis jedis = new Jedis(shown.path("ip").asText(), shown.path("port").asInt());
        jedis.auth(PASSWORD);
        return jedis;
    }

    @Test
    void slowLogIsTheServersFilteredSortedAndPaged() throws Exception {
        String id = create("slowlog-1", "redis.single.xu1.tiny.128")[0];
        String base = v2 + "/instances/" + id + "/slowlog";
        long from = System.currentTimeMillis() - 2_000;
        // log everything through the parameters API, then run commands
        HuaweiTestClient.Answer configured = raw.signed("PUT", v2 + "/instances/" + id + "/configs", "{\"redis_config\":"
                + "[{\"param_id\":\"10\",\"param_name\":\"slowlog-log-slower-than\",\"param_value\":\"0\"}]}");
        assertThat(configured.status()).as(configured.text()).isEqualTo(204);
        try (Jedis jedis = jedis(id)) {
            jedis.set("slow:key", "value");
            jedis.get("slow:key");
            String[] many = new String[5_000];
            for (int n = 0; n < many.length; n++) many[n] = "m" + n;
            jedis.sadd("slow:set", many);
        }
        long to = System.currentTimeMillis() + 2_000;
        String window = "?start_time=" + from + "&end_time=" + to;

        JsonNode all = ok("GET", base + window + "&limit=1000", null);
        assertThat(all.path("total_num").asInt()).isEqualTo(all.path("count").asInt()).isGreaterThanOrEqualTo(3);
        List<String> commands = new ArrayList<>();
        all.path("slowlogs").forEach(e -> commands.add(e.path("command").asText()));
        assertThat(commands).contains("SET slow:key value", "GET slow:key");
        assertThat(commands).noneMatch(c -> c.startsWith("SLOWLOG") || c.startsWith("HELLO"));
        JsonNode first = all.path("slowlogs").get(0);
        assertThat(first.path("start_time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(Double.parseDouble(first.path("duration").asText())).isNotNegative();
        assertThat(first.has("shard_name")).isFalse();
        // default order: start_time desc; ids are redis' own, descending with time
        assertThat(all.path("slowlogs").get(0).path("id").asLong()).isGreaterThan(all.path("slowlogs").get(1).path("id").asLong());

        assertThat(SHAPES.validateShape("ListSlowlogResponse", all).violations()).isEmpty();
        JsonNode byDuration = ok("GET", base + window + "&sort_key=duration&sort_dir=asc&limit=1000", null);
        double previous = -1;
        for (JsonNode e : byDuration.path("slowlogs")) {
            double d = Double.parseDouble(e.path("duration").asText());
            assertThat(d).isGreaterThanOrEqualTo(previous);
            previous = d;
        }
        JsonNode slowest = ok("GET", base + window + "&sort_key=duration&limit=1", null);
        assertThat(slowest.path("slowlogs")).hasSize(1);
        assertThat(slowest.path("slowlogs").get(0).path("duration").asText())
                .isEqualTo(byDuration.path("slowlogs").get(byDuration.path("slowlogs").size() - 1).path("duration").asText());
        JsonNode paged = ok("GET", base + window + "&offset=1&limit=1", null);
        assertThat(paged.path("slowlogs").get(0).path("id").asLong()).isEqualTo(all.path("slowlogs").get(1).path("id").asLong());
        assertThat(ok("GET", base + "?start_time=0&end_time=1000", null).path("total_num").asInt()).isZero();

        ListSlowlogResponse viaSdk = sdk.listSlowlog(new ListSlowlogRequest().withInstanceId(id)
                .withStartTime(Long.toString(from)).withEndTime(Long.toString(to)).withLimit(1000));
        assertThat(viaSdk.getTotalNum()).isEqualTo(all.path("total_num").asInt());
        assertThat(viaSdk.getSlowlogs()).anySatisfy(e -> assertThat(e.getCommand()).isEqualTo("GET slow:key"));

        error(raw.signed("GET", base + "?start_time=yesterday&end_time=" + to, null), 400, "DCS.4800");
        assertThat(raw.signed("GET", base + "?start_time=yesterday&end_time=" + to, null).body().path("error_msg").asText())
                .startsWith("Invalid start_time in the request.");
        error(raw.signed("GET", base + "?start_time=" + to + "&end_time=" + from, null), 400, "DCS.4800");
        assertThat(raw.signed("GET", base + "?end_time=" + to, null).status()).isEqualTo(400);
        error(raw.signed("GET", base + window + "&limit=1001", null), 400, "DCS.4062");
    }

    @Test
    void runLogsAreCollectedFromTheRedisServerProcess() throws Exception {
        String id = create("runlog-1", "redis.single.xu1.tiny.128")[0];
        String base = v2 + "/instances/" + id + "/redislog";
        assertThat(ok("GET", base + "?log_type=run", null).path("total_num").asInt()).isZero();
        HuaweiTestClient.Answer badType = raw.signed("POST", base + "?log_type=audit", null);
        error(badType, 400, "DCS.4800");
        assertThat(badType.body().path("error_msg").asText()).startsWith("Invalid logType.");
        error(raw.signed("GET", base + "?log_type=slow", null), 400, "DCS.4800");
        error(raw.signed("POST", base + "?log_type=run&query_time=2", null), 400, "DCS.4800");

        HuaweiTestClient.Answer collect = raw.signed("POST", base + "?log_type=run&query_time=7", null);
        assertThat(collect.status()).as(collect.text()).isEqualTo(204);
        JsonNode list = await(() -> ok("GET", base + "?log_type=run", null),
                b -> b.path("total_num").asInt() == 1 && "succeed".equals(b.path("file_list").get(0).path("status").asText()));
        assertThat(SHAPES.validateShape("ListRedislogResponse", list).violations()).isEmpty();
        JsonNode file = list.path("file_list").get(0);
        String today = Instant.now().atZone(ZoneOffset.UTC).toLocalDate().toString();
        assertThat(file.path("file_name").asText()).isEqualTo("redis_127.0.0.1_" + today + ".log");
        assertThat(file.path("time").asText()).isEqualTo(today);
        assertThat(file.path("group_name").asText()).isEqualTo("group-0");
        assertThat(file.path("replication_ip").asText()).isEqualTo("127.0.0.1");
        assertThat(file.path("backup_id").asText()).isEqualTo(file.path("id").asText());

        String logId = file.path("id").asText();
        JsonNode link = ok("POST", base + "/" + logId + "/links", null);
        assertThat(link.path("id").asText()).isEqualTo(logId);
        assertThat(link.path("backup_id").asText()).isEqualTo(logId);
        Path collected = Path.of(URI.create(link.path("link").asText()));
        assertThat(collected.getFileName()).hasToString("redis_127.0.0.1_" + today + ".log");
        assertThat(Files.readString(collected)).contains("Ready to accept connections");
        error(raw.signed("POST", base + "/no-such-log/links", null), 400, "DCS.4800");

        // not a single-node instance: replication_id is required
        String ha = create("runlog-ha", "redis.ha.xu1.tiny.r2.128")[0];
        error(raw.signed("POST", v2 + "/instances/" + ha + "/redislog?log_type=run", null), 400, "DCS.4800");
        HuaweiTestClient.Answer withReplica = raw.signed("POST", v2 + "/instances/" + ha + "/redislog?log_type=run&replication_id=r1", null);
        assertThat(withReplica.status()).as(withReplica.text()).isEqualTo(204);
    }

    @Test
    void diagnosisReportsAreComputedFromInfo() throws Exception {
        String[] created = create("diag-1", "redis.single.xu1.tiny.128");
        String id = created[0];
        Instant createdAt = Instant.parse(created[1]);
        String base = v2 + "/instances/" + id + "/diagnosis";
        Thread.sleep(20);
        long begin = Math.max(createdAt.toEpochMilli() + 1, System.currentTimeMillis() - 1_000);

        // the seed's window rules
        error(raw.signed("POST", base, body(begin, begin)), 400, "DCS.4025");
        error(raw.signed("POST", base, body(begin, begin + 600_001)), 400, "DCS.4028");
        long future = System.currentTimeMillis() + 3_600_000;
        error(raw.signed("POST", base, body(future, future + 1000)), 400, "DCS.4031");
        long old = System.currentTimeMillis() - Duration.ofDays(8).toMillis();
        error(raw.signed("POST", base, body(old, old + 1000)), 400, "DCS.4030");
        long beforeCreation = createdAt.toEpochMilli() - 60_000;
        error(raw.signed("POST", base, body(beforeCreation, beforeCreation + 1000)), 400, "DCS.4033");
        error(raw.signed("POST", base, "{\"begin_time\":\"soon\",\"end_time\":\"later\"}"), 400, "DCS.4063");
        error(raw.signed("POST", base, "{\"begin_time\":\"" + begin + "\",\"end_time\":\"" + (begin + 1000)
                + "\",\"node_ip_list\":[\"10.0.0.1\"]}"), 400, "DCS.4063");

        // slow commands in the window make time_consuming_commands abnormal
        try (Jedis jedis = jedis(id)) {
            jedis.configSet("slowlog-log-slower-than", "0");
            jedis.set("diag:key", "v");
        }
        String reportId = sdk.createDiagnosisTask(new CreateDiagnosisTaskRequest().withInstanceId(id)
                .withBody(new CreateDiagnosisTaskBody().withBeginTime(Long.toString(begin))
                        .withEndTime(Long.toString(begin + 600_000)).withNodeIpList(List.of("127.0.0.1")))).getReportId();
        assertThat(reportId).matches("[0-9a-f-]{36}");
        JsonNode list = await(() -> ok("GET", base, null),
                b -> "finished".equals(b.path("diagnosis_report_list").get(0).path("status").asText()));
        JsonNode info = list.path("diagnosis_report_list").get(0);
        assertThat(list.path("total_num").asInt()).isEqualTo(1);
        assertThat(info.path("report_id").asText()).isEqualTo(reportId);
        assertThat(info.path("node_num").asInt()).isEqualTo(1);
        assertThat(info.path("begin_time").asText()).isEqualTo(HuaweiActionGroup.time(Instant.ofEpochMilli(begin)));
        assertThat(info.path("abnormal_item_sum").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(info.path("failed_item_sum").asInt()).isZero();

        ShowDiagnosisTaskDetailsResponse report = sdk.showDiagnosisTaskDetails(new ShowDiagnosisTaskDetailsRequest().withReportId(reportId));
        assertThat(report.getAbnormalItemSum()).isEqualTo(info.path("abnormal_item_sum").asInt());
        DiagnosisNodeReport node = report.getDiagnosisNodeReportList().get(0);
        JsonNode shown = ok("GET", v2 + "/instances/" + id, null);
        assertThat(node.getNodeIp()).isEqualTo("127.0.0.1:" + shown.path("port").asInt());
        assertThat(node.getRole()).hasToString("master");
        assertThat(node.getGroupName()).isEqualTo("group-0");
        assertThat(node.getAzCode()).isEqualTo("cn-north-4a");
        assertThat(node.getDiagnosisDimensionList()).extracting(d -> String.valueOf(d.getName())).containsExactly("load", "storage", "network");
        DiagnosisItem slow = item(node, "time_consuming_commands");
        assertThat(slow.getResult()).hasToString("abnormal");
        assertThat(slow.getCauseIds().get(0).getId()).isEqualTo(10);
        assertThat(slow.getCauseIds().get(0).getParams().get("COMMANDS")).contains("set");
        assertThat(slow.getAdviceIds().get(0).getId()).isEqualTo(7);
        assertThat(item(node, "connection_num").getResult()).hasToString("normal");
        assertThat(item(node, "persistence").getResult()).hasToString("normal");
        assertThat(node.getCommandTimeTakenList().getCommandList()).anySatisfy(c -> {
            assertThat(c.getCommandName()).isEqualTo("set");
            assertThat(c.getCallsSum()).isPositive();
            assertThat(c.getPerUsec()).endsWith("%");
        });

        // connections near maxclients: connection_num and (refused clients) rx_controlled abnormal
        List<Jedis> clients = new ArrayList<>();
        try (Jedis admin = jedis(id)) {
            admin.configSet("maxclients", "4");
            for (int n = 0; n < 3; n++) {
                Jedis extra = jedis(id);
                clients.add(extra);
            }
        } catch (RuntimeException refusedOnceFull) {
            // the fourth connection may be refused already: rejected_connections counts it
        }
        String second;
        try {
            long begin2 = System.currentTimeMillis() - 500;
            HuaweiTestClient.Answer a = raw.signed("POST", base, body(begin2, begin2 + 1000));
            assertThat(a.status()).as(a.text()).isEqualTo(200);
            second = a.body().path("report_id").asText();
            await(() -> ok("GET", base, null), b -> "finished".equals(b.path("diagnosis_report_list").get(0).path("status").asText()));
        } finally {
            clients.forEach(Jedis::close);
        }
        JsonNode secondReport = ok("GET", v2 + "/diagnosis/" + second, null);
        assertThat(SHAPES.validateShape("ShowDiagnosisTaskDetailsResponse", secondReport).violations()).isEmpty();
        assertThat(SHAPES.validateShape("ListDiagnosisTasksResponse", ok("GET", base, null)).violations()).isEmpty();
        JsonNode network = secondReport.path("diagnosis_node_report_list").get(0).path("diagnosis_dimension_list").get(2);
        assertThat(network.path("name").asText()).isEqualTo("network");
        assertThat(network.toString()).contains("\"name\":\"connection_num\"");
        assertThat(network.path("abnormal_num").asInt()).isGreaterThanOrEqualTo(1);
        try (Jedis admin = jedis(id)) {
            admin.configSet("maxclients", "10000");
        }

        // list paging, delete (with an unknown id), then the report is gone
        assertThat(ok("GET", base + "?limit=1&offset=1", null).path("diagnosis_report_list").get(0).path("report_id").asText())
                .isEqualTo(reportId);
        JsonNode deleted = ok("DELETE", base, "{\"report_id_list\":[\"" + reportId + "\",\"nope\"]}");
        assertThat(deleted.path("results").get(0).path("result").asText()).isEqualTo("successful");
        assertThat(deleted.path("results").get(0).path("id").asText()).isEqualTo(reportId);
        assertThat(deleted.path("results").get(1).path("result").asText()).isEqualTo("failed");
        error(raw.signed("GET", v2 + "/diagnosis/" + reportId, null), 400, "DCS.4062");
        assertThat(ok("GET", base, null).path("total_num").asInt()).isEqualTo(1);
    }

    static DiagnosisItem item(DiagnosisNodeReport node, String name) {
        return node.getDiagnosisDimensionList().stream().flatMap(d -> d.getDiagnosisItemList().stream())
                .filter(i -> name.equals(String.valueOf(i.getName()))).findFirst().orElseThrow();
    }

    static String body(long begin, long end) {
        return "{\"begin_time\":\"" + begin + "\",\"end_time\":\"" + end + "\"}";
    }
}
