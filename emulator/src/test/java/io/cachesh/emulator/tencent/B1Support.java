package io.cachesh.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.InstanceStatus;
import io.cachesh.emulator.validate.ModelValidator;
import io.cachesh.emulator.validate.Violation;
import io.cachesh.model.ApiModel;
import io.cachesh.model.Models;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import redis.clients.jedis.Jedis;

/** Helpers of the network / SSL / read-only / zone / bandwidth / price tests. */
final class B1Support {

    static final String PASSWORD = "Cachesh-Pass1";
    static final ApiModel MODEL = Models.load("tencent-redis");
    static final ModelValidator STRICT = new ModelValidator(MODEL, true);

    private B1Support() {
    }

    /** Calls an action that must succeed and checks the answer against the model's output shape. */
    static JsonNode ok(Tc3TestClient client, String action, String json) {
        JsonNode r = client.call(action, json);
        List<String> problems = STRICT.validateShape(MODEL.operation(action).orElseThrow().output(), r).violations().stream()
                .filter(v -> v.kind() != Violation.Kind.MISSING).map(Violation::message).toList();
        assertThat(problems).as("%s answered %s", action, r).isEmpty();
        return r;
    }

    /** Calls an action that must fail and returns its error code. */
    static String error(Tc3TestClient client, String action, String json) {
        JsonNode r = client.response(action, json);
        assertThat(r.has("Error")).as("%s answered %s", action, r).isTrue();
        return r.path("Error").path("Code").asText();
    }

    /** Creates an instance with the real data plane and waits until it runs; returns its InstanceSet. */
    static JsonNode create(Tc3TestClient client, String extra) {
        JsonNode created = client.call("CreateInstances", "{\"GoodsNum\":1,\"Period\":1,\"Password\":\"" + PASSWORD + "\"," + extra + "}");
        return client.waitStatus(created.path("InstanceIds").get(0).asText(), 2);
    }

    static JsonNode standard(Tc3TestClient client, String extra) {
        return create(client, "\"TypeId\":15,\"MemSize\":1024,\"BillingMode\":0,\"ZoneId\":100002" + (extra.isEmpty() ? "" : "," + extra));
    }

    static String id(JsonNode instance) {
        return instance.path("InstanceId").asText();
    }

    static String in(String id) {
        return "{\"InstanceId\":\"" + id + "\"}";
    }

    static Jedis jedis(JsonNode instance) {
        Jedis jedis = new Jedis(instance.path("WanIp").asText(), instance.path("Port").asInt());
        jedis.auth(PASSWORD);
        return jedis;
    }

    /** A control-plane-only instance (no redis-server) added straight to the fleet, for state and validation checks. */
    static Instance fake(Emulator emulator, String id, int typeId, long memMb, int shards, int replicas, InstanceStatus status,
                         int billingMode) {
        Instant now = emulator.fleet().clock().instant();
        Instance i = Instance.builder().id(id).region("ap-guangzhou").createTime(now).name(id).version("6.2").typeId(typeId)
                .memSizeMb(memMb).shards(shards).replicas(replicas).status(status).zoneId(100002).billingMode(billingMode)
                .deadlineTime(billingMode == 1 ? now.plus(30, ChronoUnit.DAYS) : null).build();
        return emulator.fleet().add(i);
    }

    static void waitTask(Tc3TestClient client, long task) {
        assertThat(client.waitTask(task).path("Status").asText()).isEqualTo("succeed");
    }
}
