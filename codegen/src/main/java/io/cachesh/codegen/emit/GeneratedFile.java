package io.cachesh.codegen.emit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** One generated compilation unit. */
public record GeneratedFile(String packageName, String className, String content) {

    public String qualifiedName() {
        return packageName + "." + className;
    }

    /** {@code io/cachesh/client/x/Foo.java} */
    public String relativePath() {
        return packageName.replace('.', '/') + "/" + className + ".java";
    }

    /** Writes the file below {@code root}, leaving an identical existing file untouched (keeps incremental builds quiet). */
    public Path writeTo(Path root) throws IOException {
        Path file = root.resolve(relativePath());
        Files.createDirectories(file.getParent());
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (!Files.exists(file) || !java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
            Files.write(file, bytes);
        }
        return file;
    }
}
