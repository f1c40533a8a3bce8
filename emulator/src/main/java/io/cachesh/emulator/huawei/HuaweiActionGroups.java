package io.cachesh.emulator.huawei;

import java.util.List;
import java.util.function.Function;

/**
 * THE registry of Huawei DCS operation groups: one line per group, each group in its own file. To add a group, write
 * {@code XxxActions extends HuaweiActionGroup} and add {@code XxxActions::new} below (sorted, one per line, so parallel
 * additions touch different lines). {@code HuaweiActionGroupsTest} fails when a group class in this package is missing
 * here or two groups register the same operation.
 */
final class HuaweiActionGroups {

    static final List<Function<HuaweiContext, HuaweiActionGroup>> ALL = List.of(
            AclAccountActions::new,
            BackgroundTaskActions::new,
            BackupActions::new,
            BackupLinkActions::new,
            CacheAnalysisActions::new,
            CatalogActions::new,
            ClientSessionActions::new,
            ConfigActions::new,
            ConfigHistoryActions::new,
            ConfigHistoryDetailActions::new,
            ConfigTemplateActions::new,
            DiagnosisActions::new,
            InstanceBandwidthActions::new,
            InstanceExportActions::new,
            InstanceLifecycleActions::new,
            JobActions::new,
            LogActions::new,
            MigrationActions::new,
            MinorVersionActions::new,
            MonitoredObjectActions::new,
            NetworkSecurityActions::new,
            PasswordActions::new,
            PublicAccessActions::new,
            QuotaActions::new,
            ResizeOrderActions::new,
            ShardReplicaActions::new,
            StatusActions::new,
            TagActions::new,
            WebCliActions::new
    );

    private HuaweiActionGroups() {
    }
}
