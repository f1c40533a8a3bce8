package io.cachesh.codegen;

import io.cachesh.model.ApiModel;
import io.cachesh.model.Models;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** {@code Main <outputDir>}: generates the clients of every model in {@link Models#SERVICES}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: io.cachesh.codegen.Main <outputDir>");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        CodeGenerator generator = new CodeGenerator();
        Set<Path> written = new HashSet<>();
        for (String service : Models.SERVICES) {
            ApiModel model = Models.load(service);
            List<Path> files = generator.write(model, out);
            written.addAll(files);
            System.out.println("cachesh codegen: " + service + " -> " + files.size() + " files in " + out);
        }
        removeStale(out, written);
    }

    /** Deletes generated files of shapes or models that no longer exist (the directory is the generator's own). */
    static void removeStale(Path out, Set<Path> written) throws IOException {
        if (!Files.isDirectory(out)) return;
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (!written.contains(file)) Files.delete(file);
            }
        }
    }
}
