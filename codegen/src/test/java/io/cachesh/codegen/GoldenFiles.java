package io.cachesh.codegen;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares generated text with a golden file in {@code src/test/resources/io/cachesh/codegen/spec/}. On a
 * mismatch the failure prints both whole texts. Run with {@code -Dcachesh.golden.update=true} to rewrite the
 * golden files after an intended change (then review the diff).
 */
final class GoldenFiles {

    static final String ROOT = "spec/";

    private GoldenFiles() {
    }

    static void assertMatches(String golden, String actual) throws IOException {
        if (Boolean.getBoolean("cachesh.golden.update")) {
            Path file = Path.of("src/test/resources/io/cachesh/codegen/" + ROOT + golden);
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        String expected;
        try (InputStream in = GoldenFiles.class.getResourceAsStream(ROOT + golden)) {
            if (in == null) {
                fail("no golden file " + ROOT + golden + " (run with -Dcachesh.golden.update=true to create it); actual:\n" + actual);
                return;
            }
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!expected.equals(actual)) {
            fail("generated text differs from golden file " + ROOT + golden + " (first difference at line "
                    + firstDifferentLine(expected, actual) + ")\n"
                    + "===== expected =====\n" + expected + "\n===== actual =====\n" + actual + "\n===== end =====");
        }
    }

    static int firstDifferentLine(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.min(e.length, a.length); i++) {
            if (!e[i].equals(a[i])) return i + 1;
        }
        return Math.min(e.length, a.length) + 1;
    }
}
