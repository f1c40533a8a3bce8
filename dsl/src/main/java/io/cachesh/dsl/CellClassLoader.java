package io.cachesh.dsl;

import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyCodeSource;
import groovy.lang.GroovyShell;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.runtime.InvokerHelper;

/**
 * Compiles a session's cells and runbooks so that their classes can be collected (bench {@code MemoryRun}: heap grew
 * about 18 KB a cell). Groovy defines each compilation's classes in a loader of its own (an {@code InnerLoader}) but
 * also keeps every class, by name, in this loader's class cache, so that later compilations can see them. After a
 * unit ran, {@link #release} leaves in the cache only the units that declare types (a {@code class}, {@code enum},
 * {@code interface} or {@code trait}) later cells may use; the classes of any other unit stay alive only while
 * something refers to them, such as a closure kept in a variable.
 */
final class CellClassLoader extends GroovyClassLoader {

    /**
     * One compiled cell or runbook: its main class (the script, or the first type of a unit without statements),
     * every class the compilation defined, and the name of its script class.
     */
    record Unit(Class<?> main, List<Class<?>> classes, String script) {

        /** True when the unit declares a type of its own besides the script and the script's closures. */
        boolean declaresTypes() {
            for (Class<?> c : classes) {
                if (!c.getName().equals(script) && !c.getName().startsWith(script + "$")) return true;
            }
            return false;
        }
    }

    private final Supplier<CompilerConfiguration> config;
    /** The script class name of the unit being compiled (see {@link #compile}). */
    private String scriptClassName;

    /**
     * {@code config} is asked for a new configuration for every unit: a configuration's import customizer keeps the
     * class nodes of its imports, which the first unit to resolve them ties to itself (and so to all its classes).
     */
    CellClassLoader(ClassLoader parent, Supplier<CompilerConfiguration> config) {
        super(parent, config.get());
        this.config = config;
    }

    @Override
    protected CompilationUnit createCompilationUnit(CompilerConfiguration ignored, CodeSource source) {
        CompilerConfiguration unitConfig = config.get();
        // null when Groovy compiles a script file it found on the class path itself: it keeps its own name
        if (scriptClassName != null) unitConfig.addCompilationCustomizers(new ScriptClassName(scriptClassName));
        return super.createCompilationUnit(unitConfig, source);
    }

    /**
     * Compiles {@code source} as the file {@code fileName} (the name errors and stack traces show) with the script
     * class named {@code scriptClassName}. Cells all share one script class name: every name of a class Groovy or the
     * JDK asks the class loaders for ({@code cachesh_cellBeanInfo}, {@code Cell12BeanInfo} before,
     * {@code groovy.runtime.metaclass.cachesh_cellMetaClass}, {@code cachesh_cell$tencent}) stays for good in the application class loader's table of class-loading locks, so a
     * name numbered per cell grew that table with every cell.
     */
    synchronized Unit compile(String source, String fileName, String scriptClassName) {
        Class<?> main;
        this.scriptClassName = scriptClassName;
        try {
            main = parseClass(new GroovyCodeSource(source, fileName, GroovyShell.DEFAULT_CODE_BASE), false);
        } finally {
            this.scriptClassName = null;
        }
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> c : getLoadedClasses()) {
            if (c.getClassLoader() == main.getClassLoader()) classes.add(c);
        }
        return new Unit(main, List.copyOf(classes), scriptClassName);
    }

    /**
     * Forgets what Groovy's runtime cached for the unit's classes (meta classes, class infos, bean introspection:
     * a script class's meta class indexes every DSL method, about 70 KB) and, unless the unit declares types, drops
     * its classes from the class cache. A class used again gets a new meta class.
     */
    void release(Unit unit) {
        boolean keep = unit.declaresTypes();
        for (Class<?> c : unit.classes()) {
            InvokerHelper.removeClass(c);
            // only if the entry is still this unit's: a later unit may have cached a class of the same name
            if (!keep && getClassCacheEntry(c.getName()) == c) removeClassCacheEntry(c.getName());
        }
    }

    /** Names the script class of a unit (by default it is named after the file). */
    private static final class ScriptClassName extends CompilationCustomizer {
        private final String name;

        ScriptClassName(String name) {
            super(CompilePhase.CONVERSION);
            this.name = name;
        }

        @Override
        public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
            if (classNode.isScript()) classNode.setName(name);
        }
    }
}
