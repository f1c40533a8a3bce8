package io.cachesh.emulator.huawei;

import io.cachesh.emulator.fleet.Fleet;
import io.cachesh.emulator.fleet.Instance;
import java.util.Map;
import java.util.Set;

/**
 * Which operations apply to a Memcached instance, and the seed's answer to the others. Memcached instances are created
 * by the v1 API only (the historical API, 2025 seed 8.1.1); the v2 operations that address one instance and are not
 * engine-neutral (analyses, ACL, SSL, sessions, shards, Web-CLI, ...) are refused before their handler runs, with the
 * most specific code of the seeds' error tables: backups {@code DCS.4095}/{@code 111400095} "the system is not
 * support backup and restore" (2020 seed l.2509), big keys {@code DCS.4919} (2025 seed l.23969), SSL
 * {@code DCS.4201} (l.32149), client sessions {@code DCS.4848}, and otherwise {@code DCS.4007} "Instance type is not
 * supported" (2025 seed l.42696; {@code 111400007}, 2020 seed l.2451). Flushing (RestartOrFlushInstances {@code flush}) is for
 * Redis 4.0/5.0 only (2020 seed l.1053) and answers {@code DCS.4027}/{@code 111400027}: see {@link #flushRefused}.
 */
final class MemcachedRules {

    /** Operations that address a Memcached instance the same way as a Redis one. */
    private static final Set<String> V2_APPLIES = Set.of("ListInstances", "ShowInstance", "DeleteSingleInstance",
            "UpdateInstance", "ResizeInstance", "UpdatePassword", "ResetPassword", "ListConfigurations",
            "UpdateConfigurations", "UpdateInstanceConfig", "ListConfigHistories", "ShowConfigHistoryDetail",
            "ListBackupRecords", "ListRestoreRecords", "DeleteBackupFile", "BatchCreateOrDeleteTags", "ShowTags",
            "ListBackgroundTask", "DeleteBackgroundTask", "ShowBackgroundTaskProgress", "ListFlavors",
            "ExportInstancesTask", "ListMonitoredObjectsOfInstance", "ListInstanceOperations");
    private static final Set<String> V1_REFUSED = Set.of("BackupInstance", "RestoreInstance");

    /** The refusal code by operation (v2 code; the v1 one is its {@code 111400xxx} twin); others DCS.4007. */
    private static final Map<String, String> CODES = Map.ofEntries(
            Map.entry("CopyInstance", "DCS.4095"), Map.entry("BackupInstance", "DCS.4095"),
            Map.entry("RestoreInstance", "DCS.4095"),
            Map.entry("ListBackupFileLinks", "DCS.4095"),
            Map.entry("CreateBigkeyScanTask", "DCS.4919"), Map.entry("ListBigkeyScanTasks", "DCS.4919"),
            Map.entry("ShowBigkeyScanTaskDetails", "DCS.4919"), Map.entry("DeleteBigkeyScanTask", "DCS.4919"),
            Map.entry("UpdateBigkeyAutoscanConfig", "DCS.4919"), Map.entry("ShowBigkeyAutoscanConfig", "DCS.4919"),
            Map.entry("UpdateSslSwitch", "DCS.4201"), Map.entry("ShowInstanceSslDetail", "DCS.4201"),
            Map.entry("DownloadSslCert", "DCS.4201"),
            Map.entry("ScanClients", "DCS.4848"), Map.entry("ListClients", "DCS.4848"),
            Map.entry("HangUpClients", "DCS.4848"), Map.entry("HangUpKillAllClients", "DCS.4848"));
    private static final Map<String, String> MESSAGES = Map.of(
            "DCS.4095", "the system is not support backup and restore",
            "DCS.4919", "Does not support bigkey analyze",
            "DCS.4201", "Do not support SSL",
            "DCS.4848", "Client Management is not supported",
            "DCS.4007", "Instance type is not supported");

    private MemcachedRules() {
    }

    static boolean memcached(Instance i) {
        return Fleet.MEMCACHED.equals(i.engine());
    }

    /** Whether {@code operation} of {@code version} applies to a Memcached instance. */
    static boolean applies(String version, String operation) {
        return "v1".equals(version) ? !V1_REFUSED.contains(operation) : V2_APPLIES.contains(operation);
    }

    /** The seed's refusal of {@code operation} on the Memcached instance {@code id}. */
    static HuaweiException refused(String operation, String id) {
        String v2 = CODES.getOrDefault(operation, "DCS.4007");
        String v1 = "111400" + v2.substring(5);
        return new HuaweiException(v2, v1, 400, MESSAGES.get(v2) + ": " + operation + " does not apply to the Memcached "
                + "instance " + id + ".");
    }

    /** RestartOrFlushInstances {@code flush} of a Memcached instance: flushing is for Redis 4.0/5.0 only. */
    static HuaweiException flushRefused(String id) {
        return new HuaweiException("DCS.4027", "111400027", 400, "This operation is not supported on this node: " + id
                + " is a Memcached instance, and only Redis 4.0 and later instances can be flushed (action flush).");
    }
}
