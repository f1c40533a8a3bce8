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
            BackupActions::new,
            BackupLinkActions::new,
            CatalogActions::new,
            ConfigActions::new,
            ConfigHistoryActions::new,
            InstanceLifecycleActions::new,
            JobActions::new,
            MigrationActions::new,
            PasswordActions::new,
            StatusActions::new,
            TagActions::new
    );

    private HuaweiActionGroups() {
    }
}
