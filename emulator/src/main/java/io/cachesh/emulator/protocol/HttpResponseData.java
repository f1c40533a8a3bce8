package io.cachesh.emulator.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One HTTP answer.
 *
 * @param status      HTTP status
 * @param contentType value of {@code Content-Type}
 * @param body        body bytes
 * @param headers     extra headers
 */
public record HttpResponseData(int status, String contentType, byte[] body, Map<String, String> headers) {

    public HttpResponseData {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static HttpResponseData json(int status, String json) {
        return new HttpResponseData(status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
