package io.cachesh.client.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachesh.client.auth.Credentials;
import io.cachesh.client.auth.SignatureMethod;
import io.cachesh.client.auth.TencentV1Signer;
import io.cachesh.client.auth.Tc3Signer;
import io.cachesh.client.core.ApiRequest;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.core.OperationInfo;
import io.cachesh.client.error.ApiException;
import io.cachesh.client.error.MalformedResponseException;
import io.cachesh.model.ApiModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;

/**
 * Tencent Cloud API 3.0 ({@code tc3-json}): {@code POST /} with a JSON body, the action in {@code X-TC-Action},
 * TC3-HMAC-SHA256 over {@code content-type;host} with the model's {@code signingName} as the scope's service,
 * and the {@code {"Response": {...}}} envelope whose {@code Error} maps to the typed exceptions. With a v1
 * {@link SignatureMethod} the same call goes as a form POST signed with {@link TencentV1Signer}.
 */
public final class Tc3JsonProtocol implements Protocol {

    public static final String ID = "tc3-json";
    public static final String CONTENT_TYPE = "application/json; charset=utf-8";
    public static final String FORM_CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8";
    private static final MediaType JSON = MediaType.get(CONTENT_TYPE);
    private static final MediaType FORM = MediaType.get(FORM_CONTENT_TYPE);
    private static final SecureRandom SECURE_RANDOM = new SecureRandom();

    private final ApiModel model;
    private final ClientConfig config;
    private final HttpUrl url;
    private final String host;
    private final ObjectMapper mapper;
    private final LongSupplier nonce;
    private final ErrorMapper errors;

    public Tc3JsonProtocol(ApiModel model, ClientConfig config, HttpUrl url, ObjectMapper mapper) {
        this(model, config, url, mapper, () -> 1 + SECURE_RANDOM.nextInt(Integer.MAX_VALUE));
    }

    /** With a source of v1 {@code Nonce} values (random positive integers by default). */
    public Tc3JsonProtocol(ApiModel model, ClientConfig config, HttpUrl url, ObjectMapper mapper, LongSupplier nonce) {
        this.model = model;
        this.config = config;
        this.url = url;
        this.host = hostHeader(url);
        this.mapper = mapper;
        this.nonce = nonce;
        this.errors = new ErrorMapper(model, Tc3JsonProtocol::kindOf);
        if (config.credentials() == null) {
            throw new IllegalArgumentException(model.service() + ": Tencent calls need credentials (SecretId/SecretKey)");
        }
    }

    /** {@code host}, or {@code host:port} when the port is not the scheme's default (what the SDK sends and signs). */
    public static String hostHeader(HttpUrl url) {
        return url.port() == HttpUrl.defaultPort(url.scheme()) ? url.host() : url.host() + ":" + url.port();
    }

    /** The signed request for one attempt, as the config's {@link SignatureMethod} wants it. */
    public Request request(OperationInfo operation, byte[] body) {
        return config.signatureMethod().isV1() ? v1Request(operation, body) : tc3Request(operation, body);
    }

    @Override
    public Request sign(ApiRequest request) {
        return request(request.operation(), request.body());
    }

    /** Signature v3: JSON body, the action and common parameters in {@code X-TC-*} headers, TC3 {@code Authorization}. */
    private Request tc3Request(OperationInfo operation, byte[] body) {
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

    /**
     * Signature v1 (the SDK's {@code SIGN_SHA256}/{@code SIGN_SHA1}): {@code POST /} with a form body holding the
     * common parameters, the flattened action parameters and {@code Signature}, signed over {@code POST + host + "/"}.
     */
    private Request v1Request(OperationInfo operation, byte[] body) {
        Credentials credentials = config.credentials();
        Map<String, String> params = new TreeMap<>(v1Parameters(operation, body));
        SignatureMethod method = config.signatureMethod();
        SortedMap<String, String> signed = TencentV1Signer.sign(credentials.secret(), method, "POST", host, "/", params);
        return new Request.Builder()
                .url(url)
                .post(RequestBody.create(TencentV1Signer.formEncode(signed).getBytes(StandardCharsets.UTF_8), FORM))
                .header("Content-Type", FORM_CONTENT_TYPE)
                .header("Host", host)
                .build();
    }

    /** The v1 parameters of one attempt, before signing: action parameters, then the common ones. */
    public SortedMap<String, String> v1Parameters(OperationInfo operation, byte[] body) {
        SortedMap<String, String> params;
        try {
            params = TencentV1Signer.flatten(mapper.readTree(body));
        } catch (IOException e) {
            throw new IllegalArgumentException(operation.name() + ": the request is not JSON: " + e.getMessage(), e);
        }
        Credentials credentials = config.credentials();
        params.put("Action", operation.name());
        params.put("Version", model.version());
        params.put("Timestamp", Long.toString(config.clock().instant().getEpochSecond()));
        params.put("Nonce", Long.toString(nonce.getAsLong()));
        params.put("SecretId", credentials.keyId());
        params.put("SignatureMethod", config.signatureMethod().wireName());
        if (config.region() != null) params.put("Region", config.region());
        if (credentials.token() != null && !credentials.token().isEmpty()) params.put("Token", credentials.token().reveal());
        return params;
    }

    @Override
    public Object read(ApiRequest request, int status, String reason, String text) {
        return read(request, status, reason, BufferedAnswer.of(text));
    }

    @Override
    public Object read(ApiRequest request, int status, String reason, Headers headers, ResponseBody body) throws IOException {
        try (BufferedAnswer answer = BufferedAnswer.of(body)) {
            return read(request, status, reason, answer);
        }
    }

    /**
     * Reads the answer from its buffer without building a tree of it. The usual answer, one {@code Response} object
     * without {@code Error}, is bound in one pass ({@link #readPlain}); otherwise one streaming pass over the document
     * finds the {@code Response} object and its {@code Error} and {@code RequestId} (only those are read as trees),
     * and when there is no error a second parser binds {@code Response} straight to the response type.
     */
    private Object read(ApiRequest request, int status, String reason, BufferedAnswer bytes) {
        OperationInfo operation = request.operation();
        if (status != 200) {
            throw httpError(operation, status, reason, text(bytes));
        }
        Object plain = readPlain(request, bytes);
        if (plain != NOT_PLAIN) return plain;
        Envelope envelope = scan(operation, bytes);
        if (envelope.responseIndex < 0) {
            throw new MalformedResponseException(where(operation) + ": the answer has no \"Response\" object: "
                    + Answers.snippet(text(bytes)), null);
        }
        JsonNode error = envelope.error;
        if (error != null && !error.isNull()) {
            throw error(error.path("Code").asText("UnknownError"), error.path("Message").asText(""),
                    Answers.textOrNull(envelope.requestId), 200);
        }
        try (JsonParser parser = bytes.parser(mapper)) {
            parser.nextToken(); // the root START_OBJECT
            int index = -1;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                JsonToken value = parser.nextToken();
                if ("Response".equals(parser.currentName()) && ++index == envelope.responseIndex) {
                    return mapper.readValue(parser, request.responseType());
                }
                if (value.isStructStart()) parser.skipChildren();
            }
            throw new IllegalStateException("the \"Response\" object went missing on the second pass");
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedResponseException(where(operation) + ": cannot read the answer as "
                    + request.responseType().getSimpleName() + " (" + originalMessage(e) + "): " + Answers.snippet(text(bytes)), e);
        }
    }

    private static final Object NOT_PLAIN = new Object();

    /**
     * Binds the answer in one pass when it is one {@code {"Response": {...}}} object without an {@code Error} member
     * (watched while the response type's reader runs: {@link ErrorWatchingParser}) and the whole document parses;
     * anything else gives {@link #NOT_PLAIN}, and the two passes below give the result or the error as before. The
     * scanning pass alone tokenized the whole answer, a third of the CPU of reading a 20-instance list.
     */
    private Object readPlain(ApiRequest request, BufferedAnswer bytes) {
        try (JsonParser parser = bytes.parser(mapper)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) return NOT_PLAIN;
            Object bound = NOT_PLAIN;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                JsonToken value = parser.nextToken();
                if (!"Response".equals(parser.currentName())) {
                    if (value.isStructStart()) parser.skipChildren();
                    continue;
                }
                if (bound != NOT_PLAIN || value != JsonToken.START_OBJECT) return NOT_PLAIN;
                ErrorWatchingParser watched = new ErrorWatchingParser(parser);
                bound = mapper.readValue(watched, request.responseType());
                if (watched.sawError() || bound == null) return NOT_PLAIN;
            }
            return bound;
        } catch (IOException | RuntimeException e) {
            return NOT_PLAIN;
        }
    }

    /** What the first pass finds: which top-level {@code Response} counts (the last, as a tree would keep), its error and id. */
    private static final class Envelope {
        int responseIndex = -1;
        JsonNode error;
        JsonNode requestId;
    }

    private Envelope scan(OperationInfo operation, BufferedAnswer bytes) {
        Envelope envelope = new Envelope();
        try (JsonParser parser = bytes.parser(mapper)) {
            JsonToken root = parser.nextToken();
            if (root != JsonToken.START_OBJECT) {
                throw new MalformedResponseException(where(operation) + ": the answer is not a JSON object: "
                        + Answers.snippet(text(bytes)), null);
            }
            int responses = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean isResponse = "Response".equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (!isResponse) {
                    if (value.isStructStart()) parser.skipChildren();
                    continue;
                }
                int index = responses++;
                envelope.error = null;
                envelope.requestId = null;
                if (value != JsonToken.START_OBJECT) {
                    envelope.responseIndex = -1;
                    if (value.isStructStart()) parser.skipChildren();
                    continue;
                }
                envelope.responseIndex = index;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken member = parser.nextToken();
                    if ("Error".equals(name)) {
                        envelope.error = mapper.readTree(parser);
                    } else if ("RequestId".equals(name)) {
                        envelope.requestId = mapper.readTree(parser);
                    } else if (member.isStructStart()) {
                        parser.skipChildren();
                    }
                }
            }
            return envelope;
        } catch (JsonProcessingException e) {
            throw new MalformedResponseException(where(operation) + ": the answer is not JSON (" + originalMessage(e)
                    + "): " + Answers.snippet(text(bytes)), e);
        } catch (IOException e) {
            throw new MalformedResponseException(where(operation) + ": the answer is not JSON (" + e.getMessage()
                    + "): " + Answers.snippet(text(bytes)), e);
        }
    }

    private static String text(BufferedAnswer bytes) {
        return bytes.text();
    }

    @Override
    public String toString() {
        return ID + "[" + config.signatureMethod().wireName() + "]";
    }

    private ApiException httpError(OperationInfo operation, int status, String reason, String text) {
        String message = "HTTP " + status + (reason == null || reason.isEmpty() ? "" : " " + reason) + " from "
                + where(operation) + (text.isEmpty() ? "" : ": " + Answers.snippet(text));
        return errors.map("HttpError." + status, message, null, status);
    }

    /** The typed exception for a Tencent error code: the model's {@code kind} first, then the code's prefix ({@link ErrorMapper}). */
    public ApiException error(String code, String message, String requestId, int httpStatus) {
        return errors.map(code, message, requestId, httpStatus);
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


}
