package io.cachesh.client.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cachesh.client.core.ClientConfig;
import okhttp3.OkHttpClient;

/**
 * The process-wide HTTP and JSON machinery: one {@link OkHttpClient} (its connection pool and dispatcher are shared
 * by every client; each client derives its own timeouts with {@code newBuilder()}) and one {@link ObjectMapper}.
 */
public final class Transport {

    private static final OkHttpClient SHARED = new OkHttpClient.Builder().build();

    /** Lenient towards new vendor fields, omits nulls. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private Transport() {
    }

    /** A client over the shared pool with the config's timeouts. */
    public static OkHttpClient httpClient(ClientConfig config) {
        return SHARED.newBuilder()
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .writeTimeout(config.readTimeout())
                .callTimeout(config.callTimeout())
                .build();
    }
}
