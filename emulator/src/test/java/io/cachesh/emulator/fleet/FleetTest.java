package io.cachesh.emulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachesh.client.auth.Secret;
import io.cachesh.emulator.dataplane.RedisBinary;
import io.cachesh.emulator.dataplane.RedisProcessManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetTest {

    static Fleet fleet(Path state) throws IOException {
        return new Fleet(Duration.ofMillis(50), Clock.systemUTC(), state, new RedisProcessManager(RedisBinary.unavailable("test")));
    }

    static Instance instance(String id) {
        return Instance.builder().id(id).region("ap-guangzhou").createTime(Instant.now()).memSizeMb(1024)
                .status(InstanceStatus.RUNNING).password(Secret.of("Pass-1234")).typeId(15).version("6.2").build();
    }

    @Test
    void theLifecycleRefusesTransitionsTheVendorDoesNotHave() {
        Instance i = instance("crs-aaaaaaaa");
        i.transition(InstanceStatus.ISOLATED);
        i.transition(InstanceStatus.TO_BE_DELETED);
        assertThatThrownBy(() -> i.transition(InstanceStatus.RUNNING)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TO_BE_DELETED").hasMessageContaining("RUNNING");
        assertThat(InstanceStatus.ofCode(-2)).isEqualTo(InstanceStatus.ISOLATED);
        assertThat(InstanceStatus.RUNNING.code()).isEqualTo(2);
    }

    @Test
    void tasksRunTheirWorkAfterTheDelay() throws Exception {
        try (Fleet fleet = fleet(null)) {
            long start = System.nanoTime();
            Task ok = fleet.submit("crs-x", "004", "清空实例", () -> "done");
            Task bad = fleet.submit("crs-x", "007", "重置密码", () -> {
                throw new IOException("redis said no");
            });
            assertThat(ok.status()).isIn(TaskStatus.PREPARING, TaskStatus.RUNNING);
            while (!ok.status().done() || !bad.status().done()) Thread.sleep(5);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(45));
            assertThat(ok.status()).isEqualTo(TaskStatus.SUCCEED);
            assertThat(ok.message()).isEqualTo("done");
            assertThat(bad.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(bad.message()).isEqualTo("redis said no");
            assertThat(fleet.tasks()).extracting(Task::id).containsExactly(bad.id(), ok.id());
        }
    }

    @Test
    void stateIsSavedAndLoadedWithItsVersion(@TempDir Path state) throws Exception {
        try (Fleet fleet = fleet(state)) {
            Instance i = fleet.add(instance("crs-bbbbbbbb"));
            i.name("kept");
            i.param("timeout", "120");
            i.tag("team", "cache");
            fleet.changed();
        }
        String json = Files.readString(state.resolve("fleet.json"));
        assertThat(json).contains("\"formatVersion\" : 1").contains("crs-bbbbbbbb");
        try (Fleet fleet = fleet(state)) {
            fleet.load();
            Instance i = fleet.instance("crs-bbbbbbbb").orElseThrow();
            assertThat(i.name()).isEqualTo("kept");
            assertThat(i.param("timeout")).isEqualTo("120");
            assertThat(i.tags()).containsEntry("team", "cache");
            assertThat(i.password().reveal()).isEqualTo("Pass-1234");
            assertThat(i.status()).isEqualTo(InstanceStatus.RUNNING);
        }
    }

    record Accounts(java.util.List<String> names) {
    }

    @Test
    void featureExtensionsAreCopiedOnReadAndPersisted(@TempDir Path state) throws Exception {
        try (Fleet fleet = fleet(state)) {
            Instance i = fleet.add(instance("crs-cccccccc"));
            i.extensions().update("accounts", Accounts.class, () -> new Accounts(java.util.List.of()),
                    a -> new Accounts(java.util.List.of("reader", "writer")));
            fleet.extensions().put("templates", java.util.Map.of("tpl-1", "default"));
            fleet.changed();
        }
        try (Fleet fleet = fleet(state)) {
            fleet.load();
            Instance i = fleet.instance("crs-cccccccc").orElseThrow();
            assertThat(i.extensions().get("accounts", Accounts.class, () -> null).names())
                    .containsExactly("reader", "writer");
            assertThat(fleet.extensions().get("templates", java.util.Map.class, java.util.Map::of))
                    .containsEntry("tpl-1", "default");
            assertThat(i.extensions().get("missing", Accounts.class, () -> new Accounts(java.util.List.of("x"))).names())
                    .containsExactly("x");
        }
    }

    @Test
    void aStateFileFromANewerEmulatorIsRefused(@TempDir Path state) throws Exception {
        Files.writeString(state.resolve("fleet.json"), "{\"format\":\"cachesh-emulator-fleet\",\"formatVersion\":99}");
        try (Fleet fleet = fleet(state)) {
            assertThatThrownBy(fleet::load).isInstanceOf(IOException.class).hasMessageContaining("format version 99");
        }
    }

    @Test
    void removeDeletesTheInstancesFiles() throws Exception {
        try (Fleet fleet = fleet(null)) {
            fleet.add(instance("crs-cccccccc"));
            Files.createDirectories(fleet.dataDir("crs-cccccccc"));
            Files.writeString(fleet.dataDir("crs-cccccccc").resolve("dump.rdb"), "x");
            fleet.remove("crs-cccccccc");
            assertThat(fleet.dataDir("crs-cccccccc").getParent()).doesNotExist();
            assertThat(fleet.instance("crs-cccccccc")).isEmpty();
        }
    }
}
