package io.cachesh.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/support-matrix.md} is generated from the adapters' capabilities ({@link SupportMatrix}); this test fails
 * when the committed file differs and prints the new content. Refresh the file with
 * {@code ./mvnw -B -o -pl dsl test -Dtest=SupportMatrixTest -Dcachesh.writeSupportMatrix=true}.
 */
class SupportMatrixTest {

    @Test
    void theCommittedMatrixIsTheGeneratedOne() throws IOException {
        Path file = ScriptsTest.repoRoot().resolve("docs/support-matrix.md");
        String expected = SupportMatrix.markdown();
        if (Boolean.getBoolean("cachesh.writeSupportMatrix")) {
            Files.writeString(file, expected, StandardCharsets.UTF_8);
        }
        String actual = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        if (!actual.equals(expected)) {
            System.out.println("---- docs/support-matrix.md should be:\n" + expected + "---- end");
        }
        assertThat(actual).as("docs/support-matrix.md is stale; refresh it with ./mvnw -B -o -pl dsl test "
                + "-Dtest=SupportMatrixTest -Dcachesh.writeSupportMatrix=true (new content printed above)")
                .isEqualTo(expected);
    }

    @Test
    void everyVerbHasARowAndUnsupportedCellsSayNo() {
        String md = SupportMatrix.markdown(java.util.List.of(io.cachesh.dsl.tencent.TencentCacheService.CAPABILITIES,
                Capabilities.builder("other").verb(Verb.LIST).build()));
        for (Verb v : Verb.values()) assertThat(md).contains("| `" + v.word() + "` |");
        assertThat(md).contains("| `whitelist` | yes: security groups").contains("| **no** |");
        assertThat(md).contains("| `list` | yes: DescribeInstances; filters name, status, spec, tag | yes |");
    }
}
