package io.cachesh.client.internal;

import io.cachesh.client.core.Interceptor;

/** Builds the protocol's HTTP request for this attempt and signs it, with the timestamp of this attempt. */
public final class SigningInterceptor implements Interceptor {

    private final Protocol protocol;

    public SigningInterceptor(Protocol protocol) {
        this.protocol = protocol;
    }

    @Override
    public Object intercept(Chain chain) {
        return chain.proceed(chain.request().newBuilder().httpRequest(protocol.sign(chain.request())).build());
    }

    @Override
    public String toString() {
        return "SigningInterceptor[" + protocol + "]";
    }
}
