package io.cachesh.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.emulator.dataplane.RedisBinary;
import io.cachesh.emulator.dataplane.RedisProcessManager;
import io.cachesh.emulator.fleet.Fleet;
import com.tencentcloudapi.redis.v20180412.RedisClient;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every action the emulator implements is driven through the official Tencent SDK by some {@code *SdkConformanceTest}
 * of this package (each declares {@code static final Set<String> SDK_DRIVEN} and asserts it really called them), or
 * is declared {@code NOT_IN_SDK} by one of them, or has no method in the SDK's {@code RedisClient} (SDK 3.1.667 is from
 * 2022; later actions cannot be driven through it). Action groups are added in parallel, each with its own conformance
 * test, so coverage is collected here rather than in one shared list.
 */
class SdkCoverageTest {

    @Test
    void everyImplementedActionIsDrivenThroughTheOfficialSdk() throws Exception {
        Set<String> driven = new TreeSet<>();
        Set<String> notInSdk = new TreeSet<>();
        Path dir = Path.of(SdkCoverageTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(SdkCoverageTest.class.getPackageName().replace('.', '/'));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("SdkConformanceTest.class")).toList()) {
                String name = file.getFileName().toString().replace(".class", "");
                Class<?> test = Class.forName(SdkCoverageTest.class.getPackageName() + "." + name);
                driven.addAll(setField(test, "SDK_DRIVEN"));
                notInSdk.addAll(setField(test, "NOT_IN_SDK"));
            }
        }
        assertThat(driven).as("no *SdkConformanceTest declares SDK_DRIVEN").isNotEmpty();

        Set<String> implemented;
        try (Fleet fleet = new Fleet(Duration.ZERO, Clock.systemUTC(), null,
                new RedisProcessManager(RedisBinary.unavailable("not needed")))) {
            implemented = new TreeSet<>(new TencentRedisProvider(fleet, ProductCatalog.load()).actions());
        }
        implemented.removeAll(notInSdk);
        // actions the 2022 SDK has no method for cannot be driven through it
        implemented.removeIf(action -> Arrays.stream(RedisClient.class.getMethods()).noneMatch(m -> m.getName().equals(action)));
        implemented.removeAll(driven);
        assertThat(implemented).as("implemented actions no *SdkConformanceTest drives through the official SDK").isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Set<String> setField(Class<?> test, String name) throws IllegalAccessException {
        try {
            Field field = test.getDeclaredField(name);
            field.setAccessible(true);
            return (Set<String>) field.get(null);
        } catch (NoSuchFieldException e) {
            return Set.of();
        }
    }
}
