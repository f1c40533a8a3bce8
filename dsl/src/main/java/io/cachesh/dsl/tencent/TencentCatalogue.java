package io.cachesh.dsl.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.dsl.spec.Spec;
import io.cachesh.dsl.spec.SpecCatalogue;
import io.cachesh.dsl.spec.SpecOffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What Tencent sells in one region: from DescribeProductInfo (seed l.27129-27950; sizes are GB strings, TotalSize for
 * standard types, ShardSize per shard for cluster types), or from the seed's tables when the catalogue is not
 * available ({@link #seed(String)}).
 */
public final class TencentCatalogue implements SpecCatalogue {

    /** What one TypeId offers in the region (union over zones and pay modes). */
    record TypeOffer(int typeId, List<Double> totalGb, List<Double> shardGb, List<Integer> replicas,
                     List<Integer> shards) {
    }

    private final String region;
    private final Map<Integer, TypeOffer> types;
    private final List<String> zones;
    private final Map<String, Long> numericZoneIds;
    private final String source;
    private final Set<Integer> creatable;
    /** Types offered from the seed's tables because the listing omits them. */
    private final Set<Integer> unlisted = new java.util.TreeSet<>();

    private TencentCatalogue(String region, Map<Integer, TypeOffer> types, List<String> zones,
                             Map<String, Long> numericZoneIds, String source, Set<Integer> creatable) {
        this.creatable = creatable;
        this.region = region;
        this.types = types;
        this.zones = List.copyOf(zones);
        this.numericZoneIds = Map.copyOf(numericZoneIds);
        this.source = source;
    }

    /** The offline table from the seed: every Redis TypeId, no zone list. */
    public static TencentCatalogue seed(String region) {
        Map<Integer, TypeOffer> types = new LinkedHashMap<>();
        for (TencentSpecTable.Row r : TencentSpecTable.ROWS) {
            types.putIfAbsent(r.typeId(), new TypeOffer(r.typeId(), TencentSpecTable.seedCapacities(r),
                    TencentSpecTable.seedCapacities(r), TencentSpecTable.seedReplicas(r),
                    TencentSpecTable.seedShards(r)));
        }
        return new TencentCatalogue(region, types, List.of(), Map.of(), "seed", null);
    }

    /**
     * Parses a DescribeProductInfo response ({@code RegionSet}). Returns null when it lists nothing for
     * {@code region}, so the caller can fall back to {@link #seed(String)}.
     */
    public static TencentCatalogue fromProductInfo(String region, JsonNode response) {
        JsonNode regions = response.path("RegionSet");
        Map<Integer, Acc> acc = new LinkedHashMap<>();
        List<String> zones = new ArrayList<>();
        Map<String, Long> numeric = new LinkedHashMap<>();
        for (JsonNode r : regions) {
            if (!region.equals(r.path("RegionId").asText())) continue;
            for (JsonNode z : r.path("ZoneSet")) {
                String zoneId = z.path("ZoneId").asText();
                if (!zoneId.isEmpty() && !zones.contains(zoneId)) zones.add(zoneId);
                long old = z.path("OldZoneId").asLong(0);
                if (old > 0) numeric.put(zoneId, old);
                for (JsonNode p : z.path("ProductSet")) {
                    if (p.path("Saleout").asBoolean(false)) continue;
                    int type = p.path("Type").asInt(-1);
                    Acc a = acc.computeIfAbsent(type, t -> new Acc());
                    doubles(p.path("TotalSize"), a.total);
                    doubles(p.path("ShardSize"), a.shard);
                    ints(p.path("ReplicaNum"), a.replicas);
                    ints(p.path("ShardNum"), a.shards);
                }
            }
        }
        if (acc.isEmpty()) return null;
        Map<Integer, TypeOffer> types = new LinkedHashMap<>();
        acc.forEach((type, a) -> types.put(type, new TypeOffer(type, List.copyOf(a.total), List.copyOf(a.shard),
                List.copyOf(a.replicas), List.copyOf(a.shards))));
        return new TencentCatalogue(region, types, zones, numeric, "catalogue", null);
    }

    private static final class Acc {
        final Set<Double> total = new TreeSet<>();
        final Set<Double> shard = new TreeSet<>();
        final Set<Integer> replicas = new TreeSet<>();
        final Set<Integer> shards = new TreeSet<>();
    }

    private static void doubles(JsonNode list, Set<Double> into) {
        for (JsonNode n : list) {
            try {
                into.add(Double.parseDouble(n.asText().trim()));
            } catch (NumberFormatException ignored) {
                // not a size; the vendor's example data has none, skip anything odd
            }
        }
    }

    private static void ints(JsonNode list, Set<Integer> into) {
        for (JsonNode n : list) {
            try {
                into.add(Integer.parseInt(n.asText().trim()));
            } catch (NumberFormatException ignored) {
                // skip
            }
        }
    }

    /**
     * The same catalogue limited to the TypeIds CreateInstances accepts (the model's {@code TypeId} enum, seed
     * l.16523-16549): DescribeProductInfo also lists types that cannot be created (5, Redis 2.8 standalone).
     * Conversely, creatable types the listing omits (17 and 18, Redis 7.0: the documented {@code ProductConf.Type}
     * stops at 16, yet CreateInstances sells them) are added with the sale spec of the newest listed type of the
     * same architecture (else the seed's tables), with source {@code seed}.
     */
    public TencentCatalogue creatable(Set<Integer> typeIds) {
        if (typeIds == null || typeIds.isEmpty()) {
            return new TencentCatalogue(region, types, zones, numericZoneIds, source, null);
        }
        Map<Integer, TypeOffer> merged = new LinkedHashMap<>(types);
        Set<Integer> fromSeed = new java.util.TreeSet<>(unlisted);
        for (TencentSpecTable.Row r : TencentSpecTable.ROWS) {
            if (typeIds.contains(r.typeId()) && !merged.containsKey(r.typeId())) {
                TypeOffer sibling = null;
                for (TencentSpecTable.Row o : TencentSpecTable.rows(r.spec())) {
                    if (o.typeId() != r.typeId() && !o.version().equals("2.8") && types.containsKey(o.typeId())
                            && !unlisted.contains(o.typeId())) {
                        sibling = types.get(o.typeId()); // rows are in version order: the newest listed wins
                    }
                }
                merged.put(r.typeId(), sibling != null
                        ? new TypeOffer(r.typeId(), sibling.totalGb(), sibling.shardGb(), sibling.replicas(),
                                sibling.shards())
                        : new TypeOffer(r.typeId(), TencentSpecTable.seedCapacities(r),
                                TencentSpecTable.seedCapacities(r), TencentSpecTable.seedReplicas(r),
                                TencentSpecTable.seedShards(r)));
                fromSeed.add(r.typeId());
            }
        }
        TencentCatalogue c = new TencentCatalogue(region, merged, zones, numericZoneIds, source, Set.copyOf(typeIds));
        c.unlisted.addAll(fromSeed);
        return c;
    }

    @Override
    public String provider() {
        return "tencent";
    }

    @Override
    public String region() {
        return region;
    }

    /** {@code catalogue} when read from DescribeProductInfo, {@code seed} for the offline table. */
    public String source() {
        return source;
    }

    /** Why {@code create spec: 'memcached'} fails on tencent (the CMEM API has no create action). */
    public static final String CMEM_CREATE = "spec memcached cannot be created on tencent: Tencent's Memcached (CMEM) "
            + "API has only DescribeCmem and ClearCmem, so CMEM instances are created in the Tencent Cloud console; "
            + "list(spec: 'memcached'), describe, clear and connect work on them (against the emulator, create one "
            + "with emulator.cmem().create(CmemProvider.Spec.named('cache1')) or POST /_emulator/cmem/instances "
            + "{\"name\":\"cache1\"})";

    @Override
    public String unsupported(Spec spec) {
        List<String> allowed = new ArrayList<>();
        for (Spec s : Spec.values()) {
            if (s != Spec.MEMCACHED && !versions(s).isEmpty()) allowed.add(s.id());
        }
        if (spec == Spec.MEMCACHED) {
            return CMEM_CREATE + " (allowed here: " + String.join(", ", allowed) + ")";
        }
        if (creatable != null && TencentSpecTable.rows(spec).stream().noneMatch(r -> creatable.contains(r.typeId()))) {
            return "spec " + spec.id() + " cannot be created on tencent (CreateInstances has no TypeId for it; "
                    + "allowed: " + String.join(", ", allowed) + ")";
        }
        return null;
    }

    @Override
    public List<String> versions(Spec spec) {
        Set<String> out = new LinkedHashSet<>();
        for (TencentSpecTable.Row r : TencentSpecTable.rows(spec)) {
            if (offer(spec, r.version()) != null) out.add(r.version());
        }
        return List.copyOf(out);
    }

    @Override
    public SpecOffer offer(Spec spec, String version) {
        TencentSpecTable.Row row = TencentSpecTable.row(spec, version);
        if (row == null || creatable != null && !creatable.contains(row.typeId())) return null;
        TypeOffer t = types.get(row.typeId());
        if (t == null) return null;
        List<Double> capacities = spec.isCluster() ? t.shardGb() : t.totalGb();
        if (capacities.isEmpty()) capacities = TencentSpecTable.seedCapacities(row);
        List<Integer> shards = spec.isCluster() ? (t.shards().isEmpty() ? TencentSpecTable.CLUSTER_SHARDS : t.shards())
                : List.of(1);
        List<Integer> replicas = t.replicas().isEmpty() ? TencentSpecTable.seedReplicas(row) : t.replicas();
        if (spec == Spec.REDIS_RW) {
            replicas = replicas.stream().filter(r -> r >= 1).toList();
            if (replicas.isEmpty()) return null;
        }
        return new SpecOffer(spec, version, "tencent", String.valueOf(row.typeId()), capacities, shards, replicas,
                unlisted.contains(row.typeId()) ? "seed" : source);
    }

    @Override
    public List<String> zones() {
        return zones;
    }

    /** The numeric ZoneId (CreateInstances) of a zone name, or null when the catalogue does not say. */
    public Long numericZoneId(String zone) {
        return numericZoneIds.get(zone);
    }
}
