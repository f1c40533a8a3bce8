package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Fleet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Redis dedicated (CDC) clusters: DescribeRedisClusters and DescribeRedisClusterOverview. The emulator sells no
 * dedicated clusters, so an account has none and both answer empty (Total 0, TotalBundle 0, TotalMemory 0 GB) until
 * one is put into the fleet with {@link #addCluster(Fleet, Cluster)} (fleet-wide state under {@link #KEY}, e.g. by a
 * test or a scenario). The answers then list, filter, page and sum those in the caller's region.
 */
final class ClusterActions extends TencentActionGroup {

    static final String KEY = "dedicatedClusters";

    /** A resource bundle: name, sellable memory in GB, count. */
    record Bundle(String resourceBundleName, long availableMemory, long count) {
    }

    /** One dedicated cluster, with CDCResource's members; {@code region} is the region name (ap-guangzhou). */
    record Cluster(String redisClusterId, String clusterName, String region, int zoneId, int payMode, long projectId,
                   int autoRenewFlag, String startTime, String endTime, int status, List<Bundle> baseBundles,
                   List<Bundle> resourceBundles, String dedicatedClusterId) {
    }

    record Clusters(List<Cluster> clusters) {
        static Clusters initial() {
            return new Clusters(List.of());
        }
    }

    ClusterActions(TencentContext ctx) {
        super(ctx);
    }

    /** Puts a dedicated cluster into the fleet (replacing one with the same RedisClusterId). */
    static void addCluster(Fleet fleet, Cluster cluster) {
        fleet.extensions().update(KEY, Clusters.class, Clusters::initial, c -> {
            List<Cluster> next = new ArrayList<>(c.clusters());
            next.removeIf(x -> x.redisClusterId().equals(cluster.redisClusterId()));
            next.add(cluster);
            return new Clusters(next);
        });
        fleet.changed();
    }

    @Override
    protected void register(Map<String, TencentAction> actions) {
        actions.put("DescribeRedisClusters", this::describeRedisClusters);
        actions.put("DescribeRedisClusterOverview", this::describeRedisClusterOverview);
    }

    private List<Cluster> clusters(TencentRequest r) {
        return fleet.extensions().get(KEY, Clusters.class, Clusters::initial).clusters().stream()
                .filter(c -> r.region().equals(c.region())).toList();
    }

    private ObjectNode describeRedisClusters(TencentRequest r, Params p) {
        long limit = p.integer("Limit", 20);
        long offset = p.integer("Offset", 0);
        if (limit < 0) throw new TencentException("InvalidParameter", "参数错误: Limit " + limit + " must be at least 0.");
        if (offset < 0) throw new TencentException("InvalidParameter", "参数错误: Offset " + offset + " must be at least 0.");
        List<String> ids = p.strings("RedisClusterIds");
        List<Long> statuses = p.integers("Status");
        List<Long> projects = p.integers("ProjectIds");
        List<Long> renew = p.integers("AutoRenewFlag");
        String name = p.string("ClusterName", "");
        String search = p.string("SearchKey", "");
        String dedicated = p.string("DedicatedClusterId", "");
        List<Cluster> matches = new ArrayList<>();
        for (Cluster c : clusters(r)) {
            if (!ids.isEmpty() && !ids.contains(c.redisClusterId())) continue;
            if (!statuses.isEmpty() && !statuses.contains((long) c.status())) continue;
            if (!projects.isEmpty() && !projects.contains(c.projectId())) continue;
            if (!renew.isEmpty() && !renew.contains((long) c.autoRenewFlag())) continue;
            if (!name.isEmpty() && !c.clusterName().equals(name)) continue;
            if (!search.isEmpty() && !c.redisClusterId().contains(search) && !c.clusterName().contains(search)) continue;
            if (!dedicated.isEmpty() && !dedicated.equals(c.dedicatedClusterId())) continue;
            matches.add(c);
        }
        ObjectNode out = object();
        out.put("Total", matches.size());
        ArrayNode resources = out.putArray("Resources");
        matches.stream().skip(offset).limit(limit).forEach(c -> {
            ObjectNode n = resources.addObject();
            n.put("AppId", APPID);
            n.put("RegionId", catalog.numericRegionId(c.region()));
            n.put("ZoneId", c.zoneId());
            n.put("RedisClusterId", c.redisClusterId());
            n.put("PayMode", c.payMode());
            n.put("ProjectId", c.projectId());
            n.put("AutoRenewFlag", c.autoRenewFlag());
            n.put("ClusterName", c.clusterName());
            n.put("StartTime", c.startTime());
            n.put("EndTime", c.endTime());
            n.put("Status", c.status());
            bundles(n.putArray("BaseBundles"), c.baseBundles());
            bundles(n.putArray("ResourceBundles"), c.resourceBundles());
            n.put("DedicatedClusterId", c.dedicatedClusterId());
        });
        return out;
    }

    private static void bundles(ArrayNode out, List<Bundle> bundles) {
        if (bundles == null) return;
        for (Bundle b : bundles) {
            out.addObject().put("ResourceBundleName", b.resourceBundleName()).put("AvailableMemory", b.availableMemory()).put("Count", b.count());
        }
    }

    /** TotalBundle: resource bundles of the (matching) clusters; TotalMemory: their sellable memory in GB. */
    private ObjectNode describeRedisClusterOverview(TencentRequest r, Params p) {
        String dedicated = p.string("DedicatedClusterId", "");
        long bundles = 0;
        long memory = 0;
        for (Cluster c : clusters(r)) {
            if (!dedicated.isEmpty() && !dedicated.equals(c.dedicatedClusterId())) continue;
            if (c.resourceBundles() == null) continue;
            for (Bundle b : c.resourceBundles()) {
                bundles += b.count();
                memory += b.availableMemory() * b.count();
            }
        }
        ObjectNode out = object();
        out.put("TotalBundle", bundles);
        out.put("TotalMemory", memory);
        return out;
    }
}
