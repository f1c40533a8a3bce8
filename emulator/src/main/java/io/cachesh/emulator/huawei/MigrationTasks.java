package io.cachesh.emulator.huawei;

import io.cachesh.emulator.fleet.Fleet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The data-migration tasks of the project (v2 5.6), persisted in the fleet's extension {@value #KEY}. A task is a plain
 * Jackson-bindable object; the store hands out copies and changes one task atomically ({@link #update}).
 */
final class MigrationTasks {

    static final String KEY = "huawei.migrations";

    // ---- the seed's words ---------------------------------------------------------------------------------------------

    static final String BACKUP_IMPORT = "backupfile_import";
    static final String ONLINE = "online_migration";
    static final String FULL = "full_amount_migration";
    static final String INCREMENTAL = "incremental_migration";

    /** 待配置 (awaiting configuration): a created online migration before SetOnlineMigrationTask. */
    static final String AWAITING_CONFIG = "RUNNING";
    static final String MIGRATING = "MIGRATING";
    static final String FULL_MIGRATING = "FULLMIGRATING";
    /** 增量迁移中, spelled as the seed spells it. */
    static final String INCR_MIGRATING = "INCRMIGEATING";
    static final String SUCCESS = "SUCCESS";
    static final String FAILED = "FAILED";
    static final String MIGRATION_FAILED = "MIGRATION_FAILED";
    static final String TERMINATING = "TERMINATING";
    static final String TERMINATED = "TERMINATED";

    /** One end of a migration: a DCS instance of the emulator ({@code id}) and/or an address. */
    public static final class Endpoint {
        public String id;
        public String name;
        /** {@code host:port}. */
        public String addr;
        /** Kept to authenticate the replication (never answered). */
        public String password;

        Endpoint copy() {
            Endpoint e = new Endpoint();
            e.id = id;
            e.name = name;
            e.addr = addr;
            e.password = password;
            return e;
        }

        String host() {
            return addr == null ? null : addr.substring(0, addr.lastIndexOf(':'));
        }

        int port() {
            return addr == null ? 0 : Integer.parseInt(addr.substring(addr.lastIndexOf(':') + 1));
        }
    }

    /** One backup file of a backup import. */
    public static final class FileItem {
        public String fileName;
        public String size;
        public String updateAt;
    }

    /** A migration log line (5.6.13). */
    public static final class LogLine {
        public String createdAt;
        public String level;
        public String code;
        public String message;
        public List<String> keyword = new ArrayList<>();
    }

    /** One task. */
    public static final class Task {
        public String id;
        public String name;
        public String description;
        public String type;
        public String method;
        public String status;
        /** EXCHANGING during an IP exchange, else null. */
        public String taskStatus;
        public String resumeMode;
        public String bandwidthLimitMb;
        public String networkType;
        public String vpcId;
        public String subnetId;
        public String securityGroupId;
        /** Created by CreateOnlineMigrationTask (the current, restartable kind). */
        public boolean v2;
        public Endpoint source;
        public Endpoint target;
        public String fileSource;
        public String bucketName;
        public String backupId;
        public List<FileItem> files = new ArrayList<>();
        public String createdAt;
        public String updatedAt;
        public String releasedAt;
        public String version;
        public String error;
        /** The full phase finished once (progress 100). */
        public boolean fullDone;
        /** The replication offset difference last measured (reported once the replication is gone). */
        public String lastOffset;
        public List<LogLine> logs = new ArrayList<>();

        boolean online() {
            return ONLINE.equals(type);
        }

        /** Replicating now: the target's redis-server follows the source. */
        boolean replicating() {
            return FULL_MIGRATING.equals(status) || INCR_MIGRATING.equals(status);
        }

        boolean active() {
            return replicating() || MIGRATING.equals(status) || TERMINATING.equals(status);
        }
    }

    /** The stored table. */
    public static final class Table {
        public Map<String, Task> byId = new LinkedHashMap<>();
    }

    private final Fleet fleet;

    MigrationTasks(Fleet fleet) {
        this.fleet = fleet;
    }

    private Table table() {
        return fleet.extensions().get(KEY, Table.class, Table::new);
    }

    Optional<Task> get(String id) {
        return Optional.ofNullable(table().byId.get(id));
    }

    /** All tasks, oldest first. */
    List<Task> all() {
        return new ArrayList<>(table().byId.values());
    }

    void put(Task task) {
        fleet.extensions().update(KEY, Table.class, Table::new, t -> {
            t.byId.put(task.id, task);
            return t;
        });
        fleet.changed();
    }

    /** Changes one task atomically; the changed copy, or empty when there is no such task. */
    Optional<Task> update(String id, Consumer<Task> change) {
        Task[] out = new Task[1];
        fleet.extensions().update(KEY, Table.class, Table::new, t -> {
            Task task = t.byId.get(id);
            if (task != null) {
                change.accept(task);
                out[0] = task;
            }
            return t;
        });
        if (out[0] != null) fleet.changed();
        return Optional.ofNullable(out[0]);
    }

    boolean remove(String id) {
        boolean[] removed = new boolean[1];
        fleet.extensions().update(KEY, Table.class, Table::new, t -> {
            removed[0] = t.byId.remove(id) != null;
            return t;
        });
        if (removed[0]) fleet.changed();
        return removed[0];
    }
}
