package io.cachesh.dsl;

import groovy.lang.Binding;

/** The session's shared variables plus a link to its state (not a variable, so it never shows in listings). */
final class DslBinding extends Binding {

    final transient DslContext context;

    /** What the running runbook gave to {@code output} (reset by each {@link CacheshSession#run}). */
    transient Object runbookOutput;
    transient boolean hasRunbookOutput;

    DslBinding(DslContext context) {
        this.context = context;
    }
}
