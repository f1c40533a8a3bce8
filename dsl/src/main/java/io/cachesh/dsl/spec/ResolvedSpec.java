package io.cachesh.dsl.spec;

/**
 * A spec request checked against a catalogue, every value filled in.
 *
 * @param offer      the matching offer (product code, allowed values)
 * @param capacityGb GB; per shard for redis.cluster
 * @param shards     shard count (1 unless cluster)
 * @param replicas   replica count
 * @param zone       zone or null
 */
public record ResolvedSpec(SpecOffer offer, double capacityGb, int shards, int replicas, String zone) {

    public Spec spec() {
        return offer.spec();
    }

    public String version() {
        return offer.version();
    }
}
