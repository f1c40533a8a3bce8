package io.cachesh.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachesh.dsl.result.Instance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Several providers in one script: {@code cache(tencent) { }} and {@code cache(huawei) { }} side by side. */
class MultiProviderTest extends EmulatorTestSupport {

    static final String PW = "Orders-Pass1";

    @Test
    @SuppressWarnings("unchecked")
    void blocksOfTwoVendorsPassNeutralResultsToEachOther() {
        RecordingOutput out = new RecordingOutput();
        try (CacheshSession s = session(out)) {
            Map<String, Object> r = (Map<String, Object>) s.evaluate("""
                    def src = cache(tencent) { create name: 'orders', spec: 'redis.ha', capacity: 2, password: '%s' }
                    def copy = cache(huawei, region: 'cn-north-4') {
                        create name: src.name, spec: src.spec, capacity: src.capacityGb, password: '%s'
                    }
                    def tencentNames = cache(tencent) { list()*.name }
                    def huaweiNames = cache(huawei) { list()*.name }
                    def ports = [cache(tencent) { connect(src) { set 'k', 'tencent'; get 'k' } },
                                 cache(huawei) { connect(copy) { set 'k', 'huawei'; get 'k' } }]
                    [src: src, copy: copy, tencent: tencentNames, huawei: huaweiNames, values: ports,
                     top: provider()]
                    """.formatted(PW, PW).replace("provider()", "list()*.provider.unique()"));
            Instance src = (Instance) r.get("src");
            Instance copy = (Instance) r.get("copy");
            assertThat(src.getProvider()).isEqualTo("tencent");
            assertThat(src.getRegion()).isEqualTo("ap-guangzhou");
            assertThat(copy.getProvider()).isEqualTo("huawei");
            assertThat(copy.getRegion()).isEqualTo("cn-north-4");
            assertThat(copy.getName()).isEqualTo("orders");
            assertThat(copy.getSpec()).isEqualTo("redis.ha");
            assertThat(copy.getCapacityGb()).isEqualTo(src.getCapacityGb());
            assertThat((List<String>) r.get("tencent")).containsExactly("orders");
            assertThat((List<String>) r.get("huawei")).containsExactly("orders");
            // each block wrote through its own vendor's real redis-server
            assertThat((List<String>) r.get("values")).containsExactly("tencent", "huawei");
            assertThat(copy.getPort()).isNotEqualTo(src.getPort());
            // the blocks left the session's own provider alone
            assertThat((List<String>) r.get("top")).containsExactly("tencent");
            assertThat(emulator.fleet().contains(src.getId())).isTrue();
            assertThat(emulator.fleet().contains(copy.getId())).isTrue();

            s.evaluate("cache(tencent) { delete 'orders' }; cache(huawei) { delete 'orders' }");
            assertThat(emulator.fleet().contains(src.getId())).isFalse();
            assertThat(emulator.fleet().contains(copy.getId())).isFalse();
            assertThat(out.warnings).isEmpty();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void copyWhitelistRunbookCopiesSecurityGroupsAcrossRegions() {
        RecordingOutput out = new RecordingOutput();
        try (CacheshSession s = session(out)) {
            s.evaluate("create name: 'orders', spec: 'redis.ha', capacity: 1, password: '" + PW + "'; "
                    + "whitelist 'orders', add: ['sg-ajr1jzgj', 'sg-7y0pa6nf']");
            s.evaluate("cache(tencent, region: 'ap-shanghai') { create name: 'orders-dr', spec: 'redis.ha', "
                    + "capacity: 1, password: '" + PW + "' }");
            try {
                Map<String, Object> r = (Map<String, Object>) s.run(
                        ScriptsTest.repoRoot().resolve("scripts/copy-whitelist.groovy"),
                        Map.of("source", "orders", "target", "orders-dr", "toRegion", "ap-shanghai"));
                assertThat((List<String>) r.get("copied")).containsExactlyInAnyOrder("sg-ajr1jzgj", "sg-7y0pa6nf");
                assertThat((List<String>) r.get("targetNow")).containsExactlyInAnyOrder("sg-ajr1jzgj", "sg-7y0pa6nf");
                // read back through the vendor API, not the runbook's answer
                assertThat((List<String>) s.evaluate(
                        "cache(tencent, region: 'ap-shanghai') { whitelist('orders-dr')*.id }"))
                        .containsExactlyInAnyOrder("sg-ajr1jzgj", "sg-7y0pa6nf");
                // a second run changes nothing
                Map<String, Object> again = (Map<String, Object>) s.run(
                        ScriptsTest.repoRoot().resolve("scripts/copy-whitelist.groovy"),
                        Map.of("source", "orders", "target", "orders-dr", "toRegion", "ap-shanghai"));
                assertThat((List<String>) again.get("targetNow")).hasSize(2);
                assertThat(out.lines).anyMatch(l -> l.endsWith("sg-ajr1jzgj already bound"));
            } finally {
                s.evaluate("delete 'orders'; cache(tencent, region: 'ap-shanghai') { delete 'orders-dr' }");
            }
            assertThat(out.warnings).isEmpty();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void addressWhitelistsCopyFromHuaweiToAnotherHuaweiRegionAndSecurityGroupsAreRefusedInOneLine() {
        RecordingOutput out = new RecordingOutput();
        try (CacheshSession s = session(out)) {
            s.evaluate("cache(huawei) { create name: 'small', spec: 'redis.ha', capacity: 1, password: '" + PW + "'; "
                    + "whitelist 'small', add: ['10.0.0.0/8', '192.168.1.7'] }");
            s.evaluate("cache(huawei, region: 'cn-east-3') { create name: 'small-dr', spec: 'redis.ha', capacity: 1, "
                    + "password: '" + PW + "' }");
            try {
                Map<String, Object> r = (Map<String, Object>) s.run(
                        ScriptsTest.repoRoot().resolve("scripts/copy-whitelist.groovy"),
                        Map.of("source", "small", "target", "small-dr", "from", "huawei", "to", "huawei",
                                "toRegion", "cn-east-3"));
                assertThat((List<String>) r.get("targetNow")).containsExactlyInAnyOrder("10.0.0.0/8", "192.168.1.7");
                // a Tencent security group means nothing to Huawei: one line naming the entry, nothing changed
                assertThatThrownBy(() -> s.evaluate("cache(huawei) { whitelist 'small', add: ['sg-ajr1jzgj'] }"))
                        .isInstanceOf(DslException.class)
                        .hasMessageContaining("'sg-ajr1jzgj'")
                        .hasMessageNotContaining("Exception");
                assertThat((List<String>) s.evaluate("cache(huawei) { whitelist('small')*.id }"))
                        .containsExactlyInAnyOrder("10.0.0.0/8", "192.168.1.7");
            } finally {
                s.evaluate("cache(huawei) { delete 'small' }; cache(huawei, region: 'cn-east-3') { delete 'small-dr' }");
            }
        }
    }

    @Test
    void badProviderOrRegionOfABlockIsOneLine() {
        try (CacheshSession s = session(new RecordingOutput())) {
            assertThatThrownBy(() -> s.evaluate("cache('aws') { list() }")).isInstanceOf(DslException.class)
                    .hasMessage("cache: unknown provider 'aws' (allowed: tencent, huawei, capitalonline)");
            assertThatThrownBy(() -> s.evaluate("cache(tencent, zone: 'x') { list() }"))
                    .isInstanceOf(DslException.class)
                    .hasMessageStartingWith("cache: unknown argument 'zone' (allowed: region)");
            assertThatThrownBy(() -> s.evaluate("cache(tencent, region: 'mars-1') { list() }"))
                    .isInstanceOf(DslException.class)
                    .hasMessageStartingWith("cache: region must be one of ");
        }
    }
}
