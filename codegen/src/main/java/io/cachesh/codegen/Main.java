package io.cachesh.codegen;

/** Placeholder: the generator replaces this. */
public final class Main {
    public static void main(String[] args) throws Exception {
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(args[0]));
    }
}
