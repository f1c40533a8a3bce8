package io.cachesh.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachesh.client.core.Interceptor;
import io.cachesh.dsl.result.Change;
import io.cachesh.dsl.result.Instance;
import io.cachesh.dsl.result.Plan;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ensure / plan / apply against the emulator: convergence, plans without mutating calls, idempotent runbooks. */
class DesiredStateTest extends EmulatorTestSupport {

    /** Every action the session's client sends, in order. */
    final List<String> actions = new CopyOnWriteArrayList<>();
    final RecordingOutput out = new RecordingOutput();
    CacheshSession session;

    @BeforeEach
    void open() {
        Interceptor record = chain -> {
            actions.add(chain.request().operation().name());
            return chain.proceed(chain.request());
        };
        session = CacheshSession.builder().provider(settings()).output(out)
                .clientConfig(b -> b.addNetworkInterceptor(record)).build();
    }

    @AfterEach
    void close() {
        try {
            session.evaluate("list().each { delete it }");
        } finally {
            session.close();
        }
    }

    @SuppressWarnings("unchecked")
    <T> T eval(String source) {
        return (T) session.evaluate(source);
    }

    List<String> mutating() {
        return actions.stream().filter(a -> !ModelArgs.isReadOnly(a)).toList();
    }

    @Test
    void ensureCreatesResizesOrLeavesAloneAndSaysWhich() {
        Instance created = eval("ensure name: 'orders', spec: 'redis.ha', capacity: 2, password: 'Orders-Pass1'");
        assertThat(created.getCapacityGb()).isEqualTo(2);
        assertThat(out.lines).anyMatch(l -> l.equals("ensure orders: created (redis.ha 7.0, 2 GB, 1 replica)"));

        actions.clear();
        Instance same = eval("ensure name: 'orders', spec: 'redis.ha', capacity: 2");
        assertThat(same.getId()).isEqualTo(created.getId());
        assertThat(out.lines).contains("ensure orders: unchanged");
        assertThat(mutating()).isEmpty();

        Instance bigger = eval("ensure name: 'orders', spec: 'redis.ha', capacity: 4, replicas: 2");
        assertThat(bigger.getCapacityGb()).isEqualTo(4);
        assertThat(bigger.getReplicas()).isEqualTo(2);
        assertThat(out.lines).contains("ensure resize orders capacity: 2 GB -> 4 GB",
                "ensure resize orders replicas: 1 -> 2");
        assertThat(mutating()).containsExactly("UpgradeInstance", "UpgradeInstance");
        assertThat((Long) eval("connect('orders') { configGet('maxmemory') as long }"))
                .isEqualTo(4L * 1024 * 1024 * 1024);

        // not given: replicas stay as they are
        actions.clear();
        eval("ensure name: 'orders', spec: 'redis.ha', capacity: 4");
        assertThat(mutating()).isEmpty();
    }

    @Test
    void ensureRefusesWhatItCannotConverge() {
        eval("ensure name: 'orders', spec: 'redis.ha', capacity: 1, password: 'Orders-Pass1'");
        assertThatThrownBy(() -> eval("ensure name: 'orders', spec: 'redis.cluster', capacity: 4"))
                .isInstanceOf(DslException.class).hasMessageMatching("ensure: orders \\(crs-\\w+\\) is redis.ha, "
                        + "wanted redis.cluster; ensure does not change the architecture \\(delete it, or ensure "
                        + "another name\\)");
        assertThatThrownBy(() -> eval("ensure name: 'orders', spec: 'redis.ha', version: '6.2', capacity: 1"))
                .isInstanceOf(DslException.class).hasMessageMatching("ensure: orders \\(crs-\\w+\\) runs version 7.0, "
                        + "wanted 6.2; ensure does not upgrade versions");
        assertThatThrownBy(() -> eval("ensure name: 'nothere', spec: 'redis.ha', capacity: 1"))
                .isInstanceOf(DslException.class)
                .hasMessage("ensure: nothere does not exist; creating it needs password: '...'");
        actions.clear();
        assertThatThrownBy(() -> eval("ensure name: 'orders', spec: 'redis.ha', capacity: 1, "
                + "params: ['maxmemory-policy': 'never']")).isInstanceOf(DslException.class)
                .hasMessageStartingWith("ensure: maxmemory-policy must be one of ");
        assertThat(mutating()).isEmpty();
    }

    @Test
    void planShowsTheChangesAndMakesNoMutatingCall() throws Exception {
        eval("ensure name: 'orders', spec: 'redis.ha', capacity: 2, password: 'Orders-Pass1'");
        actions.clear();
        Plan plan = eval("""
                plan {
                    ensure name: 'orders', spec: 'redis.ha', capacity: 4, params: [timeout: 300]
                    ensure name: 'events', spec: 'redis.cluster', capacity: 4, shards: 3, password: 'Events-Pass1',
                            tags: [env: 'prod']
                    ensure name: 'sessions', spec: 'redis.ha', capacity: 1, password: 'Sessions-Pass1'
                }
                """);
        assertThat(mutating()).isEmpty();
        assertThat((List<String>) eval("list()*.name")).containsExactly("orders");
        assertThat(plan.isApplied()).isFalse();
        assertThat(plan.getChanges()).extracting(Change::toString).containsExactly(
                "resize orders capacity: 2 GB -> 4 GB",
                "params orders timeout: 31536000 -> 300",
                "create events: redis.cluster 7.0, 4 GB per shard x 3 shards, 1 replica",
                "create sessions: redis.ha 7.0, 1 GB, 1 replica");
        assertThat(plan.table()).startsWith("action  target    attribute  from").contains("create  events");
        assertThat(out.lines).contains(plan.table());

        // plain data: JSON and Java serialization round trips, no password anywhere
        assertThat(plan.toJson()).doesNotContain("Events-Pass1").doesNotContain("Sessions-Pass1");
        assertThat(Plan.fromJson(plan.toJson())).isEqualTo(plan);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
            o.writeObject(plan);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(plan);
        }

        // apply the plan: the session kept the passwords given in the plan block
        Plan applied = eval("apply(Plan.fromJson('" + plan.toJson().replace("'", "\\'") + "'))");
        assertThat(applied.isApplied()).isTrue();
        assertThat(applied.getChanges()).isEqualTo(plan.getChanges());
        assertThat((List<String>) eval("list()*.name")).containsExactlyInAnyOrder("orders", "events", "sessions");
        assertThat(((Instance) eval("describe 'orders'")).getCapacityGb()).isEqualTo(4);
        assertThat(((Instance) eval("describe 'events'")).getTags()).isEqualTo(Map.of("env", "prod"));

        // applying it again finds everything done
        actions.clear();
        Plan again = eval("apply(Plan.fromJson('" + plan.toJson().replace("'", "\\'") + "'))");
        assertThat(again.isEmpty()).isTrue();
        assertThat(again.getUnchanged()).containsExactly("orders", "events", "sessions");
        assertThat(mutating()).isEmpty();
    }

    @Test
    void applyOfAPlanReadBackNeedsThePasswordsOfWhatItCreates() {
        Plan plan = eval("plan { ensure name: 'fresh', spec: 'redis.ha', capacity: 1 }");
        assertThat(plan.getChanges()).hasSize(1);
        assertThatThrownBy(() -> eval("apply(Plan.fromJson('" + plan.toJson() + "'))"))
                .isInstanceOf(DslException.class)
                .hasMessage("apply: creating fresh needs a password (apply plan, passwords: [fresh: '...'])");
        Plan applied = eval("apply(Plan.fromJson('" + plan.toJson() + "'), passwords: [fresh: 'Fresh-Pass1'])");
        assertThat(applied.size()).isEqualTo(1);
        assertThat((String) eval("connect('fresh', password: 'Fresh-Pass1') { ping() }")).isEqualTo("PONG");
    }

    @Test
    void aRunbookRunTwiceChangesNothingTheSecondTime() {
        String runbook = """
                apply {
                    ensure name: 'orders', spec: 'redis.ha', capacity: 2, password: 'Orders-Pass1',
                            params: ['maxmemory-policy': 'allkeys-lru']
                    ensure name: 'events', spec: 'redis.cluster', capacity: 4, shards: 3, replicas: 1,
                            password: 'Events-Pass1'
                }
                """;
        Plan first = eval(runbook);
        assertThat(first.isApplied()).isTrue();
        assertThat(first.getChanges()).extracting(Change::getAction).containsExactly("create", "params", "create");
        assertThat(first.getChanges().get(1).toString())
                .isEqualTo("params orders maxmemory-policy: noeviction -> allkeys-lru");
        List<String> tasksBefore = eval("tasks(limit: 1000)*.id");

        actions.clear();
        Plan second = eval(runbook);
        assertThat(second.isEmpty()).isTrue();
        assertThat(second.getUnchanged()).containsExactly("orders", "events");
        assertThat(second.table()).isEqualTo("nothing changed (orders, events as desired)");
        assertThat(mutating()).isEmpty();
        assertThat((List<String>) eval("tasks(limit: 1000)*.id")).isEqualTo(tasksBefore);

        // and a plan of the same block is empty
        Plan plan = eval(runbook.replace("apply {", "plan {"));
        assertThat(plan.isEmpty()).isTrue();
        assertThat(mutating()).isEmpty();
    }

    @Test
    void planAndApplyBlocksSeeOtherVerbsAsDryRun() {
        eval("ensure name: 'orders', spec: 'redis.ha', capacity: 1, password: 'Orders-Pass1'");
        actions.clear();
        eval("plan { resize 'orders', capacity: 2; clear 'orders' }");
        assertThat(mutating()).isEmpty();
        assertThat(out.lines).anyMatch(l -> l.startsWith("dry-run: UpgradeInstance"));
        assertThat(session.isDryRun()).isFalse();
    }
}
