package io.cachesh.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachesh.dsl.result.Backup;
import io.cachesh.dsl.result.Instance;
import io.cachesh.dsl.result.Param;
import io.cachesh.dsl.result.Task;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Huawei DCS adapter through the DSL, against the emulator's Huawei v2 front end and real redis-servers. */
class HuaweiDslTest extends EmulatorTestSupport {

    @Test
    void theIssueExampleCreatesAClusterOf8GbShardsWithAGeneratedNameAndPassword() {
        RecordingOutput out = new RecordingOutput();
        try (CacheshSession s = session(out)) {
            Instance c = (Instance) s.evaluate(
                    "cache { provider huawei, region: 'cn-north-4'; create spec: 'redis.cluster', capacity: 8 }");
            assertThat(c.getProvider()).isEqualTo("huawei");
            assertThat(c.getSpec()).isEqualTo("redis.cluster");
            assertThat(c.getCapacityGb()).isEqualTo(8.0);
            assertThat(c.getShards()).isEqualTo(3);
            assertThat(c.getReplicas()).isEqualTo(1);
            assertThat(c.getStatus()).isEqualTo("running");
            assertThat(c.getName()).isEqualTo("cachesh-redis-cluster-1");
            assertThat(c.getVendor()).containsEntry("specCode", "redis.cluster.xu1.large.r2.24");
            assertThat(out.lines).anyMatch(l -> l.contains("generated one, kept in this session only")
                    && l.contains("password 'cachesh-redis-cluster-1', '...'"));
            String pw = emulator.fleet().instance(c.getId()).orElseThrow().password().reveal();
            assertThat(out.lines).noneMatch(l -> l.contains(pw));
            s.binding().setVariable("c", c);
            assertThat(s.evaluate("cache { provider huawei; connect(c) { set 'k', 'v'; get 'k' } }")).isEqualTo("v");
            // the next generated name takes the next number
            Instance second = (Instance) s.evaluate("cache { provider huawei; create spec: 'redis.cluster', "
                    + "capacity: 8, shards: 4, wait: false }");
            assertThat(second.getName()).isEqualTo("cachesh-redis-cluster-2");
            s.evaluate("cache { provider huawei; wait '" + second.getId() + "'; delete c; delete '"
                    + second.getId() + "'; assert list().isEmpty() }");
        }
    }

    @Test
    void theLifecycleOfAnHaInstance() {
        RecordingOutput out = new RecordingOutput();
        try (CacheshSession s = session(out)) {
            s.evaluate("provider huawei");
            Instance o = (Instance) s.evaluate("orders = create name: 'orders', spec: 'redis.ha', capacity: 0.125, "
                    + "password: 'Orders-Pass1', tags: [team: 'shop']");
            assertThat(o.getCapacityGb()).isEqualTo(0.125);
            assertThat(o.getVersion()).isEqualTo("6.0");
            assertThat(o.getVendor()).containsEntry("specCode", "redis.ha.xu1.tiny.r2.128");
            assertThat(o.getHost()).isEqualTo("127.0.0.1");
            assertThat(s.evaluate("connect(orders) { set 'greeting', 'hello'; get 'greeting' }")).isEqualTo("hello");
            assertThat(s.evaluate("list(name: 'ord*')*.name")).isEqualTo(List.of("orders"));
            assertThat(s.evaluate("describe('orders').id")).isEqualTo(o.getId());
            assertThat(s.evaluate("tags 'orders'")).isEqualTo(Map.of("team", "shop"));

            Instance bigger = (Instance) s.evaluate("resize orders, capacity: 2");
            assertThat(bigger.getCapacityGb()).isEqualTo(2.0);
            assertThat(bigger.getVendor()).containsEntry("specCode", "redis.ha.xu1.large.r2.2");
            assertThat(s.evaluate("connect(orders) { configGet 'maxmemory' }")).isEqualTo(
                    String.valueOf(2L * 1024 * 1024 * 1024));
            assertThat(s.evaluate("connect(orders) { get 'greeting' }")).isEqualTo("hello");

            Task pw = (Task) s.evaluate("password orders, 'Orders-Pass2'");
            assertThat(pw.getStatus()).isEqualTo("succeeded");
            assertThat(pw.getMessage()).isEqualTo("UpdatePassword");
            assertThatThrownBy(() -> s.evaluate("connect orders, password: 'Orders-Pass1'"))
                    .hasMessageContaining("rejected the password");
            assertThat(s.evaluate("connect(orders) { get 'greeting' }")).isEqualTo("hello");

            Backup b = (Backup) s.evaluate("snapshot = backup orders, remark: 'before-clear'");
            assertThat(b.getStatus()).isEqualTo("available");
            assertThat(b.getType()).isEqualTo("manual");
            assertThat(s.evaluate("backups(orders)*.id")).asList().contains(b.getId());

            Task cleared = (Task) s.evaluate("clear orders");
            assertThat(cleared.getStatus()).isEqualTo("succeeded");
            assertThat(s.evaluate("connect(orders) { dbsize() }")).isEqualTo(0L);

            s.evaluate("restore orders, backup: snapshot");
            assertThat(s.evaluate("connect(orders) { get 'greeting' }")).isEqualTo("hello");

            @SuppressWarnings("unchecked")
            List<Param> params = (List<Param>) s.evaluate("params orders, set: ['maxmemory-policy': 'allkeys-lfu']");
            assertThat(params).anyMatch(p -> p.getName().equals("maxmemory-policy")
                    && p.getValue().equals("allkeys-lfu") && p.getType().equals("enum"));
            assertThat(s.evaluate("connect(orders) { configGet 'maxmemory-policy' }")).isEqualTo("allkeys-lfu");
            assertThatThrownBy(() -> s.evaluate("params orders, set: [timeout: 99999]"))
                    .hasMessage("params: timeout must be a whole number 0-7200 for orders (" + o.getId()
                            + "), got '99999'");

            s.evaluate("rename orders, to: 'orders-main'");
            assertThat(s.evaluate("describe(orders).name")).isEqualTo("orders-main");
            s.evaluate("restart 'orders-main'");
            assertThat(s.evaluate("describe(orders).status")).isEqualTo("running");
            assertThat(s.evaluate("connect(orders) { get 'greeting' }")).isEqualTo("hello");

            // raw typed access to DCS v2
            assertThat(s.evaluate("huawei.dcs.listInstances(limit: 10).instanceNum()")).isEqualTo(1L);
            assertThat(s.evaluate("huawei.dcs.showInstance(instanceId: orders.id).name()")).isEqualTo("orders-main");

            Instance gone = (Instance) s.evaluate("delete orders");
            assertThat(gone.getStatus()).isEqualTo("deleted");
            assertThat(s.evaluate("list()")).asList().isEmpty();
            assertThat(emulator.fleet().contains(o.getId())).isFalse();
        }
    }

    @Test
    void smallTiersAndGeneratedPasswordsWork() {
        RecordingOutput out = new RecordingOutput();
        try (CacheshSession s = session(out)) {
            s.evaluate("provider huawei");
            for (String gb : List.of("0.125", "0.25", "0.5", "1", "2")) {
                Instance i = (Instance) s.evaluate("create name: 'tier-" + gb.replace('.', '-')
                        + "', spec: 'redis.ha', capacity: " + gb);
                assertThat(i.getCapacityGb()).isEqualTo(Double.parseDouble(gb));
                assertThat(s.evaluate("connect('" + i.getId() + "') { set 'x', '1'; get 'x' }")).isEqualTo("1");
            }
            Instance single = (Instance) s.evaluate("create name: 'single', spec: 'redis.standalone', capacity: 1, "
                    + "version: '5.0'");
            assertThat(single.getReplicas()).isZero();
            assertThat(single.getVersion()).isEqualTo("5.0");
            s.evaluate("fleet(parallel: 6) { delete it }");
            assertThat(s.evaluate("list()")).asList().isEmpty();
        }
    }

    @Test
    void badInputFailsBeforeAnyCallNamingWhatHuaweiSells() {
        RecordingOutput out = new RecordingOutput();
        try (CacheshSession s = session(out)) {
            s.evaluate("provider huawei");
            assertThatThrownBy(() -> s.evaluate("create name: 'x1234', spec: 'redis.ha', capacity: 3"))
                    .hasMessage("create: capacity must be one of 0.125, 0.25, 0.5, 1, 2, 4, 8, 16, 24, 32, 48, 64 GB "
                            + "for redis.ha 6.0 on huawei, got 3");
            assertThatThrownBy(() -> s.evaluate("create name: 'x1234', spec: 'redis.cluster', capacity: 4"))
                    .hasMessage("create: capacity must be one of 8 GB per shard for redis.cluster 6.0 on huawei, got 4");
            assertThatThrownBy(() -> s.evaluate("create name: 'x1234', spec: 'redis.cluster', capacity: 8, shards: 5"))
                    .hasMessageStartingWith("create: shards must be one of 3, 4, 6, 8, 12, 16");
            assertThatThrownBy(() -> s.evaluate("create spec: 'memcached', capacity: 1"))
                    .hasMessage("create: capacity must be one of 2, 4, 8, 16, 32, 64 GB for memcached dcs on huawei, "
                            + "got 1");
            assertThatThrownBy(() -> s.evaluate("create spec: 'redis.rw', capacity: 1"))
                    .hasMessageStartingWith("create: spec redis.rw is not sold on huawei in cn-north-4");
            assertThatThrownBy(() -> s.evaluate("create spec: 'redis.hA', capacity: 1"))
                    .hasMessageStartingWith("create: unknown spec 'redis.hA', did you mean 'redis.ha'? (allowed: ");
            assertThatThrownBy(() -> s.evaluate("create name: '1-bad', spec: 'redis.ha', capacity: 1"))
                    .hasMessageStartingWith("create: name must be 4-64 letters");
            assertThatThrownBy(() -> s.evaluate("create name: 'weakpw', spec: 'redis.ha', capacity: 1, "
                    + "password: 'alllowercase'"))
                    .hasMessageStartingWith("create: password must be 8-64 characters with at least 3 of");
            assertThatThrownBy(() -> s.evaluate("create name: 'zoned', spec: 'redis.ha', capacity: 1, "
                    + "zone: 'cn-north-4z'"))
                    .hasMessageStartingWith("create: zone must be one of cn-north-4a");
            assertThat(s.evaluate("list()")).asList().isEmpty();

            s.evaluate("small = create name: 'small', spec: 'redis.ha', capacity: 1, password: 'Small-Pass1'");
            assertThatThrownBy(() -> s.evaluate("resize small, capacity: 0.5"))
                    .hasMessage("resize: huawei's ResizeInstance takes whole GB (new_capacity is an integer): 0.5 GB "
                            + "can only be chosen at create");
            assertThatThrownBy(() -> s.evaluate("resize small, replicas: 2"))
                    .hasMessageStartingWith("resize: huawei flavors fix the replica count");
            assertThatThrownBy(() -> s.evaluate("whitelist small, add: 'example.com'"))
                    .hasMessage("whitelist: huawei whitelists IPv4 addresses and CIDR ranges (10.0.0.0/8), got "
                            + "'example.com'");
            assertThatThrownBy(() -> s.evaluate("accounts small, create: 'w', password: 'Writer-Pass1', "
                    + "privilege: 'write'")).hasMessage("accounts: huawei accounts are read or readwrite (ACL roles "
                    + "read and write), got 'write'");
            assertThatThrownBy(() -> s.evaluate("stats small, span: '6h'"))
                    .hasMessageStartingWith("stats: huawei reports command counts since the instance started");
            assertThatThrownBy(() -> s.evaluate("delete small, purge: false"))
                    .hasMessageStartingWith("delete: huawei deletes instances at once");
            assertThatThrownBy(() -> s.evaluate("huawei.dcs.listInstances(limt: 1)"))
                    .hasMessageStartingWith("huawei.dcs.listInstances: unknown parameter 'limt'");
            s.evaluate("delete small");
            assertThat(out.warnings).isEmpty();
        }
    }

    @Test
    void aSessionOnTheEmulatorReachesHuaweiWithoutItsOwnSettings() {
        RecordingOutput out = new RecordingOutput();
        try (CacheshSession s = CacheshSession.builder().provider(settings()).output(out).build()) {
            assertThat(s.evaluate("cache { provider huawei; list() }")).asList().isEmpty();
            assertThat(s.evaluate("cache { provider capitalonline; list() }")).asList().isEmpty();
        }
        try (CacheshSession s = CacheshSession.builder().provider(ProviderSettings.tencent(emulator.credentials()))
                .output(out).build()) {
            assertThatThrownBy(() -> s.evaluate("provider huawei"))
                    .hasMessage("provider: provider huawei is not configured in this session (configured: tencent); "
                            + "add ProviderSettings.huawei(credentials, projectId)");
        }
    }
}
