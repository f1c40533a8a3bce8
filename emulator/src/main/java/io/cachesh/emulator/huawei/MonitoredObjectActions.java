package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Instance;
import java.util.List;

/**
 * Cloud Eye dimensions (v2 5.15.4 / 5.15.5): the main dimension {@code dcs_instance_id} lists the Huawei Redis
 * instances ({@code dcs_memcached_instance_id} the Memcached ones, none in this emulator), and one instance's
 * sub-dimension objects are its data nodes: the emulator's one redis-server per instance, as the master node of
 * Cluster and Proxy instances ({@link ClientSessionActions#nodeId}).
 */
final class MonitoredObjectActions extends HuaweiActionGroup {

    static final String INSTANCE_DIM = "dcs_instance_id";
    static final String MEMCACHED_DIM = "dcs_memcached_instance_id";
    static final String REDIS_NODE_DIM = "dcs_cluster_redis_node";
    static final String PROXY_NODE_DIM = "dcs_cluster_proxy_node";

    MonitoredObjectActions(HuaweiContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(HuaweiDcsProvider.Registry actions) {
        actions.v2("ListMonitoredObjects", this::list);
        actions.v2("ListMonitoredObjectsOfInstance", this::ofInstance);
    }

    private List<Instance> objects(String dim) {
        boolean memcached = MEMCACHED_DIM.equals(dim);
        return fleet.instances().stream().filter(HuaweiDcsProvider::owns)
                .filter(i -> "memcached".equalsIgnoreCase(i.engine()) == memcached).toList();
    }

    private static void children(ArrayNode children, String dim) {
        for (String child : new String[]{REDIS_NODE_DIM, PROXY_NODE_DIM}) {
            children.addObject().put("dim_name", child).put("dim_route", dim + "," + child);
        }
    }

    private ObjectNode list(HuaweiRequest r) {
        String dim = r.requireString("dim_name");
        if (!INSTANCE_DIM.equals(dim) && !MEMCACHED_DIM.equals(dim)) {
            throw HuaweiException.invalid("dim_name", "It must be " + INSTANCE_DIM + " or " + MEMCACHED_DIM + ": `" + dim + "`.");
        }
        long offset = r.integer("offset", 0);
        long limit = r.integer("limit", 10);
        List<Instance> all = objects(dim);
        ObjectNode out = object();
        out.putArray("router").add(dim);
        ArrayNode children = out.putArray("children");
        if (INSTANCE_DIM.equals(dim)) children(children, dim);
        ArrayNode items = out.putArray("instances");
        all.stream().skip(offset).limit(limit).forEach(i -> items.addObject()
                .put("dcs_instance_id", i.id()).put("name", i.name()).put("status", status(i)));
        out.put("total", all.size());
        return out;
    }

    private ObjectNode ofInstance(HuaweiRequest r) {
        String dim = r.requireString("dim_name");
        if (!INSTANCE_DIM.equals(dim)) {
            throw HuaweiException.invalid("dim_name", "Only " + INSTANCE_DIM + " has sub-dimensions: `" + dim + "`.");
        }
        Instance i = instance(r.requireString("instance_id"));
        String mode = state(i).cacheMode();
        ObjectNode out = object();
        out.putArray("router").add(dim);
        ArrayNode children = out.putArray("children");
        out.putArray("instances").addObject().put("dcs_instance_id", i.id()).put("name", i.name()).put("status", status(i));
        if ("cluster".equals(mode) || "proxy".equals(mode)) {
            children.addObject().put("dim_name", REDIS_NODE_DIM).put("dim_route", dim + "," + REDIS_NODE_DIM);
            out.putArray(REDIS_NODE_DIM).addObject()
                    .put("dc_instance_id", i.id())
                    .put("name", "(master)127.0.0.1")
                    .put("dc_cluster_redis_node", ClientSessionActions.nodeId(i))
                    .put("status", status(i));
        }
        out.put("total", 1);
        return out;
    }
}
