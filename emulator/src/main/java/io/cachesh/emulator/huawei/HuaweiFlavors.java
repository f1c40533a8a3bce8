package io.cachesh.emulator.huawei;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The product specifications (flavors) the emulator sells, after the seed's capacity rules (5.1.1 CreateInstance,
 * 5.15.1 ListFlavors): Redis 4.0/5.0/6.0 single-node and master/standby at 0.125, 0.25, 0.5, 1, 2, 4, 8, 16, 24, 32,
 * 48, 64 GB; Redis Cluster at 4 ... 1024 GB. Spec codes follow the seed's examples ({@code redis.single.xu1.tiny.128},
 * {@code redis.ha.xu1.large.r2.1}, {@code redis.cluster.xu1.large.r2.8}) for x86_64 ({@code xu1}) and aarch64
 * ({@code au1}). Shard counts of cluster flavors are derived (3 up to 24 GB, then one per 8 GB): the seed lists none.
 */
public final class HuaweiFlavors {

    /** Engine versions every flavor accepts. */
    public static final List<String> ENGINE_VERSIONS = List.of("4.0", "5.0", "6.0");

    /** One spec code. */
    public record Flavor(String specCode, String cacheMode, String cpuType, BigDecimal capacityGb, int replicaCount,
                         int shardingCount) {

        public long capacityMb() {
            return capacityGb.multiply(BigDecimal.valueOf(1024)).longValue();
        }

        /** {@code "0.125"}, {@code "1"}. */
        public String capacityText() {
            return capacityGb.stripTrailingZeros().toPlainString();
        }

        /** The v1 product id: the spec code with the hourly suffix, as in the v1 seed ({@code dcs.master_standby-h}). */
        public String productId() {
            return specCode + "-h";
        }

        /** A Memcached product: the historical {@code dcs.*} spec codes, whose capacity is a separate field. */
        public boolean memcached() {
            return specCode.startsWith(MEMCACHED_PREFIX);
        }
    }

    /**
     * Memcached (v1 only, the historical API of the 2025 seed, 8.1.1 l.43095-43522 and 8.6.1 l.45867-46052): single-node
     * and master/standby at 2, 4, 8, 16, 32 and 64 GB, sold under the historical spec codes {@code dcs.single_node} and
     * {@code dcs.master_standby} (product ids {@code dcs.single_node-h}, {@code dcs.master_standby-h}) with the capacity
     * as a separate field. The emulator sells these codes for Memcached only (the seed also uses them for Redis 3.0).
     */
    public static final List<String> MEMCACHED_CAPACITIES = List.of("2", "4", "8", "16", "32", "64");
    static final String MEMCACHED_PREFIX = "dcs.";

    private static final String[] SMALL = {"0.125", "0.25", "0.5", "1", "2", "4", "8", "16", "24", "32", "48", "64"};
    private static final String[] CLUSTER = {"4", "8", "16", "24", "32", "48", "64", "96", "128", "192", "256", "384",
            "512", "768", "1024"};

    private final List<Flavor> all;
    private final List<Flavor> memcached;

    private HuaweiFlavors(List<Flavor> all, List<Flavor> memcached) {
        this.all = List.copyOf(all);
        this.memcached = List.copyOf(memcached);
    }

    public static HuaweiFlavors standard() {
        List<Flavor> out = new ArrayList<>();
        for (String[] cpu : new String[][]{{"xu1", "x86_64"}, {"au1", "aarch64"}}) {
            for (String c : SMALL) {
                BigDecimal gb = new BigDecimal(c);
                boolean tiny = gb.compareTo(BigDecimal.ONE) < 0;
                String size = tiny ? Long.toString(gb.multiply(BigDecimal.valueOf(1024)).longValue()) : c;
                out.add(new Flavor("redis.single." + cpu[0] + (tiny ? ".tiny." : ".large.") + size, "single", cpu[1], gb, 1, 1));
                out.add(new Flavor("redis.ha." + cpu[0] + (tiny ? ".tiny.r2." : ".large.r2.") + size, "ha", cpu[1], gb, 2, 1));
            }
            for (String c : CLUSTER) {
                BigDecimal gb = new BigDecimal(c);
                int shards = Math.max(3, gb.intValue() / 8);
                out.add(new Flavor("redis.cluster." + cpu[0] + ".large.r2." + c, "cluster", cpu[1], gb, 2, shards));
            }
        }
        List<Flavor> memcached = new ArrayList<>();
        for (String c : MEMCACHED_CAPACITIES) {
            memcached.add(new Flavor("dcs.single_node", "single", "x86_64", new BigDecimal(c), 1, 1));
            memcached.add(new Flavor("dcs.master_standby", "ha", "x86_64", new BigDecimal(c), 2, 1));
        }
        return new HuaweiFlavors(out, memcached);
    }

    /** The Memcached products, one per spec code and capacity. */
    public List<Flavor> memcached() {
        return memcached;
    }

    /** The Memcached product of {@code productId} ({@code dcs.master_standby-h} or the bare spec code) and capacity. */
    public Optional<Flavor> memcached(String productId, BigDecimal capacityGb) {
        if (productId == null) return Optional.empty();
        String spec = productId.endsWith("-h") ? productId.substring(0, productId.length() - 2) : productId;
        return memcached.stream().filter(f -> f.specCode().equals(spec) && f.capacityGb().compareTo(capacityGb) == 0).findFirst();
    }

    /** The flavor an instance was created or resized with: its spec code, and for Memcached its capacity too. */
    public Optional<Flavor> of(String specCode, String capacityText) {
        return specCode != null && specCode.startsWith(MEMCACHED_PREFIX)
                ? memcached(specCode, new BigDecimal(capacityText)) : bySpecCode(specCode);
    }

    /** Whether {@code productId} names a Memcached product at all (any capacity). */
    public boolean isMemcachedProduct(String productId) {
        return productId != null && productId.startsWith(MEMCACHED_PREFIX);
    }

    public List<Flavor> all() {
        return all;
    }

    public Optional<Flavor> bySpecCode(String specCode) {
        return specCode == null ? Optional.empty() : all.stream().filter(f -> f.specCode().equals(specCode)).findFirst();
    }

    /** v1: by product id ({@code <spec code>-h}) or the bare spec code. */
    public Optional<Flavor> byProductId(String productId) {
        if (productId == null) return Optional.empty();
        String spec = productId.endsWith("-h") ? productId.substring(0, productId.length() - 2) : productId;
        return bySpecCode(spec);
    }

    /** The flavor of the same cache mode and CPU type (and engine) with {@code capacityGb}. */
    public Optional<Flavor> sameKind(Flavor like, BigDecimal capacityGb) {
        return (like.memcached() ? memcached : all).stream().filter(f -> f.cacheMode().equals(like.cacheMode()) && f.cpuType().equals(like.cpuType())
                && f.capacityGb().compareTo(capacityGb) == 0).findFirst();
    }

    static boolean sameCapacity(Flavor f, double gb) {
        return f.capacityGb().compareTo(new BigDecimal(Double.toString(gb))) == 0;
    }
}
