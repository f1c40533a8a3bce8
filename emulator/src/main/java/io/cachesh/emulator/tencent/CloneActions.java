package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.client.auth.Secret;
import io.cachesh.emulator.fleet.Backup;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.InstanceStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CloneInstances: new instances with the source's spec (type, version, memory, shards, replicas) and the data of one
 * of its backups. As the seed says, a clone is made from a backup file: the named backup's RDB (ManualBackupInstance
 * writes it with SAVE on the source's redis-server) is copied into each clone's data directory as {@code dump.rdb}
 * before its redis-server starts, so the clone starts with that data. Otherwise the clones are created like
 * CreateInstances creates instances: status 1, then 2 with a real redis-server after the task delay.
 */
final class CloneActions extends TencentActionGroup {

    private static final Set<String> SHORT_PASSWORD_VERSIONS = Set.of("2.8", "4.0", "5.0");

    CloneActions(TencentContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(Map<String, TencentAction> actions) {
        actions.put("CloneInstances", this::cloneInstances);
    }

    private ObjectNode cloneInstances(TencentRequest r, Params p) {
        Instance source = instance(r, p.requireString("InstanceId"));
        if (source.status() == InstanceStatus.TO_BE_DELETED) {
            throw new TencentException("ResourceUnavailable.InstanceDeleted", "实例已经被回收了: " + source.id());
        }
        long goodsNum = p.requireInteger("GoodsNum");
        int zoneId = (int) p.requireInteger("ZoneId");
        int billingMode = (int) p.requireInteger("BillingMode");
        long period = p.requireInteger("Period");
        if (billingMode != 0 && billingMode != 1) throw TencentException.invalidValue("BillingMode", billingMode, "must be 0 (postpaid) or 1 (prepaid)");
        if (period < 1) throw new TencentException("LimitExceeded.PeriodLessThanMinLimit", "购买时长非法，时长最少1个月: Period " + period + ".");
        if (billingMode == 0 && period != 1) throw TencentException.invalidValue("Period", period, "must be 1 for postpaid clones (BillingMode 0)");
        long maxGoods = billingMode == 1 ? 100 : 30;
        if (goodsNum < 1 || goodsNum > maxGoods) {
            throw new TencentException("LimitExceeded.InvalidParameterGoodsNumNotInRange", "一次请求购买的实例数不在售卖数量限制范围内: GoodsNum "
                    + goodsNum + " is outside 1-" + maxGoods + " for " + (billingMode == 1 ? "prepaid" : "postpaid") + " clones.");
        }
        if (catalog.zone(r.region(), zoneId).isEmpty()) {
            throw new TencentException("ResourceUnavailable.NoServiceAvailableForThisZoneId", "请求的 zoneId 不提供 redis服务: ZoneId "
                    + zoneId + " is not a zone of " + r.region() + ".");
        }
        List<String> securityGroups = p.strings("SecurityGroupIdList");
        if (securityGroups.isEmpty()) throw new TencentException("InvalidParameter.EmptyParam", "参数为空: SecurityGroupIdList is empty.");
        for (String sg : securityGroups) {
            if (!sg.matches("sg-[A-Za-z0-9*]+")) {
                throw new TencentException("InvalidParameterValue.SecurityGroupIdsNotExists", "安全组id错误: `" + sg + "` is not a security group id (sg-...).");
            }
        }
        String backupId = p.requireString("BackupId");
        Backup backup = source.backups().stream().filter(b -> b.id().equals(backupId)).findFirst()
                .orElseThrow(() -> new TencentException("InvalidParameterValue.BackupNotExists", "备份不存在: backup " + backupId
                        + " of " + source.id() + " does not exist."));
        if (backup.status() != Backup.Status.NORMAL) {
            throw new TencentException("InvalidParameterValue.CheckNotPass", "业务校验不通过: backup " + backupId + " is "
                    + (backup.status() == Backup.Status.IN_PROGRESS ? "still in progress" : "failed") + ".");
        }
        if (p.has("CloneTime")) {
            throw new TencentException("InvalidParameterValue.CheckNotPass", "业务校验不通过: CloneTime needs second-level backup "
                    + "(秒级备份), which " + source.id() + " does not have; clone from BackupId without CloneTime.");
        }
        String vpcId = p.string("VpcId", "");
        String subnetId = p.string("SubnetId", "");
        if (!vpcId.isEmpty() && !vpcId.startsWith("vpc-")) {
            throw new TencentException("InvalidParameterValue.UnVpcIdNotExists", "vpc网络下，uniqVpcId 子网id 非法: `" + vpcId + "`.");
        }
        if (!subnetId.isEmpty() && (vpcId.isEmpty() || !subnetId.startsWith("subnet-"))) {
            throw new TencentException("InvalidParameterValue.InvalidSubnetId", "vpc网络下，vpcid 子网id 非法: `" + subnetId
                    + "`" + (vpcId.isEmpty() ? " without a VpcId" : "") + ".");
        }
        boolean noAuth = Boolean.TRUE.equals(p.bool("NoAuth"));
        Secret password;
        if (noAuth) {
            if (vpcId.isEmpty()) {
                throw new TencentException("InvalidParameterValue.BaseNetWorkAccessDeny",
                        "不是vpc网络下实例: password-free access (NoAuth) needs a VPC instance (VpcId).");
            }
            password = Secret.of("");
        } else {
            String pw = checkPassword(p.string("Password"));
            if (pw.length() > 30 && SHORT_PASSWORD_VERSIONS.contains(source.version())) {
                throw new TencentException("InvalidParameterValue.PasswordRuleError", "Password breaks the rule: 8-30 characters for Redis "
                        + source.version() + " clones.");
            }
            password = Secret.of(pw);
        }
        String name = p.string("InstanceName");
        if (name != null) checkName(name);
        long vport = p.integer("VPort", 6379);
        if (vport < 1024 || vport > 65535) throw TencentException.invalidValue("VPort", vport, "must be between 1024 and 65535");
        long autoRenew = p.integer("AutoRenew", 0);
        if (autoRenew < 0 || autoRenew > 2) throw TencentException.invalidValue("AutoRenew", autoRenew, "must be 0, 1 or 2");
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode tag : p.list("ResourceTags")) tags.put(tag.path("TagKey").asText(), tag.path("TagValue").asText());

        Path rdb = backup.file() == null ? null : fleet.backupDir(source.id()).resolve(backup.file());
        Instant now = fleet.clock().instant();
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < goodsNum; n++) {
            String id = newInstanceId();
            Instance clone = Instance.builder()
                    .id(id).name(name == null ? id : name).engine("redis").version(source.version()).typeId(source.typeId())
                    .memSizeMb(source.memSizeMb()).shards(source.shards()).replicas(source.replicas())
                    .status(InstanceStatus.PROCESSING).region(r.region()).zoneId(zoneId).projectId(p.integer("ProjectId", 0))
                    .billingMode(billingMode).autoRenew((int) autoRenew).password(password).noAuth(noAuth).vpcId(vpcId)
                    .subnetId(subnetId).vport((int) vport).createTime(now)
                    .deadlineTime(billingMode == 1 ? now.atOffset(BEIJING).plusMonths(period).toInstant() : null)
                    .params(TencentParams.defaults()).tags(tags)
                    .build();
            fleet.add(clone);
            ids.add(id);
            fleet.submit(id, "026", "克隆备份", () -> {
                String message = "";
                try {
                    if (rdb != null && fleet.dataPlaneAvailable()) {
                        Path data = fleet.dataDir(id);
                        Files.createDirectories(data);
                        Files.copy(rdb, data.resolve("dump.rdb"), StandardCopyOption.REPLACE_EXISTING);
                    }
                    fleet.startDataPlane(clone);
                    if (!fleet.dataPlaneAvailable()) message = "no data plane: control plane only";
                } catch (IOException e) {
                    message = "data plane failed to start: " + e.getMessage();
                }
                clone.transition(InstanceStatus.RUNNING);
                return message;
            });
        }
        ObjectNode out = object();
        out.put("DealId", deal(ids, zoneId, String.join(",", ids)));
        ArrayNode list = out.putArray("InstanceIds");
        ids.forEach(list::add);
        return out;
    }
}
