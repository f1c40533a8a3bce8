package io.cachesh.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EmulatorMainTest {

    @Test
    void printsEndpointKeysAndDataPlane() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Emulator emulator = EmulatorMain.start(new String[] {"--port", "0", "--task-delay-ms", "50"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))) {
            String text = out.toString(StandardCharsets.UTF_8);
            assertThat(text).startsWith("cachesh emulator listening on " + emulator.endpoint() + "\n")
                    .contains("  SecretId:   AKIDcacheshEmulator0000000000000000\n")
                    .contains("  SecretKey:  cachesh-emulator-secret-key\n")
                    .contains("  Huawei DCS: AK AKIDcacheshEmulator0000000000000000 / SK cachesh-emulator-secret-key, "
                            + "project id 0000000000000000000000000000cach, region cn-north-4\n")
                    .contains("  Huawei IAM: user cachesh / password cachesh-emulator-password, domain cachesh")
                    .contains("  task delay: 50 ms\n")
                    .contains(emulator.dataPlaneAvailable() ? "  data plane: redis-server " : "  data plane: NOT AVAILABLE");
            assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        }
    }

    @Test
    void badArgumentsPrintUsage() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(EmulatorMain.start(new String[] {"--bogus"}, System.out, errStream)).isNull();
        assertThat(EmulatorMain.start(new String[] {"--port", "seventy"}, System.out, errStream)).isNull();
        assertThat(EmulatorMain.start(new String[] {"--port"}, System.out, errStream)).isNull();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --bogus").contains("bad value for --port")
                .contains("usage: EmulatorMain --port N [--state DIR] [--task-delay-ms N]");
    }
}
