package io.cachesh.emulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetStateFileTest {

    @TempDir
    Path dir;

    @Test
    void replacesTheFileWholeOwnerOnlyAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve(FleetState.FILE_NAME);
        FleetState.writeDurably(file, "{\"v\":1}".getBytes(StandardCharsets.UTF_8));
        FleetState.writeDurably(file, "{\"v\":2}".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.readString(file)).isEqualTo("{\"v\":2}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(FleetState.FILE_NAME);
        }
    }

    @Test
    void aStaleTemporaryFileFromAnEarlierCrashIsOverwrittenNotAppendedTo() throws Exception {
        Path file = dir.resolve(FleetState.FILE_NAME);
        Files.writeString(dir.resolve(FleetState.FILE_NAME + ".tmp"), "half a state file from before a crash, longer");
        FleetState.writeDurably(file, "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.readString(file)).isEqualTo("{}");
    }
}
