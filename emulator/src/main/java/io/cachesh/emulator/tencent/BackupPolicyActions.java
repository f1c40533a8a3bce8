package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.dataplane.RedisProcess;
import io.cachesh.emulator.fleet.Backup;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.tencent.BackupPolicy.AutoBackupConfig;
import io.cachesh.emulator.tencent.BackupPolicy.BackupMode;
import io.cachesh.emulator.tencent.BackupPolicy.DownloadRestriction;
import io.cachesh.emulator.tencent.BackupPolicy.DownloadRestrictions;
import io.cachesh.emulator.tencent.BackupPolicy.Span;
import io.cachesh.emulator.tencent.BackupPolicy.VpcItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Backup policy: the automatic backup schedule, the backup mode (second-level backup is the real redis-server's
 * append-only file: {@code CONFIG SET appendonly yes}), the backup download restriction of the region, and the
 * download address of a backup's real RDB file.
 */
final class BackupPolicyActions extends TencentActionGroup {

    private static final Pattern PERIOD = Pattern.compile("(\\d\\d):00-(\\d\\d):00");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern VPC = Pattern.compile("vpc-[a-z0-9]+");
    /** Redis 2.8 and CKV types: no second-level backup. */
    private static final Set<Integer> NO_SECOND_LEVEL = Set.of(2, 3, 4, 5);
    /** DescribeSecondLevelBackupInfo answers for the last 7 days (seed: "7天内"). */
    private static final Duration SECOND_LEVEL_WINDOW = Duration.ofDays(7);

    BackupPolicyActions(TencentContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(Map<String, TencentAction> actions) {
        actions.put("ModifyAutoBackupConfig", this::modifyAutoBackupConfig);
        actions.put("ModifyInstanceBackupMode", this::modifyInstanceBackupMode);
        actions.put("DescribeSecondLevelBackupInfo", this::describeSecondLevelBackupInfo);
        actions.put("DescribeBackupDownloadRestriction", this::describeBackupDownloadRestriction);
        actions.put("ModifyBackupDownloadRestriction", this::modifyBackupDownloadRestriction);
        actions.put("DescribeBackupUrl", this::describeBackupUrl);
    }

    // ---- automatic backup -----------------------------------------------------------------------------------------

    private ObjectNode modifyAutoBackupConfig(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        String period = p.requireString("TimePeriod");
        Matcher m = PERIOD.matcher(period);
        if (!m.matches() || Integer.parseInt(m.group(1)) > 23 || Integer.parseInt(m.group(2)) > 23
                || (Integer.parseInt(m.group(1)) + 1) % 24 != Integer.parseInt(m.group(2))) {
            throw new TencentException("InvalidParameter.Period", "时间格式或范围不符合要求: TimePeriod `" + period
                    + "` must be one hour on the hour: 00:00-01:00, 01:00-02:00, ..., 23:00-00:00.");
        }
        List<String> requested = p.strings("WeekDays");
        if (requested.isEmpty()) {
            throw new TencentException("InvalidParameterValue.WeekDaysIsInvalid", "weekday输入无效数据: WeekDays needs at least "
                    + "one of " + BackupPolicy.WEEK + ".");
        }
        Set<String> days = new LinkedHashSet<>();
        for (String day : requested) {
            if (!BackupPolicy.WEEK.contains(day)) {
                throw new TencentException("InvalidParameterValue.WeekDaysIsInvalid", "weekday输入无效数据: `" + day
                        + "` is not one of " + BackupPolicy.WEEK + ".");
            }
            days.add(day);
        }
        long type = p.integer("AutoBackupType", 1);
        if (type != 1) {
            throw new TencentException("InvalidParameter.NotSupported", "参数错误，不支持操作: AutoBackupType " + type
                    + " is not supported; only 1 (scheduled backup).");
        }
        AutoBackupConfig current = AutoBackupConfig.of(i);
        AutoBackupConfig next = new AutoBackupConfig(1, BackupPolicy.WEEK.stream().filter(days::contains).toList(), period,
                current.backupStorageDays());
        next.store(i);
        fleet.changed();
        ObjectNode out = object();
        out.put("AutoBackupType", next.autoBackupType());
        ArrayNode week = out.putArray("WeekDays");
        next.weekDays().forEach(week::add);
        out.put("TimePeriod", next.timePeriod());
        out.put("BackupStorageDays", next.backupStorageDays());
        return out;
    }

    // ---- backup mode, second-level backup -------------------------------------------------------------------------

    private ObjectNode modifyInstanceBackupMode(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        String mode = p.string("BackupMode");
        if (mode == null || mode.isBlank()) {
            throw new TencentException("InvalidParameter.NotSupported", "参数错误，不支持操作: BackupMode is required, "
                    + BackupMode.SECOND_LEVEL + " or " + BackupMode.NORMAL + ".");
        }
        if (NO_SECOND_LEVEL.contains(i.typeId())) {
            throw new TencentException("FailedOperation.UnSupportError", "实例不支持该接口: " + i.id() + " (TypeId " + i.typeId()
                    + ") does not support backup modes; Redis 4.0 or later is needed.");
        }
        requireRunning(i);
        return taskResult(fleet.submit(i.id(), "070", "变更实例备份模式", () -> {
            RedisProcess process = redis(i);
            if (process != null) {
                // second-level backup = the append-only file, fsynced every second
                process.configSet("appendonly", BackupMode.SECOND_LEVEL.equals(mode) ? "yes" : "no");
            }
            i.extensions().update(BackupMode.KEY, BackupMode.class, () -> BackupMode.of(i),
                    b -> b.switchTo(mode, fleet.clock().instant().getEpochSecond()));
            fleet.changed();
            return "";
        }));
    }

    private ObjectNode describeSecondLevelBackupInfo(TencentRequest r, Params p) {
        String id = p.string("InstanceId");
        if (id == null || id.isBlank()) throw TencentException.missing("InstanceId");
        Instance i = instance(r, id.trim());
        BackupMode mode = BackupMode.of(i);
        if (mode.secondLevel().isEmpty()) {
            throw new TencentException("FailedOperation.UnSupportError", "实例不支持该接口: second-level backup was never "
                    + "enabled on " + i.id() + "; enable it with ModifyInstanceBackupMode (SecondLevelBackup).");
        }
        long now = fleet.clock().instant().getEpochSecond();
        long windowStart = now - SECOND_LEVEL_WINDOW.toSeconds();
        long start = mode.secondLevel().get(0).start();
        long ts = p.integer("BackupTimestamp", now);
        if (ts > now || ts < windowStart || ts < start) {
            throw new TencentException("InvalidParameter.NotSupported", "参数错误，不支持操作: BackupTimestamp " + ts
                    + " must lie within the last 7 days, after second-level backup was enabled (" + start + "), and not in "
                    + "the future (now " + now + ").");
        }
        List<Span> gaps = mode.missing(Math.max(start, windowStart), now);
        Span covering = mode.secondLevel().stream().filter(s -> s.start() <= ts && (s.end() == 0 || s.end() >= ts))
                .reduce((a, b) -> b).orElse(mode.secondLevel().get(mode.secondLevel().size() - 1));
        ObjectNode out = object();
        out.put("BackupId", Math.abs((long) i.id().hashCode()) % 1_000_000_000L + "-" + covering.start() + "-" + ts);
        out.put("BackupTimestamp", ts);
        if (gaps.isEmpty()) {
            out.putNull("MissingTimestamps");
        } else {
            ArrayNode missing = out.putArray("MissingTimestamps");
            gaps.forEach(g -> missing.addObject().put("StartTimeStamp", g.start()).put("EndTimeStamp", g.end()));
        }
        out.put("StartTimestamp", start);
        return out;
    }

    // ---- download restriction and URL -----------------------------------------------------------------------------

    private ObjectNode describeBackupDownloadRestriction(TencentRequest r, Params p) {
        ObjectNode out = object();
        DownloadRestrictions.of(fleet).region(r.region()).writeTo(out);
        return out;
    }

    private ObjectNode modifyBackupDownloadRestriction(TencentRequest r, Params p) {
        DownloadRestriction restriction = restriction(p, p.requireString("LimitType"));
        fleet.extensions().update(DownloadRestrictions.KEY, DownloadRestrictions.class, () -> DownloadRestrictions.of(fleet),
                all -> all.with(r.region(), restriction));
        fleet.changed();
        return object();
    }

    /** A restriction from LimitType, VpcComparisonSymbol, IpComparisonSymbol, LimitVpc, LimitIp (seed rules). */
    private static DownloadRestriction restriction(Params p, String limitType) {
        String vpcSymbol = p.string("VpcComparisonSymbol", "In");
        String ipSymbol = p.string("IpComparisonSymbol", "In");
        if (!"Customize".equals(limitType)) {
            return new DownloadRestriction(limitType, vpcSymbol, ipSymbol, List.of(), List.of());
        }
        List<JsonNode> vpcNodes = p.list("LimitVpc");
        List<String> ips = p.strings("LimitIp");
        if (vpcNodes.isEmpty() || ips.isEmpty()) {
            throw new TencentException("InvalidParameter.InvalidParameter", "业务参数错误: LimitType Customize needs LimitVpc "
                    + "and LimitIp.");
        }
        List<VpcItem> vpcs = new ArrayList<>();
        for (JsonNode n : vpcNodes) {
            List<String> list = new ArrayList<>();
            n.path("VpcList").forEach(v -> list.add(v.asText()));
            for (String vpc : list) {
                if (!VPC.matcher(vpc).matches()) {
                    throw new TencentException("InvalidParameter.InvalidParameter", "业务参数错误: `" + vpc
                            + "` in LimitVpc.VpcList is not a VPC ID like vpc-5og4fwm9.");
                }
            }
            if (list.isEmpty()) {
                throw new TencentException("InvalidParameter.InvalidParameter", "业务参数错误: LimitVpc.VpcList is empty.");
            }
            vpcs.add(new VpcItem(n.path("Region").asText(), list));
        }
        for (String ip : ips) {
            if (!IPV4.matcher(ip).matches()) {
                throw new TencentException("InvalidParameter.InvalidParameter", "业务参数错误: `" + ip
                        + "` in LimitIp is not an IPv4 address.");
            }
        }
        return new DownloadRestriction(limitType, vpcSymbol, ipSymbol, vpcs, ips);
    }

    /**
     * The backup's real RDB copy as a {@code file://} URL (the emulator's one port has no download route; the file
     * is the one ManualBackupInstance wrote with SAVE). Public and inner URL are the same file.
     */
    private ObjectNode describeBackupUrl(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        String backupId = p.requireString("BackupId");
        String limitType = p.string("LimitType");
        if (limitType != null && !limitType.isBlank()) restriction(p, limitType.trim());
        Backup b = i.backups().stream().filter(x -> x.id().equals(backupId)).findFirst()
                .orElseThrow(() -> new TencentException("InvalidParameterValue.BackupNotExists", "备份不存在: backup " + backupId
                        + " of " + i.id() + " does not exist."));
        boolean expired = b.expireTime() != null && b.expireTime().isBefore(fleet.clock().instant());
        if (b.status() != Backup.Status.NORMAL || expired) {
            throw new TencentException("ResourceUnavailable.BackupStatusInvalid", "备份状态无效，可能在其他流程中，也可能被删除: backup "
                    + backupId + " is " + (expired ? "expired" : b.status().name().toLowerCase(java.util.Locale.ROOT)) + ".");
        }
        Path file = b.file() == null ? null : fleet.backupDir(i.id()).resolve(b.file());
        if (file == null || !Files.isRegularFile(file)) {
            throw new TencentException("ResourceUnavailable.BackupStatusInvalid", "备份状态无效，可能在其他流程中，也可能被删除: backup "
                    + backupId + " has no RDB file (the emulator ran without a data plane when it was taken).");
        }
        String url = file.toAbsolutePath().toUri().toString();
        ObjectNode out = object();
        ArrayNode infos = out.putArray("BackupInfos");
        ObjectNode info = infos.addObject();
        info.put("FileName", file.getFileName().toString());
        info.put("FileSize", b.sizeBytes());
        info.put("DownloadUrl", url);
        info.put("InnerDownloadUrl", url);
        return out;
    }
}
