package io.cachesh.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.client.auth.Secret;
import io.cachesh.emulator.dataplane.RedisBinary;
import io.cachesh.emulator.dataplane.RedisProcessManager;
import io.cachesh.emulator.fleet.Fleet;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.InstanceStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * DescribeInstances keeps each instance's InstanceSet member until the instance changes: after every kind of change
 * (a field through its setter, a feature's extension value) the kept member must equal a fresh rendering.
 */
class InstanceSetCacheTest {

    @Test
    void theKeptMemberEqualsAFreshRenderingAfterEveryKindOfChange() throws Exception {
        try (Fleet fleet = new Fleet(Duration.ofMillis(50), Clock.systemUTC(), null,
                new RedisProcessManager(RedisBinary.unavailable("test")))) {
            InstanceQueryActions actions = new InstanceQueryActions(new TencentContext(fleet, ProductCatalog.load()));
            Instance i = fleet.add(Instance.builder().id("crs-cache001").region("ap-guangzhou").createTime(Instant.now())
                    .memSizeMb(1024).status(InstanceStatus.RUNNING).password(Secret.of("Pass-1234")).typeId(15)
                    .version("6.2").zoneId(100003).build());
            ObjectNode first = actions.member(i);
            assertThat(actions.member(i)).as("kept while unchanged").isSameAs(first).isEqualTo(actions.instanceSet(i));

            List<Consumer<Instance>> changes = List.of(
                    x -> x.name("renamed"),
                    x -> x.retype(16, "7.0"),
                    x -> x.resize(2048, 3, 2),
                    x -> x.transition(InstanceStatus.PROCESSING),
                    x -> x.projectId(7),
                    x -> x.autoRenew(1),
                    x -> x.password(Secret.of("Other-5678"), true),
                    x -> x.renew(1, Instant.now()),
                    x -> x.closeTime(Instant.now()),
                    x -> x.tag("team", "cache"),
                    x -> x.untag("team"),
                    x -> x.extensions().put(ConnectionConfigActions.KEY, new ConnectionConfigActions.ConnectionConfig(20000, 0)),
                    x -> x.extensions().put(ReadonlyActions.KEY, new ReadonlyActions.ReadonlyState(false, List.of(), "1")),
                    x -> x.extensions().put(NetworkState.KEY, NetworkState.initial().withVpc("vpc-1", "subnet-1")),
                    x -> x.extensions().put(EngineVersions.KEY, new EngineVersions.State(null, null, "7.0.1", "5.1",
                            new EngineVersions.Switch("small", null, null, "7.0.2", null))),
                    x -> x.extensions().put(BackupPolicy.BackupMode.KEY,
                            new BackupPolicy.BackupMode(BackupPolicy.BackupMode.SECOND_LEVEL, List.of())));
            for (Consumer<Instance> change : changes) {
                ObjectNode before = actions.member(i);
                change.accept(i);
                ObjectNode after = actions.member(i);
                assertThat(after).as("rendered again after a change").isNotSameAs(before)
                        .isEqualTo(actions.instanceSet(i));
                assertThat(actions.member(i)).as("kept again until the next change").isSameAs(after);
            }
            assertThat(actions.member(i).path("InstanceName").asText()).isEqualTo("renamed");
            assertThat(actions.member(i).path("ClientLimit").asLong()).isEqualTo(20000);
            assertThat(actions.member(i).path("BackupMode").asText()).isEqualTo(BackupPolicy.BackupMode.SECOND_LEVEL);
        }
    }

    @Test
    void theFleetsOrderedListIsKeptUntilAnInstanceIsAddedOrRemoved() throws Exception {
        try (Fleet fleet = new Fleet(Duration.ofMillis(50), Clock.systemUTC(), null,
                new RedisProcessManager(RedisBinary.unavailable("test")))) {
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            fleet.add(instance("crs-b", t.plusSeconds(1)));
            fleet.add(instance("crs-a", t.plusSeconds(2)));
            List<Instance> first = fleet.instances();
            assertThat(first).extracting(Instance::id).containsExactly("crs-b", "crs-a");
            assertThat(fleet.instances()).isSameAs(first);
            fleet.add(instance("crs-c", t));
            assertThat(fleet.instances()).extracting(Instance::id).containsExactly("crs-c", "crs-b", "crs-a");
            fleet.remove("crs-b");
            assertThat(fleet.instances()).extracting(Instance::id).containsExactly("crs-c", "crs-a");
        }
    }

    private static Instance instance(String id, Instant created) {
        return Instance.builder().id(id).region("ap-guangzhou").createTime(created).memSizeMb(1024)
                .status(InstanceStatus.RUNNING).typeId(15).version("6.2").build();
    }
}
