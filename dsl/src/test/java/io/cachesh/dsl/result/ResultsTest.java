package io.cachesh.dsl.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class ResultsTest {

    static Instance orders() {
        return Instance.builder().id("crs-1a2b3c4d").name("orders").provider("tencent").spec("redis.cluster")
                .version("7.0").capacityGb(4).shards(3).replicas(1).status("running").rawStatus("2")
                .host("127.0.0.1").port(6379).region("ap-guangzhou").zone("ap-guangzhou-2")
                .createdAt("2026-01-01 00:00:00")
                .vendor(Map.of("typeId", 18, "Password", "leak", "noAuth", false)).build();
    }

    @Test
    void toMapIsOrderedPlainAndHasNoSecrets() {
        Map<String, Object> m = orders().toMap();

        assertThat(m.keySet()).startsWith("id", "name", "provider", "spec", "version", "capacityGb");
        assertThat(m.get("capacityGb")).isEqualTo(4);
        assertThat(m.toString()).doesNotContain("leak").doesNotContainIgnoringCase("password");
    }

    @Test
    void toStringReadsLikeASentence() {
        assertThat(orders().toString()).isEqualTo("Instance crs-1a2b3c4d 'orders' redis.cluster 7.0 4 GB/shard x3 "
                + "shards, 1 replica, running, 127.0.0.1:6379, ap-guangzhou-2");
        assertThat(orders().toBuilder().capacityGb(0.25).spec("redis.ha").build().toString()).contains("0.25 GB");
    }

    @Test
    void resultsSurviveJavaSerialization() throws Exception {
        Backup backup = new Backup("b-1", "crs-1a2b3c4d", "orders", "tencent", "manual", "available", "2", "x", 10,
                "s", "e", "x", "ap-guangzhou", Map.of("fileType", "RDB"));
        Task task = new Task("1001", "crs-1a2b3c4d", "tencent", "clear", "succeeded", "succeed", "s", "", Map.of());
        for (Object o : new Object[] {orders(), backup, task}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(o);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                assertThat(in.readObject()).isEqualTo(o);
            }
        }
    }

    static Object roundTrip(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    @Test
    void theNewResultsArePlainSerializableData() throws Exception {
        java.util.List<Object> results = java.util.List.of(
                orders().toBuilder().tags(Map.of("env", "prod")).build(),
                new Param("crs-1", "timeout", "300", "0", "integer", java.util.List.of(), "60", "3600", "s", false,
                        "applied", "idle seconds"),
                new Account("crs-1", "reporting", "read", java.util.List.of("master"), "dashboards", "active", null),
                new WhitelistEntry("crs-1", WhitelistEntry.SECURITY_GROUP, "sg-1", "all",
                        java.util.List.of("ACCEPT 0.0.0.0/0 all:ALL"), null),
                new SlowLogEntry("crs-1", "2026-01-01 00:00:00", 12, "KEYS", "KEYS *", "10.0.0.1", "node-1"),
                new BigKey("crs-1", 0, "big", "string", 200_000),
                new Stats("crs-1", "tencent", java.util.List.of(Map.of("command", "get", "calls", 5L)),
                        java.util.List.of(), java.util.List.of()),
                new Plan(java.util.List.of(new Change("resize", "orders", "capacity", "2 GB", "4 GB", "tencent",
                        "ap-guangzhou", Map.of("capacity", 4.0))), java.util.List.of("events"), false),
                new FleetResult(java.util.List.of(new FleetResult.Item("crs-1", "orders", FleetResult.OK, 3, null, 5),
                        new FleetResult.Item("crs-2", "events", FleetResult.FAILED, null, "boom", 7))));
        for (Object r : results) {
            assertThat(roundTrip(r)).as(r.getClass().getSimpleName()).isEqualTo(r);
            Map<String, Object> m = (Map<String, Object>) r.getClass().getMethod("toMap").invoke(r);
            assertThat(m.toString()).doesNotContainIgnoringCase("password");
            assertThat(r.toString()).isNotBlank();
        }
        Param timeout = (Param) results.get(1);
        assertThat(timeout.accepts("120")).isTrue();
        assertThat(timeout.accepts("5")).isFalse();
        assertThat(timeout.accepts("soon")).isFalse();
        assertThat(timeout.describeAllowed()).isEqualTo("a whole number 60-3600 s");
        Plan plan = (Plan) results.get(7);
        assertThat(Plan.fromJson(plan.toJson())).isEqualTo(plan);
        assertThat(plan.table()).isEqualTo("""
                action  target  attribute  from  to
                resize  orders  capacity   2 GB  4 GB""");
        assertThat(new Plan(java.util.List.of(), java.util.List.of("orders"), true).table())
                .isEqualTo("nothing changed (orders as desired)");
        FleetResult fleet = (FleetResult) results.get(8);
        assertThat(fleet.summary()).isEqualTo("2 instances: 1 ok, 1 failed");
        assertThat(fleet.getValues()).isEqualTo(Map.of("orders", 3));
    }
}
