package io.cachesh.shell.call;

import io.cachesh.client.core.ClientConfig;
import io.cachesh.model.ApiModel;
import io.cachesh.shell.config.UsageException;
import java.lang.reflect.InvocationTargetException;

/** The generated typed client a model names ({@code <javaPackage>.<clientName>Client.create(config)}). */
public final class RawClients {

    private RawClients() {
    }

    public static AutoCloseable create(ApiModel model, ClientConfig config) {
        String name = model.javaPackage() + "." + model.clientName() + "Client";
        try {
            Class<?> type = Class.forName(name, true, RawClients.class.getClassLoader());
            return (AutoCloseable) type.getMethod("create", ClientConfig.class).invoke(null, config);
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException(model.service() + ": generated client " + name + " is not usable: " + e, e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException bad) throw new UsageException(bad.getMessage());
            if (cause instanceof RuntimeException re) throw re;
            throw new IllegalStateException(cause);
        }
    }
}
