package io.cachesh.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachesh.client.auth.Credentials;
import io.cachesh.client.auth.Tc3Signer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Signs requests with {@link Tc3Signer} like a Tencent SDK would and posts them to the emulator. */
final class Tc3TestClient {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String CONTENT_TYPE = "application/json; charset=utf-8";

    /** Everything about one request; tests tweak single fields to break it. */
    static final class Call {
        String method = "POST";
        String action;
        String version = "2018-04-12";
        String region = "ap-guangzhou";
        byte[] body;
        String query = "";
        long timestamp = Instant.now().getEpochSecond();
        Credentials credentials;
        String service = "redis";
        boolean sign = true;
        String signatureOverride;
        final Map<String, String> extraHeaders = new LinkedHashMap<>();
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String endpoint;
    private final Credentials credentials;

    Tc3TestClient(String endpoint, Credentials credentials) {
        this.endpoint = endpoint;
        this.credentials = credentials;
    }

    /** Calls {@code action} with a JSON body and returns {@code Response}; asserts HTTP 200 and no Error. */
    JsonNode call(String action, String json) {
        JsonNode response = response(action, json);
        assertThat(response.has("Error")).as("%s answered %s", action, response).isFalse();
        return response;
    }

    /** The {@code Response} object of a call, error or not (HTTP 200 asserted). */
    JsonNode response(String action, String json) {
        return send(c -> {
            c.action = action;
            c.body = json.getBytes(StandardCharsets.UTF_8);
        });
    }

    /** Sends a possibly broken call and returns {@code Response}; asserts HTTP 200 JSON with a RequestId. */
    JsonNode send(Consumer<Call> tweak) {
        HttpResponse<String> raw = raw(tweak);
        assertThat(raw.statusCode()).as("HTTP status, body %s", raw.body()).isEqualTo(200);
        assertThat(raw.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        try {
            JsonNode response = JSON.readTree(raw.body()).path("Response");
            assertThat(response.path("RequestId").asText()).matches("[0-9a-f-]{36}");
            return response;
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + raw.body(), e);
        }
    }

    HttpResponse<String> raw(Consumer<Call> tweak) {
        Call c = new Call();
        c.credentials = credentials;
        c.body = "{}".getBytes(StandardCharsets.UTF_8);
        tweak.accept(c);
        URI uri = URI.create(endpoint + "/" + (c.query.isEmpty() ? "" : "?" + c.query));
        String host = uri.getHost() + ":" + uri.getPort();
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "GET".equals(c.method) ? "application/x-www-form-urlencoded" : CONTENT_TYPE);
        if (c.action != null) req.header("X-TC-Action", c.action);
        if (c.version != null) req.header("X-TC-Version", c.version);
        if (c.region != null) req.header("X-TC-Region", c.region);
        req.header("X-TC-Timestamp", Long.toString(c.timestamp));
        c.extraHeaders.forEach(req::header);
        byte[] body = "GET".equals(c.method) ? new byte[0] : c.body;
        if (c.sign) {
            Map<String, String> signed = new LinkedHashMap<>();
            signed.put("content-type", "GET".equals(c.method) ? "application/x-www-form-urlencoded" : CONTENT_TYPE);
            signed.put("host", host);
            Tc3Signer.Input input = new Tc3Signer.Input(c.method, "/", c.query, signed, body, c.service, c.timestamp);
            String authorization = Tc3Signer.authorization(c.credentials, input);
            if (c.signatureOverride != null) {
                authorization = authorization.replaceAll("Signature=[0-9a-f]+", "Signature=" + c.signatureOverride);
            }
            req.header("Authorization", authorization);
        }
        req.method(c.method, "GET".equals(c.method) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Polls DescribeTaskInfo until the task is done; returns its last Response. */
    JsonNode waitTask(long taskId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            JsonNode r = call("DescribeTaskInfo", "{\"TaskId\":" + taskId + "}");
            String status = r.path("Status").asText();
            if ("succeed".equals(status) || "failed".equals(status)) return r;
            if (System.nanoTime() > deadline) throw new AssertionError("task " + taskId + " still " + status);
            sleep(60); // stays under the 20 req/s limit of DescribeTaskInfo/DescribeInstances
        }
    }

    /** Polls DescribeInstances until the instance has {@code status}; returns its InstanceSet entry. */
    JsonNode waitStatus(String instanceId, int status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            JsonNode set = call("DescribeInstances", "{\"InstanceId\":\"" + instanceId + "\"}").path("InstanceSet");
            if (set.size() == 1 && set.get(0).path("Status").asInt() == status) return set.get(0);
            if (System.nanoTime() > deadline) throw new AssertionError(instanceId + " never reached status " + status + ": " + set);
            sleep(60); // stays under the 20 req/s limit of DescribeTaskInfo/DescribeInstances
        }
    }

    /** True once DescribeInstances no longer lists the instance. */
    void waitGone(String instanceId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (call("DescribeInstances", "{\"InstanceId\":\"" + instanceId + "\"}").path("TotalCount").asInt() != 0) {
            if (System.nanoTime() > deadline) throw new AssertionError(instanceId + " still listed");
            sleep(60); // stays under the 20 req/s limit of DescribeTaskInfo/DescribeInstances
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
