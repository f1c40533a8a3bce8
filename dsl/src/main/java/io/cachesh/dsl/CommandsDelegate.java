package io.cachesh.dsl;

import groovy.lang.Closure;
import groovy.lang.GroovyObjectSupport;
import groovy.lang.MissingPropertyException;
import org.codehaus.groovy.runtime.InvokerHelper;

/**
 * The delegate of {@code connect(x) { }} blocks: the connection's commands and nothing else. The connections have a
 * {@code get(String)} command, which Groovy would otherwise use to answer every name the block reads — {@code params},
 * {@code tencent}, a runbook parameter — with a Redis or Memcached GET of that name, silently null. Here names go on
 * to the script, and only method calls reach the connection.
 */
final class CommandsDelegate extends GroovyObjectSupport {

    private final Object connection;

    private CommandsDelegate(Object connection) {
        this.connection = connection;
    }

    /** Runs {@code block} with {@code connection}'s commands as its delegate, then closes the connection. */
    static Object runOn(DataConnection connection, Closure<?> block) {
        try (connection) {
            Closure<?> c = (Closure<?>) block.clone();
            c.setResolveStrategy(Closure.DELEGATE_FIRST);
            c.setDelegate(new CommandsDelegate(connection));
            return c.getMaximumNumberOfParameters() == 0 ? c.call() : c.call(connection);
        }
    }

    @Override
    public Object invokeMethod(String name, Object args) {
        return InvokerHelper.invokeMethod(connection, name, args);
    }

    /** Never answers: the name is the script's (when the script has none either, it reads "unknown name"). */
    @Override
    public Object getProperty(String name) {
        throw new MissingPropertyException(name, RunbookScript.class);
    }

    @Override
    public void setProperty(String name, Object value) {
        throw new MissingPropertyException(name, RunbookScript.class);
    }
}
