package io.cachesh.shell.repl;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import io.cachesh.dsl.DslException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A plain Groovy engine standing in for the DSL session: variables persist in the binding, {@code fail('msg')}
 * throws a {@link DslException}, {@code sleepForever()} blocks until interrupted.
 */
public final class GroovyTestEngine implements ShellEngine {

    private final Binding binding = new Binding();
    private final GroovyShell shell = new GroovyShell(binding);
    public volatile boolean closed;

    public GroovyTestEngine() {
        binding.setVariable("fail", new groovy.lang.Closure<Object>(this) {
            @Override
            public Object call(Object... args) {
                throw new DslException(String.valueOf(args[0]));
            }
        });
    }

    @Override
    public Object evaluate(String source) {
        return shell.evaluate(source);
    }

    @Override
    public Object run(Path script, Map<String, Object> params) {
        binding.setVariable("params", params);
        try {
            return shell.evaluate(script.toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public Binding binding() {
        return binding;
    }

    @Override
    public void close() {
        closed = true;
    }
}
