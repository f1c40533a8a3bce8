package io.cachesh.emulator.huawei;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.emulator.dataplane.RedisBinary;
import io.cachesh.emulator.dataplane.RedisProcessManager;
import io.cachesh.emulator.fleet.Fleet;
import io.cachesh.model.ApiModel;
import io.cachesh.model.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every Huawei group in the package is in the registry, and every operation it serves is in its version's model. */
class HuaweiActionGroupsTest {

    @Test
    void everyGroupClassIsRegistered() throws Exception {
        Path dir = Path.of(HuaweiActionGroup.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("io/cachesh/emulator/huawei");
        Set<String> groupClasses = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$")).toList()) {
                Class<?> c = Class.forName("io.cachesh.emulator.huawei." + f.getFileName().toString().replace(".class", ""));
                if (HuaweiActionGroup.class.isAssignableFrom(c) && c != HuaweiActionGroup.class) groupClasses.add(c.getSimpleName());
            }
        }
        try (Fleet fleet = fleet()) {
            HuaweiDcsProvider provider = new HuaweiDcsProvider(fleet, HuaweiFlavors.standard(), "p");
            assertThat(groupClasses).isNotEmpty();
            assertThat(new TreeSet<>(provider.groups().values())).isEqualTo(groupClasses);
            assertThat(HuaweiActionGroups.ALL).hasSize(groupClasses.size());
        }
    }

    @Test
    void everyImplementedOperationIsInItsModel() throws Exception {
        try (Fleet fleet = fleet()) {
            HuaweiDcsProvider provider = new HuaweiDcsProvider(fleet, HuaweiFlavors.standard(), "p");
            for (String version : List.of("v2", "v1")) {
                ApiModel model = Models.load("v2".equals(version) ? "huawei-dcs-v2" : "huawei-dcs-v1");
                List<String> unknown = provider.operations(version).stream().filter(o -> model.operation(o).isEmpty())
                        .collect(Collectors.toList());
                assertThat(unknown).as(version + " operations the model lacks").isEmpty();
            }
            assertThat(provider.operations("v2")).contains("CreateInstance", "ListInstances", "ShowJobInfo", "CopyInstance");
            assertThat(provider.operations("v1")).contains("CreateInstance", "ExtendInstance", "BackupInstance");
        }
    }

    @Test
    void everyModelOperationIsImplemented() throws Exception {
        try (Fleet fleet = fleet()) {
            HuaweiDcsProvider provider = new HuaweiDcsProvider(fleet, HuaweiFlavors.standard(), "p");
            for (String version : List.of("v2", "v1")) {
                ApiModel model = Models.load("v2".equals(version) ? "huawei-dcs-v2" : "huawei-dcs-v1");
                List<String> missing = model.operations().keySet().stream()
                        .filter(o -> !provider.implementsOperation(version, o)).sorted().toList();
                assertThat(missing).as(version + " operations the emulator answers DCS.5501 for").isEmpty();
            }
        }
    }

    private static Fleet fleet() throws Exception {
        return new Fleet(Duration.ZERO, Clock.systemUTC(), null, new RedisProcessManager(RedisBinary.unavailable("not needed")));
    }
}
