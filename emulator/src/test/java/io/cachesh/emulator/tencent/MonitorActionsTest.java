package io.cachesh.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.emulator.Emulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * The monitoring actions over TC3-signed HTTP, answered from the real redis-server: big keys from SCAN + TYPE +
 * MEMORY USAGE, hot keys from LFU counters, command statistics and latency histograms, client addresses.
 */
class MonitorActionsTest {

    static final String PASSWORD = SlowLogActionsTest.PASSWORD;

    static Emulator emulator;
    static Tc3TestClient client;
    static JsonNode instance;
    static String id;

    @BeforeAll
    static void start() {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(100)).build().start();
        client = new Tc3TestClient(emulator.endpoint(), emulator.credentials());
        assumeTrue(emulator.dataPlaneAvailable(), "no redis-server on this machine: " + emulator.dataPlaneDescription());
        instance = SlowLogActionsTest.createRunning(client, "monitor");
        id = instance.path("InstanceId").asText();
    }

    @AfterAll
    static void stop() {
        if (emulator != null) emulator.close();
    }

    static Jedis jedis() {
        return SlowLogActionsTest.jedis(instance.path("Port").asInt());
    }

    static String body(String instanceId, String extra) {
        return "{\"InstanceId\":\"" + instanceId + "\"" + extra + "}";
    }

    static String code(JsonNode response) {
        return response.path("Error").path("Code").asText();
    }

    /** Fills db 0 (and one key in db 1) with keys of every type; returns MEMORY USAGE per key. */
    static Map<String, Long> fill() {
        Map<String, Long> sizes = new HashMap<>();
        try (Jedis jedis = jedis()) {
            jedis.flushAll();
            jedis.set("big:string", "x".repeat(100_000));
            jedis.set("huge:string", "y".repeat(300_000));
            jedis.set("small", "1");
            for (int k = 0; k < 2000; k++) jedis.rpush("big:list", "element-" + k);
            jedis.hset("a:hash", Map.of("f1", "v1", "f2", "v2"));
            jedis.sadd("a:set", "m1", "m2", "m3");
            jedis.zadd("a:zset", 1, "z1");
            for (String key : List.of("big:string", "huge:string", "small", "big:list", "a:hash", "a:set", "a:zset")) {
                sizes.put(key, jedis.memoryUsage(key));
            }
            jedis.select(1);
            jedis.set("other:db", "v".repeat(2_000));
            sizes.put("other:db", jedis.memoryUsage("other:db"));
        }
        return sizes;
    }

    @Test
    void bigKeysAreTheLargestKeysByMemoryUsage() {
        Map<String, Long> sizes = fill();
        long before = Instant.now().getEpochSecond();
        JsonNode all = client.call("DescribeInstanceMonitorBigKey", body(id, ",\"ReqType\":2,\"Date\":\"20191101\"")).path("Data");
        assertThat(all).hasSize(8);
        List<String> keys = new ArrayList<>();
        all.forEach(k -> keys.add(k.path("Key").asText()));
        assertThat(keys.subList(0, 3)).containsExactly("huge:string", "big:string", "big:list");
        for (JsonNode k : all) {
            assertThat(k.path("Size").asLong()).as(k.toString()).isEqualTo(sizes.get(k.path("Key").asText()));
            assertThat(k.path("Updatetime").asLong()).isBetween(before - 1, Instant.now().getEpochSecond() + 1);
        }
        assertThat(all.get(0).path("Type").asText()).isEqualTo("string");
        assertThat(all.get(0).path("DB").asInt()).isZero();
        assertThat(all.get(2).path("Type").asText()).isEqualTo("list");
        assertThat(all).anySatisfy(k -> {
            assertThat(k.path("Key").asText()).isEqualTo("other:db");
            assertThat(k.path("DB").asInt()).isEqualTo(1);
        });
        JsonNode strings = client.call("DescribeInstanceMonitorBigKey", body(id, ",\"ReqType\":\"1\",\"Date\":\"2019-11-01\"")).path("Data");
        assertThat(strings).hasSize(4).allSatisfy(k -> assertThat(k.path("Type").asText()).isEqualTo("string"));
    }

    @Test
    void bigKeySizeAndTypeDistributionsCountEveryKey() {
        Map<String, Long> sizes = fill();
        JsonNode dist = client.call("DescribeInstanceMonitorBigKeySizeDist", body(id, ",\"Date\":\"2019-11-07\"")).path("Data");
        List<Integer> ladders = new ArrayList<>();
        dist.forEach(d -> ladders.add(d.path("Ladder").asInt()));
        assertThat(ladders).containsExactly(1, 5, 10, 50, 200, -1);
        long total = 0;
        for (JsonNode d : dist) total += d.path("Size").asLong();
        assertThat(total).isEqualTo(8);
        assertThat(dist.get(4).path("Size").asLong()).isEqualTo(1); // big:string: 100 KB in (50 KB, 200 KB]
        assertThat(dist.get(5).path("Size").asLong()).isEqualTo(1); // huge:string: over 200 KB

        JsonNode types = client.call("DescribeInstanceMonitorBigKeyTypeDist", body(id, ",\"Date\":\"2019-11-07\"")).path("Data");
        Map<String, JsonNode> byType = new HashMap<>();
        types.forEach(t -> byType.put(t.path("Type").asText(), t));
        assertThat(byType).containsOnlyKeys("string", "list", "set", "zset", "hash");
        assertThat(byType.get("string").path("Count").asLong()).isEqualTo(4);
        assertThat(byType.get("string").path("Size").asLong())
                .isEqualTo(sizes.get("big:string") + sizes.get("huge:string") + sizes.get("small") + sizes.get("other:db"));
        assertThat(byType.get("list").path("Count").asLong()).isEqualTo(1);
        assertThat(byType.get("list").path("Size").asLong()).isEqualTo(sizes.get("big:list"));
        assertThat(byType.get("zset").path("Count").asLong()).isEqualTo(1);
        assertThat(types.get(0).path("Updatetime").asLong()).isPositive();
    }

    @Test
    void keyScansAreBounded() {
        try (Jedis jedis = jedis()) {
            jedis.flushAll();
            Pipeline pipe = jedis.pipelined();
            for (int k = 0; k < 12_000; k++) pipe.set("many:" + k, "v");
            pipe.sync();
            assertThat(jedis.dbSize()).isEqualTo(12_000);
        }
        long started = System.nanoTime();
        JsonNode dist = client.call("DescribeInstanceMonitorBigKeySizeDist", body(id, ",\"Date\":\"2019-11-07\"")).path("Data");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        long total = 0;
        for (JsonNode d : dist) total += d.path("Size").asLong();
        assertThat(total).isPositive().isLessThanOrEqualTo(MonitorSession.MAX_KEYS);
        try (Jedis jedis = jedis()) {
            jedis.flushAll();
        }
    }

    @Test
    void hotKeysAreReadFromLfuCounters() {
        try (Jedis jedis = jedis()) {
            jedis.flushAll();
            jedis.configSet("maxmemory-policy", "noeviction");
            jedis.set("warm", "1");
            for (int k = 0; k < 50; k++) jedis.get("warm");
        }
        // no LFU policy: redis counts no accesses, so there are no hot keys to report
        assertThat(client.call("DescribeInstanceMonitorHotKey", body(id, ",\"SpanType\":1")).path("Data")).isEmpty();
        try (Jedis jedis = jedis()) {
            jedis.configSet("maxmemory-policy", "allkeys-lfu");
            jedis.flushAll();
            jedis.set("hot", "1");
            jedis.hset("hot:hash", "f", "v");
            jedis.set("cold", "1");
            for (int k = 0; k < 300; k++) jedis.get("hot");
            for (int k = 0; k < 3; k++) jedis.hget("hot:hash", "f");
        }
        try {
            JsonNode data = client.call("DescribeInstanceMonitorHotKey", body(id, ",\"SpanType\":4")).path("Data");
            assertThat(data).hasSize(2);
            assertThat(data.get(0).path("Key").asText()).isEqualTo("hot");
            assertThat(data.get(0).path("Type").asText()).isEqualTo("string");
            assertThat(data.get(0).path("Count").asLong()).isGreaterThan(data.get(1).path("Count").asLong());
            assertThat(data.get(1).path("Key").asText()).isEqualTo("hot:hash");
            assertThat(data.get(1).path("Type").asText()).isEqualTo("hash");
            // asking does not warm the keys: the counters are read without touching them
            JsonNode again = client.call("DescribeInstanceMonitorHotKey", body(id, ",\"SpanType\":4")).path("Data");
            assertThat(again.get(0).path("Count").asLong()).isEqualTo(data.get(0).path("Count").asLong());
        } finally {
            try (Jedis jedis = jedis()) {
                jedis.configSet("maxmemory-policy", "noeviction");
            }
        }
    }

    @Test
    void topCommandsComeFromCommandStats() {
        try (Jedis jedis = jedis()) {
            jedis.configResetStat();
            for (int k = 0; k < 50; k++) jedis.incr("counter");
            for (int k = 0; k < 20; k++) jedis.get("counter");
        }
        JsonNode data = client.call("DescribeInstanceMonitorTopNCmd", body(id, ",\"SpanType\":1")).path("Data");
        assertThat(data.size()).isBetween(2, MonitorActions.TOP_N);
        assertThat(data.get(0).path("Cmd").asText()).isEqualTo("incr");
        assertThat(data.get(0).path("Count").asLong()).isEqualTo(50);
        assertThat(data.get(1).path("Cmd").asText()).isEqualTo("get");
        assertThat(data.get(1).path("Count").asLong()).isEqualTo(20);
    }

    @Test
    void topCommandTimesComeFromCommandStatsInMilliseconds() {
        try (Jedis jedis = jedis()) {
            jedis.configResetStat();
            jedis.set("fast", "1");
            jedis.eval(SlowLogActionsTest.BUSY_30MS);
        }
        JsonNode data = client.call("DescribeInstanceMonitorTopNCmdTook", body(id, ",\"SpanType\":2")).path("Data");
        assertThat(data.size()).isBetween(2, MonitorActions.TOP_N);
        assertThat(data.get(0).path("Cmd").asText()).isEqualTo("eval");
        assertThat(data.get(0).path("Took").asLong()).isBetween(30L, 5_000L);
        assertThat(data).anySatisfy(c -> {
            assertThat(c.path("Cmd").asText()).isEqualTo("set");
            assertThat(c.path("Took").asLong()).isZero(); // microseconds, below a millisecond
        });
    }

    @Test
    void latencyDistributionComesFromLatencyHistograms() {
        try (Jedis jedis = jedis()) {
            jedis.configResetStat();
            for (int k = 0; k < 100; k++) jedis.set("d" + k, "v");
            jedis.eval(SlowLogActionsTest.BUSY_30MS);
        }
        JsonNode data = client.call("DescribeInstanceMonitorTookDist", body(id, ",\"Date\":\"2019-11-07\",\"SpanType\":3")).path("Data");
        List<Integer> ladders = new ArrayList<>();
        data.forEach(d -> ladders.add(d.path("Ladder").asInt()));
        assertThat(ladders).containsExactly(1, 5, 10, 50, 200, -1);
        long total = 0;
        for (JsonNode d : data) total += d.path("Size").asLong();
        assertThat(total).isGreaterThanOrEqualTo(101); // 100 SETs and the script, wherever a busy machine put them
        assertThat(data.get(0).path("Size").asLong()).isGreaterThanOrEqualTo(90); // the SETs: [0, 1 ms]
        // the 30 ms script: (10, 50 ms], or (50, 200 ms] when the machine is loaded
        assertThat(data.get(3).path("Size").asLong() + data.get(4).path("Size").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(data.get(0).path("Updatetime").asLong()).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(5L));
    }

    @Test
    void accessSourcesAreTheConnectedClients() {
        List<Jedis> open = new ArrayList<>();
        try {
            for (int k = 0; k < 3; k++) {
                Jedis jedis = jedis();
                jedis.ping();
                open.add(jedis);
            }
            JsonNode data = client.call("DescribeInstanceMonitorSIP", body(id, "")).path("Data");
            assertThat(data).hasSize(1);
            assertThat(data.get(0).path("Ip").asText()).isEqualTo("127.0.0.1");
            assertThat(data.get(0).path("Conn").asLong()).isEqualTo(3); // the emulator's own connection is left out
            assertThat(data.get(0).path("Cmd").asLong()).isGreaterThanOrEqualTo(0);
        } finally {
            open.forEach(Jedis::close);
        }
    }

    @Test
    void monitoringRejectsWhatTheSeedRejects() {
        String missing = "crs-00000000";
        assertThat(code(client.response("DescribeInstanceMonitorBigKey", body(missing, ",\"ReqType\":1,\"Date\":\"20191101\""))))
                .isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(code(client.response("DescribeInstanceMonitorBigKeySizeDist", body(missing, ",\"Date\":\"2019-11-07\""))))
                .isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(code(client.response("DescribeInstanceMonitorBigKeyTypeDist", body(missing, ",\"Date\":\"2019-11-07\""))))
                .isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(code(client.response("DescribeInstanceMonitorHotKey", body(missing, ",\"SpanType\":1"))))
                .isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(code(client.response("DescribeInstanceMonitorTopNCmd", body(missing, ",\"SpanType\":1"))))
                .isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(code(client.response("DescribeInstanceMonitorTopNCmdTook", body(missing, ",\"SpanType\":1"))))
                .isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(code(client.response("DescribeInstanceMonitorTookDist", body(missing, ",\"Date\":\"2019-11-07\",\"SpanType\":1"))))
                .isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(code(client.response("DescribeInstanceMonitorSIP", body(missing, "")))).isEqualTo("ResourceNotFound.InstanceNotExists");

        assertThat(code(client.response("DescribeInstanceMonitorBigKey", body(id, ",\"ReqType\":3,\"Date\":\"20191101\""))))
                .isEqualTo("InvalidParameterValue");
        assertThat(code(client.response("DescribeInstanceMonitorBigKey", body(id, ",\"ReqType\":1,\"Date\":\"yesterday\""))))
                .isEqualTo("InvalidParameterValue");
        assertThat(code(client.response("DescribeInstanceMonitorBigKey", body(id, ",\"ReqType\":1")))).isEqualTo("MissingParameter");
        assertThat(code(client.response("DescribeInstanceMonitorBigKeySizeDist", body(id, ",\"Date\":\"2019-13-45\""))))
                .isEqualTo("InvalidParameterValue");
        assertThat(code(client.response("DescribeInstanceMonitorHotKey", body(id, ",\"SpanType\":5")))).isEqualTo("InvalidParameterValue");
        assertThat(code(client.response("DescribeInstanceMonitorTopNCmd", body(id, "")))).isEqualTo("MissingParameter");
        assertThat(code(client.response("DescribeInstanceMonitorTookDist", body(id, ",\"SpanType\":1")))).isEqualTo("MissingParameter");
    }

    @Test
    void anInstanceWithoutARunningServerHasNoMonitoringData() {
        JsonNode other = SlowLogActionsTest.createRunning(client, "stopped");
        String otherId = other.path("InstanceId").asText();
        client.call("DestroyPostpaidInstance", "{\"InstanceId\":\"" + otherId + "\"}");
        client.waitStatus(otherId, -2);
        assertThat(client.call("DescribeInstanceMonitorBigKey", body(otherId, ",\"ReqType\":2,\"Date\":\"20191101\"")).path("Data")).isEmpty();
        assertThat(client.call("DescribeInstanceMonitorHotKey", body(otherId, ",\"SpanType\":1")).path("Data")).isEmpty();
        assertThat(client.call("DescribeInstanceMonitorTopNCmd", body(otherId, ",\"SpanType\":1")).path("Data")).isEmpty();
        assertThat(client.call("DescribeInstanceMonitorSIP", body(otherId, "")).path("Data")).isEmpty();
        JsonNode dist = client.call("DescribeInstanceMonitorTookDist", body(otherId, ",\"Date\":\"2019-11-07\",\"SpanType\":1")).path("Data");
        assertThat(dist).hasSize(6).allSatisfy(d -> assertThat(d.path("Size").asLong()).isZero());
    }
}
