package io.cachesh.dsl;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachesh.model.ApiModel;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Calls any action of a generated typed client by its model name with wire-named parameters: the parameters are
 * converted to the request class with Jackson, the typed response is returned. One path for every call the DSL
 * makes, so dry-run and logging apply uniformly: in dry-run mode, mutating actions are printed (secrets masked)
 * and return null; reading actions run.
 */
public final class ModelClient implements AutoCloseable {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final ApiModel model;
    private final Supplier<Object> clientFactory;
    private final BooleanSupplier dryRun;
    private final DslOutput output;
    private final Map<String, Method> methods = new LinkedHashMap<>();
    private Object client;
    private Class<?> clientInterface;

    public ModelClient(ApiModel model, Supplier<Object> clientFactory, BooleanSupplier dryRun, DslOutput output) {
        this.model = Objects.requireNonNull(model, "model == null");
        this.clientFactory = Objects.requireNonNull(clientFactory, "clientFactory == null");
        this.dryRun = dryRun;
        this.output = output;
    }

    public ApiModel model() {
        return model;
    }

    public boolean has(String action) {
        return model.operations().containsKey(action);
    }

    public boolean dryRun() {
        return dryRun.getAsBoolean();
    }

    /** Typed response of {@code action}, or null for a mutating action in dry-run mode. */
    public Object invoke(String action, Map<String, ?> wireParams) {
        if (dryRun.getAsBoolean() && !ModelArgs.isReadOnly(action)) {
            output.info("dry-run: " + action + " " + ModelArgs.masked(wireParams));
            return null;
        }
        Method method = method(action);
        Object request = MAPPER.convertValue(wireParams, method.getParameterTypes()[0]);
        try {
            return method.invoke(client(), request);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(action + " failed: " + cause, cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(action + ": " + e, e);
        }
    }

    /** The response as a JSON tree (wire names), or null for a mutating action in dry-run mode. */
    public JsonNode call(String action, Map<String, ?> wireParams) {
        Object response = invoke(action, wireParams);
        return response == null ? null : MAPPER.valueToTree(response);
    }

    /** The typed client (created on first use). */
    public synchronized Object client() {
        if (client == null) client = clientFactory.get();
        return client;
    }

    private synchronized Method method(String action) {
        Method cached = methods.get(action);
        if (cached != null) return cached;
        if (clientInterface == null) clientInterface = clientInterface(model);
        String name = ModelArgs.method(model, action);
        for (Method m : clientInterface.getMethods()) {
            if (m.getName().equalsIgnoreCase(name) && m.getParameterCount() == 1
                    && !java.util.function.Consumer.class.isAssignableFrom(m.getParameterTypes()[0])) {
                methods.put(action, m);
                return m;
            }
        }
        throw new DslException(model.service() + ": the client has no operation " + name
                + " (the generated client is older than the model?)");
    }

    /** The generated client interface named by the model: {@code io.cachesh.client.tencent.redis.TencentRedisClient}. */
    static Class<?> clientInterface(ApiModel model) {
        String name = model.javaPackage() + "." + model.clientName() + "Client";
        try {
            return Class.forName(name, true, ModelClient.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new DslException(model.service() + ": generated client " + name + " is not on the classpath");
        }
    }

    @Override
    public synchronized void close() {
        if (client instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                output.warn(model.service() + ": closing the client failed: " + e.getMessage());
            }
        }
        client = null;
    }
}
