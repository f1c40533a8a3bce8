package io.cachesh.model;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates a seed under {@code <workspace>/shared/seeds}, the workspace being the parent of the project root. */
final class SeedFiles {

    private SeedFiles() {
    }

    static Path resolve(String file) {
        Path moduleDir = Path.of("").toAbsolutePath();
        Path projectRoot = moduleDir.getParent();
        if (projectRoot == null || projectRoot.getParent() == null) {
            throw new IllegalStateException("cannot locate the seed " + file + " from " + moduleDir
                    + " (expected <workspace>/main/models)");
        }
        Path seed = projectRoot.getParent().resolve("shared").resolve("seeds").resolve(file);
        if (!Files.isRegularFile(seed)) {
            throw new IllegalStateException("seed not found at " + seed + " (resolved from " + moduleDir + ")");
        }
        return seed;
    }
}
