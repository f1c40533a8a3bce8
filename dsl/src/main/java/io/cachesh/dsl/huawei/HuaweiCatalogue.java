package io.cachesh.dsl.huawei;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.dsl.spec.Spec;
import io.cachesh.dsl.spec.SpecCatalogue;
import io.cachesh.dsl.spec.SpecOffer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What Huawei DCS sells in one region, by spec: the flavors (spec codes) of ListFlavors, read once per session and
 * region, or the seed's flavor table when ListFlavors cannot be read. {@code redis.standalone} is cache mode
 * {@code single}, {@code redis.ha} is {@code ha}, {@code redis.cluster} is {@code cluster} (capacity per shard = the
 * flavor's total / its {@code sharding_num}), {@code redis.rw} is {@code ha_rw_split} when listed; Memcached is not
 * sold by the v2 API but by v1 (see {@link #MEMCACHED_VERSION}). x86_64 flavors are preferred; aarch64 ones are used only where no x86_64 one is sold.
 * See docs/spec-vocabulary.md.
 */
public final class HuaweiCatalogue implements SpecCatalogue {

    /** One spec code: cache mode, CPU, total capacity (GB), copies (master included), shards, engine versions. */
    public record Flavor(String specCode, String cacheMode, String cpuType, BigDecimal capacityGb, int replicaCount,
                         int shards, List<String> versions) {

        /** Capacity per shard (cluster) or total, or null when the shards do not split the capacity evenly. */
        BigDecimal perShardGb() {
            if (shards <= 1) return capacityGb;
            try {
                return capacityGb.divide(BigDecimal.valueOf(shards)).stripTrailingZeros();
            } catch (ArithmeticException e) {
                return null; // 4 GB over 3 shards: not expressible as a per-shard capacity
            }
        }
    }

    /** The modes the DSL creates, by spec. */
    static final Map<Spec, String> CACHE_MODES = Map.of(Spec.REDIS_STANDALONE, "single", Spec.REDIS_HA, "ha",
            Spec.REDIS_CLUSTER, "cluster", Spec.REDIS_RW, "ha_rw_split");

    /** The seed's capacities (GB): single and ha (5.1.1 / 5.15.1), cluster 4-1024 GB. */
    static final List<String> SMALL = List.of("0.125", "0.25", "0.5", "1", "2", "4", "8", "16", "24", "32", "48", "64");
    static final List<String> CLUSTER = List.of("4", "8", "16", "24", "32", "48", "64", "96", "128", "192", "256",
            "384", "512", "768", "1024");
    static final List<String> SEED_VERSIONS = List.of("4.0", "5.0", "6.0");

    /**
     * Memcached is created by the v1 API (the 2025 seed's historical 8.1.1, l.43095-43522): products
     * {@code dcs.single_node-h} (no replica) and {@code dcs.master_standby-h} (one), 2-64 GB. Huawei reports no
     * Memcached version ({@code engine_version} empty), so the DSL calls it {@value #MEMCACHED_VERSION}.
     */
    static final String MEMCACHED_VERSION = "dcs";
    static final List<Double> MEMCACHED_GB = List.of(2.0, 4.0, 8.0, 16.0, 32.0, 64.0);

    /** The v1 product of a Memcached instance with {@code replicas} replicas (0 or 1). */
    static String memcachedProduct(int replicas) {
        return replicas == 0 ? "dcs.single_node-h" : "dcs.master_standby-h";
    }

    private final String region;
    private final List<Flavor> flavors;
    private final List<String> zones;
    private final String source;

    HuaweiCatalogue(String region, List<Flavor> flavors, List<String> zones, String source) {
        this.region = region;
        this.flavors = List.copyOf(flavors);
        this.zones = List.copyOf(zones);
        this.source = source;
    }

    /**
     * The seed's flavor table (offline fallback): single and ha at 0.125-64 GB, cluster at 4-1024 GB with 3 shards up to
     * 24 GB, then one per 8 GB; spec codes as the seed's examples ({@code redis.ha.xu1.tiny.r2.128},
     * {@code redis.ha.xu1.large.r2.2}, {@code redis.cluster.xu1.large.r2.24}).
     */
    static HuaweiCatalogue seed(String region, List<String> zones) {
        List<Flavor> out = new ArrayList<>();
        for (String c : SMALL) {
            BigDecimal gb = new BigDecimal(c);
            boolean tiny = gb.compareTo(BigDecimal.ONE) < 0;
            String size = tiny ? Long.toString(gb.multiply(BigDecimal.valueOf(1024)).longValue()) : c;
            out.add(new Flavor("redis.single.xu1" + (tiny ? ".tiny." : ".large.") + size, "single", "x86_64", gb, 1, 1,
                    SEED_VERSIONS));
            out.add(new Flavor("redis.ha.xu1" + (tiny ? ".tiny.r2." : ".large.r2.") + size, "ha", "x86_64", gb, 2, 1,
                    SEED_VERSIONS));
        }
        for (String c : CLUSTER) {
            BigDecimal gb = new BigDecimal(c);
            out.add(new Flavor("redis.cluster.xu1.large.r2." + c, "cluster", "x86_64", gb, 2,
                    Math.max(3, gb.intValue() / 8), SEED_VERSIONS));
        }
        return new HuaweiCatalogue(region, out, zones, "seed");
    }

    /** The flavors of a ListFlavors answer (Redis only); null when it lists none. */
    static HuaweiCatalogue fromListFlavors(String region, JsonNode answer, List<String> zones) {
        List<Flavor> out = new ArrayList<>();
        for (JsonNode f : answer.path("flavors")) {
            if (!"redis".equalsIgnoreCase(f.path("engine").asText("redis"))) continue;
            String code = f.path("spec_code").asText("");
            String mode = f.path("cache_mode").asText("");
            if (code.isEmpty() || mode.isEmpty()) continue;
            List<String> versions = new ArrayList<>();
            for (String v : f.path("engine_version").asText("").split("[;,]")) {
                if (!v.isBlank()) versions.add(v.trim());
            }
            for (JsonNode cap : f.path("capacity")) {
                BigDecimal gb;
                try {
                    gb = new BigDecimal(cap.asText().trim());
                } catch (NumberFormatException e) {
                    continue;
                }
                int shards = 1;
                for (JsonNode a : f.path("attrs")) {
                    if ("sharding_num".equals(a.path("name").asText())
                            && (a.path("capacity").isMissingNode() || sameGb(a.path("capacity").asText(), gb))) {
                        shards = Math.max(1, a.path("value").asInt(1));
                    }
                }
                if ("cluster".equals(mode) && shards == 1) shards = Math.max(3, gb.intValue() / 8);
                out.add(new Flavor(code, mode, f.path("cpu_type").asText("x86_64"), gb,
                        Math.max(1, f.path("replica_count").asInt("single".equals(mode) ? 1 : 2)), shards, versions));
            }
        }
        return out.isEmpty() ? null : new HuaweiCatalogue(region, out, zones, "catalogue");
    }

    private static boolean sameGb(String text, BigDecimal gb) {
        try {
            return new BigDecimal(text.trim()).compareTo(gb) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** {@code catalogue} (ListFlavors) or {@code seed}. */
    public String source() {
        return source;
    }

    public List<Flavor> flavors() {
        return flavors;
    }

    public Optional<Flavor> bySpecCode(String specCode) {
        return flavors.stream().filter(f -> f.specCode().equals(specCode)).findFirst();
    }

    /** The flavors the DSL creates for {@code spec}: its cache mode, x86_64 where sold, by capacity. */
    List<Flavor> creatable(Spec spec) {
        String mode = CACHE_MODES.get(spec);
        if (mode == null) return List.of();
        List<Flavor> ofMode = flavors.stream().filter(f -> f.cacheMode().equals(mode)).toList();
        List<Flavor> x86 = ofMode.stream().filter(f -> f.cpuType().toLowerCase(Locale.ROOT).startsWith("x86")).toList();
        return (x86.isEmpty() ? ofMode : x86).stream()
                .sorted(Comparator.comparing(Flavor::capacityGb)).toList();
    }

    /** The flavor for {@code spec} with this total capacity (and shard count for clusters), if sold. */
    Optional<Flavor> flavor(Spec spec, String version, double totalGb, int shards) {
        BigDecimal total = BigDecimal.valueOf(totalGb);
        return creatable(spec).stream()
                .filter(f -> f.capacityGb().compareTo(total) == 0)
                .filter(f -> !spec.isCluster() || f.shards() == shards)
                .filter(f -> version == null || f.versions().isEmpty() || f.versions().contains(version))
                .findFirst();
    }

    @Override
    public String provider() {
        return "huawei";
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public String unsupported(Spec spec) {
        List<String> sold = new ArrayList<>();
        for (Spec s : Spec.values()) if (s == Spec.MEMCACHED || !creatable(s).isEmpty()) sold.add(s.id());
        if (spec == Spec.MEMCACHED) return null;   // the v1 API's dcs.* products
        if (creatable(spec).isEmpty()) {
            return "spec " + spec.id() + " is not sold on huawei in " + region + " (ListFlavors lists no "
                    + CACHE_MODES.get(spec) + " flavor; allowed: " + String.join(", ", sold) + ")";
        }
        return null;
    }

    @Override
    public List<String> versions(Spec spec) {
        if (spec == Spec.MEMCACHED) return List.of(MEMCACHED_VERSION);
        TreeSet<String> out = new TreeSet<>(Comparator.comparing(HuaweiCatalogue::versionKey));
        creatable(spec).forEach(f -> out.addAll(f.versions().isEmpty() ? SEED_VERSIONS : f.versions()));
        return List.copyOf(out);
    }

    private static BigDecimal versionKey(String v) {
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }

    @Override
    public SpecOffer offer(Spec spec, String version) {
        if (spec == Spec.MEMCACHED) {
            return MEMCACHED_VERSION.equals(version) ? new SpecOffer(spec, version, "huawei",
                    "dcs.single_node / dcs.master_standby", MEMCACHED_GB, List.of(1), List.of(0, 1), "seed") : null;
        }
        List<Flavor> sold = creatable(spec).stream()
                .filter(f -> f.versions().isEmpty() || f.versions().contains(version)).toList();
        if (sold.isEmpty()) return null;
        TreeSet<BigDecimal> capacities = new TreeSet<>();
        TreeSet<Integer> shards = new TreeSet<>();
        TreeSet<Integer> replicas = new TreeSet<>();
        for (Flavor f : sold) {
            BigDecimal per = f.perShardGb();
            if (per == null || per.scale() > 3) continue;
            capacities.add(per.setScale(3, RoundingMode.UNNECESSARY).stripTrailingZeros());
            shards.add(f.shards());
            replicas.add(Math.max(0, f.replicaCount() - 1));
        }
        if (spec == Spec.REDIS_STANDALONE) replicas = new TreeSet<>(List.of(0));
        return new SpecOffer(spec, version, "huawei", CACHE_MODES.get(spec),
                capacities.stream().map(BigDecimal::doubleValue).toList(), List.copyOf(shards), List.copyOf(replicas),
                source);
    }

    @Override
    public List<String> zones() {
        return zones;
    }
}
