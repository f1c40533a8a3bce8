package io.cachesh.client.internal;

import io.cachesh.client.core.ApiRequest;
import io.cachesh.client.core.Interceptor;
import io.cachesh.client.error.TransportException;
import java.io.IOException;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** The last stage: sends the signed request once and lets the protocol read the answer. Never proceeds. */
public final class CallServerInterceptor implements Interceptor {

    private final OkHttpClient http;
    private final Protocol protocol;
    private final String url;

    public CallServerInterceptor(OkHttpClient http, Protocol protocol, String url) {
        this.http = http;
        this.protocol = protocol;
        this.url = url;
    }

    @Override
    public Object intercept(Chain chain) {
        ApiRequest request = chain.request();
        if (request.httpRequest() == null) throw new IllegalStateException("CallServerInterceptor needs a signed request");
        try (Response response = http.newCall(request.httpRequest()).execute()) {
            ResponseBody body = response.body();
            return protocol.read(request, response.code(), response.message(), response.headers(), body);
        } catch (IOException e) {
            throw new TransportException(request.service() + " " + request.operation().name(), url, e,
                    request.operation().idempotent(), Duration.ofMillis(http.readTimeoutMillis()));
        }
    }

    @Override
    public String toString() {
        return "CallServerInterceptor";
    }
}
