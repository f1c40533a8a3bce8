package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.dataplane.RedisProcess;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.InstanceStatus;
import io.cachesh.emulator.fleet.Task;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Availability zones of an instance's nodes. The node groups are derived from the instance's spec: group 0 holds the
 * master of every shard, group k (1..replicas) the k-th replica of every shard. Group ids are the {@code NodeId}s that
 * DescribeInstances lists in {@code NodeSet} (the same derivation as there), so ModifyInstanceAvailabilityZones takes
 * them as {@code NodeSet.N.NodeId}. The zone of each group is {@link ZoneState} under {@link #KEY} (default: the zone
 * the instance was created in).
 *
 * <p>DescribeInstanceZoneInfo reads the real server: a master node's {@code Keys} is the key count of its slot range
 * (every key of the one redis-server for a standard instance, from {@code INFO keyspace}; for a cluster the keys are
 * scanned and hashed to their CRC16 slot, as redis cluster does), {@code Status} is {@code normal} when the server
 * answers PING. Replica nodes show {@code Keys} 0 and no slot range, as in the seed's example.
 */
final class ZoneActions extends TencentActionGroup {

    static final String KEY = "zones";
    private static final int SLOTS = 16384;
    private static final int SCAN_LIMIT = 200_000;
    /** Redis 2.8 and CKV types: no multi-AZ, no zone changes. */
    private static final Set<Integer> SINGLE_AZ_ONLY = Set.of(2, 3, 4, 5);

    /**
     * @param multiAz       upgraded by UpgradeVersionToMultiAvailabilityZones (or created across zones)
     * @param nearestAccess upgraded with UpgradeProxyAndRedisServer (就近访问)
     * @param groupZones    node-group id (as a string) to its numeric zone id; absent = the instance's zone
     */
    public record ZoneState(boolean multiAz, boolean nearestAccess, Map<String, Integer> groupZones) {
        public ZoneState {
            groupZones = groupZones == null ? Map.of() : Map.copyOf(groupZones);
        }
    }

    ZoneActions(TencentContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(Map<String, TencentAction> actions) {
        actions.put("DescribeInstanceZoneInfo", this::describeInstanceZoneInfo);
        actions.put("ModifyInstanceAvailabilityZones", this::modifyInstanceAvailabilityZones);
        actions.put("UpgradeVersionToMultiAvailabilityZones", this::upgradeToMultiAz);
    }

    public static ZoneState state(Instance i) {
        return i.extensions().get(KEY, ZoneState.class, () -> new ZoneState(false, false, Map.of()));
    }

    /** Node-group id {@code k} (0 = masters, k = k-th replicas): the NodeSet NodeId DescribeInstances derives. */
    public static long groupId(Instance i, int k) {
        return Math.abs((long) i.id().hashCode()) % 100_000 * 10 + k;
    }

    /** The numeric zone of node group {@code k}. */
    public static int groupZone(Instance i, int k) {
        Integer zone = state(i).groupZones().get(Long.toString(groupId(i, k)));
        return zone == null ? i.zoneId() : zone;
    }

    // ---- DescribeInstanceZoneInfo -----------------------------------------------------------------------------------

    private ObjectNode describeInstanceZoneInfo(TencentRequest r, Params p) {
        String id = p.string("InstanceId");
        if (id == null || id.isBlank()) {
            throw new TencentException("InvalidParameter.EmptyParam", "参数为空: InstanceId is needed to list the node groups of an instance.");
        }
        Instance i = instance(r, id.trim());
        int shards = i.shards();
        boolean up = alive(i);
        long[] keys = keysPerShard(i, shards, up);
        ObjectNode out = object();
        ArrayNode groups = out.putArray("ReplicaGroups");
        for (int k = 0; k <= i.replicas(); k++) {
            ObjectNode g = groups.addObject();
            g.put("GroupId", groupId(i, k));
            g.put("GroupName", k == 0 ? "" : "ng-" + k);
            g.put("ZoneId", zoneName(i, groupZone(i, k)));
            g.put("Role", k == 0 ? "master" : "replica");
            ArrayNode nodes = g.putArray("RedisNodes");
            for (int s = 0; s < shards; s++) {
                ObjectNode n = nodes.addObject();
                n.put("Keys", k == 0 ? keys[s] : 0);
                n.put("Slot", k == 0 ? slotRange(s, shards) : "");
                n.put("NodeId", nodeId(i, k, s));
                n.put("Status", up ? "normal" : "down");
                n.put("Role", k == 0 ? "master" : "replica");
            }
        }
        out.put("TotalCount", groups.size());
        return out;
    }

    private String zoneName(Instance i, int zoneId) {
        return catalog.zone(i.region(), zoneId).map(ProductCatalog.Zone::zoneId).orElse(Integer.toString(zoneId));
    }

    private static boolean alive(Instance i) {
        RedisProcess process = redis(i);
        if (process == null || i.status() != InstanceStatus.RUNNING) return false;
        try {
            process.ping();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Slot range of shard {@code s} of {@code n}: 16384 slots split evenly, {@code 0-16383} for one shard. */
    static String slotRange(int s, int n) {
        int from = (int) ((long) s * SLOTS / n);
        int to = (int) ((long) (s + 1) * SLOTS / n) - 1;
        return from + "-" + to;
    }

    /** The shard whose {@link #slotRange} holds {@code slot}. */
    static int shardOf(int slot, int n) {
        int s = 0;
        while (s < n - 1 && slot >= (long) (s + 1) * SLOTS / n) s++;
        return s;
    }

    /** A stable 40-hex node id (the format of a redis cluster node id). */
    private static String nodeId(Instance i, int group, int shard) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest((i.id() + "/" + group + "/" + shard).getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : d) hex.append(String.format("%02x", b));
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keys per shard from the real server; zeros without one. */
    private static long[] keysPerShard(Instance i, int shards, boolean up) {
        long[] keys = new long[shards];
        if (!up) return keys;
        try {
            RedisProcess process = redis(i);
            long total = 0;
            Object info = process.call("INFO", "keyspace");
            if (info instanceof String text) {
                for (String line : text.split("\r?\n")) {
                    int at = line.indexOf("keys=");
                    if (line.startsWith("db") && at > 0) {
                        int end = line.indexOf(',', at);
                        total += Long.parseLong(line.substring(at + 5, end < 0 ? line.length() : end).trim());
                    }
                }
            }
            if (shards == 1) {
                keys[0] = total;
                return keys;
            }
            if (total > SCAN_LIMIT) {
                for (int s = 0; s < shards; s++) keys[s] = total / shards + (s < total % shards ? 1 : 0);
                return keys;
            }
            String cursor = "0";
            do {
                Object reply = process.call("SCAN", cursor, "COUNT", "1000");
                if (!(reply instanceof List<?> list) || list.size() < 2) break;
                cursor = String.valueOf(list.get(0));
                if (list.get(1) instanceof List<?> batch) {
                    for (Object key : batch) {
                        keys[shardOf(slot(String.valueOf(key)), shards)]++;
                    }
                }
            } while (!"0".equals(cursor));
            return keys;
        } catch (IOException | RuntimeException e) {
            return keys;
        }
    }

    /** The redis cluster slot of a key: CRC16 (XMODEM) of the key or its {hash tag}, mod 16384. */
    static int slot(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        int start = -1;
        for (int k = 0; k < bytes.length; k++) {
            if (bytes[k] == '{') {
                start = k;
                break;
            }
        }
        int from = 0;
        int to = bytes.length;
        if (start >= 0) {
            for (int k = start + 1; k < bytes.length; k++) {
                if (bytes[k] == '}') {
                    if (k > start + 1) {
                        from = start + 1;
                        to = k;
                    }
                    break;
                }
            }
        }
        int crc = 0;
        for (int k = from; k < to; k++) {
            crc ^= (bytes[k] & 0xff) << 8;
            for (int b = 0; b < 8; b++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
                crc &= 0xffff;
            }
        }
        return crc % SLOTS;
    }

    // ---- ModifyInstanceAvailabilityZones ----------------------------------------------------------------------------

    private ObjectNode modifyInstanceAvailabilityZones(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        long switchOption = p.requireInteger("SwitchOption");
        if (switchOption != 1 && switchOption != 2) throw TencentException.invalidValue("SwitchOption", switchOption, "must be 1 or 2");
        List<JsonNode> nodeSet = p.list("NodeSet");
        if (nodeSet.isEmpty()) throw TencentException.missing("NodeSet");
        if (SINGLE_AZ_ONLY.contains(i.typeId())) {
            throw new TencentException("InvalidParameterValue.UnSupportedType", "实例类型不支持: type " + i.typeId()
                    + " (Redis 2.8 / CKV) cannot change its availability zones.");
        }
        requireRunning(i);
        ZoneState state = state(i);
        Map<String, Integer> zones = new LinkedHashMap<>(state.groupZones());
        Set<Long> seen = new HashSet<>();
        int masters = 0;
        int replicas = 0;
        Set<Integer> targetZones = new HashSet<>();
        Map<Long, Integer> changes = new LinkedHashMap<>();
        for (int n = 0; n < nodeSet.size(); n++) {
            JsonNode node = nodeSet.get(n);
            String where = "NodeSet." + n;
            int type = node.path("NodeType").asInt(-1);
            if (type != 0 && type != 1) throw TencentException.invalidValue(where + ".NodeType", node.path("NodeType"), "must be 0 (master) or 1 (replica)");
            int zone = zoneOf(r, node, where);
            targetZones.add(zone);
            long groupId;
            if (node.hasNonNull("NodeId")) {
                groupId = node.path("NodeId").asLong();
                int k = (int) (groupId - groupId(i, 0));
                if (k < 0 || k > i.replicas() || groupId(i, k) != groupId) {
                    throw new TencentException("InvalidParameterValue.CheckNotPass", "业务校验不通过: " + where + ".NodeId " + groupId
                            + " is not a node of " + i.id() + " (see DescribeInstances NodeSet).");
                }
                if ((k == 0) != (type == 0)) {
                    throw new TencentException("InvalidParameterValue.CheckNotPass", "业务校验不通过: " + where + ".NodeId " + groupId
                            + " is a " + (k == 0 ? "master" : "replica") + " node, not NodeType " + type + ".");
                }
            } else if (state.multiAz()) {
                throw new TencentException("InvalidParameter.InvalidParameter", "业务参数错误: " + i.id()
                        + " is a multi-AZ instance; " + where + ".NodeId is required.");
            } else {
                groupId = type == 0 ? groupId(i, 0) : groupId(i, 1 + replicas);
            }
            if (type == 0) masters++;
            else replicas++;
            if (masters > 1 || replicas > i.replicas()) {
                throw new TencentException("InvalidParameterValue.CheckNotPass", "业务校验不通过: NodeSet names more nodes than "
                        + i.id() + " has (1 master, " + i.replicas() + " replicas).");
            }
            if (!seen.add(groupId)) {
                throw new TencentException("InvalidParameter.InvalidParameter", "业务参数错误: node " + groupId + " appears twice in NodeSet.");
            }
            changes.put(groupId, zone);
        }
        if (!state.multiAz()) {
            if (targetZones.size() > 1) {
                throw new TencentException("InvalidParameterValue.CheckNotPass", "业务校验不通过: " + i.id() + " is a single-AZ "
                        + "instance: every node must go to one zone (UpgradeVersionToMultiAvailabilityZones first).");
            }
            // A single-AZ instance moves as a whole.
            int zone = targetZones.iterator().next();
            for (int k = 0; k <= i.replicas(); k++) changes.put(groupId(i, k), zone);
        }
        boolean same = changes.entrySet().stream().allMatch(e -> groupZone(i, (int) (e.getKey() - groupId(i, 0))) == e.getValue());
        if (same) {
            throw new TencentException("InvalidParameterValue.CheckNotPass", "业务校验不通过: the nodes of " + i.id()
                    + " are already in those zones.");
        }
        changes.forEach((g, z) -> zones.put(Long.toString(g), z));
        ZoneState next = new ZoneState(state.multiAz(), state.nearestAccess(), zones);
        i.transition(InstanceStatus.PROCESSING);
        fleet.changed();
        // SwitchOption 1 (maintenance window) is emulated like 2: the switch completes after the task delay.
        Task task = fleet.submit(i.id(), "058", "实例可用区迁移", () -> {
            try {
                ZoneState now = state(i);
                i.extensions().put(KEY, new ZoneState(now.multiAz(), now.nearestAccess(), next.groupZones()));
            } finally {
                i.transition(InstanceStatus.RUNNING);
            }
            return "";
        });
        return taskResult(task);
    }

    private int zoneOf(TencentRequest r, JsonNode node, String where) {
        List<ProductCatalog.Zone> zones = catalog.zones(r.region());
        if (node.hasNonNull("ZoneId")) {
            int zoneId = node.path("ZoneId").asInt();
            return zones.stream().filter(z -> z.oldZoneId() == zoneId).findFirst().map(ProductCatalog.Zone::oldZoneId)
                    .orElseThrow(() -> new TencentException("InvalidParameterValue.CheckNotPass", "业务校验不通过: " + where
                            + ".ZoneId " + zoneId + " is not a zone of " + r.region() + "; zones: "
                            + zones.stream().map(z -> z.oldZoneId() + " (" + z.zoneId() + ")").toList() + "."));
        }
        if (node.hasNonNull("ZoneName")) {
            String name = node.path("ZoneName").asText();
            return zones.stream().filter(z -> z.zoneId().equals(name)).findFirst().map(ProductCatalog.Zone::oldZoneId)
                    .orElseThrow(() -> new TencentException("InvalidParameterValue.CheckNotPass", "业务校验不通过: " + where
                            + ".ZoneName " + name + " is not a zone of " + r.region() + "."));
        }
        throw new TencentException("InvalidParameter.InvalidParameter", "业务参数错误: " + where + " needs ZoneId or ZoneName.");
    }

    // ---- UpgradeVersionToMultiAvailabilityZones ---------------------------------------------------------------------

    private ObjectNode upgradeToMultiAz(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        boolean nearest = Boolean.TRUE.equals(p.bool("UpgradeProxyAndRedisServer"));
        if (SINGLE_AZ_ONLY.contains(i.typeId())) {
            throw new TencentException("UnsupportedOperation.InstanceNotOperation", "不支持当前操作: type " + i.typeId()
                    + " (Redis 2.8 / CKV) cannot be multi-AZ.");
        }
        ZoneState state = state(i);
        if (state.multiAz() && (state.nearestAccess() || !nearest)) {
            throw new TencentException("UnsupportedOperation.InstanceNotOperation", "不支持当前操作: " + i.id()
                    + " already supports multiple availability zones" + (state.nearestAccess() ? " with nearest access." : "."));
        }
        requireRunning(i);
        i.transition(InstanceStatus.PROCESSING);
        fleet.changed();
        Task task = fleet.submit(i.id(), "047", "升级实例支持多可用区", () -> {
            try {
                ZoneState now = state(i);
                i.extensions().put(KEY, new ZoneState(true, now.nearestAccess() || nearest, now.groupZones()));
            } finally {
                i.transition(InstanceStatus.RUNNING);
            }
            return "";
        });
        ObjectNode out = object();
        out.put("FlowId", task.id());
        return out;
    }
}
