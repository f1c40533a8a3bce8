package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What Tencent sells, per {@code products.json} (the seed's DescribeProductInfo example plus derived rows for the
 * newer types): the RegionSet of DescribeProductInfo and the specs CreateInstances/UpgradeInstance are checked against.
 */
public final class ProductCatalog {

    /**
     * Sale spec of one instance type.
     *
     * @param typeId       TypeId
     * @param cluster      cluster architecture (MemSize is per shard)
     * @param version      engine version, e.g. {@code 6.2}
     * @param engine       {@code Redis} or {@code CKV}
     * @param shardSizesMb allowed memory per shard in MB
     * @param replicas     allowed replica counts
     * @param shardCounts  allowed shard counts
     * @param minBuy       fewest instances per purchase
     * @param maxBuy       most instances per purchase
     */
    public record Spec(int typeId, boolean cluster, String version, String engine, Set<Long> shardSizesMb,
                       Set<Integer> replicas, Set<Integer> shardCounts, int minBuy, int maxBuy) {
    }

    /** One zone: string id, numeric id, name. */
    public record Zone(String zoneId, int oldZoneId, String name, boolean isDefault) {
    }

    private final List<ObjectNode> products = new ArrayList<>();
    private final Map<String, JsonNode> regions = new LinkedHashMap<>();

    private ProductCatalog(JsonNode root) {
        root.path("seedProducts").forEach(p -> products.add((ObjectNode) p.deepCopy()));
        JsonNode sizes = root.path("derivedSizes");
        for (JsonNode d : root.path("derivedProducts")) {
            boolean cluster = d.path("cluster").asBoolean();
            List<String> payModes = new ArrayList<>();
            if (d.has("payModes")) d.get("payModes").forEach(m -> payModes.add(m.asText()));
            else payModes.addAll(List.of("0", "1"));
            for (String payMode : payModes) {
                ObjectNode p = Json.object();
                p.put("Type", d.path("Type").asInt());
                p.put("TypeName", d.path("TypeName").asText());
                p.put("MinBuyNum", 1);
                p.put("MaxBuyNum", 10);
                p.put("Saleout", false);
                p.put("Engine", "社区版Redis");
                p.put("Version", d.path("Version").asText());
                p.set("TotalSize", sizes.path(cluster ? "clusterTotalSize" : "standardShardSize").deepCopy());
                p.set("ShardSize", sizes.path(cluster ? "clusterShardSize" : "standardShardSize").deepCopy());
                p.set("ReplicaNum", sizes.path("replicaNum").deepCopy());
                ArrayNode shardNum = Json.MAPPER.createArrayNode();
                if (cluster) sizes.path("clusterShardNum").forEach(shardNum::add);
                else shardNum.add("1");
                p.set("ShardNum", shardNum);
                p.put("PayMode", payMode);
                p.put("EnableRepicaReadOnly", true);
                if (!d.path("listed").asBoolean(true)) p.put("listed", false);
                products.add(p);
            }
        }
        root.path("regions").forEach(r -> regions.put(r.path("RegionId").asText(), r));
    }

    public static ProductCatalog load() {
        try (InputStream in = ProductCatalog.class.getResourceAsStream("products.json")) {
            if (in == null) throw new IllegalStateException("products.json missing from the emulator jar");
            return new ProductCatalog(Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean knownRegion(String region) {
        return regions.containsKey(region);
    }

    public Set<String> regionIds() {
        return regions.keySet();
    }

    /** InstanceSet.RegionId (numeric; 0 when the seed documents none). */
    public int numericRegionId(String region) {
        JsonNode r = regions.get(region);
        return r == null ? 0 : r.path("numericId").asInt();
    }

    public List<Zone> zones(String region) {
        List<Zone> zones = new ArrayList<>();
        JsonNode r = regions.get(region);
        if (r == null) return zones;
        for (JsonNode z : r.path("zones")) {
            zones.add(new Zone(z.path("ZoneId").asText(), z.path("OldZoneId").asInt(), z.path("ZoneName").asText(),
                    z.path("IsDefault").asBoolean()));
        }
        return zones;
    }

    public Optional<Zone> zone(String region, int oldZoneId) {
        return zones(region).stream().filter(z -> z.oldZoneId() == oldZoneId).findFirst();
    }

    public Zone defaultZone(String region) {
        List<Zone> zones = zones(region);
        return zones.stream().filter(Zone::isDefault).findFirst().orElse(zones.isEmpty() ? new Zone("", 0, "", true) : zones.get(0));
    }

    /** The spec of a type for a billing mode (0 postpaid / 1 prepaid), merged over matching ProductSet rows. */
    public Optional<Spec> spec(int typeId, int billingMode) {
        List<ObjectNode> rows = products.stream().filter(p -> p.path("Type").asInt() == typeId).toList();
        if (rows.isEmpty()) return Optional.empty();
        List<ObjectNode> matching = rows.stream().filter(p -> p.path("PayMode").asText().equals(Integer.toString(billingMode))).toList();
        if (!matching.isEmpty()) rows = matching;
        Set<Long> sizes = new LinkedHashSet<>();
        Set<Integer> replicas = new LinkedHashSet<>();
        Set<Integer> shards = new LinkedHashSet<>();
        int minBuy = Integer.MAX_VALUE;
        int maxBuy = 0;
        for (ObjectNode p : rows) {
            p.path("ShardSize").forEach(s -> {
                BigDecimal mb = new BigDecimal(s.asText()).multiply(BigDecimal.valueOf(1024));
                sizes.add(mb.longValue());
            });
            p.path("ReplicaNum").forEach(s -> replicas.add(Integer.parseInt(s.asText())));
            p.path("ShardNum").forEach(s -> shards.add(Integer.parseInt(s.asText())));
            minBuy = Math.min(minBuy, p.path("MinBuyNum").asInt(1));
            maxBuy = Math.max(maxBuy, p.path("MaxBuyNum").asInt(10));
        }
        ObjectNode first = rows.get(0);
        String version = first.path("Version").asText().replace("Redis ", "").replace("Redis-", "");
        String engine = first.path("Engine").asText().contains("CKV") ? "CKV" : "Redis";
        boolean cluster = Set.of(4, 7, 9, 16, 18).contains(typeId);
        return Optional.of(new Spec(typeId, cluster, version, engine, sizes, replicas, shards, minBuy, maxBuy));
    }

    /** DescribeProductInfo's {@code RegionSet}: every region, whatever Region was asked (as the seed says). */
    public ArrayNode regionSet() {
        ArrayNode set = Json.MAPPER.createArrayNode();
        for (JsonNode r : regions.values()) {
            ObjectNode region = set.addObject();
            region.put("RegionId", r.path("RegionId").asText());
            region.put("RegionName", r.path("RegionName").asText());
            region.put("RegionShortName", r.path("RegionShortName").asText());
            region.put("Area", r.path("Area").asText());
            ArrayNode zones = region.putArray("ZoneSet");
            for (JsonNode z : r.path("zones")) {
                ObjectNode zone = zones.addObject();
                zone.put("ZoneId", z.path("ZoneId").asText());
                zone.put("ZoneName", z.path("ZoneName").asText());
                zone.put("IsSaleout", false);
                zone.put("IsDefault", z.path("IsDefault").asBoolean(false));
                zone.put("OldZoneId", z.path("OldZoneId").asInt());
                ArrayNode net = zone.putArray("NetWorkType");
                net.add("basenet");
                net.add("vpcnet");
                ArrayNode set2 = zone.putArray("ProductSet");
                products.stream().filter(p -> !p.has("listed")).forEach(p -> set2.add(p.deepCopy()));
            }
        }
        return set;
    }
}
