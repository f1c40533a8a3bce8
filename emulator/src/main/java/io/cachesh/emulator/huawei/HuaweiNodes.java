package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.dataplane.RedisProcess;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.InstanceStatus;
import io.cachesh.emulator.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The shards (groups) and replicas (nodes) a Huawei instance reports (v2 5.3: ListGroupReplicationInfo,
 * ShowNodesInformation, ShowReplicationStates, ...). The layout follows the instance's cache mode and flavor: a single
 * instance is one group of one node, master/standby one group of {@code replicas} nodes (r2: master + standby), a
 * Redis Cluster {@code sharding_count} groups of {@code replicas} nodes. ONE real redis-server serves the whole
 * instance, so the nodes are named, not separate processes: every node reports {@code 127.0.0.1} and the real port,
 * and its status is the real server's (PING/INFO answered: {@code Active}, else {@code Inactive}). What is state, not
 * derivable (which node is master after a swap, priorities, IPs removed from the read-only domain, stopped nodes,
 * per-shard bandwidth), is kept in the instance's extensions under {@link #KEY}; ids are stable (derived from the
 * instance id), so a rebuilt layout (after a resize changed shards or replicas) keeps the ids it had.
 */
final class HuaweiNodes {

    static final String KEY = "huawei.nodes";
    static final String HOST = RedisProcess.HOST;

    /** One replica (node) of a shard. */
    record Node(String nodeId, String logicalNodeId, String replicationId, String monitorId, String azCode, String role,
                int priorityWeight, boolean removedIp, boolean stopped, boolean added) {

        boolean master() {
            return "master".equals(role);
        }

        Node role(String r) {
            return new Node(nodeId, logicalNodeId, replicationId, monitorId, azCode, r, priorityWeight, removedIp, stopped, added);
        }

        Node priority(int weight) {
            return new Node(nodeId, logicalNodeId, replicationId, monitorId, azCode, role, weight, removedIp, stopped, added);
        }

        Node removedIp(boolean removed) {
            return new Node(nodeId, logicalNodeId, replicationId, monitorId, azCode, role, priorityWeight, removed, stopped, added);
        }

        Node stopped(boolean s) {
            return new Node(nodeId, logicalNodeId, replicationId, monitorId, azCode, role, priorityWeight, removedIp, s, added);
        }
    }

    /** One shard: its nodes and its bandwidth (null: the flavor's assured bandwidth). */
    record Group(String groupId, String name, List<Node> nodes, Integer bandwidth, String bandwidthUpdatedAt) {
        Group {
            nodes = nodes == null ? List.of() : List.copyOf(nodes);
        }

        Optional<Node> node(String nodeId) {
            return nodes.stream().filter(n -> n.nodeId().equals(nodeId)).findFirst();
        }

        Node master() {
            return nodes.stream().filter(Node::master).findFirst().orElse(nodes.get(0));
        }

        Group nodes(List<Node> next) {
            return new Group(groupId, name, next, bandwidth, bandwidthUpdatedAt);
        }

        Group bandwidth(int mbits, String at) {
            return new Group(groupId, name, nodes, mbits, at);
        }
    }

    /** The persisted layout. */
    record Layout(List<Group> groups) {
        Layout {
            groups = groups == null ? List.of() : List.copyOf(groups);
        }

        Optional<Group> group(String groupId) {
            return groups.stream().filter(g -> g.groupId().equals(groupId)).findFirst();
        }

        List<Node> nodes() {
            List<Node> out = new ArrayList<>();
            groups.forEach(g -> out.addAll(g.nodes()));
            return out;
        }
    }

    private HuaweiNodes() {
    }

    // ---- layout ---------------------------------------------------------------------------------------------------

    static String cacheMode(Instance i) {
        return HuaweiState.of(i).cacheMode();
    }

    /** Shards of the instance's flavor (1 unless Redis Cluster). */
    static int shardCount(Instance i, HuaweiFlavors flavors) {
        if (!"cluster".equals(cacheMode(i))) return 1;
        return flavors.bySpecCode(HuaweiState.of(i).specCode()).map(HuaweiFlavors.Flavor::shardingCount)
                .orElse(Math.max(1, i.shards()));
    }

    /** Nodes per shard: 1 for single, else the replica count (master included). */
    static int nodesPerShard(Instance i) {
        return "single".equals(cacheMode(i)) ? 1 : Math.max(1, i.replicas());
    }

    /** The layout, built (or rebuilt after a change of shards or replicas, keeping what it had) and saved. */
    static Layout layout(Instance i, HuaweiFlavors flavors) {
        return update(i, flavors, UnaryOperator.identity());
    }

    /** Changes the layout atomically; returns the new one. */
    static Layout update(Instance i, HuaweiFlavors flavors, UnaryOperator<Layout> change) {
        int shards = shardCount(i, flavors);
        int perShard = nodesPerShard(i);
        return i.extensions().update(KEY, Layout.class, () -> new Layout(List.of()),
                stored -> change.apply(fit(i, stored, shards, perShard)));
    }

    private static Layout fit(Instance i, Layout stored, int shards, int perShard) {
        boolean fits = stored.groups().size() == shards
                && stored.groups().stream().allMatch(g -> g.nodes().size() == perShard);
        if (fits) return stored;
        List<String> azs = HuaweiState.of(i).azCodes();
        List<Group> groups = new ArrayList<>();
        for (int g = 0; g < shards; g++) {
            Group before = g < stored.groups().size() ? stored.groups().get(g) : null;
            List<Node> nodes = new ArrayList<>();
            for (int n = 0; n < perShard; n++) {
                if (before != null && n < before.nodes().size()) {
                    nodes.add(before.nodes().get(n));
                    continue;
                }
                String seed = i.id() + "/group/" + g + "/node/" + n;
                String az = azs.isEmpty() ? "" : azs.get(n % azs.size());
                nodes.add(new Node(hex32(seed), hex32(seed + "/logical"), uuid(seed + "/replication"),
                        hex32(seed + "/monitor"), az, n == 0 ? "master" : "slave", 100, false, false,
                        before != null));
            }
            if (nodes.stream().noneMatch(Node::master)) nodes.set(0, nodes.get(0).role("master"));
            // at most one master
            boolean seen = false;
            for (int k = 0; k < nodes.size(); k++) {
                if (nodes.get(k).master()) {
                    if (seen) nodes.set(k, nodes.get(k).role("slave"));
                    seen = true;
                }
            }
            groups.add(before != null ? before.nodes(nodes)
                    : new Group(uuid(i.id() + "/group/" + g), "group-" + g, nodes, null, null));
        }
        return new Layout(groups);
    }

    static String hex32(String seed) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String uuid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    // ---- lookups with the seed's errors ---------------------------------------------------------------------------

    /** The group {@code groupId} of the instance, else {@code code} "Invalid group_id ...". */
    static Group group(Layout layout, String groupId, String code) {
        return layout.group(groupId).orElseThrow(() -> new HuaweiException(code, code.startsWith("DCS") ? "111400063" : code,
                400, "Invalid group_id parameter in the request: no shard " + groupId + " in this instance (see "
                + "ListGroupReplicationInfo)."));
    }

    /** The node {@code nodeId} of the group, else {@code DCS.3053} "Incorrect node ID.". */
    static Node node(Group group, String nodeId) {
        return group.node(nodeId).orElseThrow(() -> new HuaweiException("DCS.3053", "111400053", 400, "Incorrect node ID: "
                + nodeId + " is not a node of shard " + group.groupId() + "."));
    }

    // ---- the real server ------------------------------------------------------------------------------------------

    /** What the real redis-server says: reachable, its role and replication link. */
    record Live(boolean alive, String role, String masterLinkStatus, long connectedSlaves) {
    }

    static Live live(Instance i) {
        RedisProcess rp = i.dataPlane();
        if (rp == null || !rp.alive()) return new Live(false, "", "", 0);
        try {
            Object reply = rp.call("INFO", "replication");
            String role = "";
            String link = "";
            long slaves = 0;
            if (reply instanceof String text) {
                for (String line : text.split("\r?\n")) {
                    if (line.startsWith("role:")) role = line.substring(5).trim();
                    else if (line.startsWith("master_link_status:")) link = line.substring(19).trim();
                    else if (line.startsWith("connected_slaves:")) slaves = Long.parseLong(line.substring(17).trim());
                }
            }
            return new Live(true, role, link, slaves);
        } catch (IOException | RuntimeException e) {
            return new Live(false, "", "", 0);
        }
    }

    /** The node status word of 5.3.4 ({@code Creating}, {@code Active}, {@code Inactive}). */
    static String nodeStatus(Instance i, Node n, Live live) {
        if (i.status() == InstanceStatus.TO_BE_INITIALIZED) return "Creating";
        if (i.status() == InstanceStatus.TO_BE_DELETED) return "Deleting";
        if (n.stopped() || !live.alive()) return "Inactive";
        return "Active";
    }

    /** Drops the normal clients of the real server (what a switchover does to connections); the caller is skipped. */
    static void dropClients(Instance i) {
        RedisProcess rp = i.dataPlane();
        if (rp == null || !rp.alive()) return;
        try {
            rp.call("CLIENT", "KILL", "TYPE", "normal");
        } catch (IOException e) {
            // nothing to drop
        }
    }

    // ---- answers --------------------------------------------------------------------------------------------------

    static ArrayNode dimensions(Instance i, Node n) {
        ArrayNode dims = Json.MAPPER.createArrayNode();
        dims.addObject().put("name", "dcs_instance_id").put("value", i.id());
        dims.addObject().put("name", "dcs_cluster_redis_node").put("value", n.monitorId());
        return dims;
    }

    /** InstanceReplicationListInfo (5.3.3 / 5.3.6). */
    static ObjectNode replication(Instance i, Node n, Live live) {
        ObjectNode o = Json.object();
        o.put("replication_role", n.role());
        o.put("replication_ip", HOST);
        o.put("is_replication", n.added());
        o.put("replication_id", n.replicationId());
        o.put("node_id", n.nodeId());
        o.put("status", nodeStatus(i, n, live));
        o.put("az_code", n.azCode());
        o.set("dimensions", dimensions(i, n));
        return o;
    }

    /** NodesInfoResp (5.3.4 / 5.3.5). */
    static ObjectNode nodeInfo(Instance i, Group g, Node n, Live live) {
        ObjectNode o = Json.object();
        o.put("logical_node_id", n.logicalNodeId());
        o.put("name", (n.master() ? "(master)" : "(replica)") + HOST);
        o.put("status", nodeStatus(i, n, live));
        o.put("az_code", n.azCode());
        o.put("node_role", "redis-server");
        o.put("node_type", n.role());
        o.put("node_ip", HOST);
        o.put("node_port", Integer.toString(i.dataPort()));
        o.put("node_id", n.nodeId());
        o.put("priority_weight", n.priorityWeight());
        o.put("is_access", !n.stopped() && live.alive());
        o.put("group_id", g.groupId());
        o.put("group_name", g.name());
        o.put("is_remove_ip", n.removedIp());
        if ("single".equals(cacheMode(i))) o.putNull("replication_id");
        else o.put("replication_id", n.replicationId());
        o.set("dimensions", dimensions(i, n));
        return o;
    }
}
