package io.cachesh.shell.magic;

import io.cachesh.client.core.ClientConfig;
import io.cachesh.shell.config.UsageException;

/**
 * {@code %java <code>}: evaluates Java with the JShell API (local execution engine, in this JVM) with the typed
 * clients on its class path and a {@code config} variable: the {@link ClientConfig} of the session's provider
 * endpoint and credentials, e.g. {@code %java var c = io.cachesh.client.tencent.redis.TencentRedisClient.create(config)}.
 * JShell variables persist from cell to cell; the value of the last expression is the cell's result.
 */
public final class JavaMagic implements Magic {

    @Override
    public String name() {
        return "java";
    }

    @Override
    public String usage() {
        return "%java <code>          evaluate Java (JShell) with the typed clients and a ready `config`";
    }

    @Override
    public Object run(String args, MagicContext context) {
        if (args.isBlank()) throw new UsageException("usage: %java <java code>");
        ClientConfig config = context.engine().clientConfig().orElse(null);
        JShellCells java = context.java();
        return context.onWorker(() -> java.eval(args, config, context.out()));
    }
}
