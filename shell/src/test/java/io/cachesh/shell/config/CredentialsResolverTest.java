package io.cachesh.shell.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsResolverTest {

    @TempDir
    Path home;

    private Path profile(String text, String mode) throws IOException {
        Path p = CredentialsResolver.profileIn(home);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        return p;
    }

    @Test
    void environmentComesFirst() throws IOException {
        profile("tencent.secretId=AKIDfile\ntencent.secretKey=filekey\n", "rw-------");
        var resolver = new CredentialsResolver(Map.of("TENCENTCLOUD_SECRET_ID", "AKIDenv", "TENCENTCLOUD_SECRET_KEY", "envkey"),
                CredentialsResolver.profileIn(home));
        ResolvedCredentials c = resolver.resolve("tencent").orElseThrow();
        assertThat(c.credentials().keyId()).isEqualTo("AKIDenv");
        assertThat(c.credentials().secret().reveal()).isEqualTo("envkey");
        assertThat(c.source()).isEqualTo("env TENCENTCLOUD_SECRET_ID");
    }

    @Test
    void theProfileIsReadWhenPrivate() throws IOException {
        Path p = profile("# cachesh\ntencent.secretId = AKIDfile\ntencent.secretKey = filekey\n", "rw-------");
        ResolvedCredentials c = new CredentialsResolver(Map.of(), p).resolve("tencent").orElseThrow();
        assertThat(c.credentials().keyId()).isEqualTo("AKIDfile");
        assertThat(c.credentials().secret().reveal()).isEqualTo("filekey");
        assertThat(c.source()).isEqualTo(p + " [default]");
    }

    @Test
    void aProfileReadableByOthersIsRefused() throws IOException {
        Path p = profile("tencent.secretId=AKIDfile\ntencent.secretKey=filekey\n", "rw-r--r--");
        assertThatThrownBy(() -> new CredentialsResolver(Map.of(), p).resolve("tencent"))
                .isInstanceOf(UsageException.class)
                .hasMessage(p + " is readable by other users (mode rw-r--r--): run chmod 600 " + p);
    }

    @Test
    void nothingConfiguredIsEmpty() {
        assertThat(new CredentialsResolver(Map.of(), CredentialsResolver.profileIn(home)).resolve("tencent")).isEmpty();
    }

    @Test
    void halfConfiguredIsAnError() {
        assertThatThrownBy(() -> new CredentialsResolver(Map.of("TENCENTCLOUD_SECRET_ID", "AKID"), null).resolve("tencent"))
                .hasMessage("set both TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (only TENCENTCLOUD_SECRET_ID is set)");
    }
}
