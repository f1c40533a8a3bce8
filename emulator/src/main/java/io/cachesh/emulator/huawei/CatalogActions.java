package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Instance;
import java.util.Locale;

/**
 * What can be bought and where: v2 ListFlavors, ListAvailableZones and ListMaintenanceWindows; v1 ListProducts,
 * ListAvailableZones and ListMaintenanceWindows. The flavors are {@link HuaweiFlavors}, the zones {@link Zones}.
 */
final class CatalogActions extends HuaweiActionGroup {

    CatalogActions(HuaweiContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(HuaweiDcsProvider.Registry actions) {
        actions.v2("ListFlavors", this::listFlavors);
        actions.v2("ListAvailableZones", r -> zones("region_id"));
        actions.v2("ListMaintenanceWindows", r -> windows(false));
        actions.v1("ListProducts", this::listProducts);
        actions.v1("ListAvailableZones", r -> zones("regionId"));
        actions.v1("ListMaintenanceWindows", r -> windows(true));
    }

    private ObjectNode listFlavors(HuaweiRequest r) {
        String instanceId = r.string("instance_id");
        String cacheMode = r.string("cache_mode");
        if (instanceId != null && !instanceId.isEmpty()) {
            Instance i = instance(instanceId);
            cacheMode = state(i).cacheMode();
        }
        String specCode = r.string("spec_code");
        String engine = r.string("engine");
        String engineVersion = r.string("engine_version");
        String cpuType = r.string("cpu_type");
        String capacity = r.string("capacity");
        ObjectNode out = object();
        ArrayNode items = out.putArray("flavors");
        // engine=memcached lists the Memcached products (created through v1); no engine, or redis, the Redis flavors
        boolean memcached = engine != null && "memcached".equals(engine.toLowerCase(Locale.ROOT));
        if (engine != null && !engine.isEmpty() && !memcached && !"redis".equals(engine.toLowerCase(Locale.ROOT))) return out;
        for (HuaweiFlavors.Flavor f : memcached ? flavors.memcached() : flavors.all()) {
            if (specCode != null && !specCode.isEmpty() && !f.specCode().equals(specCode)) continue;
            if (cacheMode != null && !cacheMode.isEmpty() && !f.cacheMode().equals(cacheMode)) continue;
            if (engineVersion != null && !engineVersion.isEmpty()
                    && (memcached || !HuaweiFlavors.ENGINE_VERSIONS.contains(engineVersion))) continue;
            if (cpuType != null && !cpuType.isEmpty() && !f.cpuType().equals(cpuType)) continue;
            if (capacity != null && !capacity.isEmpty() && !sameCapacity(f, capacity)) continue;
            items.add(flavor(f));
        }
        return out;
    }

    private static boolean sameCapacity(HuaweiFlavors.Flavor f, String capacity) {
        try {
            return f.capacityGb().compareTo(new java.math.BigDecimal(capacity.trim())) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static ObjectNode flavor(HuaweiFlavors.Flavor f) {
        ObjectNode n = object();
        n.put("spec_code", f.specCode());
        n.put("cloud_service_type_code", "hws.service.type.dcs");
        n.put("cloud_resource_type_code", "hws.resource.type.dcs3");
        n.put("cache_mode", f.cacheMode());
        n.put("engine", f.memcached() ? "memcached" : "redis");
        n.put("engine_version", f.memcached() ? "" : String.join(";", HuaweiFlavors.ENGINE_VERSIONS));
        n.put("product_type", "generic");
        n.put("cpu_type", f.cpuType());
        n.put("storage_type", "DRAM");
        n.putArray("capacity").add(f.capacityText());
        n.putArray("billing_mode").add("Hourly").add("Monthly").add("Yearly");
        n.put("tenant_ip_count", "cluster".equals(f.cacheMode()) ? f.shardingCount() * f.replicaCount() : 1);
        n.put("pricing_type", "normal");
        n.put("is_dec", false);
        ArrayNode attrs = n.putArray("attrs");
        attr(attrs, f, "max_memory", Long.toString(f.capacityMb()));
        attr(attrs, f, "max_connections", "10000");
        attr(attrs, f, "sharding_num", Integer.toString(f.shardingCount()));
        attr(attrs, f, "proxy_num", "0");
        attr(attrs, f, "db_number", "cluster".equals(f.cacheMode()) ? "1" : "256");
        ArrayNode azs = n.putArray("flavors_available_zones");
        ObjectNode az = azs.addObject();
        az.put("capacity", f.capacityText());
        az.put("unit", "GB");
        ArrayNode ids = az.putArray("available_zones");
        ArrayNode codes = az.putArray("az_codes");
        for (Zones.Zone z : Zones.ALL) {
            ids.add(z.id());
            codes.add(z.code());
        }
        n.put("replica_count", f.replicaCount());
        return n;
    }

    private static void attr(ArrayNode attrs, HuaweiFlavors.Flavor f, String name, String value) {
        attrs.addObject().put("capacity", f.capacityText()).put("name", name).put("value", value);
    }

    private static ObjectNode zones(String regionMember) {
        ObjectNode out = object();
        out.put(regionMember, HuaweiContext.REGION);
        ArrayNode items = out.putArray("available_zones");
        for (Zones.Zone z : Zones.ALL) {
            items.addObject().put("id", z.id()).put("code", z.code()).put("name", z.name()).put("port", "8002")
                    .put("resource_availability", "true");
        }
        return out;
    }

    /** v2: one-hour windows (default 18-19, the seed's default start 18:00:00); v1: the 2020 edition's four-hour ones. */
    private static ObjectNode windows(boolean v1) {
        ObjectNode out = object();
        ArrayNode items = out.putArray("maintain_windows");
        if (v1) {
            String[] begins = {"22", "02", "06", "10", "14", "18"};
            for (int k = 0; k < begins.length; k++) {
                String end = begins[(k + 1) % begins.length];
                items.addObject().put("seq", k + 1).put("begin", begins[k]).put("end", end).put("default", k == 1);
            }
        } else {
            for (int k = 0; k < 24; k++) {
                int begin = (18 + k) % 24;
                items.addObject().put("seq", k + 1).put("begin", String.format(Locale.ROOT, "%02d", begin))
                        .put("end", String.format(Locale.ROOT, "%02d", (begin + 1) % 24)).put("default", k == 0);
            }
        }
        return out;
    }

    private ObjectNode listProducts(HuaweiRequest r) {
        ObjectNode out = object();
        ArrayNode items = out.putArray("products");
        for (HuaweiFlavors.Flavor f : flavors.all()) product(items.addObject(), f);
        // one Memcached product per spec code: its capacities are a separate field (seed 8.6.1)
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (HuaweiFlavors.Flavor f : flavors.memcached()) if (seen.add(f.specCode())) product(items.addObject(), f);
        return out;
    }

    private static void product(ObjectNode n, HuaweiFlavors.Flavor f) {
        n.put("product_id", f.productId());
        n.put("spec_code", f.specCode());
        n.put("cache_mode", f.cacheMode());
        n.put("product_type", "generic");
        n.put("cpu_type", f.cpuType());
        n.put("storage_type", "DRAM");
        n.put("engine", f.memcached() ? "Memcached" : "redis");
        n.put("engine_versions", f.memcached() ? "" : "3.0;4.0;5.0;6.0");
        String sizes = f.memcached() ? String.join(",", HuaweiFlavors.MEMCACHED_CAPACITIES) : f.capacityText();
        n.put("spec_details", sizes + "GB " + f.cacheMode());
        n.put("spec_details2", sizes + "GB " + f.cacheMode());
        n.put("charging_type", "Hourly");
        n.put("price", 0.0);
        n.put("currency", "CNY");
        n.put("prod_type", "generic");
        n.put("cloud_service_type_code", "hws.service.type.dcs");
        n.put("cloud_resource_type_code", "hws.resource.type.dcs3");
    }
}
