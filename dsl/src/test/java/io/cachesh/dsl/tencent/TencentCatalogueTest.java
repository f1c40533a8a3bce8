package io.cachesh.dsl.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachesh.dsl.spec.Spec;
import io.cachesh.dsl.spec.SpecOffer;
import org.junit.jupiter.api.Test;

class TencentCatalogueTest {

    @Test
    void seedTableOffersEveryCreatableVersionNewestLast() {
        TencentCatalogue seed = TencentCatalogue.seed("ap-guangzhou");

        assertThat(seed.versions(Spec.REDIS_HA)).containsExactly("2.8", "4.0", "5.0", "6.2", "7.0");
        assertThat(seed.versions(Spec.REDIS_CLUSTER)).containsExactly("4.0", "5.0", "6.2", "7.0");
        assertThat(seed.versions(Spec.REDIS_RW)).containsExactly("4.0", "5.0", "6.2", "7.0");
        SpecOffer cluster = seed.offer(Spec.REDIS_CLUSTER, "7.0");
        assertThat(cluster.productCode()).isEqualTo("18");
        assertThat(cluster.capacitiesGb()).containsExactly(4.0, 8.0, 12.0, 16.0, 20.0, 24.0, 32.0);
        assertThat(seed.offer(Spec.REDIS_HA, "2.8").replicas()).containsExactly(1);
        assertThat(seed.unsupported(Spec.MEMCACHED)).isEqualTo(TencentCatalogue.CMEM_CREATE
                + " (allowed here: redis.standalone, redis.ha, redis.cluster, redis.rw)");
        TencentCatalogue creatable = seed.creatable(java.util.Set.of(2, 6, 7, 8, 9, 15, 16, 17, 18));
        assertThat(creatable.versions(Spec.REDIS_STANDALONE)).isEmpty();
        assertThat(creatable.unsupported(Spec.REDIS_STANDALONE)).startsWith("spec redis.standalone cannot be created");
    }

    @Test
    void productInfoSizesAreGbStringsTotalForStandardAndPerShardForCluster() throws Exception {
        JsonNode info = new ObjectMapper().readTree("""
                {"RegionSet": [{"RegionId": "ap-guangzhou", "ZoneSet": [{"ZoneId": "ap-guangzhou-2", "OldZoneId": 100002,
                  "ProductSet": [
                    {"Type": 7, "TotalSize": ["12", "20"], "ShardSize": ["4", "8"], "ReplicaNum": ["1", "2"], "ShardNum": ["3", "5"]},
                    {"Type": 2, "TotalSize": ["1", "2", "0.25"], "ShardSize": ["1"], "ReplicaNum": ["1"], "ShardNum": ["1"]},
                    {"Type": 8, "Saleout": true, "TotalSize": ["1"], "ShardSize": ["1"], "ReplicaNum": ["1"], "ShardNum": ["1"]}
                  ]}]},
                 {"RegionId": "ap-shanghai", "ZoneSet": []}]}
                """);

        TencentCatalogue c = TencentCatalogue.fromProductInfo("ap-guangzhou", info);

        assertThat(c.versions(Spec.REDIS_HA)).containsExactly("2.8");
        assertThat(c.versions(Spec.REDIS_CLUSTER)).containsExactly("4.0");
        assertThat(c.offer(Spec.REDIS_HA, "2.8").capacitiesGb()).containsExactly(0.25, 1.0, 2.0);
        assertThat(c.offer(Spec.REDIS_CLUSTER, "4.0").capacitiesGb()).containsExactly(4.0, 8.0);
        assertThat(c.offer(Spec.REDIS_CLUSTER, "4.0").shards()).containsExactly(3, 5);
        assertThat(c.zones()).containsExactly("ap-guangzhou-2");
        assertThat(c.numericZoneId("ap-guangzhou-2")).isEqualTo(100002L);
        assertThat(TencentCatalogue.fromProductInfo("ap-shanghai", info)).isNull();
    }

    @Test
    void instanceStatusCodesMapToNeutralWords() {
        assertThat(TencentCacheService.status(0)).isEqualTo("creating");
        assertThat(TencentCacheService.status(1)).isEqualTo("changing");
        assertThat(TencentCacheService.status(2)).isEqualTo("running");
        assertThat(TencentCacheService.status(-2)).isEqualTo("isolated");
        assertThat(TencentCacheService.status(-3)).isEqualTo("deleting");
    }
}
