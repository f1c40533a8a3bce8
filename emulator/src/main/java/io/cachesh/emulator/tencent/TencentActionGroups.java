package io.cachesh.emulator.tencent;

import java.util.List;
import java.util.function.Function;

/**
 * THE registry of Tencent Redis action groups: one line per group, each group in its own file. To add a group, write
 * {@code XxxActions extends TencentActionGroup} and add {@code XxxActions::new} below (keep the list sorted, one per
 * line, so parallel additions touch different lines). {@code TencentActionGroupsTest} fails when a group class in this
 * package is missing here or two groups register the same action.
 */
final class TencentActionGroups {

    static final List<Function<TencentContext, TencentActionGroup>> ALL = List.of(
            AccountActions::new,
            BackupActions::new,
            BackupPolicyActions::new,
            BandwidthActions::new,
            CloneActions::new,
            ClusterActions::new,
            ConnectionConfigActions::new,
            EventActions::new,
            InstanceInfoActions::new,
            InstanceLifecycleActions::new,
            InstanceQueryActions::new,
            LogDeliveryActions::new,
            MaintenanceActions::new,
            MonitorActions::new,
            NetworkActions::new,
            NodeActions::new,
            ParamActions::new,
            ParamTemplateActions::new,
            PasswordAndDataActions::new,
            PriceActions::new,
            ProductActions::new,
            ReadonlyActions::new,
            ReplicationGroupActions::new,
            SecurityGroupActions::new,
            SlowLogActions::new,
            SslActions::new,
            TaskActions::new,
            VersionActions::new,
            ZoneActions::new
    );

    private TencentActionGroups() {
    }
}
