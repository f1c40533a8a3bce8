package io.cachesh.shell.repl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.client.auth.Credentials;
import io.cachesh.dsl.DslOutput;
import io.cachesh.shell.config.ResolvedCredentials;
import io.cachesh.shell.config.Sessions;
import io.cachesh.shell.config.ShellSettings;
import io.cachesh.shell.render.ErrorMessages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code %provider huawei}: served by the embedded emulator, and a clear "what to configure" with vendor credentials. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProviderMagicTest {

    final StringWriter printed = new StringWriter();

    private CellSession cells(Sessions sessions) {
        PrintWriter out = new PrintWriter(printed, true);
        return new CellSession(ShellSettings.defaults(), sessions, Vocabulary::load, () -> out, DslOutput.SILENT, false)
                .emulator(sessions);
    }

    @Test
    void huaweiWithOnlyTencentCredentialsSaysWhatToConfigure() {
        var creds = Optional.of(new ResolvedCredentials(Credentials.of("AKIDonlyTencent", "tencent-secret"), "test"));
        try (Sessions sessions = new Sessions(creds, false); CellSession cells = cells(sessions)) {
            CellSession.Outcome o = cells.execute("%provider huawei");
            assertThat(o.failed()).isTrue();
            assertThat(ErrorMessages.message(o.error())).isEqualTo("huawei is not configured: set "
                    + "HUAWEICLOUD_SDK_AK/HUAWEICLOUD_SDK_SK or run cachesh configure --provider huawei; the embedded "
                    + "emulator serves huawei locally: %emulator start, then %provider huawei");
            assertThat(ErrorMessages.exitCode(o.error())).isEqualTo(ErrorMessages.USAGE);
            assertThat(cells.execute("%provider").failed()).isFalse();
            assertThat(printed.toString()).endsWith("provider: tencent\n");
        }
    }

    @Test
    void huaweiOnTheEmbeddedEmulatorWorks() {
        try (Sessions sessions = new Sessions(Optional.empty(), false); CellSession cells = cells(sessions)) {
            assertThat(cells.execute("%provider huawei").failed()).isFalse();
            CellSession.Outcome created = cells.execute("create name: 'orders-hw', spec: 'redis.ha', capacity: 1, password: 'Orders-Pass1'");
            assertThat(created.failed()).as(String.valueOf(created.error())).isFalse();
            CellSession.Outcome listed = cells.execute("list()*.name");
            assertThat(listed.failed()).as(String.valueOf(listed.error())).isFalse();
            assertThat(listed.result()).isEqualTo(List.of("orders-hw"));
        }
    }
}
