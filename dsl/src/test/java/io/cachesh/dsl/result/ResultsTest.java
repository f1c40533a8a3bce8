package io.cachesh.dsl.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
}
