package io.cachesh.emulator.capitalonline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.client.auth.CapitalOnlineSigner;
import io.cachesh.client.auth.Credentials;
import io.cachesh.emulator.control.Faults;
import io.cachesh.emulator.protocol.FormParams;
import io.cachesh.emulator.protocol.HttpRequestData;
import io.cachesh.emulator.protocol.HttpResponseData;
import io.cachesh.emulator.protocol.Json;
import io.cachesh.emulator.protocol.ProtocolHandler;
import io.cachesh.emulator.tencent.Params;
import io.cachesh.emulator.tencent.TencentThrottle;
import io.cachesh.emulator.validate.ModelShaper;
import io.cachesh.emulator.validate.ModelValidator;
import io.cachesh.emulator.validate.ValidationResult;
import io.cachesh.emulator.validate.Violation;
import io.cachesh.model.ApiModel;
import io.cachesh.model.OperationModel;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CapitalOnline OpenAPI for Memcached on {@code POST /memcached} (and {@code /memcached/}): {@code Action} and the
 * signature parameters in the query string ({@link CapitalOnlineSigner}, HMAC-SHA1 over {@code POST&%2F&...} with
 * the configured {@link CapitalOnlineSigner.KeyDerivation}), the action parameters as a JSON body (a GET carries them
 * in the signed query instead). Answers are {@code {"Code":"Success","Data":{...},"Message":"..."}}.
 *
 * <p>Order of checks: method, Action ({@code MissingParameter}/{@code InvalidAction}, HTTP 400), signature
 * parameters ({@code MissingParameter}, {@code IncompleteSignature}, {@code UnsupportedSignatureMethod},
 * {@code InvalidTimeStamp.Format}, {@code InvalidTimeStamp.Expired} beyond 15 minutes, {@code InvalidVersion},
 * HTTP 400), {@code InvalidAccessKeyId.NotFound} and {@code SignatureDoesNotMatch} (HTTP 403),
 * {@code SignatureNonceUsed} (HTTP 403), throttling ({@code Throttling}, HTTP 429, 20 requests per second per
 * action), injected faults, the body, model validation ({@code 20001} 参数错误, HTTP 200), the provider. A bug
 * answers {@code InternalError} (HTTP 500) without a stack trace.
 */
public final class CapitalOnlineFrontEnd implements ProtocolHandler {

    public static final String PATH = "/memcached";
    /** Allowed difference between Timestamp and the emulator's clock. */
    public static final long MAX_SKEW_SECONDS = 900;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Set<String> SIGNATURE_PARAMS = Set.of("Action", "AccessKeyId", "Signature", "SignatureMethod",
            "SignatureVersion", "SignatureNonce", "Timestamp", "Version");
    private static final System.Logger LOG = System.getLogger(CapitalOnlineFrontEnd.class.getName());

    private final ApiModel model;
    private final ModelValidator validator;
    private final ModelShaper shaper;
    private final CapitalOnlineMemcachedProvider provider;
    private final Credentials credentials;
    private final CapitalOnlineSigner.KeyDerivation keyDerivation;
    private final Clock clock;
    private final Faults faults;
    private final TencentThrottle throttle;
    private final Map<String, Long> nonces = new ConcurrentHashMap<>();

    public CapitalOnlineFrontEnd(ApiModel model, CapitalOnlineMemcachedProvider provider, Credentials credentials,
                                 CapitalOnlineSigner.KeyDerivation keyDerivation, Clock clock, Faults faults, boolean throttling) {
        this.model = model;
        this.validator = new ModelValidator(model);
        this.shaper = new ModelShaper(model);
        this.provider = provider;
        this.credentials = credentials;
        this.keyDerivation = keyDerivation;
        this.clock = clock;
        this.faults = faults;
        this.throttle = throttling ? new TencentThrottle(model) : null;
    }

    @Override
    public String name() {
        return "capitalonline";
    }

    @Override
    public boolean accepts(HttpRequestData request) {
        return PATH.equals(request.path()) || (PATH + "/").equals(request.path());
    }

    @Override
    public HttpResponseData handle(HttpRequestData request) {
        Map<String, String> query = request.queryParams();
        String action = query.get("Action");
        try {
            ObjectNode out = dispatch(request, query, action);
            ObjectNode body = Json.object();
            body.put("Code", "Success");
            body.set("Data", out.has("Data") ? out.get("Data") : Json.object());
            body.put("Message", CapitalOnlineMemcachedProvider.successMessage(action));
            return HttpResponseData.json(200, Json.write(body));
        } catch (CapitalOnlineException e) {
            LOG.log(System.Logger.Level.DEBUG, "{0} -> {1}: {2}", action, e.code(), e.getMessage());
            return error(e.httpStatus(), e.code(), e.getMessage());
        }
    }

    @Override
    public HttpResponseData internalError(HttpRequestData request, Throwable error) {
        return error(500, "InternalError", "内部错误: the emulator failed on this request (" + error.getClass().getSimpleName()
                + "); see its log.");
    }

    @Override
    public HttpResponseData malformed(HttpRequestData request, String problem) {
        return error(400, "InvalidParameter", "参数错误: the request is malformed: " + problem + ".");
    }

    private static HttpResponseData error(int status, String code, String message) {
        ObjectNode body = Json.object();
        body.put("Code", code);
        body.putObject("Data");
        body.put("Message", message);
        return HttpResponseData.json(status, Json.write(body));
    }

    private ObjectNode dispatch(HttpRequestData request, Map<String, String> query, String action) {
        if (!"POST".equals(request.method()) && !"GET".equals(request.method())) {
            throw new CapitalOnlineException("UnsupportedHTTPMethod", 400, "only POST (and GET) are served, got " + request.method() + ".");
        }
        if (request.bodyTooLarge()) throw CapitalOnlineException.invalid("参数错误: the body exceeds 10 MB.");
        if (action == null || action.isBlank()) throw new CapitalOnlineException("MissingParameter", 400, "the query parameter Action is missing.");
        Optional<OperationModel> op = model.operation(action);
        if (op.isEmpty()) {
            throw new CapitalOnlineException("InvalidAction", 400, "action `" + action + "` does not exist in the Memcached API ("
                    + String.join(", ", model.operations().keySet()) + ").");
        }
        String keyId = verify(request, query);
        if (throttle != null && !throttle.tryAcquire(keyId, "capitalonline", action)) {
            throw new CapitalOnlineException("Throttling", 429, "请求过于频繁: " + action + " allows " + throttle.limit(action)
                    + " requests per second per AccessKeyId.");
        }
        faults.apply("capitalonline", action,
                f -> new CapitalOnlineException(f.code(), 200, f.message() != null ? f.message() : "injected fault: " + f.code()));
        ObjectNode input = input(request, query);
        ValidationResult result = validator.validate(action, input);
        if (!result.valid()) throw validationError(action, result.violations().get(0));
        ObjectNode out = provider.handle(action, new Params((ObjectNode) result.value()));
        String shape = op.get().output();
        if (shape != null) {
            ObjectNode wrapped = Json.object();
            wrapped.set("Data", out.path("Data"));
            out = shaper.shape(shape, wrapped);
        }
        return out;
    }

    private static CapitalOnlineException validationError(String action, Violation v) {
        if (v.kind() == Violation.Kind.MISSING && action.equals("CreateMemcachedInstance")) {
            return CapitalOnlineException.invalid("参数缺失,conf_size,site_id ,app_id, pipe_id为必传参数 (" + v.message() + ")");
        }
        if (v.kind() == Violation.Kind.MISSING) return CapitalOnlineException.invalid("参数缺失: " + v.message());
        return CapitalOnlineException.invalid("参数错误: " + v.message());
    }

    /** POST: the JSON body; GET: the query minus the signature parameters. */
    private static ObjectNode input(HttpRequestData request, Map<String, String> query) {
        if ("GET".equals(request.method())) {
            Map<String, String> params = new LinkedHashMap<>(query);
            params.keySet().removeAll(SIGNATURE_PARAMS);
            return FormParams.toJson(params);
        }
        if (request.body().length == 0) return Json.object();
        JsonNode parsed;
        try {
            parsed = Json.parse(request.body());
        } catch (IOException e) {
            throw CapitalOnlineException.invalid("参数错误: the body is not JSON (" + String.valueOf(e.getMessage()).split("\n")[0] + ").");
        }
        if (parsed == null || parsed.isNull() || parsed.isMissingNode()) return Json.object();
        if (!parsed.isObject()) throw CapitalOnlineException.invalid("参数错误: the body must be a JSON object.");
        return (ObjectNode) parsed;
    }

    private String verify(HttpRequestData request, Map<String, String> query) {
        for (String name : List.of("AccessKeyId", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp", "Version")) {
            String v = query.get(name);
            if (v == null || v.isBlank()) {
                throw new CapitalOnlineException("MissingParameter", 400, "the signature parameter " + name + " is missing from the query.");
            }
        }
        if (query.get("Signature") == null || query.get("Signature").isBlank()) {
            throw new CapitalOnlineException("IncompleteSignature", 400, "the Signature parameter is missing from the query.");
        }
        if (!CapitalOnlineSigner.SIGNATURE_METHOD.equals(query.get("SignatureMethod"))
                || !CapitalOnlineSigner.SIGNATURE_VERSION.equals(query.get("SignatureVersion"))) {
            throw new CapitalOnlineException("UnsupportedSignatureMethod", 400, "SignatureMethod must be HMAC-SHA1 and "
                    + "SignatureVersion 1.0, got " + query.get("SignatureMethod") + " / " + query.get("SignatureVersion") + ".");
        }
        if (!model.version().equals(query.get("Version"))) {
            throw new CapitalOnlineException("InvalidVersion", 400, "Version `" + query.get("Version") + "` is not served (use "
                    + model.version() + ").");
        }
        Instant ts;
        try {
            ts = Instant.from(TIMESTAMP.parse(query.get("Timestamp")));
        } catch (DateTimeParseException e) {
            throw new CapitalOnlineException("InvalidTimeStamp.Format", 400, "Timestamp `" + query.get("Timestamp")
                    + "` is not yyyy-MM-ddTHH:mm:ssZ (UTC).");
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - ts.getEpochSecond()) > MAX_SKEW_SECONDS) {
            throw new CapitalOnlineException("InvalidTimeStamp.Expired", 400, "Timestamp " + query.get("Timestamp")
                    + " is more than " + MAX_SKEW_SECONDS + " seconds from the server time.");
        }
        String keyId = query.get("AccessKeyId");
        if (!credentials.keyId().equals(keyId)) {
            throw new CapitalOnlineException("InvalidAccessKeyId.NotFound", 403, "AccessKeyId `" + keyId + "` is not known to this emulator.");
        }
        if (!CapitalOnlineSigner.verify(credentials.secret(), keyDerivation, request.method(), query)) {
            throw new CapitalOnlineException("SignatureDoesNotMatch", 403, "the signature does not match (HMAC-SHA1 over "
                    + request.method() + "&%2F&<encoded sorted query>, key " + keyDerivation + ").");
        }
        nonces.values().removeIf(expiry -> expiry < now);
        if (nonces.putIfAbsent(keyId + "\n" + query.get("SignatureNonce"), now + 2 * MAX_SKEW_SECONDS) != null) {
            throw new CapitalOnlineException("SignatureNonceUsed", 403, "SignatureNonce " + query.get("SignatureNonce") + " was already used.");
        }
        return keyId;
    }
}
