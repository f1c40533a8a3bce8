package io.cachesh.jenkins;

import groovy.lang.Script;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Jenkins keeps outside the saved program during a build: the environment ({@code env}, changed by
 * {@code withCredentials}/{@code withEnv}) and the library's global variables ({@code vars/x.groovy} as {@code x}),
 * looked up by name on each use, as Jenkins' CpsScript does.
 */
public final class PipelineContext {

    private static volatile PipelineContext current;

    private final Map<String, Object> env;
    private final Map<String, Script> globals = new LinkedHashMap<>();

    PipelineContext(Map<String, Object> env) {
        this.env = new LinkedHashMap<>(env);
    }

    static void start(PipelineContext context) {
        current = context;
    }

    public static PipelineContext current() {
        if (current == null) throw new IllegalStateException("no pipeline is running");
        return current;
    }

    public Map<String, Object> getEnv() {
        return env;
    }

    void global(String name, Script script) {
        globals.put(name, script);
    }

    /** The global variable {@code name}, or null. */
    public Script global(String name) {
        return globals.get(name);
    }
}
