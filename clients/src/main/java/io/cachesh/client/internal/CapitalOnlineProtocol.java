package io.cachesh.client.internal;

import okhttp3.ResponseBody;
import okhttp3.Headers;
import java.nio.charset.StandardCharsets;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachesh.client.auth.CapitalOnlineSigner;
import io.cachesh.client.auth.Credentials;
import io.cachesh.client.auth.TencentV1Signer;
import io.cachesh.client.core.ApiRequest;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.core.OperationInfo;
import io.cachesh.client.error.ApiException;
import io.cachesh.client.error.MalformedResponseException;
import io.cachesh.model.ApiModel;
import io.cachesh.model.HttpBinding;
import io.cachesh.model.OperationModel;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * CapitalOnline OpenAPI ({@code capitalonline-openapi}): each operation's {@code http} binding gives the method and
 * path ({@code POST /memcached}); the query string carries {@code Action} and the signature parameters of
 * {@link CapitalOnlineSigner}; a POST's JSON body carries the action parameters (unsigned, as in the seed's
 * {@code requests.post(url, json=body)}), a GET's action parameters go in the query and are signed. The key
 * derivation is {@link ClientConfig#capitalOnlineKeyDerivation()}.
 *
 * <p>The answer is the whole JSON body {@code {Code, Message, Data}} (and {@code TaskId}, {@code RequestId} where an
 * API sends them): {@code Code} {@code "Success"} (every example) or {@code "0000"} (the output tables) is success and
 * the body binds to the response class, numbers sent as strings included ({@code "Port":"11211"}). Any other
 * {@code Code}, or a non-2xx status, maps through {@link ErrorMapper} with {@code Message} as the message.
 */
public final class CapitalOnlineProtocol implements Protocol {

    public static final String ID = "capitalonline-openapi";
    public static final Set<String> SUCCESS_CODES = Set.of("Success", "0000");
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final ApiModel model;
    private final ClientConfig config;
    private final HttpUrl url;
    private final ObjectMapper mapper;
    private final Supplier<String> nonce;
    private final ErrorMapper errors;

    public CapitalOnlineProtocol(ApiModel model, ClientConfig config, HttpUrl url) {
        this(model, config, url, () -> UUID.randomUUID().toString());
    }

    /** With a source of {@code SignatureNonce} values (random UUIDs by default). */
    public CapitalOnlineProtocol(ApiModel model, ClientConfig config, HttpUrl url, Supplier<String> nonce) {
        this.model = model;
        this.config = config;
        this.url = url;
        this.mapper = LenientNumbers.mapper();
        this.nonce = nonce;
        this.errors = new ErrorMapper(model, CapitalOnlineProtocol::kindOf);
        if (config.credentials() == null) {
            throw new IllegalArgumentException(model.service() + ": CapitalOnline calls need credentials (AccessKeyId/AccessKeySecret)");
        }
    }

    @Override
    public Request sign(ApiRequest request) {
        return request(request.operation(), request.body());
    }

    /** The signed request of one attempt. */
    public Request request(OperationInfo operation, byte[] body) {
        HttpBinding http = binding(operation);
        String method = http.method() == null ? "POST" : http.method().toUpperCase(Locale.ROOT);
        boolean inQuery = method.equals("GET") || method.equals("DELETE");
        SortedMap<String, String> params = signedParameters(operation, inQuery ? body : null, method);
        HttpUrl target = url.newBuilder().encodedPath(http.uri() == null ? "/" : http.uri())
                .encodedQuery(CapitalOnlineSigner.queryString(params)).build();
        Request.Builder request = new Request.Builder().url(target);
        if (inQuery) return request.method(method, null).build();
        return request.method(method, RequestBody.create(body, JSON)).header("Content-Type", "application/json").build();
    }

    /** The query parameters of one attempt, {@code Signature} included; {@code queryBody} holds GET action parameters. */
    public SortedMap<String, String> signedParameters(OperationInfo operation, byte[] queryBody, String httpMethod) {
        Credentials credentials = config.credentials();
        SortedMap<String, String> params = CapitalOnlineSigner.commonParameters(operation.name(), credentials.keyId(),
                model.version(), config.clock().instant(), nonce.get());
        if (queryBody != null) {
            try {
                TencentV1Signer.flatten(Transport.MAPPER.readTree(queryBody)).forEach(params::putIfAbsent);
            } catch (IOException e) {
                throw new IllegalArgumentException(operation.name() + ": the request is not JSON: " + e.getMessage(), e);
            }
        }
        return CapitalOnlineSigner.sign(credentials.secret(), config.capitalOnlineKeyDerivation(), httpMethod, params);
    }

    private HttpBinding binding(OperationInfo operation) {
        OperationModel op = model.operations().get(operation.name());
        HttpBinding http = op == null ? null : op.http();
        return http == null ? new HttpBinding("POST", "/", 200) : http;
    }

    /** Whether a {@code Code} means success: {@code "Success"} or {@code "0000"}. */
    public static boolean isSuccess(JsonNode code) {
        return code != null && code.isValueNode() && SUCCESS_CODES.contains(code.asText());
    }

    @Override
    public Object read(ApiRequest request, int status, String reason, String text) {
        return read(request, status, reason, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Object read(ApiRequest request, int status, String reason, Headers headers, ResponseBody body) throws IOException {
        return read(request, status, reason, body == null ? new byte[0] : body.bytes());
    }

    /** Parses the answer from its bytes; the text is decoded only for the message of a failure. */
    private Object read(ApiRequest request, int status, String reason, byte[] bytes) {
        OperationInfo operation = request.operation();
        JsonNode root = Answers.objectOrNull(bytes);
        boolean ok = status >= 200 && status < 300;
        if (root == null) {
            if (!ok) {
                throw errors.map("HttpError." + status, "HTTP " + status + (reason == null || reason.isEmpty() ? "" : " " + reason)
                        + " from " + where(operation) + (bytes.length == 0 ? "" : ": " + Answers.snippet(bytes)), null, status);
            }
            throw new MalformedResponseException(where(operation) + ": the answer is not a JSON object: "
                    + Answers.snippet(bytes), null);
        }
        JsonNode code = root.get("Code");
        if (!ok || !isSuccess(code)) {
            if (ok && (code == null || code.isNull())) {
                throw new MalformedResponseException(where(operation) + ": the answer has no \"Code\": "
                        + Answers.snippet(bytes), null);
            }
            String codeText = code == null || code.isNull() ? "HttpError." + status : code.asText();
            String message = root.path("Message").asText(root.path("message").asText(""));
            throw error(codeText, message, Answers.textOrNull(root.get("RequestId")), status);
        }
        try {
            return mapper.treeToValue(root, request.responseType());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedResponseException(where(operation) + ": cannot read the answer as "
                    + request.responseType().getSimpleName() + " (" + e.getMessage().lines().findFirst().orElse("")
                    + "): " + Answers.snippet(bytes), e);
        }
    }

    /** The typed exception for a CapitalOnline error code: the model's kind, then the code's shape, then the status. */
    public ApiException error(String code, String message, String requestId, int httpStatus) {
        return errors.map(code, message, requestId, httpStatus);
    }

    /**
     * Kinds of codes the model does not list, after the names CapitalOnline's other OpenAPI pages use
     * ({@code InvalidParameter}, {@code BadArgs}, {@code ResourceNotFound}, {@code InstanceNotFound}, ...).
     */
    static String kindOf(String code) {
        String c = code.toLowerCase(Locale.ROOT);
        if (c.contains("notfound") || c.contains("not_found")) return "not-found";
        if (c.contains("throttl") || c.contains("limitexceeded") || c.contains("toomany")) return "throttling";
        if (c.contains("signature") || c.contains("accesskey") || c.contains("unauthorized") || c.contains("forbidden")
                || c.contains("auth")) return "auth";
        if (c.startsWith("invalid") || c.equals("badargs") || c.contains("missingparameter")) return "invalid-parameter";
        return "other";
    }

    @Override
    public String toString() {
        return ID + "[" + config.capitalOnlineKeyDerivation() + "]";
    }


    private String where(OperationInfo operation) {
        return model.service() + " " + operation.name() + " at " + url;
    }


}
