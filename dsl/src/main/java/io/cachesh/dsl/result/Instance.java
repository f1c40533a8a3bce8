package io.cachesh.dsl.result;

import java.io.Serial;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A cache instance as the DSL sees it, provider-neutral and immutable. {@code capacityGb} is the total memory for
 * standalone/ha/rw instances and the memory <b>per shard</b> for {@code redis.cluster}. {@code status} is neutral
 * ({@link InstanceStatus}); {@code rawStatus} keeps the vendor's own code. Never holds a password.
 */
public final class Instance implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String id;
    private final String name;
    private final String provider;
    private final String spec;
    private final String version;
    private final double capacityGb;
    private final int shards;
    private final int replicas;
    private final String status;
    private final String rawStatus;
    private final String host;
    private final int port;
    private final String region;
    private final String zone;
    private final String createdAt;
    private final Map<String, String> tags;
    private final Map<String, Object> vendor;

    private Instance(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id == null");
        this.name = b.name;
        this.provider = b.provider;
        this.spec = b.spec;
        this.version = b.version;
        this.capacityGb = b.capacityGb;
        this.shards = b.shards;
        this.replicas = b.replicas;
        this.status = b.status == null ? InstanceStatus.UNKNOWN : b.status;
        this.rawStatus = b.rawStatus;
        this.host = b.host;
        this.port = b.port;
        this.region = b.region;
        this.zone = b.zone;
        this.createdAt = b.createdAt;
        this.tags = b.tags.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.tags));
        this.vendor = Values.copy(b.vendor);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getProvider() {
        return provider;
    }

    public String getSpec() {
        return spec;
    }

    public String getVersion() {
        return version;
    }

    /** GB; per shard for {@code redis.cluster}. */
    public double getCapacityGb() {
        return capacityGb;
    }

    public int getShards() {
        return shards;
    }

    public int getReplicas() {
        return replicas;
    }

    public String getStatus() {
        return status;
    }

    public String getRawStatus() {
        return rawStatus;
    }

    public String getHost() {
        return host;
    }

    public int getPort() {
        return port;
    }

    public String getRegion() {
        return region;
    }

    public String getZone() {
        return zone;
    }

    public String getCreatedAt() {
        return createdAt;
    }

    /** Resource tags (key to value), empty when none or when the provider has no tags. */
    public Map<String, String> getTags() {
        return tags;
    }

    /** Vendor-specific extras (type id, billing mode...), plain values only. */
    public Map<String, Object> getVendor() {
        return vendor;
    }

    /** True for the placeholder a mutating verb returns in dry-run mode. */
    public boolean isDryRun() {
        return InstanceStatus.DRY_RUN.equals(status);
    }

    /** Ordered plain map for tables and JSON (vendor extras under {@code vendor}). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("provider", provider);
        m.put("spec", spec);
        m.put("version", version);
        m.put("capacityGb", Values.gb(capacityGb));
        m.put("shards", shards);
        m.put("replicas", replicas);
        m.put("status", status);
        m.put("rawStatus", rawStatus);
        m.put("host", host);
        m.put("port", port);
        m.put("region", region);
        m.put("zone", zone);
        m.put("createdAt", createdAt);
        m.put("tags", tags);
        m.put("vendor", vendor);
        return m;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Instance ").append(id);
        if (name != null && !name.isEmpty()) sb.append(" '").append(name).append('\'');
        sb.append(' ').append(spec == null ? "?" : spec);
        if (version != null) sb.append(' ').append(version);
        sb.append(' ').append(Values.gbText(capacityGb)).append(" GB");
        if ("redis.cluster".equals(spec)) sb.append("/shard x").append(shards).append(" shards");
        sb.append(", ").append(replicas).append(replicas == 1 ? " replica" : " replicas");
        sb.append(", ").append(status);
        if (host != null && !host.isEmpty()) sb.append(", ").append(host).append(':').append(port);
        if (zone != null && !zone.isEmpty()) sb.append(", ").append(zone);
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Instance other && toMap().equals(other.toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }

    public static final class Builder {
        private String id;
        private String name;
        private String provider;
        private String spec;
        private String version;
        private double capacityGb;
        private int shards = 1;
        private int replicas;
        private String status;
        private String rawStatus;
        private String host;
        private int port;
        private String region;
        private String zone;
        private String createdAt;
        private Map<String, String> tags = new LinkedHashMap<>();
        private Map<String, Object> vendor = new LinkedHashMap<>();

        private Builder() {
        }

        private Builder(Instance i) {
            id = i.id;
            name = i.name;
            provider = i.provider;
            spec = i.spec;
            version = i.version;
            capacityGb = i.capacityGb;
            shards = i.shards;
            replicas = i.replicas;
            status = i.status;
            rawStatus = i.rawStatus;
            host = i.host;
            port = i.port;
            region = i.region;
            zone = i.zone;
            createdAt = i.createdAt;
            tags = new LinkedHashMap<>(i.tags);
            vendor = new LinkedHashMap<>(i.vendor);
        }

        public Builder id(String id) { this.id = id; return this; }
        public Builder name(String name) { this.name = name; return this; }
        public Builder provider(String provider) { this.provider = provider; return this; }
        public Builder spec(String spec) { this.spec = spec; return this; }
        public Builder version(String version) { this.version = version; return this; }
        public Builder capacityGb(double capacityGb) { this.capacityGb = capacityGb; return this; }
        public Builder shards(int shards) { this.shards = shards; return this; }
        public Builder replicas(int replicas) { this.replicas = replicas; return this; }
        public Builder status(String status) { this.status = status; return this; }
        public Builder rawStatus(String rawStatus) { this.rawStatus = rawStatus; return this; }
        public Builder host(String host) { this.host = host; return this; }
        public Builder port(int port) { this.port = port; return this; }
        public Builder region(String region) { this.region = region; return this; }
        public Builder zone(String zone) { this.zone = zone; return this; }
        public Builder createdAt(String createdAt) { this.createdAt = createdAt; return this; }
        public Builder tags(Map<String, String> tags) { this.tags = new LinkedHashMap<>(tags); return this; }
        public Builder vendor(Map<String, ?> vendor) { this.vendor = new LinkedHashMap<>(vendor); return this; }
        public Builder vendor(String key, Object value) { this.vendor.put(key, value); return this; }

        public Instance build() {
            return new Instance(this);
        }
    }
}
