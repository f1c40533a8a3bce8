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
        return CacheshSession.builder().provider(settings()).defaultProvider("tencent").output(out).build();
    }
}
