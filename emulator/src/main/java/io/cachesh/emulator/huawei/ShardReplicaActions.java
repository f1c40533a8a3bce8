package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Backup;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.InstanceStatus;
import io.cachesh.emulator.fleet.Task;
import io.cachesh.emulator.protocol.Json;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Shards, replicas and nodes (v2 5.3, and the switchover operations of 5.1.8 / 5.2): the layout of
 * {@link HuaweiNodes} with the live status of the real redis-server.
 * <ul>
 *   <li>ListGroupReplicationInfo, ShowReplicationStates (the bare JSON array), ShowNodesInformation,
 *       BatchShowNodesInformation, ListDeletableReplication: read.</li>
 *   <li>ChangeMasterStandby (sync, 204) and ChangeMasterStandbyAsync ({@code job_id}): master/standby instances only
 *       ({@code DCS.4855}); the standby with the smallest non-zero priority weight becomes master, and since one
 *       redis-server serves both roles the swap is recorded in the layout and the server's normal clients are dropped
 *       ({@code CLIENT KILL TYPE normal}) as a real switchover drops them.</li>
 *   <li>ExecuteClusterSwitchover: the same for one shard of a Redis Cluster instance.</li>
 *   <li>UpdateSlavePriority (0-100, 0 forbids switching to the node), DeleteIpFromDomainName (read-only domain of a
 *       master/standby instance).</li>
 *   <li>ChangeNodesStartStopStatus: stopping needs a backup younger than 24 hours (except single-node instances,
 *       405 {@code DCS.2001}); a stopped master fails over to a running standby; with every node stopped the
 *       redis-server is stopped (its data saved), and starting a node starts it again.</li>
 * </ul>
 */
final class ShardReplicaActions extends HuaweiActionGroup {

    ShardReplicaActions(HuaweiContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(HuaweiDcsProvider.Registry actions) {
        actions.v2("ListGroupReplicationInfo", this::listGroups);
        actions.v2("ShowReplicationStates", this::replicationStates);
        actions.v2("ShowNodesInformation", this::showNodes);
        actions.v2("BatchShowNodesInformation", this::batchShowNodes);
        actions.v2("ListDeletableReplication", this::deletableReplication);
        actions.v2("UpdateSlavePriority", this::slavePriority);
        actions.v2("DeleteIpFromDomainName", this::removeIp);
        actions.v2("ChangeMasterStandby", this::swap);
        actions.v2("ChangeMasterStandbyAsync", this::swapAsync);
        actions.v2("ExecuteClusterSwitchover", this::clusterSwitchover);
        actions.v2("ChangeNodesStartStopStatus", this::startStop);
    }

    private HuaweiNodes.Layout layout(Instance i) {
        return HuaweiNodes.layout(i, flavors);
    }

    private static HuaweiException typeNotSupported(Instance i, String what) {
        return new HuaweiException("DCS.4007", "111400007", 400, "Instance type is not supported: " + what + " ("
                + i.id() + " is " + HuaweiNodes.cacheMode(i) + ").");
    }

    // ---- read -----------------------------------------------------------------------------------------------------

    /** 5.3.3: shards and replicas; single-node instances have none to show. */
    private ObjectNode listGroups(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        if ("single".equals(HuaweiNodes.cacheMode(i))) throw typeNotSupported(i, "single-node instances have no shards or replicas");
        HuaweiNodes.Layout layout = layout(i);
        HuaweiNodes.Live live = HuaweiNodes.live(i);
        ObjectNode out = object();
        ArrayNode groups = out.putArray("group_list");
        for (HuaweiNodes.Group g : layout.groups()) {
            ObjectNode n = groups.addObject();
            n.put("group_id", g.groupId());
            n.put("group_name", g.name());
            ArrayNode reps = n.putArray("replication_list");
            g.nodes().forEach(node -> reps.add(HuaweiNodes.replication(i, node, live)));
        }
        out.put("group_count", layout.groups().size());
        return out;
    }

    /**
     * 5.3.6: the replicas of one shard. The seed's answer is a bare JSON array; handlers answer objects, so the array
     * is the member {@code body} (see the report: the front-end writes it as the top-level array).
     */
    private ObjectNode replicationStates(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        HuaweiNodes.Group g = HuaweiNodes.group(layout(i), r.requireString("group_id"), "DCS.4062");
        HuaweiNodes.Live live = HuaweiNodes.live(i);
        ObjectNode out = object();
        ArrayNode items = out.putArray("body");
        g.nodes().forEach(node -> items.add(HuaweiNodes.replication(i, node, live)));
        return out;
    }

    /** The seed's rows of an instance: none while it is CREATING. */
    private ArrayNode nodes(Instance i) {
        ArrayNode items = Json.MAPPER.createArrayNode();
        if (i.status() == InstanceStatus.TO_BE_INITIALIZED) return items;
        HuaweiNodes.Live live = HuaweiNodes.live(i);
        for (HuaweiNodes.Group g : layout(i).groups()) {
            for (HuaweiNodes.Node n : g.nodes()) items.add(HuaweiNodes.nodeInfo(i, g, n, live));
        }
        return items;
    }

    private ObjectNode showNodes(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        ArrayNode items = nodes(i);
        ObjectNode out = object();
        out.put("instance_id", i.id());
        out.put("total", items.size());
        out.set("nodes", items);
        return out;
    }

    private ObjectNode batchShowNodes(HuaweiRequest r) {
        long offset = r.integer("offset", 0);
        long limit = r.integer("limit", 10);
        if (offset < 0) throw new HuaweiException("DCS.4800", "111400800", 400, "Invalid offset in the request: " + offset + ".");
        if (limit < 1 || limit > 100) throw new HuaweiException("DCS.4800", "111400800", 400, "Invalid limit in the request: "
                + limit + " (1-100).");
        List<Instance> mine = new ArrayList<>();
        for (Instance i : fleet.instances()) if (HuaweiDcsProvider.owns(i)) mine.add(i);
        mine.sort(Comparator.comparing(Instance::createTime).reversed().thenComparing(Instance::id));
        ObjectNode out = object();
        out.put("count", mine.size());
        ArrayNode items = out.putArray("instances");
        mine.stream().skip(offset).limit(limit).forEach(i -> {
            ArrayNode nodes = nodes(i);
            items.addObject().put("instance_id", i.id()).put("node_count", nodes.size()).set("nodes", nodes);
        });
        return out;
    }

    /** 5.1.8: native Redis Cluster only; the standbys that could go, one per shard. */
    private ObjectNode deletableReplication(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        if (!"cluster".equals(HuaweiNodes.cacheMode(i))) {
            throw new HuaweiException("111400800", "111400800", 400, "Only native cluster supported: " + i.id() + " is "
                    + HuaweiNodes.cacheMode(i) + ".");
        }
        HuaweiNodes.Layout layout = layout(i);
        String az = state(i).azCodes().isEmpty() ? "" : Zones.find(state(i).azCodes().get(0)).map(Zones.Zone::id).orElse("");
        ObjectNode out = object();
        boolean any = false;
        ArrayNode items = out.putArray("replication_list");
        for (HuaweiNodes.Group g : layout.groups()) {
            for (HuaweiNodes.Node n : g.nodes()) {
                if (n.master()) continue;
                any = true;
                items.addObject().put("replication_id", n.replicationId()).put("node_id", n.nodeId())
                        .put("replication_ip", HuaweiNodes.HOST + ":" + i.dataPort()).put("group_id", g.groupId())
                        .put("group_name", g.name())
                        .put("available_zone", Zones.find(n.azCode()).map(Zones.Zone::id).orElse(az));
            }
        }
        out.put("check_result", any);
        out.put("available_zone", az);
        return out;
    }

    // ---- priorities and the read-only domain -----------------------------------------------------------------------

    /** 5.3.1: 0-100 ({@code DCS.4939}); standbys only; 204. */
    private ObjectNode slavePriority(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        requireRunning(i);
        if ("single".equals(HuaweiNodes.cacheMode(i))) throw typeNotSupported(i, "single-node instances have no standby");
        long weight = r.integer("slave_priority_weight", -1);
        if (weight < 0 || weight > 100) {
            throw new HuaweiException("DCS.4939", "111400939", 400, "The param slave_priority_weight is invalid: " + weight
                    + " (0-100; 0 forbids switching over to the node).");
        }
        String groupId = r.requireString("group_id");
        String nodeId = r.requireString("node_id");
        HuaweiNodes.update(i, flavors, layout -> {
            HuaweiNodes.Group g = HuaweiNodes.group(layout, groupId, "DCS.4062");
            HuaweiNodes.Node n = HuaweiNodes.node(g, nodeId);
            if (n.master()) {
                throw new HuaweiException("DCS.4027", "111400027", 400, "This operation is not supported on this node: "
                        + nodeId + " is the master of " + g.name() + "; priorities are for standbys.");
            }
            return replace(layout, g, n.priority((int) weight));
        });
        fleet.changed();
        return null;
    }

    /** 5.3.2: master/standby only; the standby's IP leaves the read-only domain; at least one standby keeps it. */
    private ObjectNode removeIp(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        requireRunning(i);
        if (!"ha".equals(HuaweiNodes.cacheMode(i))) {
            throw new HuaweiException("DCS.4840", "111400840", 400, "Do not support feature dns: only master/standby "
                    + "instances have a read-only domain name (" + i.id() + " is " + HuaweiNodes.cacheMode(i) + ").");
        }
        HuaweiNodes.Layout layout = layout(i);
        HuaweiNodes.Group g = HuaweiNodes.group(layout, r.requireString("group_id"), "DCS.4062");
        HuaweiNodes.Node n = HuaweiNodes.node(g, r.requireString("node_id"));
        if (n.master()) {
            throw new HuaweiException("DCS.4027", "111400027", 400, "This operation is not supported on this node: "
                    + n.nodeId() + " is the master; only a standby's IP can leave the read-only domain.");
        }
        if (n.removedIp()) {
            throw new HuaweiException("DCS.4998", "111400998", 400, "Domain names are up to date: " + n.nodeId()
                    + " is already removed from the read-only domain.");
        }
        long withIp = g.nodes().stream().filter(x -> !x.master() && !x.removedIp()).count();
        if (withIp <= 1) {
            throw new HuaweiException("DCS.4935", "111400935", 400, "Only one slave replication has dns ip, can not delete: "
                    + n.nodeId() + " is the last standby in the read-only domain.");
        }
        String groupId = g.groupId();
        String nodeId = n.nodeId();
        Task task = fleet.submit(i.id(), "RemoveIpFromDomainName", "RemoveIpFromDomainName", () -> {
            HuaweiNodes.update(i, flavors, l -> {
                HuaweiNodes.Group now = HuaweiNodes.group(l, groupId, "DCS.4062");
                return replace(l, now, HuaweiNodes.node(now, nodeId).removedIp(true));
            });
            fleet.changed();
            return "";
        });
        ObjectNode out = object();
        out.put("job_id", job(task, "removeIpFromDomainName"));
        return out;
    }

    private static HuaweiNodes.Layout replace(HuaweiNodes.Layout layout, HuaweiNodes.Group g, HuaweiNodes.Node changed) {
        List<HuaweiNodes.Node> nodes = new ArrayList<>();
        for (HuaweiNodes.Node n : g.nodes()) nodes.add(n.nodeId().equals(changed.nodeId()) ? changed : n);
        return replace(layout, g.nodes(nodes));
    }

    private static HuaweiNodes.Layout replace(HuaweiNodes.Layout layout, HuaweiNodes.Group changed) {
        List<HuaweiNodes.Group> groups = new ArrayList<>();
        for (HuaweiNodes.Group g : layout.groups()) groups.add(g.groupId().equals(changed.groupId()) ? changed : g);
        return new HuaweiNodes.Layout(groups);
    }

    // ---- switchovers ----------------------------------------------------------------------------------------------

    /** The standby a switchover promotes: running, priority > 0, the smallest weight first; else {@code DCS.4253}. */
    private static HuaweiNodes.Node candidate(HuaweiNodes.Group g) {
        List<HuaweiNodes.Node> standbys = g.nodes().stream().filter(n -> !n.master() && !n.stopped()).toList();
        if (standbys.isEmpty()) {
            throw new HuaweiException("DCS.5094", 500, "Master standby swap failed: shard " + g.name()
                    + " has no running standby.");
        }
        return standbys.stream().filter(n -> n.priorityWeight() > 0)
                .min(Comparator.comparingInt(HuaweiNodes.Node::priorityWeight))
                .orElseThrow(() -> new HuaweiException("DCS.4253", "111400253", 400, "All replicas have a priority of 0: "
                        + "no standby of " + g.name() + " may become master."));
    }

    /** Makes {@code promoted} the master of its group (the old master becomes a standby). */
    private static HuaweiNodes.Layout promote(HuaweiNodes.Layout layout, String groupId, String promoted) {
        HuaweiNodes.Group g = HuaweiNodes.group(layout, groupId, "DCS.4062");
        List<HuaweiNodes.Node> nodes = new ArrayList<>();
        for (HuaweiNodes.Node n : g.nodes()) nodes.add(n.role(n.nodeId().equals(promoted) ? "master" : "slave"));
        return replace(layout, g.nodes(nodes));
    }

    private HuaweiNodes.Group swappable(Instance i) {
        if (!"ha".equals(HuaweiNodes.cacheMode(i))) {
            throw new HuaweiException("DCS.4855", "111400855", 400, "Master standby swap is not supported: only "
                    + "master/standby instances swap (" + i.id() + " is " + HuaweiNodes.cacheMode(i) + ").");
        }
        requireRunning(i);
        return layout(i).groups().get(0);
    }

    /** Swaps now: the layout records the new master, the real server's clients are dropped. */
    private void swapNow(Instance i, String groupId) {
        HuaweiNodes.update(i, flavors, layout -> {
            HuaweiNodes.Group g = HuaweiNodes.group(layout, groupId, "DCS.4062");
            return promote(layout, groupId, candidate(g).nodeId());
        });
        fleet.changed();
        HuaweiNodes.dropClients(i);
    }

    private ObjectNode swap(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        HuaweiNodes.Group g = swappable(i);
        swapNow(i, g.groupId());
        return null;
    }

    private ObjectNode swapAsync(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        HuaweiNodes.Group g = swappable(i);
        candidate(g); // refuse now what the job would refuse
        Task task = fleet.submit(i.id(), "MasterStandbySwap", "MS_SWAPPING", () -> {
            swapNow(i, g.groupId());
            return "";
        });
        ObjectNode out = object();
        out.put("job_id", job(task, "masterStandbySwap"));
        return out;
    }

    /** 5.2.15: promote {@code node_id} in shard {@code group_id} of a cluster instance. */
    private ObjectNode clusterSwitchover(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        if (!"cluster".equals(HuaweiNodes.cacheMode(i))) {
            throw new HuaweiException("111400063", "111400063", 400, "Invalid instance_id parameter in the request: shard "
                    + "switchover is for Redis Cluster instances (" + i.id() + " is " + HuaweiNodes.cacheMode(i) + ").");
        }
        requireRunning(i);
        HuaweiNodes.Group g = HuaweiNodes.group(layout(i), r.requireString("group_id"), "111400063");
        HuaweiNodes.Node n = HuaweiNodes.node(g, r.requireString("node_id"));
        if (n.master()) {
            throw new HuaweiException("DCS.4027", "111400027", 400, "This operation is not supported on this node: "
                    + n.nodeId() + " is already the master of " + g.name() + ".");
        }
        if (n.priorityWeight() == 0 || n.stopped()) {
            throw new HuaweiException("DCS.4027", "111400027", 400, "This operation is not supported on this node: "
                    + n.nodeId() + (n.stopped() ? " is stopped." : " has priority weight 0 (switchover forbidden)."));
        }
        String groupId = g.groupId();
        String nodeId = n.nodeId();
        Task task = fleet.submit(i.id(), "ClusterSwitchover", "ClusterSwitchover", () -> {
            HuaweiNodes.update(i, flavors, l -> promote(l, groupId, nodeId));
            fleet.changed();
            HuaweiNodes.dropClients(i);
            return "";
        });
        ObjectNode out = object();
        out.put("job_id", job(task, "clusterSwitchover"));
        return out;
    }

    // ---- start / stop ---------------------------------------------------------------------------------------------

    private ObjectNode startStop(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        String action = r.string("action");
        if (!"start".equals(action) && !"stop".equals(action)) {
            throw new HuaweiException("DCS.4064", "111400064", 400, "The action parameter in the request must be start or "
                    + "stop: got `" + action + "`.");
        }
        requireRunning(i);
        HuaweiNodes.Layout layout = layout(i);
        Set<String> ids = new LinkedHashSet<>(r.strings("node_ids"));
        if (ids.isEmpty()) layout.nodes().forEach(n -> ids.add(n.nodeId()));
        for (String id : ids) {
            if (layout.nodes().stream().noneMatch(n -> n.nodeId().equals(id))) {
                throw new HuaweiException("DCS.3053", "111400053", 400, "Incorrect node ID: " + id + " is not a node of "
                        + i.id() + " (see ShowNodesInformation).");
            }
        }
        boolean stop = "stop".equals(action);
        if (stop && !"single".equals(HuaweiNodes.cacheMode(i)) && !recentBackup(i)) {
            throw new HuaweiException("DCS.2001", "DCS.2001", 405, "the latest backup records over 24h old, need to create "
                    + "new backup file: back up " + i.id() + " (CopyInstance) before stopping its nodes.");
        }
        Task task = fleet.submit(i.id(), stop ? "StopNodes" : "StartNodes", stop ? "StopNodes" : "StartNodes", () -> {
            apply(i, ids, stop);
            return "";
        });
        ObjectNode out = object();
        out.put("job_id", job(task, stop ? "stopNodes" : "startNodes"));
        return out;
    }

    private boolean recentBackup(Instance i) {
        Instant since = ctx.clock().instant().minus(Duration.ofHours(24));
        for (Backup b : i.backups()) {
            if (b.status() == Backup.Status.NORMAL && b.endTime() != null && b.endTime().isAfter(since)) return true;
        }
        return false;
    }

    private void apply(Instance i, Set<String> ids, boolean stop) throws IOException {
        boolean[] masterMoved = {false};
        HuaweiNodes.Layout after = HuaweiNodes.update(i, flavors, layout -> {
            List<HuaweiNodes.Group> groups = new ArrayList<>();
            for (HuaweiNodes.Group g : layout.groups()) {
                List<HuaweiNodes.Node> nodes = new ArrayList<>();
                for (HuaweiNodes.Node n : g.nodes()) nodes.add(ids.contains(n.nodeId()) ? n.stopped(stop) : n);
                HuaweiNodes.Group next = g.nodes(nodes);
                HuaweiNodes.Node master = next.master();
                if (master.stopped()) {
                    Optional<HuaweiNodes.Node> standby = nodes.stream().filter(n -> !n.master() && !n.stopped())
                            .min(Comparator.comparingInt(n -> n.priorityWeight() == 0 ? Integer.MAX_VALUE : n.priorityWeight()));
                    if (standby.isPresent()) {
                        List<HuaweiNodes.Node> swapped = new ArrayList<>();
                        for (HuaweiNodes.Node n : nodes) {
                            swapped.add(n.role(n.nodeId().equals(standby.get().nodeId()) ? "master" : "slave"));
                        }
                        next = next.nodes(swapped);
                        masterMoved[0] = true;
                    }
                }
                groups.add(next);
            }
            return new HuaweiNodes.Layout(groups);
        });
        fleet.changed();
        boolean allStopped = after.nodes().stream().allMatch(HuaweiNodes.Node::stopped);
        if (stop && allStopped) {
            fleet.stopDataPlane(i, true);
        } else if (!stop && i.dataPlane() == null) {
            fleet.startDataPlane(i);
        } else if (masterMoved[0]) {
            HuaweiNodes.dropClients(i);
        }
        fleet.changed();
    }
}
