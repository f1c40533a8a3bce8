package io.cachesh.emulator.tencent;

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

/** Every action group in the package is in the registry, each action is served by one group and is in the model. */
class TencentActionGroupsTest {

    @Test
    void everyGroupClassIsRegistered() throws Exception {
        Path dir = Path.of(TencentActionGroup.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("io/cachesh/emulator/tencent");
        Set<String> groupClasses = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$")).toList()) {
                String name = "io.cachesh.emulator.tencent." + f.getFileName().toString().replace(".class", "");
                Class<?> c = Class.forName(name);
                if (TencentActionGroup.class.isAssignableFrom(c) && c != TencentActionGroup.class) groupClasses.add(c.getSimpleName());
            }
        }
        Set<String> registered;
        try (Fleet fleet = fleet()) {
            TencentRedisProvider provider = new TencentRedisProvider(fleet, ProductCatalog.load());
            registered = new TreeSet<>(provider.groups().values());
        }
        assertThat(groupClasses).as("classes extending TencentActionGroup").isNotEmpty();
        assertThat(registered).as("groups in TencentActionGroups.ALL that register actions")
                .isEqualTo(groupClasses);
        assertThat(TencentActionGroups.ALL).hasSize(groupClasses.size());
    }

    @Test
    void everyImplementedActionIsInTheModel() throws Exception {
        ApiModel model = Models.load("tencent-redis");
        try (Fleet fleet = fleet()) {
            TencentRedisProvider provider = new TencentRedisProvider(fleet, ProductCatalog.load());
            List<String> unknown = provider.actions().stream().filter(a -> model.operation(a).isEmpty())
                    .collect(Collectors.toList());
            assertThat(unknown).as("actions the model lacks").isEmpty();
            assertThat(provider.actions()).contains("CreateInstances", "DescribeInstances", "ModfiyInstancePassword");
        }
    }

    private static Fleet fleet() throws Exception {
        return new Fleet(Duration.ZERO, Clock.systemUTC(), null, new RedisProcessManager(RedisBinary.unavailable("not needed")));
    }

}
