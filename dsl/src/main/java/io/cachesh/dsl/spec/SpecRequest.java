package io.cachesh.dsl.spec;

/**
 * The spec part of a {@code create}, as the user wrote it (nulls for "use the default").
 *
 * @param spec       the spec
 * @param version    engine version or null for the newest sold
 * @param capacityGb GB; per shard for redis.cluster; null for the smallest sold
 * @param shards     cluster shard count or null
 * @param replicas   replica count or null
 * @param zone       zone or null for the vendor's choice
 */
public record SpecRequest(Spec spec, String version, Double capacityGb, Integer shards, Integer replicas, String zone) {
}
