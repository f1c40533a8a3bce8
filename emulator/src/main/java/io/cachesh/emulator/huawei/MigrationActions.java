package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.dataplane.RedisProcess;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.huawei.MigrationTasks.Endpoint;
import io.cachesh.emulator.huawei.MigrationTasks.FileItem;
import io.cachesh.emulator.huawei.MigrationTasks.LogLine;
import io.cachesh.emulator.huawei.MigrationTasks.Task;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Data migration (v2 5.6), against real redis-servers.
 *
 * <p><b>Online migration</b> (CreateOnlineMigrationTask, then SetOnlineMigrationTask): the target instance's
 * redis-server replicates the source ({@code REPLICAOF <host> <port>} with {@code masterauth}); the source is a DCS
 * instance of the emulator ({@code id}) or any reachable Redis ({@code addr}). The task is FULLMIGRATING until the first
 * sync is done, then a full migration detaches the target ({@code REPLICAOF NO ONE}, SUCCESS: later writes on the
 * source are not migrated) and an incremental one stays attached (INCRMIGEATING, writes keep flowing) until stopped,
 * IP-exchanged or restarted. Progress (ShowMigrationTaskStats) is read from {@code INFO replication / keyspace / stats}.
 * A target whose replication is gone (its server restarted) is re-attached when {@code resume_mode} is {@code auto},
 * else the task is MIGRATION_FAILED.
 *
 * <p><b>Backup import</b> (CreateMigrationTask, {@code backupfile_import}): the RDB of a backup record
 * ({@code file_source backup_record}) or of objects of the emulated OBS bucket ({@code self_build_obs}, see
 * {@link BackupLinkActions}) is loaded by a scratch redis-server and every key moves into the target with MIGRATE COPY
 * REPLACE (the target keeps its other keys), after the task delay: MIGRATING, then SUCCESS or FAILED.
 */
final class MigrationActions extends HuaweiActionGroup {

    private static final Pattern TASK_ID = Pattern.compile("[0-9a-zA-Z-]{1,64}");
    private static final DateTimeFormatter RELEASED = DateTimeFormatter.ofPattern("yyyyMMddHHmm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** How long the task's own follow-up waits for the first sync before leaving it to later reads. */
    private static final Duration SYNC_WAIT = Duration.ofSeconds(10);
    private static final String LOOPBACK = RedisProcess.HOST;

    private final MigrationTasks tasks;
    /** Serializes state transitions that involve the redis-servers (refresh, stop, exchange). */
    private final Object lock = new Object();

    MigrationActions(HuaweiContext ctx) {
        super(ctx);
        this.tasks = new MigrationTasks(ctx.fleet());
    }

    @Override
    protected void register(HuaweiDcsProvider.Registry actions) {
        actions.v2("CreateMigrationTask", this::createImport);
        actions.v2("ListMigrationTask", this::list);
        actions.v2("DeleteMigrationTask", this::delete);
        actions.v2("ShowMigrationTask", this::show);
        actions.v2("UpdateMigrationTask", this::update);
        actions.v2("StopMigrationTask", this::stop);
        actions.v2("ShowMigrationTaskStats", this::stats);
        actions.v2("CreateOnlineMigrationTask", this::createOnline);
        actions.v2("SetOnlineMigrationTask", this::configureOnline);
        actions.v2("BatchStopMigrationTasks", this::batchStop);
        actions.v2("StopMigrationTaskSync", this::stopSync);
        actions.v2("ListMigrationTaskLogs", this::logs);
        actions.v2("BatchRestartOnlineMigrationTasks", this::batchRestart);
        actions.v2("ExchangeInstanceIp", this::exchangeIp);
    }

    // ---- errors ---------------------------------------------------------------------------------------------------

    /** {@code DCS.4063} "Invalid {0} parameter in the request." (a body or path parameter). */
    private static HuaweiException invalid(String parameter, String detail) {
        return TagActions.invalidBody(parameter, detail);
    }

    /**
     * The same message with the numeric code the seed's examples show for UpdateMigrationTask, ExchangeInstanceIp and
     * ListMigrationTaskLogs ({@code 111400063}).
     */
    private static HuaweiException invalidLegacy(String parameter, String detail) {
        return new HuaweiException("111400063", "111400063", 400, "Invalid " + parameter + " parameter in the request. " + detail);
    }

    /** {@code DCS.4133} "Instance job is not found." */
    private static HuaweiException noSuchTask(String id) {
        return new HuaweiException("DCS.4133", "DCS.4133", 400, "Instance job is not found: no migration task " + id + ".");
    }

    /** {@code DCS.4080} "Instance password verify failed." */
    private static HuaweiException passwordFailed(String which, String detail) {
        return new HuaweiException("DCS.4080", "111400080", 400, "Instance password verify failed: " + which + " " + detail);
    }

    private Task task(String id) {
        if (id == null || !TASK_ID.matcher(id).matches()) {
            throw new HuaweiException("DCS.4070", "111400070", 400, "Invalid task ID format: " + id + ".");
        }
        return tasks.get(id).orElseThrow(() -> noSuchTask(id));
    }

    // ---- backup import --------------------------------------------------------------------------------------------

    private ObjectNode createImport(HuaweiRequest r) {
        String name = r.requireString("task_name");
        String type = r.requireString("migration_type");
        if (MigrationTasks.ONLINE.equals(type)) {
            throw invalid("migration_type", "Online migration tasks are no longer created here; call "
                    + "CreateOnlineMigrationTask, then SetOnlineMigrationTask.");
        }
        String method = r.requireString("migration_method");
        if (!MigrationTasks.FULL.equals(method)) {
            throw invalid("migration_method", "A backup file import is a full migration (full_amount_migration).");
        }
        JsonNode files = r.input().get("backup_files");
        if (files == null || files.isNull()) throw invalid("backup_files", "A backup file import needs backup_files.");
        String backupId = text(files, "backup_id");
        String source = text(files, "file_source");
        if (source == null) source = backupId != null ? "backup_record" : "self_build_obs";
        Task t = new Task();
        t.fileSource = source;
        switch (source) {
            case "backup_record" -> {
                if (backupId == null) throw invalid("backup_files", "backup_id is required when file_source is backup_record.");
                BackupLinkActions.Located located = BackupLinkActions.backup(fleet, backupId)
                        .orElseThrow(() -> invalid("backup_files", "Backup " + backupId + " does not exist."));
                Path file = BackupLinkActions.file(fleet, located.instance(), located.backup())
                        .orElseThrow(() -> invalid("backup_files", "Backup " + backupId + " has no backup file (not finished, "
                                + "failed, deleted or taken without a redis-server)."));
                t.backupId = backupId;
                FileItem item = new FileItem();
                item.fileName = file.getFileName().toString();
                item.size = Long.toString(located.backup().sizeBytes());
                item.updateAt = located.backup().endTime() == null ? null : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss",
                        Locale.ROOT).withZone(ZoneOffset.UTC).format(located.backup().endTime());
                t.files.add(item);
            }
            case "self_build_obs" -> {
                String bucket = text(files, "bucket_name");
                if (bucket == null) throw invalid("backup_files", "bucket_name is required when file_source is self_build_obs.");
                t.bucketName = bucket;
                for (JsonNode f : files.path("files")) {
                    FileItem item = new FileItem();
                    item.fileName = text(f, "file_name");
                    if (item.fileName == null) throw invalid("backup_files", "Every file needs a file_name.");
                    item.size = text(f, "size");
                    item.updateAt = text(f, "update_at");
                    t.files.add(item);
                }
                if (t.files.isEmpty()) throw invalid("backup_files", "files must name at least one backup file of the bucket.");
            }
            default -> throw invalid("backup_files", "file_source must be self_build_obs or backup_record, not `" + source + "`.");
        }
        JsonNode targetBody = r.input().path("target_instance");
        Instance target = instance(text(targetBody, "id"));
        requireTarget(target, null);
        verifyInstancePassword(target, text(targetBody, "password"), "target_instance");
        t.id = ctx.hexId();
        t.name = name;
        t.description = r.string("description");
        t.type = MigrationTasks.BACKUP_IMPORT;
        t.method = method;
        t.status = MigrationTasks.MIGRATING;
        t.target = endpoint(target);
        t.version = redisVersion(target);
        t.createdAt = time(ctx.clock().instant());
        t.updatedAt = t.createdAt;
        log(t, "INFO", "cachesh.migration.created", "Backup import task created, " + t.files.size() + " file(s) to import "
                + "into " + target.id() + ".", t.id);
        tasks.put(t);
        String id = t.id;
        fleet.submit(target.id(), "migration", MigrationTasks.MIGRATING, () -> runImport(id));
        ObjectNode out = object();
        out.put("id", t.id);
        out.put("name", t.name);
        out.put("status", t.status);
        out.put("error", "");
        return out;
    }

    private String runImport(String id) {
        Task t = tasks.get(id).orElse(null);
        if (t == null || !MigrationTasks.MIGRATING.equals(t.status)) return "not migrating any more";
        try {
            Instance target = fleet.instance(t.target.id).orElseThrow(() -> new IOException("the target instance "
                    + t.target.id + " no longer exists"));
            RedisProcess process = target.dataPlane();
            if (process == null) throw new IOException("the target instance has no redis-server");
            List<Path> paths = new ArrayList<>();
            if ("backup_record".equals(t.fileSource)) {
                BackupLinkActions.Located located = BackupLinkActions.backup(fleet, t.backupId)
                        .orElseThrow(() -> new IOException("backup " + t.backupId + " no longer exists"));
                paths.add(BackupLinkActions.file(fleet, located.instance(), located.backup())
                        .orElseThrow(() -> new IOException("backup " + t.backupId + " has no file any more")));
            } else {
                if (!BackupLinkActions.BUCKET.equals(t.bucketName)) {
                    throw new IOException("OBS bucket " + t.bucketName + " does not exist (the emulator's bucket is "
                            + BackupLinkActions.BUCKET + ", see ListBackupFileLinks)");
                }
                for (FileItem f : t.files) {
                    paths.add(BackupLinkActions.object(fleet, f.fileName).orElseThrow(() -> new IOException("file "
                            + f.fileName + " not found in bucket " + t.bucketName)));
                }
            }
            String password = target.noAuth() ? null : target.password().reveal();
            long keys = 0;
            for (int k = 0; k < paths.size(); k++) {
                keys += MigrationDataPlane.importRdb(fleet, "migration-" + id + "-" + k, paths.get(k), process.port(), password);
                String file = t.files.get(k).fileName;
                String progress = (k + 1) + "/" + paths.size();
                tasks.update(id, x -> log(x, "INFO", "migration.0026", "Migrating files succeeded. File name: " + file
                        + "; progress: " + progress + ".", file, progress));
            }
            long imported = keys;
            tasks.update(id, x -> {
                if (!MigrationTasks.MIGRATING.equals(x.status)) return;
                x.status = MigrationTasks.SUCCESS;
                x.updatedAt = time(ctx.clock().instant());
                log(x, "INFO", "migration.0012", "job success, all files import complete.Job id: " + id + ".", id);
                log(x, "INFO", "cachesh.migration.keys", imported + " key(s) imported.", Long.toString(imported));
            });
            return imported + " keys imported";
        } catch (IOException | RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            tasks.update(id, x -> {
                x.status = MigrationTasks.FAILED;
                x.error = message;
                x.updatedAt = time(ctx.clock().instant());
                log(x, "ERROR", "cachesh.migration.failed", "Migration failed: " + message + ".", message);
            });
            return "failed: " + message;
        }
    }

    // ---- online migration -----------------------------------------------------------------------------------------

    private ObjectNode createOnline(HuaweiRequest r) {
        Task t = new Task();
        t.id = UUID.randomUUID().toString();
        t.name = r.requireString("name");
        t.description = r.string("description");
        t.type = MigrationTasks.ONLINE;
        t.v2 = true;
        t.networkType = "vpc";
        t.vpcId = r.requireString("vpc_id");
        t.subnetId = r.requireString("subnet_id");
        t.securityGroupId = r.requireString("security_group_id");
        t.status = MigrationTasks.AWAITING_CONFIG;
        t.createdAt = time(ctx.clock().instant());
        t.updatedAt = t.createdAt;
        log(t, "INFO", "cachesh.migration.created", "Online migration task created; configure it with "
                + "SetOnlineMigrationTask.", t.id);
        tasks.put(t);
        ObjectNode out = object();
        out.put("instance_id", t.id);
        return out;
    }

    private ObjectNode configureOnline(HuaweiRequest r) {
        Task t = task(r.requireString("task_id"));
        if (!t.online()) throw invalid("task_id", "Task " + t.id + " is a backup import, not an online migration.");
        if (!MigrationTasks.AWAITING_CONFIG.equals(t.status)) {
            throw invalid("task_id", "Task " + t.id + " is " + t.status + "; only a task awaiting configuration (RUNNING) "
                    + "can be configured (BatchRestartOnlineMigrationTasks restarts a stopped one).");
        }
        String method = r.requireString("migration_method");
        if (!MigrationTasks.FULL.equals(method) && !MigrationTasks.INCREMENTAL.equals(method)) {
            throw invalid("migration_method", "It must be full_amount_migration or incremental_migration.");
        }
        String resume = r.requireString("resume_mode");
        if (!resume.equals("auto") && !resume.equals("manual")) throw invalid("resume_mode", "It must be auto or manual.");
        String bandwidth = r.string("bandwidth_limit_mb");
        if (bandwidth != null && !bandwidth.isBlank()) {
            try {
                long mb = Long.parseLong(bandwidth.trim());
                if (mb < 1 || mb > 10_240) throw new NumberFormatException();
                bandwidth = Long.toString(mb);
            } catch (NumberFormatException e) {
                throw invalid("bandwidth_limit_mb", "It must be an integer from 1 to 10240 (MB/s), not `" + bandwidth + "`.");
            }
        } else {
            bandwidth = null;
        }
        Endpoint source = endpoint(r.input().path("source_instance"), "source_instance");
        Endpoint target = endpoint(r.input().path("target_instance"), "target_instance");
        if (target.id == null) {
            throw invalid("target_instance", "The target must be a DCS instance of this emulator; " + target.addr
                    + " is none.");
        }
        if (target.id.equals(source.id) || target.addr.equals(source.addr)) {
            throw invalid("target_instance", "The source and the target are the same instance.");
        }
        Instance targetInstance = instance(target.id);
        requireTarget(targetInstance, t.id);
        verifyEndpoint(source, "source_instance");
        verifyInstancePassword(targetInstance, target.password, "target_instance");
        String bandwidthMb = bandwidth;
        synchronized (lock) {
            try {
                start(t.id, source, targetInstance);
            } catch (IOException e) {
                throw new HuaweiException("DCS.5000", "111500000", 500, "Internal service error: the target's redis-server "
                        + "did not start replicating: " + e.getMessage());
            }
            Task configured = tasks.update(t.id, x -> {
                x.method = method;
                x.resumeMode = resume;
                x.bandwidthLimitMb = bandwidthMb;
                x.source = source;
                x.target = endpoint(targetInstance);
                x.version = redisVersion(targetInstance);
                x.status = MigrationTasks.FULL_MIGRATING;
                x.error = "";
                x.fullDone = false;
                x.updatedAt = time(ctx.clock().instant());
                log(x, "INFO", "cachesh.migration.full_sync", "Full migration started: " + targetInstance.id() + " replicates "
                        + source.addr + ".", source.addr, targetInstance.id());
            }).orElseThrow(() -> noSuchTask(t.id));
            follow(configured);
            ObjectNode out = object();
            out.put("id", configured.id);
            out.put("name", configured.name);
            out.put("status", configured.status);
            out.put("error", "");
            return out;
        }
    }

    /** The target follows the source now (the source of an emulator instance first drops its 5 s sync delay). */
    private void start(String taskId, Endpoint source, Instance target) throws IOException {
        RedisProcess process = target.dataPlane();
        if (process == null) throw new IOException("no redis-server");
        if (source.id != null) {
            fleet.instance(source.id).map(Instance::dataPlane).ifPresent(p -> {
                try {
                    p.call("CONFIG", "SET", "repl-diskless-sync-delay", "0");
                } catch (IOException ignored) {
                    // only a speed-up
                }
            });
        }
        MigrationDataPlane.replicate(process, source.host(), source.port(), source.password);
    }

    /** After the task delay, waits a little for the first sync so the status moves without a read. */
    private void follow(Task t) {
        String id = t.id;
        fleet.submit(t.target.id, "migration", t.status, () -> {
            long deadline = System.nanoTime() + SYNC_WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                Task now = refresh(id);
                if (now == null || !MigrationTasks.FULL_MIGRATING.equals(now.status)) break;
                Thread.sleep(20);
            }
            return "";
        });
    }

    /** Moves a replicating task on by what its target's redis-server says; the task as it is then. */
    private Task refresh(String id) {
        synchronized (lock) {
            Task t = tasks.get(id).orElse(null);
            if (t == null || !t.online() || !t.replicating() || t.target == null) return t;
            Instance target = fleet.instance(t.target.id).filter(i -> VENDOR.equals(i.vendor())).orElse(null);
            if (target == null) return fail(id, "The target instance " + t.target.id + " no longer exists.");
            RedisProcess process = target.dataPlane();
            if (process == null) return fail(id, "The target instance " + target.id() + " has no redis-server.");
            Map<String, String> repl;
            try {
                repl = MigrationDataPlane.info(process, "replication");
            } catch (IOException e) {
                return t; // restarting now: look again later
            }
            boolean following = "slave".equals(repl.get("role")) && t.source.host().equals(repl.get("master_host"))
                    && Integer.toString(t.source.port()).equals(repl.get("master_port"));
            if (!following) {
                if (!"auto".equals(t.resumeMode)) {
                    return fail(id, "The replication link of " + target.id() + " is gone and resume_mode is manual.");
                }
                try {
                    MigrationDataPlane.replicate(process, t.source.host(), t.source.port(), t.source.password);
                } catch (IOException e) {
                    return t;
                }
                return tasks.update(id, x -> {
                    x.status = MigrationTasks.FULL_MIGRATING;
                    log(x, "WARN", "cachesh.migration.reconnect", "The replication link was gone; reconnected (resume_mode "
                            + "auto), full synchronization again.", x.source.addr);
                }).orElse(t);
            }
            boolean synced = "up".equals(repl.get("master_link_status")) && "0".equals(repl.get("master_sync_in_progress"));
            if (!synced || !MigrationTasks.FULL_MIGRATING.equals(t.status)) return t;
            long keys;
            try {
                keys = MigrationDataPlane.keys(MigrationDataPlane.info(process, "keyspace"));
            } catch (IOException e) {
                keys = -1;
            }
            long syncedKeys = keys;
            if (MigrationTasks.FULL.equals(t.method)) {
                try {
                    MigrationDataPlane.detach(process);
                } catch (IOException e) {
                    return t;
                }
                return tasks.update(id, x -> {
                    x.fullDone = true;
                    x.lastOffset = "0";
                    x.status = MigrationTasks.SUCCESS;
                    x.updatedAt = time(ctx.clock().instant());
                    x.releasedAt = RELEASED.format(ctx.clock().instant());
                    log(x, "INFO", "migration.0012", "job success, full migration complete.Job id: " + x.id + ".", x.id);
                    if (syncedKeys >= 0) log(x, "INFO", "cachesh.migration.keys", syncedKeys + " key(s) migrated.",
                            Long.toString(syncedKeys));
                }).orElse(t);
            }
            return tasks.update(id, x -> {
                x.fullDone = true;
                x.status = MigrationTasks.INCR_MIGRATING;
                x.updatedAt = time(ctx.clock().instant());
                log(x, "INFO", "cachesh.migration.incremental", "Full synchronization done (" + syncedKeys
                        + " key(s)); incremental migration running.", Long.toString(syncedKeys));
            }).orElse(t);
        }
    }

    private Task fail(String id, String why) {
        Task t = tasks.get(id).orElse(null);
        if (t != null && t.target != null) {
            fleet.instance(t.target.id).map(Instance::dataPlane).ifPresent(p -> {
                try {
                    MigrationDataPlane.detach(p);
                } catch (IOException ignored) {
                    // it is failing anyway
                }
            });
        }
        return tasks.update(id, x -> {
            x.status = MigrationTasks.MIGRATION_FAILED;
            x.error = why;
            x.updatedAt = time(ctx.clock().instant());
            x.releasedAt = RELEASED.format(ctx.clock().instant());
            log(x, "ERROR", "cachesh.migration.failed", "Migration failed: " + why, why);
        }).orElse(t);
    }

    // ---- reading --------------------------------------------------------------------------------------------------

    private ObjectNode show(HuaweiRequest r) {
        Task t = task(r.requireString("task_id"));
        return detail(Optional.ofNullable(refresh(t.id)).orElse(t));
    }

    private ObjectNode list(HuaweiRequest r) {
        String name = r.string("name");
        long offset = r.integer("offset", 0);
        long limit = r.integer("limit", 10);
        List<Task> all = new ArrayList<>();
        for (Task t : tasks.all()) {
            Task now = Optional.ofNullable(refresh(t.id)).orElse(t);
            if (name == null || name.isEmpty() || now.name.contains(name)) all.add(now);
        }
        Collections.reverse(all);
        ObjectNode out = object();
        out.put("count", all.size());
        ArrayNode items = out.putArray("migration_tasks");
        all.stream().skip(offset).limit(limit).forEach(t -> {
            ObjectNode n = items.addObject();
            n.put("task_id", t.id);
            n.put("task_name", t.name);
            n.put("status", listStatus(t.status));
            n.put("migration_type", t.type);
            if (t.method != null) n.put("migration_method", t.method);
            if (t.online()) n.put("ecs_tenant_private_ip", LOOPBACK);
            if (t.online() && t.source != null) n.put("data_source", t.source.addr);
            else if (!t.online()) n.put("data_source", t.bucketName != null ? t.bucketName : t.backupId);
            if (t.source != null && t.source.id != null) {
                n.put("source_instance_id", t.source.id);
                n.put("source_instance_name", t.source.name);
                fleet.instance(t.source.id).ifPresent(i -> {
                    n.put("source_instance_status", status(i));
                    n.put("source_instance_subnet_id", i.subnetId());
                    n.put("source_instance_spec_code", state(i).specCode());
                });
            }
            if (t.target != null) {
                n.put("target_instance_id", t.target.id);
                n.put("target_instance_name", t.target.name);
                n.put("target_instance_address", t.target.addr);
                fleet.instance(t.target.id).ifPresent(i -> {
                    n.put("target_instance_status", status(i));
                    n.put("target_instance_subnet_id", i.subnetId());
                    n.put("target_instance_spec_code", state(i).specCode());
                });
            }
            n.put("created_at", t.createdAt);
            if (t.description != null) n.put("description", t.description);
            if (t.error != null && !t.error.isEmpty()) n.put("error_message", t.error);
            if (t.releasedAt != null) n.put("released_at", t.releasedAt);
            if (t.version != null) n.put("version", t.version);
            if (t.resumeMode != null) n.put("resume_mode", t.resumeMode);
            n.putArray("supported_features");
        });
        return out;
    }

    /** The list's documented status set (SUCCESS, FAILED, MIGRATING, TERMINATED); the detail has the fine one. */
    private static String listStatus(String status) {
        return switch (status) {
            case MigrationTasks.SUCCESS, MigrationTasks.FAILED, MigrationTasks.TERMINATED -> status;
            case MigrationTasks.MIGRATION_FAILED -> MigrationTasks.FAILED;
            default -> MigrationTasks.MIGRATING;
        };
    }

    private ObjectNode detail(Task t) {
        ObjectNode out = object();
        out.put("task_id", t.id);
        out.put("task_name", t.name);
        if (t.description != null) out.put("description", t.description);
        out.put("status", t.status);
        out.put("migration_type", t.type);
        if (t.method != null) out.put("migration_method", t.method);
        if (t.online()) out.put("ecs_tenant_private_ip", LOOPBACK);
        if (!t.online()) {
            ObjectNode files = out.putObject("backup_files");
            files.put("file_source", t.fileSource);
            if (t.bucketName != null) files.put("bucket_name", t.bucketName);
            if (t.backupId != null) files.put("backup_id", t.backupId);
            ArrayNode list = files.putArray("files");
            for (FileItem f : t.files) {
                ObjectNode n = list.addObject().put("file_name", f.fileName);
                if (f.size != null) n.put("size", f.size);
                if (f.updateAt != null) n.put("update_at", f.updateAt);
            }
        }
        if (t.networkType != null) out.put("network_type", t.networkType);
        if (t.source != null) out.set("source_instance", endpointNode(t.source, "addrs"));
        if (t.target != null) out.set("target_instance", endpointNode(t.target, "addrs"));
        out.put("created_at", t.createdAt);
        if (t.updatedAt != null) out.put("updated_at", t.updatedAt);
        if (t.releasedAt != null) out.put("released_at", t.releasedAt);
        if (t.version != null) out.put("version", t.version);
        if (t.resumeMode != null) out.put("resume_mode", t.resumeMode);
        out.putArray("supported_features");
        if (t.vpcId != null) out.put("tenant_vpc_id", t.vpcId);
        if (t.subnetId != null) out.put("tenant_subnet_id", t.subnetId);
        if (t.securityGroupId != null) out.put("tenant_security_group_id", t.securityGroupId);
        if (t.bandwidthLimitMb != null) out.put("bandwidth_limit_mb", t.bandwidthLimitMb);
        if (t.taskStatus != null) out.put("task_status", t.taskStatus);
        return out;
    }

    /** An end of the task as the detail answers it (never the password). */
    private ObjectNode endpointNode(Endpoint e, String addrName) {
        ObjectNode n = object();
        if (e.id != null) n.put("id", e.id);
        if (e.name != null) n.put("name", e.name);
        if (e.addr != null) {
            n.put(addrName, e.addr);
            n.put("ip", e.host());
            n.put("port", Integer.toString(e.port()));
        }
        if (e.id != null) fleet.instance(e.id).ifPresent(i -> n.put("task_status", status(i)));
        return n;
    }

    private ObjectNode stats(HuaweiRequest r) {
        Task t = task(r.requireString("task_id"));
        if (!t.online() || t.target == null) {
            throw new HuaweiException("DCS.4133", "DCS.4133", 400, "Instance job is not found: task " + t.id + " has no "
                    + "online migration job (" + (t.online() ? "not configured yet" : "a backup import") + ").");
        }
        Task now = Optional.ofNullable(refresh(t.id)).orElse(t);
        ObjectNode out = object();
        RedisProcess target = fleet.instance(now.target.id).map(Instance::dataPlane).orElse(null);
        String progress = now.fullDone ? "100" : "0";
        String offset = now.lastOffset != null ? now.lastOffset : "0";
        if (target != null) {
            try {
                Map<String, String> repl = MigrationDataPlane.info(target, "replication");
                Map<String, String> stats = MigrationDataPlane.info(target, "stats");
                out.put("target_dbsize", Long.toString(MigrationDataPlane.keys(MigrationDataPlane.info(target, "keyspace"))));
                out.put("target_input_kbps", stats.getOrDefault("instantaneous_input_kbps", "0"));
                out.put("target_ops", stats.getOrDefault("instantaneous_ops_per_sec", "0"));
                if (now.replicating() && "slave".equals(repl.get("role"))) {
                    if ("1".equals(repl.get("master_sync_in_progress"))) {
                        long total = parse(repl.get("master_sync_total_bytes"));
                        long read = parse(repl.get("master_sync_read_bytes"));
                        if (total > 0) progress = Long.toString(Math.min(99, read * 100 / total));
                    }
                    Map<String, String> sourceRepl = MigrationDataPlane.info(now.source.host(), now.source.port(),
                            now.source.password, "replication");
                    long diff = parse(sourceRepl.get("master_repl_offset")) - parse(repl.get("slave_repl_offset"));
                    if ("up".equals(repl.get("master_link_status"))) {
                        offset = Long.toString(Math.max(0, diff));
                        String measured = offset;
                        tasks.update(now.id, x -> x.lastOffset = measured);
                    }
                }
            } catch (IOException e) {
                // a server that does not answer right now: report what is known
            }
        }
        try {
            out.put("source_dbsize", Long.toString(MigrationDataPlane.keys(MigrationDataPlane.info(now.source.host(),
                    now.source.port(), now.source.password, "keyspace"))));
        } catch (IOException e) {
            // the source does not answer: no key count
        }
        out.put("full_migration_progress", progress);
        out.put("offset", offset);
        out.put("is_migrating", now.replicating());
        return out;
    }

    private static long parse(String v) {
        try {
            return v == null ? 0 : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private ObjectNode logs(HuaweiRequest r) {
        long offset = r.integer("offset", 0);
        long limit = r.integer("limit", 10);
        if (offset < 0) throw invalidLegacy("offset", "It must be 0 or more.");
        if (limit < 1 || limit > 1000) throw invalidLegacy("limit", "It must be 1 to 1000.");
        Task t = task(r.requireString("task_id"));
        String level = r.string("log_level");
        Task now = Optional.ofNullable(refresh(t.id)).orElse(t);
        List<LogLine> lines = new ArrayList<>(now.logs);
        Collections.reverse(lines);
        if (level != null && !level.isBlank()) lines.removeIf(l -> !l.level.equalsIgnoreCase(level.trim()));
        ObjectNode out = object();
        out.put("log_num", lines.size());
        ArrayNode items = out.putArray("migration_logs");
        lines.stream().skip(offset).limit(limit).forEach(l -> {
            ObjectNode n = items.addObject();
            n.put("created_at", l.createdAt);
            n.put("log_level", l.level);
            n.put("message", l.message);
            n.put("log_code", l.code);
            ArrayNode k = n.putArray("keyword");
            l.keyword.forEach(k::add);
        });
        return out;
    }

    // ---- changing -------------------------------------------------------------------------------------------------

    private ObjectNode update(HuaweiRequest r) {
        Task t = task(r.requireString("task_id"));
        String resume = r.string("resume_mode");
        if (resume == null) return null;
        if (!resume.equals("auto") && !resume.equals("manual")) throw invalidLegacy("resume_mode", "It must be auto or manual.");
        if (!t.online()) throw invalidLegacy("task_id", "Task " + t.id + " is a backup import; only online migrations reconnect.");
        tasks.update(t.id, x -> {
            x.resumeMode = resume;
            log(x, "INFO", "cachesh.migration.resume_mode", "resume_mode set to " + resume + ".", resume);
        });
        return null;
    }

    private static boolean stoppable(Task t) {
        return t.replicating() || MigrationTasks.MIGRATING.equals(t.status) || MigrationTasks.AWAITING_CONFIG.equals(t.status);
    }

    private ObjectNode stop(HuaweiRequest r) {
        Task t = task(r.requireString("task_id"));
        Task now = Optional.ofNullable(refresh(t.id)).orElse(t);
        if (!stoppable(now)) throw invalid("task_id", "Task " + t.id + " is " + now.status + " and cannot be stopped.");
        return detail(stopAsync(now));
    }

    private Task stopAsync(Task t) {
        Task stopping = tasks.update(t.id, x -> {
            x.status = MigrationTasks.TERMINATING;
            log(x, "INFO", "cachesh.migration.stopping", "Stopping the migration task.", x.id);
        }).orElse(t);
        String id = t.id;
        fleet.submit(t.target != null ? t.target.id : t.id, "migration", MigrationTasks.TERMINATING, () -> {
            terminate(id);
            return "";
        });
        return stopping;
    }

    /** Stops the replication now (the target keeps its data) and ends the task. */
    private void terminate(String id) {
        synchronized (lock) {
            Task t = tasks.get(id).orElse(null);
            if (t == null || MigrationTasks.TERMINATED.equals(t.status)) return;
            String offset = t.lastOffset;
            if (t.online() && t.target != null) {
                RedisProcess p = fleet.instance(t.target.id).map(Instance::dataPlane).orElse(null);
                if (p != null) {
                    try {
                        Map<String, String> repl = MigrationDataPlane.info(p, "replication");
                        if ("slave".equals(repl.get("role")) && "up".equals(repl.get("master_link_status"))) {
                            Map<String, String> src = MigrationDataPlane.info(t.source.host(), t.source.port(),
                                    t.source.password, "replication");
                            offset = Long.toString(Math.max(0, parse(src.get("master_repl_offset"))
                                    - parse(repl.get("slave_repl_offset"))));
                        }
                    } catch (IOException ignored) {
                        // keep the last measured offset
                    }
                    try {
                        MigrationDataPlane.detach(p);
                    } catch (IOException ignored) {
                        // a server that is down follows nobody anyway
                    }
                }
            }
            String lastOffset = offset;
            tasks.update(id, x -> {
                x.status = MigrationTasks.TERMINATED;
                x.taskStatus = null;
                x.lastOffset = lastOffset;
                x.updatedAt = time(ctx.clock().instant());
                x.releasedAt = RELEASED.format(ctx.clock().instant());
                log(x, "INFO", "cachesh.migration.stopped", "The migration task is stopped.", x.id);
            });
        }
    }

    private ObjectNode stopSync(HuaweiRequest r) {
        Task t = task(r.requireString("task_id"));
        Task now = Optional.ofNullable(refresh(t.id)).orElse(t);
        if (!stoppable(now) && !MigrationTasks.TERMINATING.equals(now.status)) {
            throw invalid("task_id", "Task " + t.id + " is " + now.status + " and cannot be stopped.");
        }
        terminate(t.id);
        return null;
    }

    private ObjectNode batchStop(HuaweiRequest r) {
        List<String> ids = r.strings("migration_tasks");
        if (ids.isEmpty() || ids.stream().anyMatch(id -> !TASK_ID.matcher(id).matches())) {
            throw new HuaweiException("DCS.4855", "DCS.4855", 400, "invalid migration task id in the request: "
                    + (ids.isEmpty() ? "migration_tasks is empty." : ids + "."));
        }
        ObjectNode out = object();
        ArrayNode items = out.putArray("migration_tasks");
        for (String id : ids) {
            Task t = tasks.get(id).map(x -> Optional.ofNullable(refresh(x.id)).orElse(x)).orElse(null);
            boolean ok = t != null && stoppable(t);
            if (ok) stopAsync(t);
            items.addObject().put("result", ok ? "success" : "failed").put("task_id", id);
        }
        return out;
    }

    private ObjectNode batchRestart(HuaweiRequest r) {
        List<String> ids = r.strings("migration_tasks");
        if (ids.isEmpty()) throw invalid("migration_tasks", "It must name at least one task.");
        ObjectNode out = object();
        ArrayNode items = out.putArray("migration_tasks");
        for (String id : ids) {
            ObjectNode n = items.addObject();
            try {
                Task t = task(id);
                if (!t.online() || !t.v2) throw new HuaweiException("dcs.41.0001", 400, "task not v2");
                if (t.source == null || t.target == null) {
                    throw invalid("task_id", "Task " + id + " was never configured (SetOnlineMigrationTask).");
                }
                Task now = Optional.ofNullable(refresh(id)).orElse(t);
                if (!MigrationTasks.TERMINATED.equals(now.status) && !MigrationTasks.MIGRATION_FAILED.equals(now.status)) {
                    throw invalid("task_id", "Task " + id + " is " + now.status + "; only TERMINATED or MIGRATION_FAILED "
                            + "tasks restart.");
                }
                Instance target = instance(now.target.id);
                requireTarget(target, id);
                synchronized (lock) {
                    try {
                        start(id, now.source, target);
                    } catch (IOException e) {
                        throw new HuaweiException("DCS.5000", "111500000", 500, "Internal service error: " + e.getMessage());
                    }
                    Task restarted = tasks.update(id, x -> {
                        x.status = MigrationTasks.FULL_MIGRATING;
                        x.fullDone = false;
                        x.error = "";
                        x.releasedAt = null;
                        x.updatedAt = time(ctx.clock().instant());
                        log(x, "INFO", "cachesh.migration.restarted", "Migration restarted: full synchronization again.", x.id);
                    }).orElseThrow(() -> noSuchTask(id));
                    follow(restarted);
                }
                n.put("result", "success");
                n.put("task_id", id);
            } catch (HuaweiException e) {
                n.put("result", "failed");
                n.put("task_id", id);
                n.put("error_code", e.code("v2"));
                n.put("error_msg", e.getMessage());
            }
        }
        return out;
    }

    private ObjectNode exchangeIp(HuaweiRequest r) {
        String taskId = r.requireString("task_id");
        if (!TASK_ID.matcher(taskId).matches()) {
            throw new HuaweiException("DCS.4070", "111400070", 400, "Invalid task ID format: " + taskId + ".");
        }
        Task t = tasks.get(taskId).orElseThrow(() -> invalidLegacy("task_id", "No migration task " + taskId + "."));
        Task now = Optional.ofNullable(refresh(taskId)).orElse(t);
        if (!now.online() || !MigrationTasks.INCREMENTAL.equals(now.method) || !MigrationTasks.INCR_MIGRATING.equals(now.status)) {
            throw invalidLegacy("task_id", "The IPs are exchanged during an incremental online migration (INCRMIGEATING); "
                    + "task " + taskId + " is " + now.status + ".");
        }
        if ("EXCHANGING".equals(now.taskStatus)) throw invalidLegacy("task_id", "Task " + taskId + " is exchanging IPs already.");
        if (now.source.id == null || fleet.instance(now.source.id).isEmpty()) {
            throw invalidLegacy("task_id", "The source " + now.source.addr + " is not a DCS instance; its IP cannot be exchanged.");
        }
        List<String> ips = r.strings("exchanged_ip");
        for (String ip : ips) {
            if (!ip.equals(now.source.host()) && !ip.equals(now.target.host())) {
                throw invalidLegacy("exchanged_ip", "`" + ip + "` is the IP of neither the source (" + now.source.host()
                        + ") nor the target (" + now.target.host() + ").");
            }
        }
        boolean domain = Boolean.TRUE.equals(r.bool("is_exchange_domain"));
        tasks.update(taskId, x -> {
            x.taskStatus = "EXCHANGING";
            log(x, "INFO", "cachesh.migration.ip_exchange", "Exchanging the IPs of " + x.source.id + " and " + x.target.id
                    + (domain ? " and their domain names" : "") + ".", x.source.id, x.target.id);
        });
        fleet.submit(now.target.id, "migration", "EXCHANGING", () -> {
            synchronized (lock) {
                Task x = tasks.get(taskId).orElse(null);
                if (x == null || !"EXCHANGING".equals(x.taskStatus)) return "";
                RedisProcess p = fleet.instance(x.target.id).map(Instance::dataPlane).orElse(null);
                if (p != null) MigrationDataPlane.detach(p);
                tasks.update(taskId, y -> {
                    y.taskStatus = null;
                    y.status = MigrationTasks.SUCCESS;
                    y.lastOffset = "0";
                    y.updatedAt = time(ctx.clock().instant());
                    y.releasedAt = RELEASED.format(ctx.clock().instant());
                    log(y, "INFO", "cachesh.migration.ip_exchanged", "IPs exchanged; the target " + y.target.id
                            + " stopped replicating and takes the writes.", y.target.id);
                });
            }
            return "";
        });
        return null;
    }

    private ObjectNode delete(HuaweiRequest r) {
        List<String> ids = r.strings("task_id_list");
        if (ids.isEmpty()) throw invalid("task_id_list", "It must name at least one task.");
        ObjectNode out = object();
        ArrayNode deleted = out.putArray("task_id_list");
        for (String id : ids) {
            Task t = tasks.get(id).orElse(null);
            if (t == null) continue;
            synchronized (lock) {
                if (t.online() && t.replicating() && t.target != null) {
                    fleet.instance(t.target.id).map(Instance::dataPlane).ifPresent(p -> {
                        try {
                            MigrationDataPlane.detach(p);
                        } catch (IOException ignored) {
                            // deleted anyway
                        }
                    });
                }
                if (tasks.remove(id)) deleted.add(id);
            }
        }
        return out;
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /** A DCS instance as a migration end. */
    private Endpoint endpoint(Instance i) {
        Endpoint e = new Endpoint();
        e.id = i.id();
        e.name = i.name();
        e.addr = LOOPBACK + ":" + i.dataPort();
        e.password = i.noAuth() ? null : i.password().reveal();
        return e;
    }

    /** A {@code ConfigMigrationInstanceBody}: an instance id, or an address (of an emulator instance or any Redis). */
    private Endpoint endpoint(JsonNode body, String parameter) {
        String id = text(body, "id");
        String addr = text(body, "addr");
        String password = text(body, "password");
        Endpoint e;
        if (id != null) {
            Instance i = instance(id);
            if (i.dataPlane() == null) {
                throw new HuaweiException("DCS.4049", "111400049", 400, "The instance status is not running: " + id
                        + " has no redis-server in this emulator.");
            }
            e = endpoint(i);
        } else if (addr != null) {
            if (addr.contains(",")) {
                throw invalid(parameter, "A single ip:port address is supported by the emulator, not a list (" + addr + ").");
            }
            int colon = addr.lastIndexOf(':');
            int port;
            try {
                port = Integer.parseInt(addr.substring(colon + 1).trim());
                if (colon <= 0 || port < 1 || port > 65_535) throw new NumberFormatException();
            } catch (NumberFormatException e2) {
                throw invalid(parameter, "addr must be ip:port, not `" + addr + "`.");
            }
            String host = addr.substring(0, colon).trim();
            e = new Endpoint();
            e.addr = host + ":" + port;
            if (host.equals(LOOPBACK) || host.equals("localhost")) {
                for (Instance i : fleet.instances()) {
                    if (VENDOR.equals(i.vendor()) && i.dataPlane() != null && i.dataPlane().port() == port) {
                        e = endpoint(i);
                        break;
                    }
                }
            }
        } else {
            throw invalid(parameter, "It needs an id or an addr.");
        }
        e.password = password;
        return e;
    }

    /** The source answers with the given password (a DCS instance with a password needs it). */
    private static void verifyEndpoint(Endpoint e, String parameter) {
        MigrationDataPlane.Problem problem = MigrationDataPlane.check(e.host(), e.port(), e.password);
        if (problem == null) return;
        if (problem.password()) {
            throw passwordFailed(parameter, (e.password == null ? "needs the password of " : "has a wrong password for ")
                    + e.addr + " (" + problem.message() + ").");
        }
        throw invalid(parameter, problem.message() + ".");
    }

    /** A DCS instance with a password needs it in the request, and it must be the right one. */
    private static void verifyInstancePassword(Instance i, String given, String parameter) {
        if (i.noAuth() || i.password() == null || i.password().isEmpty()) return;
        if (given == null || given.isEmpty()) throw passwordFailed(parameter, "needs the password of " + i.id() + ".");
        RedisProcess p = i.dataPlane();
        MigrationDataPlane.Problem problem = p == null ? null : MigrationDataPlane.check(LOOPBACK, p.port(), given);
        boolean wrong = problem != null ? problem.password() : !given.equals(i.password().reveal());
        if (wrong) throw passwordFailed(parameter, "has a wrong password for " + i.id() + ".");
    }

    /** A migration target: RUNNING, with a redis-server, not the target of another running migration. */
    private void requireTarget(Instance target, String exceptTask) {
        requireRunning(target);
        if (target.dataPlane() == null) {
            throw new HuaweiException("DCS.4049", "111400049", 400, "The instance status is not running: " + target.id()
                    + " has no redis-server in this emulator.");
        }
        for (Task other : tasks.all()) {
            if (other.id.equals(exceptTask) || other.target == null || !target.id().equals(other.target.id)) continue;
            if (other.active()) {
                throw new HuaweiException("DCS.4026", "111400026", 400, "This operation is not allowed when the DCS instance "
                        + "is in the current state: " + target.id() + " is the target of migration task " + other.id + " ("
                        + other.status + ").");
            }
        }
    }

    private static String redisVersion(Instance i) {
        RedisProcess p = i.dataPlane();
        if (p == null) return null;
        try {
            return MigrationDataPlane.info(p, "server").get("redis_version");
        } catch (IOException e) {
            return null;
        }
    }

    private void log(Task t, String level, String code, String message, String... keywords) {
        LogLine l = new LogLine();
        l.createdAt = time(ctx.clock().instant());
        l.level = level;
        l.code = code;
        l.message = message;
        for (String k : keywords) if (k != null) l.keyword.add(k);
        t.logs.add(l);
        if (t.logs.size() > 500) t.logs.remove(0);
    }

    private static String text(JsonNode node, String field) {
        if (node == null) return null;
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }
}
