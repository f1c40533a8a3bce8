package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Backup;
import io.cachesh.emulator.fleet.Fleet;
import io.cachesh.emulator.fleet.Instance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Download links of a backup (v2 5.5.4 ListBackupFileLinks). A backup's RDB copy is a real file in the instance's backup
 * directory (BackupActions writes it); the link is its {@code file://} URL, so a client on the emulator's machine reads
 * the very bytes the redis-server saved. The emulator plays OBS with one bucket, {@value #BUCKET}, whose objects are
 * the backups at {@code <instance_id>/<backup_id>/<file>}; CreateMigrationTask imports from it by the same names.
 */
final class BackupLinkActions extends HuaweiActionGroup {

    /** The emulated OBS bucket of the backups. */
    static final String BUCKET = "cachesh-emulator-dcs-backups";

    BackupLinkActions(HuaweiContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(HuaweiDcsProvider.Registry actions) {
        actions.v2("ListBackupFileLinks", this::links);
    }

    private ObjectNode links(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        String backupId = r.requireString("backup_id");
        long expiration = r.integer("expiration", 0);
        if (expiration < 300 || expiration > 86_400) {
            throw TagActions.invalidBody("expiration", "The URL validity must be 5 minutes to 24 hours (300 to 86400 "
                    + "seconds), not " + expiration + ".");
        }
        Backup backup = i.backups().stream().filter(b -> b.id().equals(backupId)).findFirst()
                .orElseThrow(() -> HuaweiException.invalid("backup_id", "Backup " + backupId + " of " + i.id() + " does not exist."));
        if (backup.status() == Backup.Status.IN_PROGRESS) {
            throw new HuaweiException("DCS.4096", "111400096", 400, "the instance is backuping: backup " + backupId
                    + " is not finished.");
        }
        Path file = file(fleet, i, backup).orElseThrow(() -> HuaweiException.invalid("backup_id", "Backup " + backupId
                + " has no file to download (" + (backup.status() == Backup.Status.FAILED ? "it failed"
                : backup.file() == null ? "it was taken without a redis-server" : "it was deleted") + ")."));
        ObjectNode out = object();
        out.put("file_path", objectPrefix(i.id(), backupId));
        out.put("bucket_name", BUCKET);
        ArrayNode links = out.putArray("links");
        links.addObject().put("file_name", backup.file()).put("link", file.toUri().toString());
        return out;
    }

    /** {@code <instance_id>/<backup_id>/}, the seed's {@code file_path} form. */
    static String objectPrefix(String instanceId, String backupId) {
        return instanceId + "/" + backupId + "/";
    }

    /** The RDB copy of {@code backup} when it exists (a finished backup taken with a redis-server, not deleted). */
    static Optional<Path> file(Fleet fleet, Instance i, Backup backup) {
        if (backup.status() != Backup.Status.NORMAL || backup.file() == null) return Optional.empty();
        Path path = fleet.backupDir(i.id()).resolve(backup.file()).toAbsolutePath();
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    /** A backup of any Huawei instance by its id. */
    static Optional<Located> backup(Fleet fleet, String backupId) {
        for (Instance i : fleet.instances()) {
            if (!VENDOR.equals(i.vendor())) continue;
            for (Backup b : i.backups()) {
                if (b.id().equals(backupId)) return Optional.of(new Located(i, b));
            }
        }
        return Optional.empty();
    }

    /**
     * The backup file an object name of {@value #BUCKET} points to: {@code <instance_id>/<backup_id>/<file>}, or just
     * {@code <file>} (a backup's file name is its id plus {@code .rdb}).
     */
    static Optional<Path> object(Fleet fleet, String name) {
        String trimmed = name.startsWith("/") ? name.substring(1) : name;
        String fileName = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        for (Instance i : fleet.instances()) {
            if (!VENDOR.equals(i.vendor())) continue;
            for (Backup b : i.backups()) {
                if (fileName.equals(b.file()) && (!trimmed.contains("/") || trimmed.equals(objectPrefix(i.id(), b.id()) + fileName))) {
                    return file(fleet, i, b);
                }
            }
        }
        return Optional.empty();
    }

    /** A backup and its instance. */
    record Located(Instance instance, Backup backup) {
    }
}
