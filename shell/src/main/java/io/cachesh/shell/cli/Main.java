package io.cachesh.shell.cli;

/** Placeholder entry point. */
public final class Main {
    public static void main(String[] args) {
    }
}
