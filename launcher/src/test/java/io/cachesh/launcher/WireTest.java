package io.cachesh.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wire format through a real channel, and which variables travel and which the daemon never holds. */
class WireTest {

    @TempDir
    Path tmp;

    @Test
    void framesAndCallsSurviveAChannel() throws IOException {
        Pipe pipe = Pipe.open();
        Wire.Call call = new Wire.Call("v1|/x.jar:1:2", "/work", true, List.of("-e", "println 'é'"),
                Map.of("TENCENTCLOUD_SECRET_KEY", "s3cret", "NO_COLOR", "1"));
        Wire.write(pipe.sink(), Wire.CALL, call.encode());
        Wire.writeInt(pipe.sink(), Wire.EXIT, 130);
        pipe.sink().close();

        Wire.Frame first = Wire.read(pipe.source());
        assertThat(first.type()).isEqualTo(Wire.CALL);
        assertThat(Wire.Call.decode(first.payload())).isEqualTo(call);
        assertThat(call.toString()).doesNotContain("s3cret").doesNotContain("println");
        assertThat(Wire.read(pipe.source()).asInt()).isEqualTo(130);
        assertThat(Wire.read(pipe.source())).isNull();
    }

    @Test
    void aFrameCutShortIsAnError() throws IOException {
        Pipe pipe = Pipe.open();
        pipe.sink().write(java.nio.ByteBuffer.wrap(new byte[] {Wire.STDOUT, 0, 0, 0, 9, 'a'}));
        pipe.sink().close();
        assertThatThrownBy(() -> Wire.read(pipe.source())).isInstanceOf(EOFException.class);
    }

    @Test
    void credentialsTravelWithTheCallButNeverIntoTheDaemonsOwnEnvironment() {
        assertThat(DaemonDir.forwarded("TENCENTCLOUD_SECRET_KEY")).isTrue();
        assertThat(DaemonDir.forwarded("CACHESH_DAEMON_IDLE")).isTrue();
        assertThat(DaemonDir.forwarded("NO_COLOR")).isTrue();
        assertThat(DaemonDir.forwarded("AWS_PROFILE")).isFalse();
        assertThat(DaemonDir.credential("TENCENTCLOUD_SECRET_ID")).isTrue();
        assertThat(DaemonDir.credential("HUAWEICLOUD_SDK_SK")).isTrue();
        assertThat(DaemonDir.credential("GITHUB_TOKEN")).isTrue();
        assertThat(DaemonDir.credential("CACHESH_DAEMON_DIR")).isFalse();
    }

    @Test
    void onlyAPrivateDirectoryIsUsed() throws IOException {
        DaemonDir dir = new DaemonDir(tmp.resolve("d"));
        dir.create();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.path()))).isEqualTo("rwx------");
        assertThat(dir.refusal()).isNull();
        Files.setPosixFilePermissions(dir.path(), PosixFilePermissions.fromString("rwxr-x---"));
        assertThat(dir.refusal()).isEqualTo(dir.path() + " has mode rwxr-x--- (must be rwx------)");
    }

    @Test
    void theDirectoryFollowsTheEnvironment() {
        assertThat(DaemonDir.of(Map.of("CACHESH_DAEMON_DIR", "/tmp/x")).path()).isEqualTo(Path.of("/tmp/x"));
        assertThat(DaemonDir.of(Map.of("XDG_RUNTIME_DIR", tmp.toString())).path()).isEqualTo(tmp.resolve("cachesh"));
        assertThat(DaemonDir.of(Map.of("HOME", "/home/me", "XDG_RUNTIME_DIR", "/nonexistent")).path())
                .isEqualTo(Path.of("/home/me/.cachesh/daemon"));
    }
}
