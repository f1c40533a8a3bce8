package io.cachesh.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachesh.client.core.Interceptor;
import io.cachesh.client.retry.RetryPolicy;
import io.cachesh.dsl.spec.Spec;
import io.cachesh.dsl.spec.SpecCatalogue;
import io.cachesh.dsl.spec.SpecRequest;
import io.cachesh.dsl.spec.SpecResolver;
import io.cachesh.dsl.tencent.TencentCatalogue;
import io.cachesh.emulator.control.FaultRule;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The allowed sizes and versions come from DescribeProductInfo at run time, asked once per session and region; the
 * seed's table is only the offline fallback; impossible combinations fail before any API call, naming the values.
 */
class SpecCatalogueTest extends EmulatorTestSupport {

    final List<String> actions = new CopyOnWriteArrayList<>();
    final RecordingOutput out = new RecordingOutput();

    CacheshSession session(boolean dryRun) {
        Interceptor record = chain -> {
            actions.add(chain.request().operation().name());
            return chain.proceed(chain.request());
        };
        return CacheshSession.builder().provider(settings()).output(out).dryRun(dryRun)
                .clientConfig(b -> b.retryPolicy(RetryPolicy.none()).addNetworkInterceptor(record)).build();
    }

    @AfterEach
    void clearFaults() {
        emulator.faults().clear();
    }

    long count(String action) {
        return actions.stream().filter(action::equals).count();
    }

    @Test
    void theCatalogueIsAskedOncePerSessionAndRegion() {
        try (CacheshSession s = session(true)) {
            s.evaluate("create name: 'a', spec: 'redis.ha', capacity: 2, password: 'Aa-Pass123'");
            s.evaluate("create name: 'b', spec: 'redis.cluster', capacity: 4, shards: 5, password: 'Bb-Pass123'");
            s.evaluate("plan { ensure name: 'c', spec: 'redis.rw', capacity: 1 }");
            s.evaluate("cache { provider tencent, region: 'ap-shanghai'; create name: 'd', spec: 'redis.ha', "
                    + "capacity: 1, password: 'Dd-Pass123' }");
            assertThat(count("DescribeProductInfo")).isEqualTo(2);   // ap-guangzhou once, ap-shanghai once
            SpecCatalogue c = s.service("tencent", "ap-guangzhou").catalogue();
            assertThat(c.offer(Spec.REDIS_HA, "6.2").source()).isEqualTo("catalogue");
            // 7.0 (TypeId 17) is sold but not listed (ProductConf.Type stops at 16): it takes 6.2's sale spec
            assertThat(c.offer(Spec.REDIS_HA, "7.0").capacitiesGb()).isEqualTo(c.offer(Spec.REDIS_HA, "6.2")
                    .capacitiesGb());
            assertThat(out.warnings).isEmpty();
        }
    }

    @Test
    void theCatalogueSellsWhatTheSeedTableDoesNot() {
        // the emulator's catalogue sells 1-shard clusters with 1 GB shards for 6.2/7.0; the seed's table starts at
        // 3 shards of 4 GB, which would lock users out of what the cloud sells
        try (CacheshSession s = session(true)) {
            Object r = s.evaluate("create name: 'tiny', spec: 'redis.cluster', capacity: 1, shards: 1, "
                    + "password: 'Tiny-Pass12'");
            assertThat(((io.cachesh.dsl.result.Instance) r).isDryRun()).isTrue();
            assertThat(out.lines).anyMatch(l -> l.startsWith("dry-run: CreateInstances") && l.contains("TypeId=18")
                    && l.contains("RedisShardNum=1") && l.contains("MemSize=1024"));
        }
        assertThat(TencentCatalogue.seed("ap-guangzhou").offer(Spec.REDIS_CLUSTER, "7.0").shards()).doesNotContain(1);
    }

    @Test
    void theSeedTableIsTheFallbackWhenTheCatalogueCannotBeRead() {
        emulator.faults().add(FaultRule.error("tencent", "DescribeProductInfo", "InternalError", 1));
        try (CacheshSession s = session(true)) {
            s.evaluate("create name: 'a', spec: 'redis.ha', capacity: 2, password: 'Aa-Pass123'");
            assertThat(out.warnings).anyMatch(w -> w.startsWith("tencent: DescribeProductInfo failed (")
                    && w.endsWith("); using the seed's spec table"));
            assertThat(s.service("tencent", "ap-guangzhou").catalogue().offer(Spec.REDIS_HA, "7.0").source())
                    .isEqualTo("seed");
        }
    }

    @Test
    void impossibleCombinationsFailBeforeAnyCallNamingTheAllowedValues() {
        try (CacheshSession s = session(false)) {
            // shard counts and per-shard sizes are what the catalogue lists (1-shard clusters included)
            assertThatThrownBy(() -> s.evaluate("create name: 'x', spec: 'redis.cluster', capacity: 4, "
                    + "shards: 2, password: 'Xx-Pass123'")).isInstanceOf(DslException.class)
                    .hasMessage("create: shards must be one of 1, 3, 5, 8, 12, 16, 24, 32, 40, 48, 64, 80, 96, 128 for "
                            + "redis.cluster 7.0 on tencent, got 2");
            assertThatThrownBy(() -> s.evaluate("create name: 'x', spec: 'redis.cluster', capacity: 0.5, "
                    + "password: 'Xx-Pass123'")).isInstanceOf(DslException.class)
                    .hasMessage("create: capacity must be one of 1, 2, 4, 8, 12, 16, 20, 24, 32 GB per shard for "
                            + "redis.cluster 7.0 on tencent, got 0.5");
            assertThatThrownBy(() -> s.evaluate("create name: 'x', spec: 'redis.rw', version: '2.8', capacity: 1, "
                    + "password: 'Xx-Pass123'")).isInstanceOf(DslException.class)
                    .hasMessage("create: version must be one of 4.0, 5.0, 6.2, 7.0 for redis.rw on tencent, got '2.8'");
            assertThatThrownBy(() -> s.evaluate("create name: 'x', spec: 'redis.ha', capacity: 1, replicas: 9, "
                    + "password: 'Xx-Pass123'")).isInstanceOf(DslException.class)
                    .hasMessageMatching("create: replicas must be one of [0-9, ]+ for redis.ha 7.0 on tencent, got 9");
            assertThatThrownBy(() -> s.evaluate("ensure name: 'x', spec: 'redis.cluster', capacity: 64, "
                    + "password: 'Xx-Pass123'")).isInstanceOf(DslException.class)
                    .hasMessage("ensure: capacity must be one of 1, 2, 4, 8, 12, 16, 20, 24, 32 GB per shard for "
                            + "redis.cluster 7.0 on tencent, got 64");
            assertThat(actions).containsOnly("DescribeProductInfo");
        }
    }

    @Test
    void whatTheCatalogueSellsWinsOverTheSeed() throws Exception {
        // a region whose catalogue sells a 256 GB standard size the seed does not know, and no 1 GB
        TencentCatalogue c = TencentCatalogue.fromProductInfo("ap-guangzhou", new ObjectMapper().readTree("""
                {"RegionSet": [{"RegionId": "ap-guangzhou", "ZoneSet": [{"ZoneId": "ap-guangzhou-3", "OldZoneId": 100003,
                  "ProductSet": [{"Type": 17, "TotalSize": ["2", "256"], "ShardSize": ["2"], "ReplicaNum": ["1", "2"],
                                  "ShardNum": ["1"]}]}]}]}
                """));
        assertThat(SpecResolver.resolve("create", new SpecRequest(Spec.REDIS_HA, null, 256.0, null, null, null), c)
                .capacityGb()).isEqualTo(256.0);
        assertThatThrownBy(() -> SpecResolver.resolve("create",
                new SpecRequest(Spec.REDIS_HA, null, 1.0, null, null, null), c)).isInstanceOf(DslException.class)
                .hasMessage("create: capacity must be one of 2, 256 GB for redis.ha 7.0 on tencent, got 1");
        assertThatThrownBy(() -> SpecResolver.resolve("create",
                new SpecRequest(Spec.REDIS_CLUSTER, null, 4.0, null, null, null), c)).isInstanceOf(DslException.class)
                .hasMessage("create: redis.cluster is not sold on tencent in ap-guangzhou");
    }
}
