package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachesh.client.auth.Credentials;
import io.cachesh.client.auth.HuaweiAkSkSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Raw HTTP to the Huawei surfaces, signed with {@link HuaweiAkSkSigner} (or not), for error-path tests. */
final class HuaweiTestClient {

    /** One answer. */
    record Answer(int status, JsonNode body, String requestId, String text) {
    }

    static final ObjectMapper JSON = new ObjectMapper();

    private final String endpoint;
    private final Credentials credentials;
    private final String projectId;
    private final HttpClient http = HttpClient.newHttpClient();

    HuaweiTestClient(String endpoint, Credentials credentials, String projectId) {
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.projectId = projectId;
    }

    /** Signed at the current time, with X-Project-Id. */
    Answer signed(String method, String target, String body) {
        return send(method, target, body, Instant.now(), credentials, projectId, Map.of());
    }

    Answer send(String method, String target, String body, Instant date, Credentials keys, String projectHeader,
                Map<String, String> extra) {
        URI uri = URI.create(endpoint + target);
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", uri.getAuthority());
        headers.put("Content-Type", "application/json");
        headers.put(HuaweiAkSkSigner.DATE_HEADER, HuaweiAkSkSigner.date(date));
        if (projectHeader != null) headers.put(HuaweiAkSkSigner.PROJECT_ID_HEADER, projectHeader);
        headers.putAll(extra);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).method(method, bytes.length == 0
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (keys != null) {
            String authorization = HuaweiAkSkSigner.authorization(keys,
                    HuaweiAkSkSigner.Input.fromRequest(method, uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()),
                            headers, bytes));
            b.header("Authorization", authorization);
        }
        headers.forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Host")) b.header(k, v);
        });
        return execute(b.build());
    }

    Answer unsigned(String method, String target, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint + target)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        b.header("Content-Type", "application/json");
        headers.forEach(b::header);
        return execute(b.build());
    }

    private Answer execute(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
            return new Answer(r.statusCode(), body, r.headers().firstValue("X-Request-Id").orElse(null), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls ShowInstance until RUNNING (a loaded machine starts redis-server slower than any fixed sleep). */
    void waitRunning(String v2, String instanceId) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!"RUNNING".equals(signed("GET", v2 + "/instances/" + instanceId, null).body().path("status").asText())) {
            if (System.nanoTime() > deadline) throw new AssertionError(instanceId + " never became RUNNING");
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
