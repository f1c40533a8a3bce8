package io.cachesh.dsl.spec;

import java.util.List;

/**
 * What a provider sells for one spec and version.
 *
 * @param spec         the spec
 * @param version      engine version, e.g. {@code 7.0}
 * @param provider     provider name, {@code tencent}
 * @param productCode  the vendor's product code (Tencent TypeId), as a string
 * @param capacitiesGb allowed capacities in GB: total for non-cluster specs, <b>per shard</b> for redis.cluster
 * @param shards       allowed shard counts ({@code [1]} for non-cluster specs)
 * @param replicas     allowed replica counts
 * @param source       where the values come from: {@code catalogue} (asked the vendor) or {@code seed} (offline table)
 */
public record SpecOffer(Spec spec, String version, String provider, String productCode, List<Double> capacitiesGb,
                        List<Integer> shards, List<Integer> replicas, String source) {

    public SpecOffer {
        capacitiesGb = List.copyOf(capacitiesGb);
        shards = List.copyOf(shards);
        replicas = List.copyOf(replicas);
    }
}
