package io.cachesh.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cachesh.dsl.result.Instance;
import io.cachesh.dsl.result.Param;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code spec: 'memcached'} on huawei: created through DCS v1.0 (engine Memcached), handled by the DCS v2 operations
 * common to both engines, backed by a real memcached on the emulator and reached with the DSL's own memcached
 * connection.
 */
class HuaweiMemcachedDslTest extends EmulatorTestSupport {

    @Test
    @SuppressWarnings("unchecked")
    void aHuaweiMemcachedInstanceFromCreateToDelete() {
        assumeTrue(emulator.memcachedAvailable(), "no memcached");
        RecordingOutput out = new RecordingOutput();
        try (CacheshSession s = session(out)) {
            s.evaluate("provider huawei");
            Instance m = (Instance) s.evaluate("sessions = create name: 'sessions', spec: 'memcached', capacity: 2");
            assertThat(m.getSpec()).isEqualTo("memcached");
            assertThat(m.getStatus()).isEqualTo("running");
            assertThat(m.getReplicas()).isEqualTo(1);
            assertThat(m.getVersion()).isEqualTo("dcs");
            assertThat(m.getVendor()).containsEntry("specCode", "dcs.master_standby");
            assertThat(emulator.fleet().instance(m.getId()).orElseThrow().engine()).isEqualTo("memcached");
            assertThat(out.lines).noneMatch(l -> l.contains("generated one"));

            assertThat(s.evaluate("connect(sessions) { set 'user:1', 'ada', ex: 60; get 'user:1' }")).isEqualTo("ada");
            assertThat(s.evaluate("connect(sessions) { stats().limit_maxbytes }"))
                    .isEqualTo(String.valueOf(2L * 1024 * 1024 * 1024));
            assertThat(s.evaluate("list(spec: 'memcached')*.name")).isEqualTo(List.of("sessions"));

            Instance bigger = (Instance) s.evaluate("resize sessions, capacity: 4");
            assertThat(bigger.getCapacityGb()).isEqualTo(4.0);
            assertThat(s.evaluate("connect(sessions) { get 'user:1' }")).isEqualTo("ada");
            assertThat(s.evaluate("connect(sessions) { stats().limit_maxbytes }"))
                    .isEqualTo(String.valueOf(4L * 1024 * 1024 * 1024));

            s.evaluate("rename sessions, 'sessions-main'");
            assertThat(s.evaluate("describe(sessions).name")).isEqualTo("sessions-main");
            assertThat((List<Param>) s.evaluate("params sessions")).extracting(Param::getName)
                    .containsExactly("maxmemory-policy", "timeout");
            s.evaluate("params sessions, set: [timeout: 300]");
            assertThat(s.evaluate("params(sessions).find { it.name == 'timeout' }.value")).isEqualTo("300");
            assertThat(s.evaluate("stats(sessions).calls('get')")).isEqualTo(2L);

            s.evaluate("restart sessions");
            assertThat(s.evaluate("describe(sessions).status")).isEqualTo("running");
            assertThat(s.evaluate("connect(sessions) { get 'user:1' }")).isNull();   // memcached keeps nothing

            assertThatThrownBy(() -> s.evaluate("clear sessions")).isInstanceOf(UnsupportedVerbException.class)
                    .hasMessage("clear: not supported by huawei memcached (DCS v1)");
            assertThatThrownBy(() -> s.evaluate("backup sessions"))
                    .hasMessage("backup: not supported by huawei memcached (DCS v1)");
            assertThatThrownBy(() -> s.evaluate("resize sessions, capacity: 5"))
                    .hasMessage("resize: capacity must be one of 2, 4, 8, 16, 32, 64 GB for memcached dcs on huawei, "
                            + "got 5");

            Instance single = (Instance) s.evaluate("create name: 'cache-single', spec: 'memcached', capacity: 2, "
                    + "replicas: 0");
            assertThat(single.getVendor()).containsEntry("specCode", "dcs.single_node");
            assertThat(single.getReplicas()).isZero();
            assertThatThrownBy(() -> s.evaluate("create name: 'mc-tagged', spec: 'memcached', capacity: 2, "
                    + "tags: [team: 'x']")).hasMessageStartingWith("create: tags cannot be set on a huawei memcached");
            assertThat(s.evaluate("huawei.dcsv1.listProducts().products()*.productId()").toString())
                    .contains("dcs.single_node-h", "dcs.master_standby-h");

            s.evaluate("delete sessions; delete 'cache-single'");
            assertThat(s.evaluate("list()")).asList().isEmpty();
            assertThat(out.warnings).isEmpty();
        }
    }

    @Test
    void memcachedOnHuaweiNeedsASecurityGroup() {
        try (CacheshSession s = CacheshSession.builder().provider(ProviderSettings.huawei(emulator.credentials(),
                emulator.huaweiProjectId(), "vpc", "subnet").withEndpoint(emulator.endpoint())).build()) {
            assertThatThrownBy(() -> s.evaluate("cache { provider huawei; create name: 'nosg', spec: 'memcached', "
                    + "capacity: 2 }")).hasMessageStartingWith("create: huawei memcached (v1 CreateInstance) needs the "
                    + "VPC, subnet and security group");
        }
    }
}
