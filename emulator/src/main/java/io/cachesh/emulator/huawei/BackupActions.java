package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.dataplane.RedisProcess;
import io.cachesh.emulator.fleet.Backup;
import io.cachesh.emulator.fleet.Instance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Backups and restores against the real redis-server: a backup is {@code SAVE} and a copy of the RDB into the
 * instance's backup directory (v2 CopyInstance, v1 BackupInstance); a restore restarts the server on that copy, the
 * instance RESTORING meanwhile. Lists and deletion of both versions.
 */
final class BackupActions extends HuaweiActionGroup {

    private static final DateTimeFormatter QUERY_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);
    private static final String RESTORES = "huawei.restores";
    private static final String DELETED = "huawei.deletedBackups";

    /** One restore of an instance. */
    public record RestoreRecord(String restoreId, String backupId, String remark, String createdAt, String status) {
    }

    /** The restores of an instance (its extension {@value #RESTORES}). */
    public record Restores(List<RestoreRecord> records) {
        public Restores {
            records = records == null ? List.of() : List.copyOf(records);
        }
    }

    /** Backups deleted with DeleteBackupFile (kept in the list as {@code deleted}, as the seed describes). */
    public record Deleted(Set<String> ids) {
        public Deleted {
            ids = ids == null ? Set.of() : Set.copyOf(ids);
        }
    }

    BackupActions(HuaweiContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(HuaweiDcsProvider.Registry actions) {
        actions.v2("CopyInstance", this::backup);
        actions.v2("ListBackupRecords", this::listBackups);
        actions.v2("RestoreInstance", this::restore);
        actions.v2("ListRestoreRecords", this::listRestores);
        actions.v2("DeleteBackupFile", this::deleteBackup);
        actions.v1("BackupInstance", this::backup);
        actions.v1("ListBackupRecords", this::listBackups);
        actions.v1("RestoreInstance", this::restore);
        actions.v1("ListRestoreRecords", this::listRestores);
        actions.v1("DeleteBackupFile", this::deleteBackup);
    }

    private ObjectNode backup(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        requireRunning(i);
        String remark = r.string("remark", "");
        if (remark.length() > 128) {
            throw new HuaweiException("DCS.4098", "111400098", 400, "The value of the remark parameter must be 0 to 128 "
                    + "characters in length.");
        }
        String format = r.string("backup_format", "rdb");
        if (!format.equals("rdb") && !format.equals("aof")) throw HuaweiException.invalid("backup_format", "Use rdb or aof.");
        Instant now = ctx.clock().instant();
        Backup backup = new Backup(UUID.randomUUID().toString(), i.id(), true, now, null, remark, Backup.Status.IN_PROGRESS,
                null, 0, null);
        i.addBackup(backup);
        fleet.changed();
        fleet.submit(i.id(), "BackupInstance", "backuping", () -> {
            RedisProcess process = i.dataPlane();
            try {
                if (process == null) {
                    backup.complete(null, 0, ctx.clock().instant());
                    return "no data plane: empty backup";
                }
                Path rdb = process.save();
                Path dir = fleet.backupDir(i.id());
                Files.createDirectories(dir);
                String file = backup.id() + ".rdb";
                Files.copy(rdb, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                backup.complete(file, Files.size(dir.resolve(file)), ctx.clock().instant());
                return "";
            } catch (IOException | RuntimeException e) {
                backup.fail(ctx.clock().instant());
                throw e;
            } finally {
                fleet.changed();
            }
        });
        ObjectNode out = object();
        out.put("backup_id", backup.id());
        return out;
    }

    private String backupStatus(Instance i, Backup b) {
        if (deleted(i).contains(b.id())) return "deleted";
        return switch (b.status()) {
            case IN_PROGRESS -> "backuping";
            case NORMAL -> "succeed";
            case FAILED -> "failed";
        };
    }

    private ObjectNode listBackups(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        Instant begin = queryTime(r, r.v1() ? "beginTime" : "begin_time");
        Instant end = queryTime(r, r.v1() ? "endTime" : "end_time");
        List<Backup> backups = new ArrayList<>(i.backups());
        backups.removeIf(b -> begin != null && b.startTime().isBefore(begin) || end != null && b.startTime().isAfter(end));
        backups.sort(Comparator.comparing(Backup::startTime).reversed());
        long limit = r.integer("limit", 10);
        long skip = r.v1() ? Math.max(1, r.integer("start", 1)) - 1 : r.integer("offset", 0);
        ObjectNode out = object();
        out.put("total_num", backups.size());
        ArrayNode items = out.putArray("backup_record_response");
        backups.stream().skip(skip).limit(limit).forEach(b -> {
            ObjectNode n = items.addObject();
            n.put("backup_id", b.id());
            n.put("instance_id", i.id());
            n.put("backup_name", "backup_" + QUERY_TIME.format(b.startTime().atOffset(ZoneOffset.UTC)));
            n.put("backup_type", b.manual() ? "manual" : "auto");
            n.put("period", "");
            n.put("size", b.sizeBytes());
            n.put("status", backupStatus(i, b));
            n.put("progress", b.status() == Backup.Status.IN_PROGRESS ? "0.00" : "100.00");
            n.put("remark", b.remark());
            n.put("created_at", time(b.startTime()));
            n.put("updated_at", time(b.endTime() == null ? b.startTime() : b.endTime()));
            n.put("execution_at", time(b.startTime()));
            n.putNull("error_code");
            n.put("is_support_restore", "TRUE");
            n.put("backup_format", "rdb");
        });
        return out;
    }

    private static Instant queryTime(HuaweiRequest r, String name) {
        String v = r.string(name);
        if (v == null || v.isBlank()) return null;
        try {
            return LocalDateTime.parse(v.trim(), QUERY_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw HuaweiException.invalid(name, "It must be a time like 20190901000000 (yyyyMMddHHmmss).");
        }
    }

    private ObjectNode restore(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        String backupId = r.requireString("backup_id");
        Backup backup = i.backups().stream().filter(b -> b.id().equals(backupId)).findFirst()
                .orElseThrow(() -> HuaweiException.invalid("backup_id", "Backup " + backupId + " of " + i.id() + " does not exist."));
        if (backup.status() != Backup.Status.NORMAL || deleted(i).contains(backupId)) {
            throw new HuaweiException("DCS.4087", "111400087", 400, "the backup record status is err when restore this "
                    + "instance: backup " + backupId + " is " + backupStatus(i, backup) + ".");
        }
        String remark = r.string("remark", "");
        if (remark.length() > 128) {
            throw new HuaweiException("DCS.4098", "111400098", 400, "The value of the remark parameter must be 0 to 128 "
                    + "characters in length.");
        }
        requireRunning(i);
        String restoreId = UUID.randomUUID().toString();
        i.extensions().update(RESTORES, Restores.class, () -> new Restores(null), rs -> {
            List<RestoreRecord> next = new ArrayList<>(rs.records());
            next.add(new RestoreRecord(restoreId, backupId, remark, time(ctx.clock().instant()), "restoring"));
            return new Restores(next);
        });
        fleet.changed();
        busyTask(i, "RESTORING", "RestoreInstance", () -> {
            String result = "failed";
            try {
                if (backup.file() != null && i.dataPlane() != null) {
                    fleet.stopDataPlane(i, false);
                    Files.copy(fleet.backupDir(i.id()).resolve(backup.file()), fleet.dataDir(i.id()).resolve("dump.rdb"),
                            StandardCopyOption.REPLACE_EXISTING);
                    fleet.startDataPlane(i);
                }
                result = "succeed";
                return "";
            } finally {
                setRestoreStatus(i, restoreId, result);
            }
        });
        ObjectNode out = object();
        out.put("restore_id", restoreId);
        return out;
    }

    private void setRestoreStatus(Instance i, String restoreId, String status) {
        i.extensions().update(RESTORES, Restores.class, () -> new Restores(null), rs -> new Restores(rs.records().stream()
                .map(x -> x.restoreId().equals(restoreId) ? new RestoreRecord(x.restoreId(), x.backupId(), x.remark(),
                        x.createdAt(), status) : x).toList()));
    }

    private ObjectNode listRestores(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        List<RestoreRecord> records = new ArrayList<>(i.extensions().get(RESTORES, Restores.class, () -> new Restores(null)).records());
        java.util.Collections.reverse(records);
        long limit = r.integer("limit", 10);
        long skip = r.v1() ? Math.max(1, r.integer("start", 1)) - 1 : r.integer("offset", 0);
        ObjectNode out = object();
        out.put("total_num", records.size());
        ArrayNode items = out.putArray("restore_record_response");
        records.stream().skip(skip).limit(limit).forEach(x -> {
            Backup b = i.backups().stream().filter(y -> y.id().equals(x.backupId())).findFirst().orElse(null);
            ObjectNode n = items.addObject();
            n.put("restore_id", x.restoreId());
            n.put("restore_name", "restore_" + x.restoreId().substring(0, 8));
            n.put("backup_id", x.backupId());
            n.put("backup_name", b == null ? "" : "backup_" + QUERY_TIME.format(b.startTime().atOffset(ZoneOffset.UTC)));
            n.put("backup_remark", b == null ? "" : b.remark());
            n.put("restore_remark", x.remark());
            n.put("remark", x.remark());
            n.put("status", x.status());
            n.put("progress", "restoring".equals(x.status()) ? "0.00" : "100.00");
            n.put("created_at", x.createdAt());
            n.put("updated_at", x.createdAt());
            n.putNull("error_code");
        });
        return out;
    }

    private ObjectNode deleteBackup(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        String backupId = r.requireString("backup_id");
        Backup backup = i.backups().stream().filter(b -> b.id().equals(backupId)).findFirst()
                .orElseThrow(() -> HuaweiException.invalid("backup_id", "Backup " + backupId + " of " + i.id() + " does not exist."));
        if (backup.status() == Backup.Status.IN_PROGRESS) {
            throw new HuaweiException("DCS.4096", "111400096", 400, "the instance is backuping: backup " + backupId
                    + " is not finished.");
        }
        if (backup.file() != null) {
            try {
                Files.deleteIfExists(fleet.backupDir(i.id()).resolve(backup.file()));
            } catch (IOException e) {
                throw new HuaweiException("DCS.4101", "111400101", 500, "Delete instance backup file failed: " + e.getMessage());
            }
        }
        i.extensions().update(DELETED, Deleted.class, () -> new Deleted(null), d -> {
            Set<String> next = new LinkedHashSet<>(d.ids());
            next.add(backupId);
            return new Deleted(next);
        });
        fleet.changed();
        if (!r.v1()) return null;
        ObjectNode out = object();
        out.put("message", "Delete backup file success.");
        return out;
    }

    private static Set<String> deleted(Instance i) {
        return i.extensions().get(DELETED, Deleted.class, () -> new Deleted(null)).ids();
    }
}
