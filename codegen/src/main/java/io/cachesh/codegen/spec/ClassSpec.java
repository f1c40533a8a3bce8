package io.cachesh.codegen.spec;

import io.cachesh.codegen.emit.GeneratedFile;

/** One generated artifact: a compilation unit derived from (part of) a model. */
public interface ClassSpec {

    String packageName();

    String className();

    GeneratedFile generate();
}
