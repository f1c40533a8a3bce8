package io.cachesh.shell.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burt.jmespath.Expression;
import io.burt.jmespath.JmesPath;
import io.burt.jmespath.JmesPathException;
import io.burt.jmespath.jackson.JacksonRuntime;
import io.cachesh.shell.config.UsageException;
import java.util.Objects;

/**
 * A {@code --query}: a JMESPath expression (as tccli's {@code --filter}, KooCLI's {@code --cli-query} and the AWS
 * CLI's {@code --query}) applied to the JSON form of a result, e.g. {@code InstanceSet[].InstanceId} on a raw
 * {@code describeInstances} answer or {@code [?status=='running'].name} on {@code list()}. Immutable, thread-safe.
 */
public final class Query {

    private static final JmesPath<JsonNode> JMESPATH = new JacksonRuntime();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String source;
    private final Expression<JsonNode> expression;

    private Query(String source, Expression<JsonNode> expression) {
        this.source = source;
        this.expression = expression;
    }

    /**
     * Compiles an expression.
     *
     * @throws UsageException one line naming the expression and what is wrong with it
     */
    public static Query parse(String source) {
        if (source == null || source.isBlank()) {
            throw new UsageException("empty --query: give a JMESPath expression such as InstanceSet[].InstanceId");
        }
        try {
            return new Query(source.strip(), JMESPATH.compile(source.strip()));
        } catch (JmesPathException e) {
            throw new UsageException("malformed --query '" + source.strip() + "': " + firstLine(e.getMessage())
                    + " (a JMESPath expression such as InstanceSet[].InstanceId, see docs/output.md)");
        }
    }

    /** The expression as given. */
    public String source() {
        return source;
    }

    /**
     * The part of {@code result} the expression selects, as plain data (maps, lists, strings, numbers, booleans), or
     * null when it selects nothing.
     */
    public Object apply(Object result) {
        JsonNode input = MAPPER.valueToTree(Values.toPlain(result));
        JsonNode selected;
        try {
            selected = expression.search(input);
        } catch (JmesPathException e) {
            throw new UsageException("--query '" + source + "' failed: " + firstLine(e.getMessage()));
        }
        if (selected == null || selected.isNull() || selected.isMissingNode()) return null;
        return MAPPER.convertValue(selected, Object.class);
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) return "invalid expression";
        return message.strip().lines().findFirst().orElse("").strip();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Query q && q.source.equals(source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source);
    }

    @Override
    public String toString() {
        return source;
    }
}
