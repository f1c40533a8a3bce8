package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.client.auth.Credentials;
import io.cachesh.client.auth.SignatureMethod;
import io.cachesh.client.auth.TencentV1Signer;
import io.cachesh.client.auth.Tc3Signer;
import io.cachesh.emulator.control.Faults;
import io.cachesh.emulator.protocol.FormParams;
import io.cachesh.emulator.protocol.HttpRequestData;
import io.cachesh.emulator.protocol.HttpResponseData;
import io.cachesh.emulator.protocol.Json;
import io.cachesh.emulator.protocol.ProtocolHandler;
import io.cachesh.emulator.validate.ModelShaper;
import io.cachesh.emulator.validate.ModelValidator;
import io.cachesh.emulator.validate.ValidationResult;
import io.cachesh.emulator.validate.Violation;
import io.cachesh.model.ApiModel;
import io.cachesh.model.OperationModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Tencent Cloud API 3.0 on {@code POST /} (and GET with query parameters): {@code X-TC-Action} dispatch, TC3-HMAC-SHA256
 * verification (or signature v1: HmacSHA1/HmacSHA256 over form or query parameters), per-action throttling, version and region checks, model validation, then the {@link TencentRedisProvider}; every answer is
 * HTTP 200 in Tencent's envelope, errors included (seed: "signature failure is 200, not 401").
 *
 * <p>Order of checks: method, Action, Authorization (format, timestamp, SecretId, signature), Version, Region, action
 * known, throttling, injected faults, body, model validation, provider. A missing Authorization header is {@code AuthFailure.SignatureFailure}; one
 * that does not parse as TC3 is {@code AuthFailure.InvalidAuthorization} (the seed's common codes have no dedicated
 * "missing" code).
 */
public final class TencentApi3FrontEnd implements ProtocolHandler {

    /** Allowed difference between X-TC-Timestamp and the emulator's clock (seed: five minutes). */
    public static final long MAX_SKEW_SECONDS = 300;

    private static final System.Logger LOG = System.getLogger(TencentApi3FrontEnd.class.getName());
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    /**
     * Where the seed names a specific code for a bad value of a member (by {@code Action.Member} or {@code Member}),
     * the model's generic {@code InvalidParameterValue} is refined to it.
     */
    private static final Map<String, String> VALUE_CODES = Map.of(
            "Password", "InvalidParameterValue.PasswordRuleError",
            "CreateInstances.TypeId", "InvalidParameterValue.InvalidInstanceTypeId",
            "InstanceName", "InvalidParameterValue.InstanceNameRuleError",
            "InstanceNames", "InvalidParameterValue.InstanceNameRuleError");

    private static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private final ApiModel model;
    private final ModelValidator validator;
    private final ModelShaper shaper;
    private final TencentRedisProvider provider;
    private final Credentials credentials;
    private final Clock clock;
    private final Faults faults;
    private volatile TencentThrottle throttle;
    private volatile Consumer<HttpRequestData> observer;

    /** The v1 common parameters, taken out of the action's input (seed, "公共参数", signature v1). */
    static final Set<String> V1_COMMON = Set.of("Action", "Region", "Timestamp", "Nonce", "SecretId", "Signature",
            "Version", "SignatureMethod", "Token", "Language", "RequestClient");

    public TencentApi3FrontEnd(ApiModel model, TencentRedisProvider provider, Credentials credentials, Clock clock) {
        this(model, provider, credentials, clock, new Faults(0));
    }

    public TencentApi3FrontEnd(ApiModel model, TencentRedisProvider provider, Credentials credentials, Clock clock,
                               Faults faults) {
        this.faults = faults;
        this.model = model;
        this.validator = new ModelValidator(model);
        this.shaper = new ModelShaper(model);
        this.provider = provider;
        this.credentials = credentials;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "tencent-api3";
    }

    /** Enforces each action's rate limit per (SecretId, region, action); null turns throttling off. */
    public TencentApi3FrontEnd throttle(TencentThrottle throttle) {
        this.throttle = throttle;
        return this;
    }

    /** A test hook: sees every request exactly as received (headers and body bytes), before any check. */
    public TencentApi3FrontEnd observer(Consumer<HttpRequestData> observer) {
        this.observer = observer;
        return this;
    }

    @Override
    public boolean accepts(HttpRequestData request) {
        return "/".equals(request.path());
    }

    @Override
    public HttpResponseData handle(HttpRequestData request) {
        String requestId = UUID.randomUUID().toString();
        Consumer<HttpRequestData> seen = observer;
        if (seen != null) seen.accept(request);
        Map<String, String> v1 = v1Parameters(request);
        String action = v1 != null ? v1.get("Action") : request.header("X-TC-Action");
        try {
            Answer answer = dispatch(request, requestId, action, v1);
            return new HttpResponseData(200, CONTENT_TYPE, render(answer, requestId), Map.of());
        } catch (TencentException e) {
            LOG.log(System.Logger.Level.DEBUG, "{0} -> {1}: {2}", action, e.code(), e.getMessage());
            return error(requestId, e.code(), e.getMessage());
        }
    }

    @Override
    public HttpResponseData internalError(HttpRequestData request, Throwable error) {
        return error(UUID.randomUUID().toString(), "InternalError",
                "内部错误: the emulator failed on this request; see its log.");
    }

    @Override
    public HttpResponseData malformed(HttpRequestData request, String problem) {
        return error(UUID.randomUUID().toString(), "UnsupportedProtocol", "http(s) 请求协议错误: " + problem + ".");
    }

    /**
     * The parameters of a signature-v1 call (no {@code Authorization} and no {@code X-TC-Action} header; the
     * parameters in the query of a GET or the form body of a POST), null for an API 3.0 header-style call.
     */
    static Map<String, String> v1Parameters(HttpRequestData request) {
        if (request.header("Authorization") != null || request.header("X-TC-Action") != null) return null;
        Map<String, String> params;
        if ("GET".equals(request.method())) {
            params = request.queryParams();
        } else if ("POST".equals(request.method()) && request.contentType().startsWith("application/x-www-form-urlencoded")) {
            params = HttpRequestData.decodeForm(new String(request.body(), StandardCharsets.UTF_8));
        } else {
            return null;
        }
        return params.containsKey("Action") || params.containsKey("Signature") || params.containsKey("SecretId") ? params : null;
    }

    /** The headers that decide who calls what, where: sent twice they make the request ambiguous. */
    static final List<String> SINGLE_HEADERS = List.of("Authorization", "X-TC-Action", "X-TC-Timestamp", "X-TC-Version",
            "X-TC-Region", "X-TC-Token");

    /**
     * Refuses a request that repeats one of {@link #SINGLE_HEADERS} instead of silently taking the first value (a
     * gateway and the service behind it could otherwise read different ones). The seed's common codes have none for
     * a repeated header, so: a second {@code Authorization} is {@code AuthFailure.InvalidAuthorization}, the seed's
     * code for an Authorization that does not parse as one TC3 credential; a repeated X-TC-* header is
     * {@code InvalidParameter} ("参数错误", a parameter in the wrong form), the closest to a malformed common
     * parameter - not {@code MissingParameter}, since the header is there - with the header named.
     */
    static void refuseDuplicatedHeaders(HttpRequestData request) {
        for (String name : SINGLE_HEADERS) {
            int n = request.headerValues(name).size();
            if (n <= 1) continue;
            if (name.equals("Authorization")) {
                throw new TencentException("AuthFailure.InvalidAuthorization",
                        "请求头部的 Authorization 不符合腾讯云标准: the Authorization header is sent " + n + " times; send it once.");
            }
            throw new TencentException("InvalidParameter", "参数错误: the header `" + name + "` is sent " + n
                    + " times; send it once.");
        }
    }

    /** A provider's output, not yet fitted to its model shape (null: written as it is). */
    private record Answer(ObjectNode output, String shape) {
    }

    /**
     * {@code {"Response": {...the shaped output..., "RequestId": id}}} written straight to UTF-8 bytes: no shaped copy
     * of the output, no String of the answer (the two were about 60 % of the emulator's CPU on DescribeInstances).
     * The output itself is left unchanged.
     */
    private byte[] render(Answer answer, String requestId) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(4096);
        try (JsonGenerator out = Json.MAPPER.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeFieldName("Response");
            out.writeStartObject();
            shaper.writeMembers(answer.shape(), answer.output(), out, "RequestId");
            out.writeStringField("RequestId", requestId);
            out.writeEndObject();
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private Answer dispatch(HttpRequestData request, String requestId, String action, Map<String, String> v1) {
        if (!"POST".equals(request.method()) && !"GET".equals(request.method())) {
            throw new TencentException("UnsupportedProtocol", "http(s) 请求协议错误，只支持 GET 和 POST 请求: got " + request.method() + ".");
        }
        if (request.bodyTooLarge()) {
            throw new TencentException("RequestSizeLimitExceeded", "请求包超过限制大小: the body exceeds 10 MB.");
        }
        refuseDuplicatedHeaders(request);
        if (action == null || action.isBlank()) throw TencentException.missing("Action");
        String secretId = v1 != null ? verifyV1Signature(request, v1) : verifySignature(request);
        String version = v1 != null ? v1.get("Version") : request.header("X-TC-Version");
        if (version == null || version.isBlank()) throw TencentException.missing("Version");
        if (!model.version().equals(version.trim())) {
            throw new TencentException("NoSuchVersion", "接口版本不存在: version `" + version + "` of redis does not exist (use "
                    + model.version() + ").");
        }
        String region = v1 != null ? v1.get("Region") : request.header("X-TC-Region");
        if (region == null || region.isBlank()) throw TencentException.missing("Region");
        region = region.trim();
        if (!provider.catalog().knownRegion(region)) {
            throw new TencentException("UnsupportedRegion", "接口不支持所传地域: region `" + region + "`; supported: "
                    + String.join(", ", provider.catalog().regionIds()) + ".");
        }
        Optional<OperationModel> op = model.operation(action);
        if (op.isEmpty() && !provider.implementsAction(action)) {
            throw new TencentException("InvalidAction", "接口不存在: action `" + action + "` does not exist in redis "
                    + model.version() + ".");
        }
        TencentThrottle limiter = throttle;
        if (limiter != null && !limiter.tryAcquire(secretId, region, action)) {
            throw new TencentException("RequestLimitExceeded", "请求的次数超过了频率限制。: " + action + " allows "
                    + limiter.limit(action) + " requests per second per SecretId and region.");
        }
        faults.apply("tencent", action,
                f -> new TencentException(f.code(), f.message() != null ? f.message() : "injected fault: " + f.code()));
        ObjectNode input = v1 != null ? v1Input(v1) : input(request);
        if (op.isPresent()) {
            ValidationResult result = validator.validate(action, input);
            if (!result.valid()) throw toException(action, result.violations(), input);
            input = (ObjectNode) result.value();
        }
        if (!provider.implementsAction(action)) {
            throw new TencentException("UnsupportedOperation", "操作不支持: the emulator does not implement " + action + " yet.");
        }
        ObjectNode output = provider.handle(new TencentRequest(action, region, requestId, secretId, input));
        return new Answer(output, op.map(OperationModel::output).orElse(null));
    }

    private static ObjectNode v1Input(Map<String, String> params) {
        Map<String, String> actionParams = new LinkedHashMap<>(params);
        actionParams.keySet().removeAll(V1_COMMON);
        return FormParams.toJson(actionParams);
    }

    private ObjectNode input(HttpRequestData request) {
        if ("GET".equals(request.method())) {
            return FormParams.toJson(request.queryParams());
        }
        String contentType = request.contentType();
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            return FormParams.toJson(HttpRequestData.decodeForm(new String(request.body(), StandardCharsets.UTF_8)));
        }
        if (request.body().length == 0) return Json.object();
        JsonNode parsed;
        try {
            parsed = Json.parse(request.body());
        } catch (IOException e) {
            String detail = e.getMessage() == null ? "" : e.getMessage().split("\n")[0];
            throw new TencentException("InvalidParameter", "参数错误: the request body is not valid JSON (" + detail + ").");
        }
        if (parsed == null || parsed.isMissingNode()) return Json.object();
        if (!parsed.isObject()) {
            throw new TencentException("InvalidParameter", "参数错误: the request body must be a JSON object, got "
                    + parsed.getNodeType().name().toLowerCase(Locale.ROOT) + ".");
        }
        return (ObjectNode) parsed;
    }

    private static TencentException toException(String action, List<Violation> violations, ObjectNode input) {
        Violation first = violations.get(0);
        String code = switch (first.kind()) {
            case MISSING -> "MissingParameter";
            case UNKNOWN -> "UnknownParameter";
            case TYPE -> "InvalidParameter";
            case VALUE -> valueCode(action, first.path(), input);
        };
        String more = violations.size() > 1 ? " (and " + (violations.size() - 1) + " more problem"
                + (violations.size() > 2 ? "s" : "") + ")" : "";
        return new TencentException(code, first.message() + more);
    }

    /** Actions whose {@code Period} is a purchase period in months (elsewhere, e.g. log delivery, it is not). */
    private static final java.util.Set<String> PURCHASE_PERIOD_ACTIONS = java.util.Set.of(
            "CreateInstances", "RenewInstance", "CloneInstances", "InquiryPriceCreateInstance", "InquiryPriceRenewInstance");

    private static String valueCode(String action, String path, ObjectNode input) {
        boolean purchasePeriod = PURCHASE_PERIOD_ACTIONS.contains(action);
        if (purchasePeriod && "Period".equals(path) && input.path("Period").canConvertToLong()) {
            long period = input.path("Period").asLong();
            if (period < 1) return "LimitExceeded.PeriodLessThanMinLimit";
            if (period > 36) return "LimitExceeded.PeriodExceedMaxLimit";
        }
        if (purchasePeriod && "Period".equals(path) && input.path("Period").isTextual()) {
            try {
                long period = Long.parseLong(input.path("Period").asText().trim());
                if (period < 1) return "LimitExceeded.PeriodLessThanMinLimit";
                if (period > 36) return "LimitExceeded.PeriodExceedMaxLimit";
            } catch (NumberFormatException ignored) {
                // not a number: generic code
            }
        }
        return VALUE_CODES.getOrDefault(action + "." + path, VALUE_CODES.getOrDefault(path, "InvalidParameterValue"));
    }

    // ---- TC3 ------------------------------------------------------------------------------------------------------

    /** Signature v1 (seed: "签名方法 v1"): same codes as TC3 for expired, unknown-key and wrong signatures. */
    private String verifyV1Signature(HttpRequestData request, Map<String, String> params) {
        String signature = params.get("Signature");
        if (signature == null || signature.isBlank()) {
            throw new TencentException("AuthFailure.SignatureFailure",
                    "The provided credentials could not be validated: the Signature parameter is missing.");
        }
        String method = params.get("SignatureMethod");
        if (method != null && !method.equals(SignatureMethod.HMAC_SHA1.wireName())
                && !method.equals(SignatureMethod.HMAC_SHA256.wireName())) {
            throw new TencentException("AuthFailure.SignatureFailure", "The provided credentials could not be validated: "
                    + "SignatureMethod must be HmacSHA1 or HmacSHA256, got `" + method + "`.");
        }
        String ts = params.get("Timestamp");
        if (ts == null || ts.isBlank()) throw TencentException.missing("Timestamp");
        long timestamp;
        try {
            timestamp = Long.parseLong(ts.trim());
        } catch (NumberFormatException e) {
            throw new TencentException("InvalidParameter", "The value type of parameter `Timestamp` is invalid: expected integer.");
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - timestamp) > MAX_SKEW_SECONDS) {
            throw new TencentException("AuthFailure.SignatureExpire", "签名过期: Timestamp " + timestamp
                    + " is more than 300 seconds from the server time " + now + ".");
        }
        if (params.get("Nonce") == null) throw TencentException.missing("Nonce");
        String keyId = params.get("SecretId");
        if (keyId == null || keyId.isBlank()) throw TencentException.missing("SecretId");
        if (!credentials.keyId().equals(keyId)) {
            throw new TencentException("AuthFailure.SecretIdNotFound",
                    "密钥不存在: SecretId `" + keyId + "` is not known to this emulator.");
        }
        String token = params.get("Token");
        if (token != null && !token.isEmpty() && (credentials.token() == null || !credentials.token().matches(token))
                || (token == null || token.isEmpty()) && credentials.token() != null) {
            throw new TencentException("AuthFailure.TokenFailure", "token 错误: Token does not match the emulator's credentials.");
        }
        String host = request.header("Host");
        if (host == null || !TencentV1Signer.verify(credentials.secret(), request.method(), host, "/", params)) {
            throw new TencentException("AuthFailure.SignatureFailure",
                    "The provided credentials could not be validated. Please check your signature is correct.");
        }
        return keyId;
    }

    private String verifySignature(HttpRequestData request) {
        String header = request.header("Authorization");
        if (header == null || header.isBlank()) {
            throw new TencentException("AuthFailure.SignatureFailure",
                    "The provided credentials could not be validated: the Authorization header is missing.");
        }
        Tc3Signer.Authorization auth = Tc3Signer.Authorization.parse(header.trim());
        if (auth == null || !Tc3Signer.ALGORITHM.equals(auth.algorithm()) || auth.keyId() == null
                || auth.signedHeaders() == null || auth.signature() == null || !"tc3_request".equals(auth.terminator())) {
            throw new TencentException("AuthFailure.InvalidAuthorization",
                    "请求头部的 Authorization 不符合腾讯云标准: expected `TC3-HMAC-SHA256 Credential=<SecretId>/<date>/<service>/tc3_request, "
                            + "SignedHeaders=content-type;host, Signature=<hex>`.");
        }
        String ts = request.header("X-TC-Timestamp");
        if (ts == null || ts.isBlank()) throw TencentException.missing("Timestamp");
        long timestamp;
        try {
            timestamp = Long.parseLong(ts.trim());
        } catch (NumberFormatException e) {
            throw new TencentException("InvalidParameter", "The value type of parameter `Timestamp` is invalid: expected integer.");
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - timestamp) > MAX_SKEW_SECONDS) {
            throw new TencentException("AuthFailure.SignatureExpire", "签名过期: X-TC-Timestamp " + timestamp
                    + " is more than 300 seconds from the server time " + now + ".");
        }
        if (!credentials.keyId().equals(auth.keyId())) {
            throw new TencentException("AuthFailure.SecretIdNotFound",
                    "密钥不存在: SecretId `" + auth.keyId() + "` is not known to this emulator.");
        }
        String token = request.header("X-TC-Token");
        if (token != null && !token.isEmpty() && (credentials.token() == null || !credentials.token().matches(token))
                || (token == null || token.isEmpty()) && credentials.token() != null) {
            throw new TencentException("AuthFailure.TokenFailure", "token 错误: X-TC-Token does not match the emulator's credentials.");
        }
        if (!DATE.format(Instant.ofEpochSecond(timestamp)).equals(auth.date())) {
            throw new TencentException("AuthFailure.SignatureFailure", "The provided credentials could not be validated: "
                    + "the credential scope date " + auth.date() + " is not the UTC date of X-TC-Timestamp.");
        }
        Map<String, String> signed = new LinkedHashMap<>();
        List<String> names = List.of(auth.signedHeaders().toLowerCase(Locale.ROOT).split(";"));
        if (!names.contains("content-type") || !names.contains("host")) {
            throw new TencentException("AuthFailure.SignatureFailure",
                    "The provided credentials could not be validated: SignedHeaders must include content-type and host.");
        }
        for (String name : names) {
            String value = request.header(name);
            if (value == null) {
                throw new TencentException("AuthFailure.SignatureFailure",
                        "The provided credentials could not be validated: signed header `" + name + "` is missing.");
            }
            signed.put(name, value);
        }
        // The seed lower-cases canonical header values (x-tc-action:describeinstances, as the official SDKs sign);
        // signers that keep values as sent are accepted too.
        Map<String, String> lowered = new LinkedHashMap<>();
        signed.forEach((k, v) -> lowered.put(k, v.toLowerCase(Locale.ROOT)));
        byte[] given = auth.signature().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        boolean ok = false;
        for (Map<String, String> headers : signed.equals(lowered) ? List.of(signed) : List.of(lowered, signed)) {
            Tc3Signer.Input input = new Tc3Signer.Input(request.method(), "/", request.rawQuery(), headers,
                    request.body(), auth.service(), timestamp);
            String expected = Tc3Signer.signature(credentials.secret(), input);
            ok |= MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given);
        }
        if (!ok) {
            throw new TencentException("AuthFailure.SignatureFailure",
                    "The provided credentials could not be validated. Please check your signature is correct.");
        }
        return auth.keyId();
    }

    private static HttpResponseData error(String requestId, String code, String message) {
        ObjectNode envelope = Json.object();
        ObjectNode response = envelope.putObject("Response");
        ObjectNode error = response.putObject("Error");
        error.put("Code", code);
        error.put("Message", message == null ? code : message);
        response.put("RequestId", requestId);
        return HttpResponseData.json(200, Json.write(envelope));
    }
}
