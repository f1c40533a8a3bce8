package io.cachesh.dsl;

import io.cachesh.emulator.Emulator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One in-process emulator per test class, with a short task delay; sessions talk to it with its credentials. */
abstract class EmulatorTestSupport {

    static Emulator emulator;

    @BeforeAll
    static void startEmulator() throws Exception {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(100)).build().start();
    }

    @AfterAll
    static void stopEmulator() {
        if (emulator != null) emulator.close();
    }

    /** Huawei DCS on the emulator: its AK/SK (the same key pair), its project id, cn-north-4. */
    static ProviderSettings huaweiSettings() {
        return ProviderSettings.huawei(emulator.credentials(), emulator.huaweiProjectId(),
                        "5e37b3be-950a-48e1-b498-65b63d336481", "a4112635-3ec0-471c-95c3-5cf49b9533af")
                .withOption(io.cachesh.dsl.huawei.HuaweiMemcachedService.SECURITY_GROUP_ID, "sg-test")
                .withEndpoint(emulator.endpoint()).withTaskTimeout(Duration.ofSeconds(60));
    }

    /** CapitalOnline on the emulator: any VDC and pipe ids, site CN_Beijing_H. */
    static ProviderSettings capitalOnlineSettings() {
        return ProviderSettings.capitalOnline(emulator.credentials(), "vdc-test", "pipe-test")
                .withOption(ProviderSettings.SITE, "CN_Beijing_H")
                .withEndpoint(emulator.endpoint()).withTaskTimeout(Duration.ofSeconds(60));
    }

    static ProviderSettings settings() {
        return ProviderSettings.tencent(emulator.credentials()).withEndpoint(emulator.endpoint())
                .withTaskTimeout(Duration.ofSeconds(60));
    }

    /** Collects progress lines (and echoes them, handy when a test fails). */
    static class RecordingOutput implements DslOutput {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final List<String> warnings = new CopyOnWriteArrayList<>();

        @Override
        public void info(String line) {
            lines.add(line);
            System.out.println("  | " + line);
        }

        @Override
        public void warn(String line) {
            warnings.add(line);
            System.out.println("  ! " + line);
        }
    }

    static CacheshSession session(RecordingOutput out) {
        return CacheshSession.builder().provider(settings()).provider(huaweiSettings())
                .provider(capitalOnlineSettings()).defaultProvider("tencent").output(out).build();
    }
}
