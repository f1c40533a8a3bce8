package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.dataplane.RedisProcess;
import io.cachesh.emulator.fleet.Fleet;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.InstanceStatus;
import io.cachesh.emulator.fleet.Task;
import io.cachesh.emulator.tencent.ReplicationGroupState.Group;
import io.cachesh.emulator.tencent.ReplicationGroupState.Member;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Global replication groups (fleet-wide state) with REAL replication between the members' redis-servers: a read-only
 * member runs {@code REPLICAOF 127.0.0.1 <master port>} (with {@code masterauth}), so what is written to the master
 * shows on the members; switching the master promotes one ({@code REPLICAOF NO ONE}) and re-points the others. Also
 * the intra-instance failover ChangeReplicaToMaster and DescribeGlobalReplicationArea.
 */
final class ReplicationGroupActions extends TencentActionGroup {

    /** Members per group: one master and up to four read-only members. */
    static final int MAX_MEMBERS = 5;
    /** How long a bind or switch flow waits for a member's first sync. */
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern GROUP_NAME = Pattern.compile("[\\p{IsHan}A-Za-z0-9_-]{2,64}");
    /** Redis 2.8 and CKV types: no global replication. */
    private static final Set<Integer> UNSUPPORTED_TYPES = Set.of(2, 3, 4, 5);

    private final Object lock = new Object();

    ReplicationGroupActions(TencentContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(Map<String, TencentAction> actions) {
        actions.put("CreateReplicationGroup", this::createReplicationGroup);
        actions.put("DescribeReplicationGroup", this::describeReplicationGroup);
        actions.put("DescribeReplicationGroupInstance", this::describeReplicationGroupInstance);
        actions.put("ModifyReplicationGroup", this::modifyReplicationGroup);
        actions.put("RemoveReplicationGroup", this::removeReplicationGroup);
        actions.put("AddReplicationInstance", this::addReplicationInstance);
        actions.put("RemoveReplicationInstance", this::removeReplicationInstance);
        actions.put("DeleteReplicationInstance", this::deleteReplicationInstance);
        actions.put("ChangeInstanceRole", this::changeInstanceRole);
        actions.put("ChangeMasterInstance", this::changeMasterInstance);
        actions.put("ChangeReplicaToMaster", this::changeReplicaToMaster);
        actions.put("DescribeGlobalReplicationArea", this::describeGlobalReplicationArea);
    }

    // ---- state ----------------------------------------------------------------------------------------------------

    /** The state with members whose instance is gone (cleaned up) dropped. Call under {@link #lock}. */
    private ReplicationGroupState state() {
        ReplicationGroupState s = fleet.extensions().get(ReplicationGroupState.KEY, ReplicationGroupState.class,
                ReplicationGroupState::empty);
        ReplicationGroupState pruned = s;
        for (Group g : s.groups()) {
            List<Member> alive = g.members().stream().filter(m -> fleet.contains(m.instanceId())).toList();
            if (alive.size() != g.members().size()) pruned = pruned.with(g.withMembers(alive));
        }
        if (pruned != s) save(pruned);
        return pruned;
    }

    private void save(ReplicationGroupState s) {
        fleet.extensions().put(ReplicationGroupState.KEY, s);
        fleet.changed();
    }

    private void update(String groupId, UnaryOperator<Group> change) {
        synchronized (lock) {
            save(state().map(groupId, change));
        }
    }

    private static Group group(ReplicationGroupState s, String groupId) {
        return s.group(groupId).orElseThrow(() -> new TencentException("InvalidParameterValue.ReplicationGroupNotExists",
                "复制组不存在: replication group `" + groupId + "` does not exist."));
    }

    private static void requireUnlocked(Group g) {
        if (g.locked()) {
            throw new TencentException("LimitExceeded.ReplicationGroupLocked", "复制组已锁定: " + g.groupId()
                    + " is in a flow (status " + g.status() + "); retry when its task has finished.");
        }
    }

    private static Member member(Group g, Instance i) {
        return g.member(i.id()).orElseThrow(() -> new TencentException("InvalidParameterValue.CheckNotPass",
                "业务校验不通过: " + i.id() + " is not a member of " + g.groupId() + "."));
    }

    /** The seed lists {@code ResourceUnavailable.InstanceStatusError} for every group action. */
    private static void requireRunningMember(Instance i) {
        if (i.status() != InstanceStatus.RUNNING) {
            throw new TencentException("ResourceUnavailable.InstanceStatusError", "实例状态异常，不能执行对应操作: " + i.id()
                    + " has status " + i.status().code() + "; it must be running (2).");
        }
    }

    private static void requireSupportedType(Instance i) {
        if (UNSUPPORTED_TYPES.contains(i.typeId())) {
            throw new TencentException("InvalidParameterValue.UnSupportedType", "实例类型不支持: " + i.id() + " is of type "
                    + i.typeId() + "; global replication needs Redis 4.0 or later (TypeId 6-9, 15-18).");
        }
    }

    private String newGroupId(ReplicationGroupState s) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        while (true) {
            StringBuilder id = new StringBuilder("crs-rpl-");
            for (int k = 0; k < 8; k++) id.append(alphabet.charAt(ctx.random().nextInt(alphabet.length())));
            if (s.group(id.toString()).isEmpty()) return id.toString();
        }
    }

    private long now() {
        return fleet.clock().instant().getEpochSecond();
    }

    // ---- real replication -----------------------------------------------------------------------------------------

    /** {@code member} replicates {@code master}: masterauth + REPLICAOF (no-op without both data planes). */
    private static void replicate(Instance member, Instance master) throws IOException {
        RedisProcess replica = redis(member);
        RedisProcess source = redis(master);
        if (replica == null || source == null) return;
        // no 5 s wait for more replicas before the (diskless) first sync
        source.call("CONFIG", "SET", "repl-diskless-sync-delay", "0");
        replica.call("CONFIG", "SET", "masterauth", master.password().reveal());
        replica.call("REPLICAOF", RedisProcess.HOST, Integer.toString(source.port()));
        // the flow ends once the first sync is done (link up), as the cloud's binding flow does
        long deadline = System.nanoTime() + SYNC_TIMEOUT.toNanos();
        while (!"up".equals(masterLinkStatus(member)) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** {@code member} stops replicating and keeps its data (REPLICAOF NO ONE). */
    private static void detach(Instance member) throws IOException {
        RedisProcess process = redis(member);
        if (process == null) return;
        process.call("REPLICAOF", "NO", "ONE");
    }

    /** {@code master_link_status} of a replica's redis-server, or null when unknown (no data plane, not a replica). */
    private static String masterLinkStatus(Instance member) {
        RedisProcess process = redis(member);
        if (process == null) return null;
        try {
            Object info = process.call("INFO", "replication");
            if (info instanceof String text) {
                for (String line : text.split("\r?\n")) {
                    if (line.startsWith("master_link_status:")) return line.substring("master_link_status:".length()).trim();
                }
            }
        } catch (IOException e) {
            return "down";
        }
        return null;
    }

    /** Runs a group flow: the work, then the group unlocked (also when the work fails). */
    private Task groupTask(String groupId, String instanceId, String type, String label, Fleet.Work work) {
        return fleet.submit(instanceId, type, label, () -> {
            try {
                return work.run();
            } finally {
                update(groupId, Group::unlock);
            }
        });
    }

    // ---- actions --------------------------------------------------------------------------------------------------

    private ObjectNode createReplicationGroup(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        String name = p.string("GroupName");
        if (name != null && !GROUP_NAME.matcher(name).matches()) {
            throw new TencentException("InvalidParameterValue.InstanceNameRuleError", "重命名，命名规则错误: GroupName `" + name
                    + "` must be 2-64 characters of Chinese, letters, digits, _ and -.");
        }
        String groupId;
        synchronized (lock) {
            ReplicationGroupState s = state();
            requireRunningMember(i);
            requireSupportedType(i);
            s.groupOf(i.id()).ifPresent(g -> {
                throw new TencentException("InvalidParameterValue.NotRepeatBind", "实例不能重复绑定: " + i.id()
                        + " is already a member of " + g.groupId() + ".");
            });
            groupId = newGroupId(s);
            long now = now();
            Group g = new Group(groupId, name == null ? groupId : name, p.string("Remark", ""), i.region(),
                    ReplicationGroupState.BINDING, true, now, List.of(new Member(i.id(), ReplicationGroupState.MASTER, now, now)));
            save(s.with(g));
        }
        return taskResult(groupTask(groupId, i.id(), "050", "新增复制组", () -> ""));
    }

    private ObjectNode describeReplicationGroup(TencentRequest r, Params p) {
        long limit = paging(p, "Limit", 20, 0, Long.MAX_VALUE);
        long offset = offset(p);
        String groupId = p.string("GroupId");
        String searchKey = p.string("SearchKey");
        List<Group> groups;
        synchronized (lock) {
            groups = state().groups();
        }
        List<Group> matches = new ArrayList<>();
        if (groupId != null && !groupId.isBlank()) {
            Group g = groups.stream().filter(x -> x.groupId().equals(groupId.trim())).findFirst()
                    .orElseThrow(() -> new TencentException("InvalidParameterValue.ReplicationGroupNotExists",
                            "复制组不存在: replication group `" + groupId + "` does not exist."));
            groups = List.of(g);
        }
        for (Group g : groups) {
            if (searchKey != null && !searchKey.isBlank()) {
                String key = searchKey.trim().toLowerCase(Locale.ROOT);
                if (!g.groupId().toLowerCase(Locale.ROOT).contains(key) && !g.name().toLowerCase(Locale.ROOT).contains(key)) continue;
            }
            matches.add(g);
        }
        ObjectNode out = object();
        out.put("TotalCount", matches.size());
        ArrayNode set = out.putArray("Groups");
        matches.stream().skip(offset).limit(limit).forEach(g -> set.add(groupNode(g)));
        return out;
    }

    private ObjectNode groupNode(Group g) {
        ObjectNode n = object();
        n.put("AppId", APPID);
        n.put("RegionId", catalog.numericRegionId(g.region()));
        n.put("GroupId", g.groupId());
        n.put("GroupName", g.name());
        n.put("Status", g.status());
        n.put("InstanceCount", g.members().size());
        ArrayNode members = n.putArray("Instances");
        for (Member m : g.members()) {
            Optional<Instance> found = fleet.instance(m.instanceId());
            if (found.isEmpty()) continue;
            Instance i = found.get();
            ObjectNode x = members.addObject();
            x.put("AppId", APPID);
            x.put("InstanceId", i.id());
            x.put("InstanceName", i.name());
            x.put("RegionId", catalog.numericRegionId(i.region()));
            x.put("ZoneId", i.zoneId());
            x.put("RedisReplicasNum", i.replicas());
            x.put("RedisShardNum", i.shards());
            x.put("RedisShardSize", i.memSizeMb());
            x.put("DiskSize", 0);
            x.put("Engine", "CKV".equals(engineName(i)) ? "腾讯云CKV" : "社区版Redis");
            x.put("Role", m.role());
            x.put("Vip", RedisProcess.HOST);
            x.put("Vip6", "");
            x.put("IPv6", "");
            x.put("VpcID", 0);
            x.put("VPort", i.dataPort());
            x.put("Status", i.status().code());
            x.put("GrocerySysId", 0);
            x.put("ProductType", i.typeId());
            x.put("CreateTime", time(i.createTime()));
            x.put("UpdateTime", time(Instant.ofEpochSecond(m.updatedAt())));
        }
        n.put("Remark", g.remark());
        return n;
    }

    private ObjectNode describeReplicationGroupInstance(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        Group g;
        synchronized (lock) {
            g = state().groupOf(i.id()).orElseThrow(() -> new TencentException("InvalidParameter.InvalidParameter",
                    "业务参数错误: " + i.id() + " is not a member of any replication group."));
        }
        ObjectNode out = object();
        out.put("AppId", APPID);
        out.put("RegionId", catalog.numericRegionId(g.region()));
        out.put("GroupId", g.groupId());
        out.put("GroupName", g.name());
        out.put("InstanceRole", member(g, i).role());
        return out;
    }

    private ObjectNode modifyReplicationGroup(TencentRequest r, Params p) {
        String groupId = p.requireString("GroupId");
        String name = p.string("GroupName");
        String remark = p.string("Remark");
        if (name != null && !GROUP_NAME.matcher(name).matches()) {
            throw new TencentException("InvalidParameter.InvalidParameter", "业务参数错误: GroupName `" + name
                    + "` must be 2-64 characters of Chinese, letters, digits, _ and -.");
        }
        synchronized (lock) {
            ReplicationGroupState s = state();
            Group g = group(s, groupId);
            save(s.with(g.rename(name == null ? g.name() : name, remark == null ? g.remark() : remark)));
        }
        return object();
    }

    private ObjectNode removeReplicationGroup(TencentRequest r, Params p) {
        String groupId = p.requireString("GroupId");
        synchronized (lock) {
            ReplicationGroupState s = state();
            Group g = group(s, groupId);
            if (!g.members().isEmpty()) {
                throw new TencentException("InvalidParameter", "参数错误: " + groupId + " still has " + g.members().size()
                        + " member(s); remove them with RemoveReplicationInstance first (the master last).");
            }
            save(s.without(groupId));
        }
        return object();
    }

    private ObjectNode addReplicationInstance(TencentRequest r, Params p) {
        String groupId = p.requireString("GroupId");
        String role = p.requireString("InstanceRole");
        Instance i = instance(r, p.requireString("InstanceId"));
        Instance master;
        synchronized (lock) {
            ReplicationGroupState s = state();
            Group g = group(s, groupId);
            requireUnlocked(g);
            requireRunningMember(i);
            requireSupportedType(i);
            s.groupOf(i.id()).ifPresent(other -> {
                throw new TencentException("InvalidParameterValue.NotRepeatBind", "实例不能重复绑定: " + i.id()
                        + " is already a member of " + other.groupId() + ".");
            });
            if (g.members().size() >= MAX_MEMBERS) {
                throw new TencentException("LimitExceeded.ExceedUpperLimit", "绑定超过上限: " + groupId + " has "
                        + g.members().size() + " members, the most a group can have is " + MAX_MEMBERS + ".");
            }
            master = g.master().flatMap(m -> fleet.instance(m.instanceId())).orElse(null);
            if (ReplicationGroupState.MASTER.equals(role) && master != null) {
                throw new TencentException("InvalidParameterValue.CheckNotPass", "业务校验不通过: " + groupId + " already has the "
                        + "read-write instance " + master.id() + "; add " + i.id() + " as r and switch with ChangeMasterInstance.");
            }
            if (master != null && (master.typeId() != i.typeId() || master.shards() != i.shards())) {
                throw new TencentException("InvalidParameterValue.CheckNotPass", "业务校验不通过: " + i.id() + " (TypeId "
                        + i.typeId() + ", " + i.shards() + " shard(s)) must have the type and shard count of the master "
                        + master.id() + " (TypeId " + master.typeId() + ", " + master.shards() + " shard(s)).");
            }
            requireEmpty(i);
            long now = now();
            save(s.with(g.withMember(new Member(i.id(), role, now, now)).lock(ReplicationGroupState.BINDING)));
        }
        return taskResult(groupTask(groupId, i.id(), "050", "新增复制组", () -> {
            if (master != null && ReplicationGroupState.READ_ONLY.equals(role)) replicate(i, master);
            return "";
        }));
    }

    /** 绑定实例必须为空: the joining instance's redis-server must hold no key (DBSIZE over every db via INFO keyspace). */
    private static void requireEmpty(Instance i) {
        RedisProcess process = redis(i);
        if (process == null) return;
        Object keyspace = redisCall(i, "INFO", "keyspace");
        if (keyspace instanceof String text && text.lines().anyMatch(l -> l.startsWith("db"))) {
            throw new TencentException("LimitExceeded.InstanceNotEmpty", "绑定实例必须为空: " + i.id()
                    + " holds data; clear it (ClearInstance) before adding it to a replication group.");
        }
    }

    private ObjectNode removeReplicationInstance(TencentRequest r, Params p) {
        return taskResult(removeMember(r, p));
    }

    /** Being retired in favour of RemoveReplicationInstance (seed), still served the same way; its TaskId is a Float. */
    private ObjectNode deleteReplicationInstance(TencentRequest r, Params p) {
        Task task = removeMember(r, p);
        ObjectNode out = object();
        out.put("TaskId", (double) task.id());
        return out;
    }

    private Task removeMember(TencentRequest r, Params p) {
        String groupId = p.requireString("GroupId");
        Boolean sync = p.bool("SyncType");
        if (sync == null) throw TencentException.missing("SyncType");
        Instance i = instance(r, p.requireString("InstanceId"));
        Member m;
        synchronized (lock) {
            ReplicationGroupState s = state();
            Group g = group(s, groupId);
            requireUnlocked(g);
            m = member(g, i);
            boolean master = ReplicationGroupState.MASTER.equals(m.role());
            if (!sync && !master) {
                throw new TencentException("InvalidParameterValue.CheckNotPass", "业务校验不通过: SyncType false (no strong "
                        + "sync) is only allowed when removing the master; " + i.id() + " is read-only (r).");
            }
            if (master && g.members().size() > 1) {
                throw new TencentException("UnsupportedOperation.InstanceNotOperation", "不支持当前操作: " + i.id()
                        + " is the master of " + groupId + "; remove the read-only members first or switch the master.");
            }
            save(s.with(g.lock(ReplicationGroupState.UNBINDING)));
        }
        return groupTask(groupId, i.id(), "055", "解绑复制组", () -> {
            if (ReplicationGroupState.READ_ONLY.equals(m.role())) detach(i);
            update(groupId, g -> g.withoutMember(i.id()));
            return "";
        });
    }

    private ObjectNode changeInstanceRole(TencentRequest r, Params p) {
        String groupId = p.requireString("GroupId");
        String role = p.requireString("InstanceRole");
        Instance i = instance(r, p.requireString("InstanceId"));
        synchronized (lock) {
            Group g = group(state(), groupId);
            requireUnlocked(g);
            Member m = member(g, i);
            if (m.role().equals(role)) {
                throw new TencentException("InvalidParameterValue.CheckNotPass", "业务校验不通过: " + i.id() + " already has role "
                        + role + " in " + groupId + ".");
            }
            if (ReplicationGroupState.READ_ONLY.equals(role)) {
                throw new TencentException("UnsupportedOperation.InstanceNotOperation", "不支持当前操作: " + i.id() + " is the "
                        + "read-write instance of " + groupId + "; give another member the role rw instead.");
            }
        }
        return taskResult(switchMaster(r, groupId, i, true, ReplicationGroupState.CHANGING_ROLE, "057", "更改复制组实例角色"));
    }

    private ObjectNode changeMasterInstance(TencentRequest r, Params p) {
        String groupId = p.requireString("GroupId");
        boolean force = Boolean.TRUE.equals(p.bool("ForceSwitch"));
        Instance i = instance(r, p.requireString("InstanceId"));
        return taskResult(switchMaster(r, groupId, i, force, ReplicationGroupState.SWITCHING_MASTER, "056", "复制组实例切主"));
    }

    /** {@code i} (a read-only member) becomes the master: REPLICAOF NO ONE there, the others re-pointed to it. */
    private Task switchMaster(TencentRequest r, String groupId, Instance i, boolean force, int flowStatus, String type, String label) {
        List<Instance> others = new ArrayList<>();
        synchronized (lock) {
            ReplicationGroupState s = state();
            Group g = group(s, groupId);
            requireUnlocked(g);
            Member m = member(g, i);
            if (ReplicationGroupState.MASTER.equals(m.role())) {
                throw new TencentException("UnsupportedOperation.InstanceNotOperation", "不支持当前操作: " + i.id()
                        + " already is the master (rw) of " + groupId + ".");
            }
            requireRunningMember(i);
            for (Member other : g.members()) {
                if (other.instanceId().equals(i.id())) continue;
                Instance o = fleet.instance(other.instanceId()).orElse(null);
                if (o == null) continue;
                requireRunningMember(o);
                others.add(o);
            }
            String link = masterLinkStatus(i);
            if (!force && link != null && !"up".equals(link)) {
                throw new TencentException("InvalidParameterValue.CheckNotPass", "业务校验不通过: " + i.id() + " is not in sync "
                        + "with the master (master_link_status " + link + "); retry later or set ForceSwitch true.");
            }
            save(s.with(g.lock(flowStatus)));
        }
        return groupTask(groupId, i.id(), type, label, () -> {
            detach(i);
            for (Instance o : others) replicate(o, i);
            update(groupId, g -> g.withMaster(i.id(), now()));
            return "";
        });
    }

    private ObjectNode changeReplicaToMaster(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        Long replicaGroup = p.integer("GroupId");
        if (replicaGroup != null && replicaGroup <= 0) {
            throw new TencentException("InvalidParameterValue", "GroupId " + replicaGroup + " is not a replica group of "
                    + i.id() + " (see DescribeInstanceZoneInfo ReplicaGroups).");
        }
        if (i.status() != InstanceStatus.RUNNING) {
            throw new TencentException("ResourceUnavailable.InstanceStatusError", "实例状态异常，不能执行对应操作: " + i.id()
                    + " has status " + i.status().code() + "; it must be running (2).");
        }
        if (i.typeId() == 5 || i.replicas() < 1) {
            throw new TencentException("FailedOperation.UnSupportError", "实例不支持该接口: " + i.id()
                    + " has no replica to promote (single node / 0 replicas).");
        }
        i.transition(InstanceStatus.PROCESSING);
        fleet.changed();
        return taskResult(fleet.submit(i.id(), "049", "手动提主", () -> {
            // one redis-server stands for master and replicas: it keeps serving, the failover is the flow itself
            i.transition(InstanceStatus.RUNNING);
            return "";
        }));
    }

    private ObjectNode describeGlobalReplicationArea(TencentRequest r, Params p) {
        ObjectNode out = object();
        ArrayNode regions = out.putArray("AvailableRegions");
        for (String region : catalog.regionIds()) {
            ObjectNode n = regions.addObject();
            n.put("Region", region);
            ArrayNode zones = n.putArray("AvailableZones");
            catalog.zones(region).forEach(z -> zones.add(z.zoneId()));
        }
        return out;
    }
}
