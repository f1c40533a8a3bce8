package io.cachesh.shell.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example files of docs/credentials.md read as the page says. */
class CredentialsDocsTest {

    @TempDir
    Path home;

    private static List<String> iniBlocks() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docs/credentials.md"))) dir = dir.getParent();
        assertThat(dir).as("docs/credentials.md above the working directory").isNotNull();
        String docs = Files.readString(dir.resolve("docs/credentials.md"));
        List<String> blocks = new ArrayList<>();
        for (int at = docs.indexOf("```ini\n"); at >= 0; at = docs.indexOf("```ini\n", at + 1)) {
            int start = at + "```ini\n".length();
            blocks.add(docs.substring(start, docs.indexOf("```", start)));
        }
        return blocks;
    }

    @Test
    void theExampleFilesMeanWhatThePageSays() throws IOException {
        List<String> blocks = iniBlocks();
        assertThat(blocks).hasSize(2);
        ProfileFiles files = ProfileFiles.in(home);
        Files.createDirectories(files.config().getParent());
        Files.writeString(files.config(), blocks.get(0));
        Files.writeString(files.credentials(), blocks.get(1));
        Files.setPosixFilePermissions(files.credentials(), PosixFilePermissions.fromString("rw-------"));
        ConfigResolver resolver = new ConfigResolver(Map.of(), files);

        ResolvedConfig byDefault = resolver.resolve(ConfigOverrides.NONE);
        assertThat(byDefault.settings().provider()).isEqualTo("tencent");
        assertThat(byDefault.settings().region()).isEqualTo("ap-guangzhou");
        assertThat(byDefault.settings().output()).isEqualTo(OutputFormat.TABLE);
        assertThat(byDefault.selectedCredentials().orElseThrow().credentials().keyId())
                .isEqualTo("AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA");

        ResolvedConfig prod = resolver.resolve(new ConfigOverrides("prod", null, null, null, null, null, null, null, null));
        assertThat(prod.settings().region()).isEqualTo("ap-shanghai");
        assertThat(prod.settings().output()).isEqualTo(OutputFormat.JSON);
        assertThat(prod.settings().endpoint()).isEqualTo("https://redis.tencentcloudapi.com");
        assertThat(prod.selectedCredentials().orElseThrow().credentials().token()).isNotNull();
        assertThat(prod.regionOf("huawei")).isEqualTo("cn-east-3");
        assertThat(prod.optionsOf("huawei")).containsEntry("projectId", "0a1b2c3d4e5f60718293a4b5c6d7e8f9")
                .containsKeys("vpcId", "subnetId");
        assertThat(prod.credentialsOf("huawei")).isPresent();
        assertThat(prod.credentialsOf("capitalonline")).isPresent();
    }
}
