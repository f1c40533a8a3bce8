package io.cachesh.shell.config;

import io.cachesh.dsl.DslOutput;
import io.cachesh.shell.repl.ShellEngine;

/** Opens an evaluation engine for some settings; the shell's is {@link Sessions}, tests pass fakes. */
@FunctionalInterface
public interface EngineFactory {

    ShellEngine open(ShellSettings settings, DslOutput output);
}
