package io.cachesh.emulator.tencent;

import static io.cachesh.emulator.tencent.B1Support.error;
import static io.cachesh.emulator.tencent.B1Support.fake;
import static io.cachesh.emulator.tencent.B1Support.id;
import static io.cachesh.emulator.tencent.B1Support.in;
import static io.cachesh.emulator.tencent.B1Support.ok;
import static io.cachesh.emulator.tencent.B1Support.standard;
import static io.cachesh.emulator.tencent.B1Support.waitTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.InstanceStatus;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** EnableReplicaReadonly, DisableReplicaReadonly, ModifyInstanceReadOnly. */
class ReadonlyActionsTest {

    static Emulator emulator;
    static Tc3TestClient client;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(100)).build().start();
        client = new Tc3TestClient(emulator.endpoint(), emulator.credentials());
        assumeTrue(emulator.dataPlaneAvailable(), "no redis-server on this machine");
    }

    @AfterAll
    static void stop() {
        if (emulator != null) emulator.close();
    }

    static Instance fleet(String id) {
        return emulator.fleet().instance(id).orElseThrow();
    }

    @Test
    void readOnlyInputModeRefusesWritesOnTheRealServerAndReadWriteRestoresThem() {
        JsonNode instance = standard(client, "");
        String id = id(instance);
        try (Jedis jedis = B1Support.jedis(instance)) {
            jedis.set("before", "1");
        }
        JsonNode r = ok(client, "ModifyInstanceReadOnly", "{\"InstanceId\":\"" + id + "\",\"InputMode\":\"1\"}");
        assertThat(error(client, "ModifyInstanceReadOnly", "{\"InstanceId\":\"" + id + "\",\"InputMode\":\"0\"}"))
                .isEqualTo("ResourceUnavailable.InstanceLockedError");
        JsonNode task = client.waitTask(r.path("TaskId").asLong());
        assertThat(task.path("Status").asText()).isEqualTo("succeed");
        assertThat(task.path("TaskType").asText()).isEqualTo("只读策略变更");
        assertThat(ReadonlyActions.readOnlyFlag(fleet(id))).isEqualTo(1);
        try (Jedis jedis = B1Support.jedis(instance)) {
            assertThat(jedis.get("before")).isEqualTo("1");
            assertThatThrownBy(() -> jedis.set("during", "2")).isInstanceOf(JedisDataException.class).hasMessageContaining("NOREPLICAS");
            assertThatThrownBy(() -> jedis.del("before")).isInstanceOf(JedisDataException.class);
            assertThat(jedis.configGet("min-replicas-to-write")).containsEntry("min-replicas-to-write", "1");
        }
        assertThat(ReadonlyActions.redisConfig(fleet(id))).containsEntry("min-replicas-to-write", "1");

        waitTask(client, ok(client, "ModifyInstanceReadOnly", "{\"InstanceId\":\"" + id + "\",\"InputMode\":\"0\"}").path("TaskId").asLong());
        try (Jedis jedis = B1Support.jedis(instance)) {
            assertThat(jedis.set("after", "3")).isEqualTo("OK");
            assertThat(jedis.configGet("min-replicas-to-write")).containsEntry("min-replicas-to-write", "0");
        }
        assertThat(ReadonlyActions.readOnlyFlag(fleet(id))).isZero();
        assertThat(ReadonlyActions.redisConfig(fleet(id))).isEmpty();

        assertThat(error(client, "ModifyInstanceReadOnly", "{\"InstanceId\":\"" + id + "\",\"InputMode\":\"2\"}")).isEqualTo("InvalidParameterValue");
        assertThat(error(client, "ModifyInstanceReadOnly", "{\"InstanceId\":\"" + id + "\"}")).isEqualTo("MissingParameter");
        assertThat(error(client, "ModifyInstanceReadOnly", "{\"InstanceId\":\"crs-nothere1\",\"InputMode\":\"1\"}"))
                .isEqualTo("ResourceNotFound.InstanceNotExists");
        fake(emulator, "crs-roisol01", 15, 1024, 1, 1, InstanceStatus.ISOLATED, 0);
        assertThat(error(client, "ModifyInstanceReadOnly", "{\"InstanceId\":\"crs-roisol01\",\"InputMode\":\"1\"}"))
                .isEqualTo("ResourceUnavailable.InstanceStatusError");
    }

    @Test
    void replicaReadonlyIsSwitchedOnWithItsPolicyAndOffAgain() {
        fake(emulator, "crs-rorepl01", 15, 1024, 1, 2, InstanceStatus.RUNNING, 0);
        JsonNode on = ok(client, "EnableReplicaReadonly", "{\"InstanceId\":\"crs-rorepl01\",\"ReadonlyPolicy\":[\"master\",\"replication\"]}");
        assertThat(fleet("crs-rorepl01").status()).isEqualTo(InstanceStatus.PROCESSING);
        waitTask(client, on.path("TaskId").asLong());
        ReadonlyActions.ReadonlyState s = ReadonlyActions.state(fleet("crs-rorepl01"));
        assertThat(s.replicaReadonly()).isTrue();
        assertThat(s.readonlyPolicy()).containsExactly("master", "replication");
        assertThat(BandwidthActions.totalBandwidth(fleet("crs-rorepl01"))).isEqualTo(2 * BandwidthActions.BASE_MB);

        waitTask(client, ok(client, "DisableReplicaReadonly", in("crs-rorepl01")).path("TaskId").asLong());
        assertThat(ReadonlyActions.state(fleet("crs-rorepl01")).replicaReadonly()).isFalse();
        assertThat(BandwidthActions.totalBandwidth(fleet("crs-rorepl01"))).isEqualTo(BandwidthActions.BASE_MB);

        // the default policy: write to the master, read from the replicas
        waitTask(client, ok(client, "EnableReplicaReadonly", in("crs-rorepl01")).path("TaskId").asLong());
        assertThat(ReadonlyActions.state(fleet("crs-rorepl01")).readonlyPolicy()).containsExactly("replication");

        assertThat(error(client, "EnableReplicaReadonly", "{\"InstanceId\":\"crs-rorepl01\",\"ReadonlyPolicy\":[\"slave\"]}"))
                .isEqualTo("InvalidParameterValue");
        assertThat(error(client, "EnableReplicaReadonly", in("crs-nothere1"))).isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(error(client, "DisableReplicaReadonly", in("crs-nothere1"))).isEqualTo("ResourceNotFound.InstanceNotExists");
        fake(emulator, "crs-ro28ver1", 2, 1024, 1, 1, InstanceStatus.RUNNING, 0);
        assertThat(error(client, "EnableReplicaReadonly", in("crs-ro28ver1"))).isEqualTo("FailedOperation.UnSupportError");
        assertThat(error(client, "DisableReplicaReadonly", in("crs-ro28ver1"))).isEqualTo("FailedOperation.UnSupportError");
        fake(emulator, "crs-ronorep1", 15, 1024, 1, 0, InstanceStatus.RUNNING, 0);
        assertThat(error(client, "EnableReplicaReadonly", in("crs-ronorep1"))).isEqualTo("ResourceUnavailable.InstanceConfError");
        fake(emulator, "crs-robusy01", 15, 1024, 1, 1, InstanceStatus.PROCESSING, 0);
        assertThat(error(client, "EnableReplicaReadonly", in("crs-robusy01"))).isEqualTo("ResourceUnavailable.InstanceLockedError");
    }
}
