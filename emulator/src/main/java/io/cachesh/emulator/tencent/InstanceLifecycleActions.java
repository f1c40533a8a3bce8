package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.client.auth.Secret;
import io.cachesh.emulator.dataplane.RedisProcess;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.InstanceStatus;
import io.cachesh.emulator.fleet.Task;
import io.cachesh.emulator.protocol.Json;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Creating, resizing, renewing, renaming, isolating, restarting and removing instances, and their orders. */
final class InstanceLifecycleActions extends TencentActionGroup {

    private static final Set<Integer> PREPAID_PERIODS = Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36);

    InstanceLifecycleActions(TencentContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(Map<String, TencentAction> actions) {
        actions.put("CreateInstances", this::createInstances);
        actions.put("DestroyPostpaidInstance", (r, p) -> destroy(r, p, 0));
        actions.put("DestroyPrepaidInstance", (r, p) -> destroy(r, p, 1));
        actions.put("CleanUpInstance", this::cleanUpInstance);
        actions.put("StartupInstance", this::startupInstance);
        actions.put("ModifyInstance", this::modifyInstance);
        actions.put("UpgradeInstance", this::upgradeInstance);
        actions.put("RenewInstance", this::renewInstance);
        actions.put("DescribeInstanceDealDetail", this::describeInstanceDealDetail);
    }

    private ObjectNode createInstances(TencentRequest r, Params p) {
        int typeId = (int) p.requireInteger("TypeId");
        long memSize = p.requireInteger("MemSize");
        long goodsNum = p.requireInteger("GoodsNum");
        long period = p.requireInteger("Period");
        int billingMode = (int) p.requireInteger("BillingMode");
        if (billingMode != 0 && billingMode != 1) {
            throw TencentException.invalidValue("BillingMode", billingMode, "must be 0 (postpaid) or 1 (prepaid)");
        }
        ProductCatalog.Spec spec = catalog.spec(typeId, billingMode).orElseThrow(() -> new TencentException(
                "InvalidParameterValue.InvalidInstanceTypeId",
                "TypeId " + typeId + " is not sold; valid TypeId values: 2, 3, 4, 6, 7, 8, 9, 15, 16, 17, 18."));
        if (billingMode == 1) {
            if (period < 1) throw new TencentException("LimitExceeded.PeriodLessThanMinLimit", "购买时长非法，时长最少1个月: Period " + period + " < 1.");
            if (period > 36) throw new TencentException("LimitExceeded.PeriodExceedMaxLimit", "购买时长超过3年: Period " + period + " > 36.");
            if (!PREPAID_PERIODS.contains((int) period)) {
                throw TencentException.invalidValue("Period", period, "prepaid periods are 1-12, 24 or 36 months");
            }
        } else if (period != 1) {
            throw TencentException.invalidValue("Period", period, "must be 1 for postpaid instances (BillingMode 0)");
        }
        if (goodsNum < spec.minBuy() || goodsNum > spec.maxBuy()) {
            throw new TencentException("LimitExceeded.InvalidParameterGoodsNumNotInRange",
                    "GoodsNum " + goodsNum + " is outside " + spec.minBuy() + "-" + spec.maxBuy() + ".");
        }
        checkMemSize(spec, memSize, "InvalidParameterValue.SpecNotExist");
        int shards = (int) p.integer("RedisShardNum", spec.cluster() ? 3 : 1);
        if (!spec.shardCounts().contains(shards)) {
            throw new TencentException("InvalidParameterValue.SpecNotExist", "RedisShardNum " + shards
                    + " is not sold for TypeId " + typeId + "; allowed: " + spec.shardCounts() + ".");
        }
        int replicas = (int) p.integer("RedisReplicasNum", 1);
        if (!spec.replicas().contains(replicas)) {
            throw new TencentException("InvalidParameterValue.SpecNotExist", "RedisReplicasNum " + replicas
                    + " is not sold for TypeId " + typeId + "; allowed: " + spec.replicas() + ".");
        }
        boolean noAuth = Boolean.TRUE.equals(p.bool("NoAuth"));
        String vpcId = p.string("VpcId", "");
        Secret password;
        if (noAuth) {
            if (vpcId.isEmpty()) {
                throw new TencentException("InvalidParameterValue.BaseNetWorkAccessDeny",
                        "不是vpc网络下实例: password-free access (NoAuth) needs a VPC instance (VpcId).");
            }
            password = Secret.of("");
        } else {
            password = Secret.of(checkPassword(p.string("Password")));
        }
        String name = p.string("InstanceName");
        if (name != null) checkName(name);
        long vport = p.integer("VPort", 6379);
        if (vport < 1024 || vport > 65535) throw TencentException.invalidValue("VPort", vport, "must be between 1024 and 65535");
        long autoRenew = p.integer("AutoRenew", 0);
        if (autoRenew < 0 || autoRenew > 2) throw TencentException.invalidValue("AutoRenew", autoRenew, "must be 0, 1 or 2");
        int zoneId = (int) p.integer("ZoneId", catalog.defaultZone(r.region()).oldZoneId());
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode tag : p.list("ResourceTags")) {
            tags.put(tag.path("TagKey").asText(), tag.path("TagValue").asText());
        }
        if (Boolean.TRUE.equals(p.bool("DryRun"))) {
            throw new TencentException("DryRunOperation", "DryRun 操作，代表请求将会是成功的，只是多传了 DryRun 参数。");
        }
        Instant now = fleet.clock().instant();
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < goodsNum; n++) {
            String id = newInstanceId();
            Instance instance = Instance.builder()
                    .id(id).name(name == null ? id : name).engine("redis").version(spec.version()).typeId(typeId)
                    .memSizeMb(memSize).shards(shards).replicas(replicas).status(InstanceStatus.PROCESSING)
                    .region(r.region()).zoneId(zoneId).projectId(p.integer("ProjectId", 0)).billingMode(billingMode)
                    .autoRenew((int) autoRenew).password(password).noAuth(noAuth).vpcId(vpcId)
                    .subnetId(p.string("SubnetId", "")).vport((int) vport).createTime(now)
                    .deadlineTime(billingMode == 1 ? now.atOffset(BEIJING).plusMonths(period).toInstant() : null)
                    .params(TencentParams.defaults()).tags(tags)
                    .build();
            fleet.add(instance);
            ids.add(id);
            fleet.submit(id, "001", "新建实例", () -> {
                String message = "";
                try {
                    fleet.startDataPlane(instance);
                    if (!fleet.dataPlaneAvailable()) message = "no data plane: control plane only";
                } catch (IOException e) {
                    message = "data plane failed to start: " + e.getMessage();
                }
                instance.transition(InstanceStatus.RUNNING);
                return message;
            });
        }
        ObjectNode out = Json.object();
        out.put("DealId", deal(ids, zoneId, String.join(",", ids)));
        ArrayNode list = out.putArray("InstanceIds");
        ids.forEach(list::add);
        return out;
    }

    private ObjectNode destroy(TencentRequest r, Params p, int billingMode) {
        Instance i = instance(r, p.requireString("InstanceId"));
        if (i.billingMode() != billingMode) {
            throw new TencentException("InvalidParameterValue.UnSupportedType", "实例类型不支持: " + i.id() + " is "
                    + (i.billingMode() == 0 ? "postpaid; use DestroyPostpaidInstance" : "prepaid; use DestroyPrepaidInstance") + ".");
        }
        if (i.status() == InstanceStatus.ISOLATED || i.status() == InstanceStatus.TO_BE_DELETED) {
            throw new TencentException(billingMode == 1 ? "ResourceUnavailable.InstanceIsolated" : "ResourceUnavailable.InstanceStatusError",
                    "Instance " + i.id() + " is already isolated (status " + i.status().code() + ").");
        }
        requireRunning(i);
        i.transition(InstanceStatus.PROCESSING);
        fleet.changed();
        Task task = fleet.submit(i.id(), "003", "关闭实例", () -> {
            fleet.stopDataPlane(i, true);
            i.closeTime(fleet.clock().instant());
            i.transition(InstanceStatus.ISOLATED);
            return "";
        });
        ObjectNode out = Json.object();
        if (billingMode == 1) out.put("DealId", deal(List.of(i.id()), i.zoneId(), null));
        else out.put("TaskId", task.id());
        return out;
    }

    private ObjectNode cleanUpInstance(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        if (i.status() != InstanceStatus.ISOLATED) {
            throw new TencentException("ResourceUnavailable.InstanceStatusAbnormal", "redis 状态异常，不能执行对应流程: "
                    + i.id() + " is not in the recycle bin (status " + i.status().code() + "; CleanUpInstance needs -2).");
        }
        i.transition(InstanceStatus.TO_BE_DELETED);
        fleet.changed();
        Task task = fleet.submit(i.id(), "006", "删除实例", () -> {
            fleet.remove(i.id());
            return "";
        });
        return taskResult(task);
    }

    private ObjectNode startupInstance(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        if (i.status() != InstanceStatus.ISOLATED) {
            throw new TencentException("ResourceUnavailable.InstanceStatusAbnormal",
                    "redis 状态异常，不能执行对应流程: " + i.id() + " is not isolated (status " + i.status().code() + ").");
        }
        i.transition(InstanceStatus.PROCESSING);
        fleet.changed();
        fleet.submit(i.id(), "005", "实例启用", () -> {
            fleet.startDataPlane(i);
            i.closeTime(null);
            i.transition(InstanceStatus.RUNNING);
            return "";
        });
        return Json.object();
    }
    private ObjectNode modifyInstance(TencentRequest r, Params p) {
        String operation = p.requireString("Operation");
        List<String> ids = new ArrayList<>(p.strings("InstanceIds"));
        if (ids.isEmpty() && p.has("InstanceId")) ids.add(p.requireString("InstanceId"));
        if (ids.isEmpty()) throw TencentException.missing("InstanceIds");
        if (ids.size() > 10) throw TencentException.invalidValue("InstanceIds", ids.size() + " ids", "at most 10 instances per request");
        List<Instance> instances = ids.stream().map(id -> instance(r, id)).toList();
        switch (operation) {
            case "rename" -> {
                List<String> names = new ArrayList<>(p.strings("InstanceNames"));
                if (names.isEmpty() && p.has("InstanceName")) names.add(p.string("InstanceName"));
                if (names.size() != ids.size()) {
                    throw new TencentException("InvalidParameter", "rename needs one InstanceNames entry per InstanceIds entry ("
                            + ids.size() + " ids, " + names.size() + " names).");
                }
                names.forEach(TencentActionGroup::checkName);
                for (int k = 0; k < instances.size(); k++) instances.get(k).name(names.get(k));
            }
            case "modifyProject" -> {
                Long project = p.integer("ProjectId");
                if (project == null) throw TencentException.missing("ProjectId");
                instances.forEach(i -> i.projectId(project));
            }
            case "modifyAutoRenew" -> {
                List<Long> flags = new ArrayList<>(p.integers("AutoRenews"));
                if (flags.isEmpty() && p.has("AutoRenew")) flags.add(p.integer("AutoRenew"));
                if (flags.size() != ids.size()) {
                    throw new TencentException("UnsupportedOperation.IsAutoRenewError", "自动续费标识错误: one AutoRenews entry per InstanceIds entry is needed.");
                }
                for (Long f : flags) {
                    if (f < 0 || f > 2) throw new TencentException("UnsupportedOperation.IsAutoRenewError", "自动续费标识错误: AutoRenews must be 0, 1 or 2, got " + f + ".");
                }
                for (int k = 0; k < instances.size(); k++) instances.get(k).autoRenew(flags.get(k).intValue());
            }
            default -> throw TencentException.invalidValue("Operation", operation, "must be one of: rename, modifyProject, modifyAutoRenew");
        }
        fleet.changed();
        return Json.object();
    }

    private ObjectNode upgradeInstance(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        long memSize = p.requireInteger("MemSize");
        int shards = (int) p.integer("RedisShardNum", i.shards());
        int replicas = (int) p.integer("RedisReplicasNum", i.replicas());
        long switchOption = p.integer("SwitchOption", 2);
        if (switchOption != 1 && switchOption != 2) throw TencentException.invalidValue("SwitchOption", switchOption, "must be 1 or 2");
        requireRunning(i);
        int changes = (memSize != i.memSizeMb() ? 1 : 0) + (shards != i.shards() ? 1 : 0) + (replicas != i.replicas() ? 1 : 0);
        if (changes == 0) {
            throw new TencentException("InvalidParameter.InvalidParameter",
                    "业务参数错误: MemSize, RedisShardNum and RedisReplicasNum equal the current spec; nothing to change.");
        }
        if (changes > 1) {
            throw new TencentException("InvalidParameter.InvalidParameter", "业务参数错误: change only one of MemSize, RedisShardNum, "
                    + "RedisReplicasNum per call and pass the other two with their current values (" + i.memSizeMb() + ", "
                    + i.shards() + ", " + i.replicas() + ").");
        }
        ProductCatalog.Spec spec = catalog.spec(i.typeId(), i.billingMode()).orElseThrow(() -> new TencentException(
                "InvalidParameterValue.UnSupportedType", "实例类型不支持: type " + i.typeId()));
        checkMemSize(spec, memSize, "InvalidParameterValue.MemSizeNotInRange");
        if (shards != i.shards() && (!spec.cluster() || !spec.shardCounts().contains(shards))) {
            throw new TencentException(spec.cluster() ? "InvalidParameterValue.SpecNotExist" : "InvalidParameterValue.UnSupportedType",
                    spec.cluster() ? "RedisShardNum " + shards + " is not sold; allowed: " + spec.shardCounts() + "."
                            : "实例类型不支持: a standard-architecture instance has exactly 1 shard.");
        }
        if (!spec.replicas().contains(replicas)) {
            throw new TencentException("InvalidParameterValue.SpecNotExist", "RedisReplicasNum " + replicas + " is not sold; allowed: "
                    + spec.replicas() + ".");
        }
        long newCapacityBytes = memSize * shards * 1024L * 1024L;
        RedisProcess dp = i.dataPlane();
        if (dp != null && newCapacityBytes < i.capacityMb() * 1024L * 1024L) {
            try {
                long used = dp.usedMemoryBytes();
                if (used > 0 && used * 13 / 10 > newCapacityBytes) {
                    throw new TencentException("InvalidParameterValue.ReduceCapacityNotAllowed", "请求容量偏小，不支持缩容: "
                            + (newCapacityBytes >> 20) + " MB < 1.3 x " + (used >> 20) + " MB used.");
                }
            } catch (IOException e) {
                throw new TencentException("ResourceUnavailable.InstanceStatusAbnormal", "redis 状态异常: " + e.getMessage());
            }
        }
        i.transition(InstanceStatus.PROCESSING);
        fleet.changed();
        fleet.submit(i.id(), "002", "配置变更", () -> {
            try {
                RedisProcess process = i.dataPlane();
                if (process != null) process.setMaxmemory(newCapacityBytes);
                i.resize(memSize, shards, replicas);
            } finally {
                i.transition(InstanceStatus.RUNNING);
            }
            return "";
        });
        ObjectNode out = Json.object();
        out.put("DealId", deal(List.of(i.id()), i.zoneId(), null));
        return out;
    }

    private ObjectNode renewInstance(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        long period = p.requireInteger("Period");
        if (period < 1) throw new TencentException("LimitExceeded.PeriodLessThanMinLimit", "购买时长非法，时长最少1个月: Period " + period + ".");
        if (period > 36) throw new TencentException("LimitExceeded.PeriodExceedMaxLimit", "购买时长超过3年: Period " + period + ".");
        if (i.billingMode() != 1 && !"prepaid".equalsIgnoreCase(p.string("ModifyPayMode", ""))) {
            throw new TencentException("InvalidParameterValue.UnSupportedType",
                    "实例类型不支持: " + i.id() + " is postpaid; pass ModifyPayMode=prepaid to switch it to prepaid.");
        }
        if (i.status() == InstanceStatus.TO_BE_DELETED) throw new TencentException("ResourceUnavailable.InstanceDeleted", "实例已经被回收了: " + i.id());
        i.renew(period, fleet.clock().instant());
        fleet.changed();
        ObjectNode out = Json.object();
        out.put("DealId", deal(List.of(i.id()), i.zoneId(), null));
        return out;
    }

    private ObjectNode describeInstanceDealDetail(TencentRequest r, Params p) {
        List<String> ids = p.strings("DealIds");
        if (ids.isEmpty()) throw TencentException.missing("DealIds");
        if (ids.size() > 10) throw TencentException.invalidValue("DealIds", ids.size() + " ids", "at most 10 per request");
        ObjectNode out = Json.object();
        ArrayNode details = out.putArray("DealDetails");
        for (String id : ids) {
            TencentContext.Deal d = ctx.findDeal(id).orElse(null);
            if (d == null) continue;
            ObjectNode n = details.addObject();
            n.put("DealId", d.dealId());
            n.put("DealName", TIME.format(d.created().atOffset(BEIJING)).replaceAll("[^0-9]", "").substring(0, 8) + String.format("%06d", Math.floorMod(d.dealId().hashCode(), 1_000_000)));
            n.put("ZoneId", d.zoneId());
            n.put("GoodsNum", d.instanceIds().size());
            n.put("Creater", Long.toString(APPID));
            n.put("CreatTime", time(d.created()));
            n.put("OverdueTime", time(d.created().plus(Duration.ofDays(15))));
            n.put("EndTime", time(d.created()));
            n.put("Status", 4);
            n.put("Description", "发货成功");
            n.put("Price", 0);
            ArrayNode instances = n.putArray("InstanceIds");
            d.instanceIds().forEach(instances::add);
        }
        return out;
    }
}
