package io.cachesh.client.internal;

import okhttp3.ResponseBody;
import okhttp3.Headers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachesh.client.auth.Credentials;
import io.cachesh.client.auth.SignatureMethod;
import io.cachesh.client.auth.TencentV1Signer;
import io.cachesh.client.core.ApiRequest;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.core.OperationInfo;
import io.cachesh.client.error.ApiException;
import io.cachesh.client.error.MalformedResponseException;
import io.cachesh.model.ApiModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.SortedMap;
import java.util.function.LongSupplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Tencent Cloud's legacy API v2 ({@code tencent-v2-form}): the CMEM and the 2017 Redis API. Every call goes to
 * {@code https://<host>/v2/index.php} as a {@code POST} form (the default) or a {@code GET} query
 * ({@link ClientConfig#httpMethod()}) holding the common parameters {@code Action}, {@code Region}, {@code Timestamp},
 * {@code Nonce}, {@code SecretId}, {@code SignatureMethod} (and {@code Token} with temporary keys; there is no
 * {@code Version}), the action parameters flattened ({@code dealIds.0}, {@code dealIds.1}) and {@code Signature},
 * signature v1 ({@link TencentV1Signer}) over {@code METHOD + host + /v2/index.php + ? + sorted raw parameters}:
 * HmacSHA256 when {@link ClientConfig#signatureMethod()} is {@link SignatureMethod#HMAC_SHA256}, HmacSHA1 otherwise
 * (seed tencent-redis-api3-and-legacy-v2.txt 36142-36452, tencent-cmem-memcached-v2.txt 393-587).
 *
 * <p>The answer is the whole JSON body: {@code code} (number {@code 0} or string {@code "0"} is success; the seeds
 * show both), {@code message}, {@code codeDesc} (Redis only) and the action's fields beside them; it binds to the
 * response class as a whole, numbers sent as strings included. Any other {@code code} is an error: its
 * {@link ApiException#code()} is the model's error key, which is the {@code codeDesc} for a business error the model
 * lists ({@code InstanceNotExists}) and the numeric code for a common error ({@code "4100"}); the message keeps the
 * vendor's text and names both codes. The legacy API has no request id.
 */
public final class TencentV2FormProtocol implements Protocol {

    public static final String ID = "tencent-v2-form";
    public static final String PATH = "/v2/index.php";
    public static final String FORM_CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8";
    private static final MediaType FORM = MediaType.get(FORM_CONTENT_TYPE);
    private static final SecureRandom SECURE_RANDOM = new SecureRandom();

    private final ApiModel model;
    private final ClientConfig config;
    private final HttpUrl url;
    private final String host;
    private final ObjectMapper mapper;
    private final LongSupplier nonce;
    private final ErrorMapper errors;

    public TencentV2FormProtocol(ApiModel model, ClientConfig config, HttpUrl url) {
        this(model, config, url, () -> 1 + SECURE_RANDOM.nextInt(Integer.MAX_VALUE));
    }

    /** With a source of {@code Nonce} values (random positive integers by default). */
    public TencentV2FormProtocol(ApiModel model, ClientConfig config, HttpUrl url, LongSupplier nonce) {
        this.model = model;
        this.config = config;
        this.url = url.newBuilder().encodedPath(PATH).query(null).build();
        this.host = Tc3JsonProtocol.hostHeader(url);
        this.mapper = LenientNumbers.mapper();
        this.nonce = nonce;
        this.errors = new ErrorMapper(model, TencentV2FormProtocol::kindOf);
        if (config.credentials() == null) {
            throw new IllegalArgumentException(model.service() + ": Tencent calls need credentials (SecretId/SecretKey)");
        }
    }

    /** The v1 algorithm this config selects: HmacSHA256 only when asked for, else HmacSHA1 (also for the TC3 default). */
    public static SignatureMethod signatureMethod(ClientConfig config) {
        return config.signatureMethod() == SignatureMethod.HMAC_SHA256 ? SignatureMethod.HMAC_SHA256 : SignatureMethod.HMAC_SHA1;
    }

    /** The {@code /v2/index.php} URL every call goes to. */
    public HttpUrl url() {
        return url;
    }

    @Override
    public Request sign(ApiRequest request) {
        return request(request.operation(), request.body());
    }

    /** The signed request of one attempt: a form POST, or a GET with the signed parameters as its query. */
    public Request request(OperationInfo operation, byte[] body) {
        String method = config.httpMethod() == null ? "POST" : config.httpMethod();
        SortedMap<String, String> signed = signedParameters(operation, body, method);
        String encoded = TencentV1Signer.formEncode(signed);
        Request.Builder request = new Request.Builder().header("Host", host);
        if ("GET".equals(method)) {
            return request.url(url.newBuilder().encodedQuery(encoded).build()).get().build();
        }
        return request.url(url).post(RequestBody.create(encoded.getBytes(StandardCharsets.UTF_8), FORM))
                .header("Content-Type", FORM_CONTENT_TYPE).build();
    }

    /** Every parameter of one attempt, {@code Signature} included (raw values, sorted), for {@code httpMethod}. */
    public SortedMap<String, String> signedParameters(OperationInfo operation, byte[] body, String httpMethod) {
        return TencentV1Signer.sign(config.credentials().secret(), signatureMethod(config), httpMethod, host, PATH,
                parameters(operation, body));
    }

    /** The parameters of one attempt before signing: the action's, flattened, then the common ones. */
    public SortedMap<String, String> parameters(OperationInfo operation, byte[] body) {
        SortedMap<String, String> params;
        try {
            params = TencentV1Signer.flatten(Transport.MAPPER.readTree(body));
        } catch (IOException e) {
            throw new IllegalArgumentException(operation.name() + ": the request is not JSON: " + e.getMessage(), e);
        }
        Credentials credentials = config.credentials();
        params.put("Action", operation.name());
        params.put("Timestamp", Long.toString(config.clock().instant().getEpochSecond()));
        params.put("Nonce", Long.toString(nonce.getAsLong()));
        params.put("SecretId", credentials.keyId());
        params.put("SignatureMethod", signatureMethod(config).wireName());
        if (config.region() != null) params.put("Region", config.region());
        if (credentials.token() != null && !credentials.token().isEmpty()) params.put("Token", credentials.token().reveal());
        return params;
    }

    /** Whether an envelope's {@code code} means success: the number 0 or the string {@code "0"}. */
    public static boolean isSuccess(JsonNode code) {
        if (code == null || code.isNull() || code.isMissingNode()) return false;
        if (code.isIntegralNumber()) return code.asLong() == 0;
        return code.isTextual() && code.asText().strip().equals("0");
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
        JsonNode root = status == 200 ? parse(operation, bytes) : Answers.objectOrNull(bytes);
        if (status != 200 && (root == null || !root.has("code"))) {
            String message = "HTTP " + status + (reason == null || reason.isEmpty() ? "" : " " + reason) + " from "
                    + where(operation) + (bytes.length == 0 ? "" : ": " + Answers.snippet(bytes));
            throw errors.map("HttpError." + status, message, null, status);
        }
        JsonNode code = root.get("code");
        if (code == null || !(code.isNumber() || code.isTextual())) {
            throw new MalformedResponseException(where(operation) + ": the answer has no \"code\": "
                    + Answers.snippet(bytes), null);
        }
        if (!isSuccess(code)) {
            throw error(code.asText(), Answers.textOrNull(root.get("codeDesc")), root.path("message").asText(""), status);
        }
        try {
            return mapper.treeToValue(root, request.responseType());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedResponseException(where(operation) + ": cannot read the answer as "
                    + request.responseType().getSimpleName() + " (" + e.getMessage().lines().findFirst().orElse("")
                    + "): " + Answers.snippet(bytes), e);
        }
    }

    /**
     * The typed exception of an error envelope. Its code is the model's key: {@code codeDesc} when the model lists it,
     * else the numeric code when the model lists that, else {@code codeDesc} when the vendor sent one, else the number.
     * The kind comes from that key, falling back to the numeric code's (a business error unknown to the model still
     * maps by its common code, e.g. 4100 to {@code AuthException}).
     */
    public ApiException error(String numericCode, String codeDesc, String message, int httpStatus) {
        boolean hasDesc = codeDesc != null && !codeDesc.isBlank() && !"Success".equals(codeDesc);
        String key;
        if (hasDesc && errors.knows(codeDesc)) key = codeDesc;
        else if (errors.knows(numericCode)) key = numericCode;
        else key = hasDesc ? codeDesc : numericCode;
        String kind = errors.kind(key, httpStatus);
        if ("other".equals(kind) && !key.equals(numericCode)) kind = errors.kind(numericCode, httpStatus);
        String full = (message == null || message.isEmpty() ? "(no message)" : message) + " [code " + numericCode
                + (hasDesc ? ", codeDesc " + codeDesc : "") + "]";
        return errors.mapAs(kind, key, full, null, httpStatus);
    }

    /** Common codes the model does not list: 4xxx authentication family, 4400 quota, 5000 missing resource. */
    static String kindOf(String code) {
        return switch (code) {
            case "4400" -> "throttling";
            case "4000", "4600" -> "invalid-parameter";
            case "5000" -> "not-found";
            default -> code.matches("41\\d\\d|4300|4500") ? "auth" : "other";
        };
    }

    @Override
    public String toString() {
        return ID + "[" + signatureMethod(config).wireName() + ", " + config.httpMethod() + "]";
    }

    private JsonNode parse(OperationInfo operation, byte[] bytes) {
        try {
            JsonNode root = Transport.MAPPER.readTree(bytes);
            if (root == null || !root.isObject()) {
                throw new MalformedResponseException(where(operation) + ": the answer is not a JSON object: "
                        + Answers.snippet(bytes), null);
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new MalformedResponseException(where(operation) + ": the answer is not JSON ("
                    + e.getOriginalMessage().lines().findFirst().orElse("") + "): " + Answers.snippet(bytes), e);
        } catch (IOException e) {
            throw new MalformedResponseException(where(operation) + ": the answer is not JSON (" + e.getMessage() + "): "
                    + Answers.snippet(bytes), e);
        }
    }


    private String where(OperationInfo operation) {
        return model.service() + " " + operation.name() + " at " + url;
    }


}
