package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.dataplane.RedisProcess;
import io.cachesh.emulator.fleet.Backup;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.InstanceStatus;
import io.cachesh.emulator.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Backups as RDB snapshots of the instance's redis-server, restore from them, backup configuration. */
final class BackupActions extends TencentActionGroup {

    BackupActions(TencentContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(Map<String, TencentAction> actions) {
        actions.put("ManualBackupInstance", this::manualBackupInstance);
        actions.put("DescribeInstanceBackups", this::describeInstanceBackups);
        actions.put("DescribeBackupDetail", this::describeBackupDetail);
        actions.put("RestoreInstance", this::restoreInstance);
        actions.put("DescribeAutoBackupConfig", this::describeAutoBackupConfig);
    }

    private ObjectNode describeAutoBackupConfig(TencentRequest r, Params p) {
        // ModifyAutoBackupConfig (BackupPolicyActions) stores the schedule; the seed's defaults until then
        return BackupPolicy.AutoBackupConfig.of(instance(r, p.requireString("InstanceId"))).describe();
    }

    private ObjectNode manualBackupInstance(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        long days = p.integer("StorageDays", 7);
        if (days < 0 || days > 1825) throw TencentException.invalidValue("StorageDays", days, "must be between 0 and 1825");
        requireRunning(i);
        Instant now = fleet.clock().instant();
        Backup backup = new Backup(UUID.randomUUID().toString(), i.id(), true, now, now.plus(days, ChronoUnit.DAYS),
                p.string("Remark", ""), Backup.Status.IN_PROGRESS, null, 0, null);
        i.addBackup(backup);
        fleet.changed();
        return taskResult(fleet.submit(i.id(), "012", "备份实例", () -> {
            RedisProcess process = i.dataPlane();
            try {
                if (process == null) {
                    backup.complete(null, 0, fleet.clock().instant());
                    return "no data plane: empty backup";
                }
                Path rdb = process.save();
                Path dir = fleet.backupDir(i.id());
                Files.createDirectories(dir);
                String file = backup.id() + ".rdb";
                Files.copy(rdb, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                backup.complete(file, Files.size(dir.resolve(file)), fleet.clock().instant());
                return "";
            } catch (IOException | RuntimeException e) {
                backup.fail(fleet.clock().instant());
                throw e;
            }
        }));
    }

    private ObjectNode describeInstanceBackups(TencentRequest r, Params p) {
        long limit = paging(p, "Limit", 20, 0, 100);
        long offset = offset(p);
        String instanceId = p.string("InstanceId");
        if (instanceId != null && !instanceId.isBlank()) instance(r, instanceId.trim());
        String instanceName = p.string("InstanceName");
        Instant begin = parseTime("BeginTime", p.string("BeginTime"));
        Instant end = parseTime("EndTime", p.string("EndTime"));
        List<Long> statuses = p.integers("Status");
        Instant now = fleet.clock().instant();
        List<ObjectNode> items = new ArrayList<>();
        for (Instance i : fleet.instances()) {
            if (!i.region().equals(r.region())) continue;
            if (instanceId != null && !instanceId.isBlank() && !i.id().equals(instanceId.trim())) continue;
            if (instanceName != null && !instanceName.isEmpty() && !i.name().contains(instanceName)) continue;
            for (Backup b : i.backups()) {
                if (begin != null && b.startTime().isBefore(begin)) continue;
                if (end != null && b.startTime().isAfter(end)) continue;
                int status = switch (b.status()) {
                    case IN_PROGRESS -> 1;
                    case FAILED -> -2;
                    case NORMAL -> b.expireTime() != null && b.expireTime().isBefore(now) ? -1 : 2;
                };
                if (!statuses.isEmpty() && !statuses.contains((long) status)) continue;
                ObjectNode n = Json.object();
                n.put("BackupId", b.id());
                // RedisBackupSet.BackupType: "0" user-initiated manual backup, "1" nightly automatic (seed l.34230)
                n.put("BackupType", b.manual() ? "0" : "1");
                n.put("Status", status);
                n.put("Remark", b.remark());
                n.put("Locked", 0);
                n.put("BackupSize", b.sizeBytes());
                n.put("FullBackup", 0);
                n.put("InstanceType", i.typeId());
                n.put("InstanceId", i.id());
                n.put("InstanceName", i.name());
                n.put("Region", i.region());
                n.put("StartTime", time(b.startTime()));
                n.put("EndTime", time(b.endTime()));
                n.put("ExpireTime", time(b.expireTime()));
                n.put("FileType", "RDB-Redis " + i.version());
                items.add(n);
            }
        }
        items.sort(Comparator.comparing((ObjectNode n) -> n.path("StartTime").asText()).reversed());
        ObjectNode out = Json.object();
        out.put("TotalCount", items.size());
        ArrayNode set = out.putArray("BackupSet");
        items.stream().skip(offset).limit(limit).forEach(set::add);
        return out;
    }

    private ObjectNode describeBackupDetail(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        String backupId = p.requireString("BackupId");
        Backup b = i.backups().stream().filter(x -> x.id().equals(backupId)).findFirst()
                .orElseThrow(() -> new TencentException("InvalidParameterValue.BackupNotExists", "备份不存在: backup " + backupId
                        + " of " + i.id() + " does not exist."));
        ObjectNode out = Json.object();
        out.put("BackupId", b.id());
        out.put("StartTime", time(b.startTime()));
        out.put("EndTime", time(b.endTime()));
        // DescribeBackupDetail's own vocabulary (seed): BackupType "1" manual; Status 1 locked, 2 normal, -1 expired
        out.put("BackupType", b.manual() ? "1" : "0");
        out.put("Status", b.status() == Backup.Status.IN_PROGRESS ? 1
                : b.expireTime() != null && b.expireTime().isBefore(fleet.clock().instant()) ? -1 : 2);
        out.put("Remark", b.remark());
        out.put("Locked", b.status() == Backup.Status.IN_PROGRESS ? 1 : 0);
        out.put("BackupSize", b.sizeBytes());
        out.put("InstanceType", i.typeId());
        out.put("MemSize", i.memSizeMb());
        out.put("ShardNum", i.shards());
        out.put("ReplicasNum", i.replicas());
        return out;
    }

    private ObjectNode restoreInstance(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        String backupId = p.requireString("BackupId");
        Backup backup = i.backups().stream().filter(b -> b.id().equals(backupId)).findFirst()
                .orElseThrow(() -> new TencentException("InvalidParameterValue.BackupNotExists", "备份不存在: backup " + backupId
                        + " of " + i.id() + " does not exist."));
        if (backup.status() != Backup.Status.NORMAL) {
            throw new TencentException("ResourceUnavailable.BackupStatusAbnormal", "备份状态异常，暂不能执行该操作: backup " + backupId
                    + " is not complete.");
        }
        if (!i.noAuth() && !i.password().matches(p.string("Password"))) {
            throw new TencentException("InvalidParameterValue.PasswordError", "密码校验出错，密码错误: the password does not match.");
        }
        requireRunning(i);
        i.transition(InstanceStatus.PROCESSING);
        fleet.changed();
        return taskResult(fleet.submit(i.id(), "010", "恢复备份", () -> {
            try {
                if (backup.file() != null && i.dataPlane() != null) {
                    fleet.stopDataPlane(i, false);
                    Files.copy(fleet.backupDir(i.id()).resolve(backup.file()), fleet.dataDir(i.id()).resolve("dump.rdb"),
                            StandardCopyOption.REPLACE_EXISTING);
                    fleet.startDataPlane(i);
                }
            } finally {
                i.transition(InstanceStatus.RUNNING);
            }
            return "";
        }));
    }
}
