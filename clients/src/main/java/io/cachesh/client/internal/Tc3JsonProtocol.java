package io.cachesh.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachesh.client.auth.Credentials;
import io.cachesh.client.auth.Tc3Signer;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.core.OperationInfo;
import io.cachesh.client.error.ApiException;
import io.cachesh.client.error.AuthException;
import io.cachesh.client.error.InvalidParameterException;
import io.cachesh.client.error.MalformedResponseException;
import io.cachesh.client.error.NotFoundException;
import io.cachesh.client.error.ThrottlingException;
import io.cachesh.client.error.TransportException;
import io.cachesh.model.ApiModel;
import io.cachesh.model.ErrorModel;
import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Tencent Cloud API 3.0 ({@code tc3-json}): {@code POST /} with a JSON body, the action in {@code X-TC-Action},
 * TC3-HMAC-SHA256 over {@code content-type;host} with the model's {@code signingName} as the scope's service,
 * and the {@code {"Response": {...}}} envelope whose {@code Error} maps to the typed exceptions.
 */
public final class Tc3JsonProtocol implements Protocol {

    public static final String ID = "tc3-json";
    public static final String CONTENT_TYPE = "application/json; charset=utf-8";
    private static final MediaType JSON = MediaType.get(CONTENT_TYPE);

    private final ApiModel model;
    private final ClientConfig config;
    private final HttpUrl url;
    private final String host;
    private final OkHttpClient http;
    private final ObjectMapper mapper;
    private final Consumer<String> log;

    public Tc3JsonProtocol(ApiModel model, ClientConfig config, HttpUrl url, OkHttpClient http, ObjectMapper mapper,
                           Consumer<String> log) {
        this.model = model;
        this.config = config;
        this.url = url;
        this.host = hostHeader(url);
        this.http = http;
        this.mapper = mapper;
        this.log = log;
    }

    /** {@code host}, or {@code host:port} when the port is not the scheme's default (what the SDK sends and signs). */
    public static String hostHeader(HttpUrl url) {
        return url.port() == HttpUrl.defaultPort(url.scheme()) ? url.host() : url.host() + ":" + url.port();
    }

    /** The signed request for one attempt. */
    public Request request(OperationInfo operation, byte[] body) {
        long timestamp = config.clock().instant().getEpochSecond();
        Credentials credentials = config.credentials();
        Tc3Signer.Input input = new Tc3Signer.Input("POST", "/", "",
                Map.of("content-type", CONTENT_TYPE, "host", host), body, model.signingName(), timestamp);
        Request.Builder request = new Request.Builder()
                .url(url)
                .post(RequestBody.create(body, JSON))
                .header("Content-Type", CONTENT_TYPE)
                .header("Host", host)
                .header("X-TC-Action", operation.name())
                .header("X-TC-Version", model.version())
                .header("X-TC-Timestamp", Long.toString(timestamp));
        if (config.region() != null) request.header("X-TC-Region", config.region());
        if (credentials.token() != null && !credentials.token().isEmpty()) {
            request.header("X-TC-Token", credentials.token().reveal());
        }
        request.header("Authorization", Tc3Signer.authorization(credentials, input));
        return request.build();
    }

    @Override
    public <T> T call(OperationInfo operation, byte[] body, Class<T> responseType) {
        Request request = request(operation, body);
        long start = System.nanoTime();
        String outcome = "failed";
        try (Response response = http.newCall(request).execute()) {
            ResponseBody responseBody = response.body();
            String text = responseBody == null ? "" : responseBody.string();
            outcome = Integer.toString(response.code());
            if (response.code() != 200) {
                throw httpError(operation, response.code(), response.message(), text);
            }
            JsonNode envelope = parse(operation, text).get("Response");
            if (envelope == null || !envelope.isObject()) {
                throw new MalformedResponseException(where(operation) + ": the answer has no \"Response\" object: "
                        + snippet(text), null);
            }
            JsonNode error = envelope.get("Error");
            if (error != null && !error.isNull()) {
                outcome = "200 " + error.path("Code").asText("?");
                throw error(error.path("Code").asText("UnknownError"), error.path("Message").asText(""),
                        textOrNull(envelope.get("RequestId")), 200);
            }
            try {
                return mapper.treeToValue(envelope, responseType);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw new MalformedResponseException(where(operation) + ": cannot read the answer as "
                        + responseType.getSimpleName() + " (" + originalMessage(e) + "): " + snippet(text), e);
            }
        } catch (IOException e) {
            outcome = e.getClass().getSimpleName();
            throw new TransportException(model.service() + " " + operation.name(), url.toString(), e);
        } finally {
            log.accept(RequestLog.line(model.service() + " " + operation.name(), request, 0, outcome,
                    (System.nanoTime() - start) / 1_000_000));
        }
    }

    private JsonNode parse(OperationInfo operation, String text) {
        try {
            JsonNode root = mapper.readTree(text);
            if (root == null || !root.isObject()) {
                throw new MalformedResponseException(where(operation) + ": the answer is not a JSON object: " + snippet(text), null);
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new MalformedResponseException(where(operation) + ": the answer is not JSON (" + originalMessage(e)
                    + "): " + snippet(text), e);
        }
    }

    private ApiException httpError(OperationInfo operation, int status, String reason, String text) {
        String message = "HTTP " + status + (reason == null || reason.isEmpty() ? "" : " " + reason) + " from "
                + where(operation) + (text.isEmpty() ? "" : ": " + snippet(text));
        String code = "HttpError." + status;
        if (status == 429) return new ThrottlingException(model.vendor(), code, message, null, status);
        return new ApiException(model.vendor(), code, message, null, status);
    }

    /** The typed exception for a Tencent error code: the model's {@code kind} first, then the code's prefix. */
    public ApiException error(String code, String message, String requestId, int httpStatus) {
        ErrorModel known = model.errors().get(code);
        String kind = known == null || known.kind() == null ? kindOf(code) : known.kind();
        String vendor = model.vendor();
        return switch (kind) {
            case "throttling" -> new ThrottlingException(vendor, code, message, requestId, httpStatus);
            case "auth" -> new AuthException(vendor, code, message, requestId, httpStatus);
            case "not-found" -> new NotFoundException(vendor, code, message, requestId, httpStatus);
            case "invalid-parameter" -> new InvalidParameterException(vendor, code, message, requestId, httpStatus);
            default -> new ApiException(vendor, code, message, requestId, httpStatus);
        };
    }

    static String kindOf(String code) {
        if (code.startsWith("RequestLimitExceeded")) return "throttling";
        if (code.startsWith("AuthFailure")) return "auth";
        if (code.startsWith("ResourceNotFound")) return "not-found";
        if (code.startsWith("InvalidParameter") || code.equals("MissingParameter") || code.equals("UnknownParameter")) {
            return "invalid-parameter";
        }
        return "other";
    }

    private String where(OperationInfo operation) {
        return model.service() + " " + operation.name() + " at " + url;
    }

    private static String originalMessage(Exception e) {
        if (e instanceof JsonProcessingException j) {
            String location = j.getLocation() == null ? "" : " at line " + j.getLocation().getLineNr()
                    + ", column " + j.getLocation().getColumnNr();
            return j.getOriginalMessage().lines().findFirst().orElse("") + location;
        }
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    static String snippet(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 200 ? "'" + oneLine + "'" : "'" + oneLine.substring(0, 200) + "...' (" + text.length() + " chars)";
    }
}
