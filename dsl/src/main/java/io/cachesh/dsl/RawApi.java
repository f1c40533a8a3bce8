package io.cachesh.dsl;

import java.util.List;
import java.util.Map;

/**
 * Raw typed access to every action of one API model: {@code tencent.redis.describeInstances(limit: 10)} calls
 * {@code TencentRedisClient.describeInstances(DescribeInstancesRequest)} with {@code Limit=10} and returns the typed
 * {@code DescribeInstancesResponse}. Named arguments use the lowerCamel (or exact wire) member names of the request;
 * unknown ones fail naming the allowed parameters. Mutating actions honour dry-run.
 */
public final class RawApi {

    private final String label;
    private final ModelClient client;

    public RawApi(String label, ModelClient client) {
        this.label = label;
        this.client = client;
    }

    /** Operation names as callable here (lowerCamel), for completion and help. */
    public List<String> operations() {
        return ModelArgs.operations(client.model());
    }

    /** Request parameters of one operation (lowerCamel). */
    public List<String> parameters(String operation) {
        String action = ModelArgs.action(client.model(), operation);
        if (action == null) throw unknown(operation);
        return ModelArgs.parameters(client.model(), action);
    }

    /** Calls {@code operation} with wire-named or lowerCamel parameters (Java callers). */
    public Object call(String operation, Map<?, ?> args) {
        String action = ModelArgs.action(client.model(), operation);
        if (action == null) throw unknown(operation);
        String opLabel = label + "." + ModelArgs.method(client.model(), action);
        Map<String, Object> wire = ModelArgs.toWire(client.model(), action, args == null ? Map.of() : args, opLabel);
        return client.invoke(action, wire);
    }

    /** Groovy: {@code tencent.redis.describeInstances(limit: 10)} or {@code ...describeInstances()}. */
    public Object methodMissing(String name, Object args) {
        Object[] list = args instanceof Object[] a ? a : new Object[] {args};
        String action = ModelArgs.action(client.model(), name);
        if (action == null) throw unknown(name);
        String opLabel = label + "." + ModelArgs.method(client.model(), action);
        if (list.length == 0) return call(action, Map.of());
        if (list.length == 1 && list[0] instanceof Map<?, ?> m) return call(action, m);
        throw new DslException(opLabel + ": expected named parameters, e.g. " + opLabel + "("
                + ModelArgs.parameters(client.model(), action).stream().findFirst().map(p -> p + ": ...").orElse("")
                + ")");
    }

    private DslException unknown(String name) {
        String near = ModelArgs.closest(name, operations());
        return new DslException(label + ": unknown operation '" + name + "'"
                + (near == null ? "" : " (did you mean " + near + "?)")
                + " (operations: " + String.join(", ", operations()) + ")");
    }

    @Override
    public String toString() {
        return label + " (" + operations().size() + " operations)";
    }
}
