package io.cachesh.client.debug;

import io.cachesh.client.core.Interceptor;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * {@code --dry-run} for raw calls: a network interceptor that hands the signed request ({@link WireFormat}, secrets
 * masked) to a consumer and answers with an empty response instead of sending it. Nothing reaches the server.
 */
public final class DryRunInterceptor implements Interceptor {

    private final Consumer<String> out;

    public DryRunInterceptor(Consumer<String> out) {
        this.out = Objects.requireNonNull(out, "out == null");
    }

    @Override
    public Object intercept(Chain chain) {
        out.accept(WireFormat.request(chain.request().httpRequest()));
        return chain.request().bind("{}");
    }

    @Override
    public String toString() {
        return "DryRunInterceptor";
    }
}
