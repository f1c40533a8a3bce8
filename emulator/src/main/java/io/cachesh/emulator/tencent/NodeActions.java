package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.InstanceStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Nodes and shards of an instance (DescribeInstanceNodeInfo, DescribeInstanceShards) and the master fault drill
 * (KillMasterGroup), on the layout of {@link NodeTopology}: shard groups of one master and the instance's replicas,
 * plus proxies. Shard keys, used memory and the connected flag come from the real redis-server. KillMasterGroup
 * drops the server's client connections ({@code CLIENT KILL TYPE normal}, what clients see of a failover) and
 * promotes the next node of each drilled shard to master.
 */
final class NodeActions extends TencentActionGroup {

    NodeActions(TencentContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(Map<String, TencentAction> actions) {
        actions.put("DescribeInstanceNodeInfo", this::describeInstanceNodeInfo);
        actions.put("DescribeInstanceShards", this::describeInstanceShards);
        actions.put("KillMasterGroup", this::killMasterGroup);
    }

    /** Proxy nodes, and the Redis nodes with ClusterId = shard index (0-based, what KillMasterGroup's ShardIds take). */
    private ObjectNode describeInstanceNodeInfo(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        int type = EngineVersions.typeId(i);
        if (EngineVersions.ckv(type)) {
            throw new TencentException("FailedOperation.UnSupportError", "实例不支持该接口: " + i.id() + " is a CKV instance (TypeId " + type + ").");
        }
        ObjectNode out = object();
        ArrayNode proxies = out.putArray("Proxy");
        int proxyCount = NodeTopology.proxyCount(i);
        for (int k = 0; k < proxyCount; k++) {
            proxies.addObject().put("NodeId", NodeTopology.proxyNodeId(i, k)).put("ZoneId", i.zoneId());
        }
        out.put("ProxyCount", proxyCount);
        ArrayNode redis = out.putArray("Redis");
        for (int s = 0; s < i.shards(); s++) {
            int master = NodeTopology.master(i, s);
            for (int n = 0; n <= i.replicas(); n++) {
                redis.addObject().put("NodeId", NodeTopology.redisNodeId(i, s, n)).put("NodeRole", n == master ? "master" : "slave")
                        .put("ClusterId", s).put("ZoneId", i.zoneId());
            }
        }
        out.put("RedisCount", redis.size());
        out.put("TendisCount", 0);
        out.putArray("Tendis");
        return out;
    }

    /**
     * One InstanceClusterShard per node (masters only with FilterSlave): ShardId and ShardName number shards and nodes
     * from 1 as the seed's example does ({@code crs-xxx-001-01}), Slots the shard's hash-slot range, Keys and Storage
     * from the real server (replicas hold what their master holds), StorageSlope the shard's deviation from the mean.
     */
    private ObjectNode describeInstanceShards(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        int type = EngineVersions.typeId(i);
        if (!EngineVersions.cluster(type)) {
            throw new TencentException("InvalidParameterValue.UnSupportedType", "实例类型不支持: " + i.id() + " (TypeId " + type
                    + ") is not a cluster-architecture instance; DescribeInstanceShards is for cluster instances.");
        }
        boolean filterSlave = Boolean.TRUE.equals(p.bool("FilterSlave"));
        int shards = i.shards();
        NodeTopology.ShardData data = NodeTopology.shardData(i);
        long storageTotal = 0;
        for (long b : data.storageBytes()) storageTotal += b;
        double mean = (double) storageTotal / shards;
        ObjectNode out = object();
        ArrayNode list = out.putArray("InstanceShards");
        for (int s = 0; s < shards; s++) {
            int master = NodeTopology.master(i, s);
            double slope = mean == 0 ? 0 : BigDecimal.valueOf(Math.abs(data.storageBytes()[s] - mean) / mean)
                    .setScale(2, RoundingMode.HALF_UP).doubleValue();
            String slots = "[\"" + NodeTopology.slotStart(s, shards) + "-" + NodeTopology.slotEnd(s, shards) + "\"]";
            for (int n = 0; n <= i.replicas(); n++) {
                if (filterSlave && n != master) continue;
                String nodeId = NodeTopology.redisNodeId(i, s, n);
                ObjectNode shard = list.addObject();
                shard.put("ShardName", String.format("%s-%03d-%02d", i.id(), s + 1, n + 1));
                shard.put("ShardId", Integer.toString(s + 1));
                shard.put("Role", n == master ? 0 : 1);
                shard.put("Keys", data.keys()[s]);
                shard.put("Slots", slots);
                shard.put("Storage", data.storageBytes()[s]);
                shard.put("StorageSlope", slope);
                shard.put("Runid", nodeId);
                shard.put("RunId", nodeId);
                shard.put("Connected", data.connected() ? 1 : 0);
            }
        }
        out.put("TotalCount", list.size());
        return out;
    }

    private ObjectNode killMasterGroup(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        int type = EngineVersions.typeId(i);
        if (EngineVersions.ckv(type)) {
            throw new TencentException("FailedOperation.UnSupportError", "实例不支持该接口: " + i.id() + " is a CKV instance (TypeId " + type + ").");
        }
        if (!i.noAuth()) {
            String password = p.string("Password");
            if (password == null || password.isEmpty()) {
                throw new TencentException("InvalidParameterValue.PasswordEmpty", "密码为空: Password is required for " + i.id()
                        + ", which is not password-free.");
            }
            if (!i.password().matches(password)) {
                throw new TencentException("InvalidParameterValue.PasswordError", "密码校验出错，密码错误: the password does not match.");
            }
        }
        if (i.status() != InstanceStatus.RUNNING) {
            throw new TencentException("ResourceUnavailable.InstanceStatusError", "实例状态异常，不能执行对应操作: " + i.id()
                    + " has status " + i.status().code() + "; a fault drill needs a running instance.");
        }
        if (i.replicas() < 1) {
            throw new TencentException("ResourceUnavailable.InstanceNotSupportOperation", "实例状态不支持操作: " + i.id()
                    + " has no replica to fail over to.");
        }
        Set<Integer> shards = new LinkedHashSet<>();
        for (long id : p.integers("ShardIds")) {
            if (id < 0 || id >= i.shards()) {
                throw new TencentException("InvalidParameter.InvalidParameter", "业务参数错误: ShardIds " + id + " is not a shard of "
                        + i.id() + " (ClusterId of DescribeInstanceNodeInfo: 0-" + (i.shards() - 1) + ").");
            }
            shards.add((int) id);
        }
        if (shards.isEmpty()) {
            for (int s = 0; s < i.shards(); s++) shards.add(s);
        }
        List<Integer> drilled = new ArrayList<>(shards);
        i.transition(InstanceStatus.PROCESSING);
        fleet.changed();
        return taskResult(fleet.submit(i.id(), "048", "模拟故障", () -> {
            try {
                NodeTopology.dropClients(i);
                NodeTopology.failover(i, drilled);
                fleet.changed();
            } finally {
                i.transition(InstanceStatus.RUNNING);
            }
            return "";
        }));
    }
}
