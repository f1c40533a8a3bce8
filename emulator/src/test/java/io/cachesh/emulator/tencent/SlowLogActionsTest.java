package io.cachesh.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.client.auth.Secret;
import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.InstanceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * DescribeSlowLog, DescribeProxySlowLog and DescribeTendisSlowLog over TC3-signed HTTP, answered from the real
 * redis-server's SLOWLOG: commands run with Jedis show up with their command line, client and node.
 */
class SlowLogActionsTest {

    static final String PASSWORD = "Cachesh-Pass1";
    /** A Lua script that keeps the server busy for about 30 ms: a real slow command. */
    static final String BUSY_30MS = "local s=redis.call('TIME') local t0=s[1]*1000000+s[2] "
            + "repeat local n=redis.call('TIME') until (n[1]*1000000+n[2])-t0 > 30000 return 1";

    static Emulator emulator;
    static Tc3TestClient client;
    static JsonNode instance;
    static String id;

    @BeforeAll
    static void start() {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(100)).build().start();
        client = new Tc3TestClient(emulator.endpoint(), emulator.credentials());
        assumeTrue(emulator.dataPlaneAvailable(), "no redis-server on this machine: " + emulator.dataPlaneDescription());
        instance = createRunning(client, "slow");
        id = instance.path("InstanceId").asText();
    }

    @AfterAll
    static void stop() {
        if (emulator != null) emulator.close();
    }

    static JsonNode createRunning(Tc3TestClient client, String name) {
        JsonNode created = client.call("CreateInstances", "{\"TypeId\":15,\"MemSize\":1024,\"GoodsNum\":1,\"Period\":1,"
                + "\"BillingMode\":0,\"ZoneId\":100002,\"Password\":\"" + PASSWORD + "\",\"InstanceName\":\"" + name + "\"}");
        return client.waitStatus(created.path("InstanceIds").get(0).asText(), 2);
    }

    static Jedis jedis(int port) {
        Jedis jedis = new Jedis("127.0.0.1", port);
        jedis.auth(PASSWORD);
        return jedis;
    }

    static String window(String instanceId, String extra) {
        Instant now = Instant.now();
        return "{\"InstanceId\":\"" + instanceId + "\",\"BeginTime\":\"" + TencentActionGroup.time(now.minusSeconds(3600))
                + "\",\"EndTime\":\"" + TencentActionGroup.time(now.plusSeconds(3600)) + "\"" + extra + "}";
    }

    static List<String> commandLines(JsonNode details) {
        List<String> lines = new ArrayList<>();
        details.forEach(d -> lines.add(d.path("CommandLine").asText()));
        return lines;
    }

    static String code(JsonNode response) {
        return response.path("Error").path("Code").asText();
    }

    @Test
    void slowLogListsTheCommandsRunOnTheRealServer() {
        String runId;
        try (Jedis jedis = jedis(instance.path("Port").asInt())) {
            jedis.configSet("slowlog-log-slower-than", "0");
            jedis.slowlogReset();
            jedis.set("slow:a", "1");
            jedis.hset("slow:h", "f", "v");
            jedis.get("slow:a");
            runId = jedis.info("server").lines().filter(l -> l.startsWith("run_id:")).findFirst().orElseThrow().substring(7).trim();
        }
        JsonNode r = client.call("DescribeSlowLog", window(id, ",\"Limit\":100"));
        JsonNode details = r.path("InstanceSlowLogDetail");
        assertThat(r.path("TotalCount").asInt()).isEqualTo(details.size()).isGreaterThanOrEqualTo(3);
        assertThat(commandLines(details)).contains("SET slow:a 1", "HSET slow:h f v", "GET slow:a")
                .noneMatch(l -> l.startsWith("SLOWLOG GET")); // the emulator's own reads are left out
        JsonNode set = null;
        for (JsonNode d : details) if (d.path("CommandLine").asText().equals("SET slow:a 1")) set = d;
        assertThat(set).isNotNull();
        assertThat(set.path("Command").asText()).isEqualTo("SET");
        assertThat(set.path("Client").asText()).isEqualTo("127.0.0.1");
        assertThat(set.path("Node").asText()).isEqualTo(runId).hasSize(40);
        assertThat(set.path("Duration").asLong()).isGreaterThanOrEqualTo(0);
        Instant executed = TencentActionGroup.parseTime("ExecuteTime", set.path("ExecuteTime").asText());
        assertThat(executed).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));
        // newest first, as SLOWLOG GET
        assertThat(commandLines(details).indexOf("GET slow:a")).isLessThan(commandLines(details).indexOf("SET slow:a 1"));
    }

    @Test
    void minQueryTimeKeepsOnlyTheSlowCommandsInMilliseconds() {
        try (Jedis jedis = jedis(instance.path("Port").asInt())) {
            jedis.configSet("slowlog-log-slower-than", "0");
            jedis.set("fast", "1");
            jedis.configSet("slowlog-log-slower-than", "20000"); // redis logs the script's own TIME calls too
            jedis.eval(BUSY_30MS);
        }
        JsonNode all = client.call("DescribeSlowLog", window(id, ",\"Limit\":100"));
        assertThat(commandLines(all.path("InstanceSlowLogDetail"))).contains("SET fast 1");
        JsonNode slow = client.call("DescribeSlowLog", window(id, ",\"MinQueryTime\":20,\"Limit\":100"));
        assertThat(slow.path("TotalCount").asInt()).isPositive();
        for (JsonNode d : slow.path("InstanceSlowLogDetail")) {
            assertThat(d.path("Duration").asLong()).isGreaterThanOrEqualTo(20);
        }
        assertThat(slow.path("InstanceSlowLogDetail")).anySatisfy(d -> {
            assertThat(d.path("Command").asText()).isEqualToIgnoringCase("eval");
            assertThat(d.path("Duration").asLong()).isGreaterThanOrEqualTo(30);
        });
    }

    @Test
    void limitAndOffsetPageAndTheTimeWindowFilters() {
        try (Jedis jedis = jedis(instance.path("Port").asInt())) {
            jedis.configSet("slowlog-log-slower-than", "0");
            for (int k = 0; k < 5; k++) jedis.set("page" + k, "v");
        }
        JsonNode all = client.call("DescribeSlowLog", window(id, ",\"Limit\":100"));
        int total = all.path("TotalCount").asInt();
        assertThat(total).isGreaterThanOrEqualTo(5);
        JsonNode first = client.call("DescribeSlowLog", window(id, ",\"Limit\":2,\"Offset\":0"));
        JsonNode second = client.call("DescribeSlowLog", window(id, ",\"Limit\":2,\"Offset\":2"));
        assertThat(first.path("InstanceSlowLogDetail")).hasSize(2);
        assertThat(second.path("InstanceSlowLogDetail")).hasSize(2);
        assertThat(first.path("TotalCount").asInt()).isPositive();
        assertThat(commandLines(first.path("InstanceSlowLogDetail"))).doesNotContainAnyElementsOf(commandLines(second.path("InstanceSlowLogDetail")));
        JsonNode beyond = client.call("DescribeSlowLog", window(id, ",\"Limit\":100,\"Offset\":10000"));
        assertThat(beyond.path("InstanceSlowLogDetail")).isEmpty();

        Instant now = Instant.now();
        JsonNode past = client.call("DescribeSlowLog", "{\"InstanceId\":\"" + id + "\",\"BeginTime\":\""
                + TencentActionGroup.time(now.minusSeconds(7200)) + "\",\"EndTime\":\"" + TencentActionGroup.time(now.minusSeconds(3600)) + "\"}");
        assertThat(past.path("TotalCount").asInt()).isZero();
        assertThat(past.path("InstanceSlowLogDetail")).isEmpty();

        JsonNode replicas = client.call("DescribeSlowLog", window(id, ",\"Role\":\"slave\""));
        assertThat(replicas.path("TotalCount").asInt()).isZero();
        JsonNode master = client.call("DescribeSlowLog", window(id, ",\"Role\":\"master\",\"Limit\":1"));
        assertThat(master.path("InstanceSlowLogDetail")).hasSize(1);
    }

    @Test
    void slowLogRejectsWhatTheSeedRejects() {
        assertThat(code(client.response("DescribeSlowLog", window("crs-00000000", "")))).isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(code(client.response("DescribeSlowLog", "{\"InstanceId\":\"" + id + "\",\"EndTime\":\"2019-09-09 12:12:41\"}")))
                .isEqualTo("MissingParameter");
        assertThat(code(client.response("DescribeSlowLog", "{\"InstanceId\":\"" + id
                + "\",\"BeginTime\":\"2019-09-09 12:12:41\",\"EndTime\":\"2019-09-08 12:12:41\"}"))).isEqualTo("InvalidParameterValue");
        assertThat(code(client.response("DescribeSlowLog", "{\"InstanceId\":\"" + id
                + "\",\"BeginTime\":\"2019-08-01 00:00:00\",\"EndTime\":\"2019-09-08 12:12:41\"}"))).isEqualTo("InvalidParameterValue");
        assertThat(code(client.response("DescribeSlowLog", "{\"InstanceId\":\"" + id
                + "\",\"BeginTime\":\"yesterday\",\"EndTime\":\"2019-09-08 12:12:41\"}"))).isEqualTo("InvalidParameterValue");
        assertThat(code(client.response("DescribeSlowLog", window(id, ",\"Limit\":101")))).isEqualTo("InvalidParameterValue");
        assertThat(code(client.response("DescribeSlowLog", window(id, ",\"Limit\":10,\"Offset\":5")))).isEqualTo("InvalidParameterValue");
        assertThat(code(client.response("DescribeSlowLog", window(id, ",\"MinQueryTime\":-1")))).isEqualTo("InvalidParameterValue");
        assertThat(code(client.response("DescribeSlowLog", window(id, ",\"Role\":\"boss\"")))).isEqualTo("InvalidParameterValue");
        assertThat(code(client.response("DescribeProxySlowLog", window("crs-00000000", "")))).isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(code(client.response("DescribeProxySlowLog", window(id, ",\"Limit\":20,\"Offset\":10")))).isEqualTo("InvalidParameterValue");
        assertThat(code(client.response("DescribeTendisSlowLog", window("crs-00000000", "")))).isEqualTo("ResourceNotFound.InstanceNotExists");
    }

    @Test
    void isolatedInstancesHaveNoSlowLogToRead() {
        JsonNode other = createRunning(client, "isolated");
        String otherId = other.path("InstanceId").asText();
        client.call("DestroyPostpaidInstance", "{\"InstanceId\":\"" + otherId + "\"}");
        client.waitStatus(otherId, -2);
        assertThat(code(client.response("DescribeSlowLog", window(otherId, "")))).isEqualTo("ResourceUnavailable.InstanceStatusError");
        assertThat(code(client.response("DescribeProxySlowLog", window(otherId, "")))).isEqualTo("ResourceUnavailable.InstanceStatusError");
    }

    @Test
    void proxySlowLogKeepsWhatIsOverTheProxyThreshold() {
        JsonNode proxied = createRunning(client, "proxy");
        String proxiedId = proxied.path("InstanceId").asText();
        try (Jedis jedis = jedis(proxied.path("Port").asInt())) {
            jedis.configSet("slowlog-log-slower-than", "0");
            jedis.set("quick", "1");
            jedis.configSet("slowlog-log-slower-than", "20000");
            jedis.eval(BUSY_30MS);
        }
        // proxy-slowlog-log-slower-than defaults to 500 ms: neither command is a proxy slow query
        JsonNode before = client.call("DescribeProxySlowLog", window(proxiedId, ""));
        assertThat(before.path("TotalCount").asInt()).isZero();
        assertThat(before.path("InstanceProxySlowLogDetail")).isEmpty();

        long task = client.call("ModifyInstanceParams", "{\"InstanceId\":\"" + proxiedId
                + "\",\"InstanceParams\":[{\"Key\":\"proxy-slowlog-log-slower-than\",\"Value\":\"10\"}]}").path("TaskId").asLong();
        assertThat(client.waitTask(task).path("Status").asText()).isEqualTo("succeed");
        JsonNode after = client.call("DescribeProxySlowLog", window(proxiedId, ""));
        assertThat(after.path("TotalCount").asInt()).isEqualTo(1);
        JsonNode d = after.path("InstanceProxySlowLogDetail").get(0);
        assertThat(d.path("Command").asText()).isEqualToIgnoringCase("eval");
        assertThat(d.path("CommandLine").asText()).startsWith("EVAL local s=redis.call('TIME')");
        assertThat(d.path("Duration").asLong()).isGreaterThanOrEqualTo(30);
        assertThat(d.path("Client").asText()).isEqualTo("127.0.0.1");
        assertThat(d.has("Node")).isFalse();
        assertThat(TencentActionGroup.parseTime("ExecuteTime", d.path("ExecuteTime").asText()))
                .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));
        JsonNode strict = client.call("DescribeProxySlowLog", window(proxiedId, ",\"MinQueryTime\":1000"));
        assertThat(strict.path("TotalCount").asInt()).isZero();
    }

    @Test
    void tendisSlowLogServesTendisInstancesOnly() throws Exception {
        JsonNode redisOnly = client.response("DescribeTendisSlowLog", window(id, ""));
        assertThat(code(redisOnly)).isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(redisOnly.path("Error").path("Message").asText()).contains("not a Tendis instance");

        Instance tendis = Instance.builder().id("crs-tendis01").engine("tendis").region("ap-guangzhou").createTime(Instant.now())
                .memSizeMb(1024).status(InstanceStatus.RUNNING).password(Secret.of(PASSWORD)).typeId(15).version("6.2").build();
        emulator.fleet().add(tendis);
        emulator.fleet().startDataPlane(tendis);
        try (Jedis jedis = jedis(tendis.dataPlane().port())) {
            jedis.configSet("slowlog-log-slower-than", "0");
            jedis.set("tendis:key", "v");
        }
        JsonNode r = client.call("DescribeTendisSlowLog", window("crs-tendis01", ",\"Limit\":100"));
        assertThat(r.path("TotalCount").asInt()).isPositive();
        assertThat(r.path("TendisSlowLogDetail")).anySatisfy(d -> {
            assertThat(d.path("CommandLine").asText()).isEqualTo("SET tendis:key v");
            assertThat(d.path("Command").asText()).isEqualTo("SET");
            assertThat(d.path("Node").asText()).hasSize(40);
            assertThat(d.path("ExecuteTime").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
            assertThat(d.has("Client")).isFalse();
        });
        JsonNode other = client.response("DescribeTendisSlowLog", "{\"InstanceId\":\"crs-tendis01\",\"BeginTime\":\"2019-09-09 12:12:41\","
                + "\"EndTime\":\"2019-09-08 12:12:41\"}");
        assertThat(code(other)).isEqualTo("InvalidParameterValue");
    }
}
