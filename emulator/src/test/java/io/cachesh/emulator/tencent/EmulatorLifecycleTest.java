package io.cachesh.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.emulator.Emulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** The emulator as a whole: no process outlives close(), and a state directory carries the fleet across restarts. */
class EmulatorLifecycleTest {

    static final String PASSWORD = "Cachesh-Pass1";
    static final String CREATE = "{\"TypeId\":8,\"MemSize\":1024,\"GoodsNum\":2,\"Period\":1,\"BillingMode\":0,\"Password\":\""
            + PASSWORD + "\"}";

    /** Live redis processes below this JVM (Debian's redis-server is a link to redis-check-rdb, so match "redis"). */
    static List<ProcessHandle> ourRedisServers() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains("redis")).orElse(false))
                .filter(ProcessHandle::isAlive)
                .toList();
    }

    @Test
    void closeLeavesNoRedisServerChildAndNoFiles() throws Exception {
        Emulator emulator = Emulator.builder().taskDelay(Duration.ofMillis(100)).build().start();
        Path root;
        try {
            assumeTrue(emulator.dataPlaneAvailable(), "no redis-server on this machine");
            Tc3TestClient client = new Tc3TestClient(emulator.endpoint(), emulator.credentials());
            JsonNode ids = client.call("CreateInstances", CREATE).path("InstanceIds");
            assertThat(ids.size()).isEqualTo(2);
            assertThat(client.call("CreateInstances", CREATE).path("DealId").asText()).contains(",");
            for (JsonNode id : ids) client.waitStatus(id.asText(), 2);
            assertThat(ourRedisServers()).hasSizeGreaterThanOrEqualTo(2);
            root = emulator.fleet().dataDir(ids.get(0).asText()).getParent().getParent();
            assertThat(root).isDirectory();
        } finally {
            emulator.close();
        }
        emulator.close(); // idempotent
        assertThat(ourRedisServers()).isEmpty();
        assertThat(root).doesNotExist();
    }

    @Test
    void aStateDirectoryKeepsInstancesAndTheirDataAcrossRestarts(@TempDir Path state) throws Exception {
        String id;
        int firstPort;
        try (Emulator first = Emulator.builder().stateDir(state).taskDelay(Duration.ofMillis(100)).build().start()) {
            assumeTrue(first.dataPlaneAvailable(), "no redis-server on this machine");
            Tc3TestClient client = new Tc3TestClient(first.endpoint(), first.credentials());
            id = client.call("CreateInstances", CREATE.replace("\"GoodsNum\":2", "\"GoodsNum\":1")
                    .replace("}", ",\"InstanceName\":\"keeper\"}")).path("InstanceIds").get(0).asText();
            JsonNode running = client.waitStatus(id, 2);
            firstPort = running.path("Port").asInt();
            try (Jedis jedis = new Jedis("127.0.0.1", firstPort)) {
                jedis.auth(PASSWORD);
                jedis.set("survives", "restart");
            }
        }
        assertThat(ourRedisServers()).isEmpty();
        JsonNode saved = Tc3TestClient.JSON.readTree(Files.readString(state.resolve("fleet.json")));
        assertThat(saved.path("formatVersion").asInt()).isEqualTo(1);
        assertThat(saved.path("instances").get(0).path("id").asText()).isEqualTo(id);

        try (Emulator second = Emulator.builder().stateDir(state).taskDelay(Duration.ofMillis(100)).build().start()) {
            Tc3TestClient client = new Tc3TestClient(second.endpoint(), second.credentials());
            JsonNode again = client.waitStatus(id, 2);
            assertThat(again.path("InstanceName").asText()).isEqualTo("keeper");
            try (Jedis jedis = new Jedis("127.0.0.1", again.path("Port").asInt())) {
                jedis.auth(PASSWORD);
                assertThat(jedis.get("survives")).isEqualTo("restart");
            }
        }
        assertThat(ourRedisServers()).isEmpty();
    }

    @Test
    void withoutARedisServerTheControlPlaneStillWorks() throws Exception {
        try (Emulator emulator = Emulator.builder().taskDelay(Duration.ofMillis(50))
                .redisServerBinary(Path.of("/nonexistent/redis-server")).build().start()) {
            // the override is skipped when it does not run; whatever else is found is used, so only check the API
            Tc3TestClient client = new Tc3TestClient(emulator.endpoint(), emulator.credentials());
            String id = client.call("CreateInstances", CREATE.replace("\"GoodsNum\":2", "\"GoodsNum\":1"))
                    .path("InstanceIds").get(0).asText();
            assertThat(client.waitStatus(id, 2).path("InstanceId").asText()).isEqualTo(id);
            assertThat(emulator.dataPlaneDescription()).isNotBlank();
        }
    }
}
