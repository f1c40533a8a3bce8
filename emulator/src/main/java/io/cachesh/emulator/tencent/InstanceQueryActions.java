package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.dataplane.RedisProcess;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.protocol.Json;
import io.cachesh.emulator.validate.FrozenObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/** DescribeInstances and the InstanceSet every instance is shown as. */
final class InstanceQueryActions extends TencentActionGroup {

    /** An instance's InstanceSet member as rendered at one {@link Instance#revision()}. */
    private record Rendered(long revision, ObjectNode member) {
    }

    /**
     * Each instance's member, kept until the instance changes (building one reads about seven extension values, each
     * a JSON conversion), frozen so the front end also keeps its shaped bytes. Weak keys: a removed instance's entry
     * goes with it. Members are shared by answers, so they are never changed once stored (answers are only written).
     */
    private final Map<Instance, Rendered> rendered = Collections.synchronizedMap(new WeakHashMap<>());

    InstanceQueryActions(TencentContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(Map<String, TencentAction> actions) {
        actions.put("DescribeInstances", this::describeInstances);
    }

    private ObjectNode describeInstances(TencentRequest r, Params p) {
        long limit = paging(p, "Limit", 20, 0, 1000);
        long offset = offset(p);
        String instanceId = p.string("InstanceId");
        List<String> instanceIds = p.strings("InstanceIds");
        String instanceName = p.string("InstanceName");
        String searchKey = p.string("SearchKey");
        List<String> searchKeys = p.strings("SearchKeys");
        List<Long> status = p.integers("Status");
        List<Long> projectIds = p.integers("ProjectIds");
        List<Long> autoRenew = p.integers("AutoRenew");
        Long type = p.integer("Type");
        Long typeVersion = p.integer("TypeVersion");
        String billing = p.string("BillingMode");
        String engineName = p.string("EngineName");
        List<String> tagKeys = p.strings("TagKeys");
        List<String> vpcIds = p.strings("UniqVpcIds");
        List<Instance> matches = new ArrayList<>();
        for (Instance i : fleet.instances()) {
            if (!i.region().equals(r.region())) continue;
            if (instanceId != null && !instanceId.isBlank() && !i.id().equals(instanceId.trim())) continue;
            if (!instanceIds.isEmpty() && !instanceIds.contains(i.id())) continue;
            if (instanceName != null && !instanceName.isEmpty() && !i.name().equals(instanceName)) continue;
            if (searchKey != null && !searchKey.isEmpty() && !i.name().contains(searchKey)) continue;
            if (!searchKeys.isEmpty() && searchKeys.stream().noneMatch(k -> i.name().contains(k) || i.id().equals(k)
                    || RedisProcess.HOST.equals(k))) continue;
            if (!status.isEmpty() && !status.contains((long) i.status().code())) continue;
            if (!projectIds.isEmpty() && !projectIds.contains(i.projectId())) continue;
            if (!autoRenew.isEmpty() && !autoRenew.contains((long) i.autoRenew())) continue;
            if (type != null && type != i.typeId()) continue;
            if (typeVersion != null && typeVersion != typeVersion(i)) continue;
            if (billing != null && !billing.isEmpty() && !billing.equals(i.billingMode() == 1 ? "prepaid" : "postpaid")) continue;
            if (engineName != null && !engineName.isEmpty() && !engineName.equalsIgnoreCase(engineName(i))) continue;
            if (!tagKeys.isEmpty() && tagKeys.stream().noneMatch(i.tags()::containsKey)) continue;
            if (!vpcIds.isEmpty() && !vpcIds.contains(i.vpcId())) continue;
            matches.add(i);
        }
        String orderBy = p.string("OrderBy", "createtime").trim();
        Comparator<Instance> order = switch (orderBy) {
            case "projectId" -> Comparator.comparingLong(Instance::projectId);
            case "instancename" -> Comparator.comparing(Instance::name);
            case "type" -> Comparator.comparingInt(Instance::typeId);
            case "curDeadline" -> Comparator.comparing(i -> i.deadlineTime() == null ? Instant.MAX : i.deadlineTime());
            case "createtime" -> Comparator.comparing(Instance::createTime);
            default -> throw TencentException.invalidValue("OrderBy", orderBy,
                    "must be one of: projectId, createtime, instancename, type, curDeadline");
        };
        order = order.thenComparing(Instance::id);
        if (p.integer("OrderType", 1) != 0) order = order.reversed();
        matches.sort(order);
        ObjectNode out = Json.object();
        out.put("TotalCount", matches.size());
        ArrayNode set = out.putArray("InstanceSet");
        matches.stream().skip(offset).limit(limit).forEach(i -> set.add(member(i)));
        return out;
    }

    /** {@link #instanceSet(Instance)}, kept until the instance's revision changes. */
    ObjectNode member(Instance i) {
        long revision = i.revision();   // read before building: a change during the build outdates what is stored
        Rendered kept = rendered.get(i);
        if (kept != null && kept.revision() == revision) return kept.member();
        ObjectNode member = new FrozenObjectNode(instanceSet(i));
        rendered.put(i, new Rendered(revision, member));
        return member;
    }

    ObjectNode instanceSet(Instance i) {
        ProductCatalog.Zone zone = catalog.zone(i.region(), i.zoneId()).orElse(null);
        boolean cluster = isCluster(i);
        ObjectNode n = Json.object();
        n.put("InstanceName", i.name());
        n.put("InstanceId", i.id());
        n.put("Appid", APPID);
        n.put("ProjectId", i.projectId());
        n.put("RegionId", catalog.numericRegionId(i.region()));
        n.put("ZoneId", i.zoneId());
        n.put("VpcId", 0);
        n.put("SubnetId", 0);
        n.put("Status", i.status().code());
        n.put("WanIp", RedisProcess.HOST);
        n.put("Port", i.dataPort());
        n.put("Createtime", time(i.createTime()));
        n.put("Size", (double) i.capacityMb());
        n.put("SizeUsed", 0.0);
        n.put("Type", i.typeId());
        n.put("AutoRenewFlag", i.autoRenew());
        n.put("DeadlineTime", time(i.deadlineTime()));
        n.put("Engine", "CKV".equals(engineName(i)) ? "腾讯云CKV" : "Redis");
        n.put("ProductType", cluster ? "cluster" : "standalone");
        n.put("UniqVpcId", NetworkState.vpcId(i));
        n.put("UniqSubnetId", NetworkState.subnetId(i));
        n.put("BillingMode", i.billingMode());
        n.put("InstanceTitle", i.status().title());
        Instant close = i.closeTime();
        n.put("OfflineTime", close == null ? "" : time(close.plus(i.billingMode() == 1 ? Duration.ofDays(7) : Duration.ofHours(2))));
        n.put("SubStatus", 0);
        n.putArray("Tags");
        n.putArray("InstanceNode");
        n.put("RedisShardSize", i.memSizeMb());
        n.put("RedisShardNum", i.shards());
        n.put("RedisReplicasNum", i.replicas());
        n.put("PriceId", 0);
        n.put("CloseTime", time(close));
        n.put("SlaveReadWeight", 0);
        ArrayNode tags = n.putArray("InstanceTags");
        i.tags().forEach((k, v) -> tags.addObject().put("TagKey", k).put("TagValue", v));
        n.put("ProjectName", i.projectId() == 0 ? "默认项目" : "project-" + i.projectId());
        n.put("NoAuth", i.noAuth());
        n.put("ClientLimit", ConnectionConfigActions.clientLimit(i));
        n.put("DtsStatus", 0);
        n.put("NetLimit", 48);
        n.put("PasswordFree", 0);
        n.put("Vip6", "");
        n.put("IPv6", "");
        n.put("ReadOnly", ReadonlyActions.readOnlyFlag(i));
        n.put("RemainBandwidthDuration", "");
        n.put("DiskSize", 0);
        n.put("MonitorVersion", "5s");
        n.put("ClientLimitMin", 10000);
        n.put("ClientLimitMax", 40000);
        ArrayNode nodes = n.putArray("NodeSet");
        long base = Math.abs((long) i.id().hashCode()) % 100_000 * 10;
        for (int k = 0; k <= i.replicas(); k++) {
            nodes.addObject().put("NodeId", base + k).put("NodeType", k == 0 ? 0 : 1).put("ZoneId", i.zoneId())
                    .put("ZoneName", zone == null ? "" : zone.zoneId());
        }
        n.put("Region", i.region());
        n.put("WanAddress", NetworkState.wanAddress(i));
        n.put("PolarisServer", "");
        n.put("RedisClusterId", "");
        n.put("DedicatedClusterId", "");
        n.put("ProductVersion", "local");
        EngineVersions.Switch pending = EngineVersions.pending(i);
        n.put("CurrentProxyVersion", EngineVersions.proxyVersion(i));
        n.put("CurrentRedisVersion", EngineVersions.redisVersion(i));
        n.put("UpgradeProxyVersion", pending == null || pending.proxyVersion() == null ? "" : pending.proxyVersion());
        n.put("UpgradeRedisVersion", pending == null ? "" : pending.redisVersion() != null ? pending.redisVersion()
                : pending.version() != null ? pending.version() + ".0" : "");
        n.put("BackupMode", BackupPolicy.BackupMode.modeOf(i));
        return n;
    }
}
