package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.client.auth.Credentials;
import io.cachesh.client.auth.HuaweiAkSkSigner;
import io.cachesh.emulator.control.Faults;
import io.cachesh.emulator.protocol.HttpRequestData;
import io.cachesh.emulator.protocol.HttpResponseData;
import io.cachesh.emulator.protocol.Json;
import io.cachesh.emulator.protocol.ProtocolHandler;
import io.cachesh.emulator.validate.ModelShaper;
import io.cachesh.emulator.validate.ModelValidator;
import io.cachesh.emulator.validate.RestInput;
import io.cachesh.emulator.validate.ValidationResult;
import io.cachesh.emulator.validate.Violation;
import io.cachesh.model.ApiModel;
import io.cachesh.model.ErrorModel;
import io.cachesh.model.MemberModel;
import io.cachesh.model.OperationModel;
import io.cachesh.model.ShapeModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Huawei Cloud DCS REST on the emulator's port: v2 ({@code /v2/...}, 2025 edition), v1.0 ({@code /v1.0/...}, 2020
 * edition) and the IAM token endpoint ({@code POST /v3/auth/tokens}).
 *
 * <p>Order of checks: route (method + URI template of the model; unknown path {@code DCS.4001} 404, known path with
 * another method {@code 111405001} 405), project id format ({@code DCS.4002}), authentication (AK/SK
 * {@code SDK-HMAC-SHA256} verified with {@link HuaweiAkSkSigner#verify}, {@code X-Sdk-Date} within 15 minutes, or an
 * {@code X-Auth-Token} from the emulator's IAM), the project ({@code DCS.1004}), injected faults, the body
 * ({@code DCS.4005}), model validation, then the {@link HuaweiDcsProvider}. Every answer has an {@code X-Request-Id}.
 * Errors: v2 {@code {"error_code","error_msg"}}, v1 {@code {"error":{"code","message"}}}, each with the HTTP status the
 * version's error table gives the code; the API gateway's own {@code APIGW.0301} (401) is in the gateway's form
 * {@code {"error_code","error_msg","request_id"}} on both.
 */
public final class HuaweiDcsFrontEnd implements ProtocolHandler {

    /** Allowed difference between {@code X-Sdk-Date} and the emulator's clock. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(15);
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    private static final System.Logger LOG = System.getLogger(HuaweiDcsFrontEnd.class.getName());
    private static final DateTimeFormatter SDK_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);
    private static final Pattern PROJECT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Where the seed names a specific code for a bad value of a member, the generic {@code DCS.4062} is refined to it. */
    private static final Map<String, String[]> MEMBER_CODES = Map.of(
            "name", new String[]{"DCS.4010", "111400010"},
            "description", new String[]{"DCS.4011", "111400011"},
            "capacity", new String[]{"DCS.4012", "111400012"},
            "new_capacity", new String[]{"DCS.4012", "111400012"},
            "password", new String[]{"DCS.4019", "111400019"},
            "new_password", new String[]{"DCS.4019", "111400019"},
            "remark", new String[]{"DCS.4098", "111400098"},
            "instances", new String[]{"DCS.4065", "111400065"},
            "project_id", new String[]{"DCS.4002", "111400002"},
            "instance_id", new String[]{"DCS.4061", "111400061"});

    /** One API version served here. */
    private record Surface(String version, ApiModel model, HuaweiRoutes routes, ModelValidator validator, ModelShaper shaper) {
    }

    private final Surface v2;
    private final Surface v1;
    private final HuaweiDcsProvider provider;
    private final Credentials credentials;
    private final HuaweiIam iam;
    private final Clock clock;
    private final Faults faults;
    private volatile Consumer<HttpRequestData> observer;

    public HuaweiDcsFrontEnd(ApiModel v2Model, ApiModel v1Model, HuaweiDcsProvider provider, Credentials credentials,
                             HuaweiIam iam, Clock clock, Faults faults) {
        this.v2 = surface("v2", v2Model);
        this.v1 = surface("v1", v1Model);
        this.provider = provider;
        this.credentials = credentials;
        this.iam = iam;
        this.clock = clock;
        this.faults = faults == null ? new Faults(0) : faults;
    }

    private static Surface surface(String version, ApiModel model) {
        return new Surface(version, model, new HuaweiRoutes(model), new ModelValidator(model), new ModelShaper(model));
    }

    /** A test hook: sees every request exactly as received, before any check. */
    public HuaweiDcsFrontEnd observer(Consumer<HttpRequestData> observer) {
        this.observer = observer;
        return this;
    }

    @Override
    public String name() {
        return "huawei-dcs";
    }

    @Override
    public boolean accepts(HttpRequestData request) {
        String p = request.path();
        if (p.equals("/v2/index.php")) return false; // Tencent legacy v2 and CMEM
        return p.startsWith("/v2/") || p.equals("/v2") || p.startsWith("/v1.0/") || p.equals("/v1.0")
                || p.equals("/v3/auth/tokens") || p.equals("/v3/auth/tokens/");
    }

    @Override
    public HttpResponseData handle(HttpRequestData request) {
        String requestId = newRequestId();
        Consumer<HttpRequestData> seen = observer;
        if (seen != null) seen.accept(request);
        if (request.path().startsWith("/v3/")) return token(request, requestId);
        Surface s = request.path().startsWith("/v1.0") ? v1 : v2;
        try {
            return dispatch(s, request, requestId);
        } catch (HuaweiException e) {
            LOG.log(System.Logger.Level.DEBUG, "{0} {1} -> {2}: {3}", request.method(), request.path(), e.code(s.version()),
                    e.getMessage());
            return error(s, requestId, e);
        }
    }

    @Override
    public HttpResponseData internalError(HttpRequestData request, Throwable error) {
        Surface s = request.path().startsWith("/v1.0") ? v1 : v2;
        return error(s, newRequestId(), new HuaweiException("DCS.5000", 500, "Internal service error: the emulator failed on "
                + "this request; see its log."));
    }

    @Override
    public HttpResponseData malformed(HttpRequestData request, String problem) {
        Surface s = request.path().startsWith("/v1.0") ? v1 : v2;
        return error(s, newRequestId(), HuaweiException.invalid("request", "The request is malformed: " + problem + "."));
    }

    // ---- IAM ------------------------------------------------------------------------------------------------------

    private HttpResponseData token(HttpRequestData request, String requestId) {
        try {
            if (!"POST".equals(request.method())) throw new HuaweiIam.IamError(405, "Use POST /v3/auth/tokens.");
            JsonNode body;
            try {
                body = request.body().length == 0 ? null : Json.parse(request.body());
            } catch (IOException e) {
                throw new HuaweiIam.IamError(400, "The request body is not valid JSON.");
            }
            HuaweiIam.Issued issued = iam.issue(body);
            return new HttpResponseData(201, "application/json;charset=UTF-8",
                    Json.write(issued.body()).getBytes(StandardCharsets.UTF_8),
                    Map.of("X-Subject-Token", issued.token(), REQUEST_ID_HEADER, requestId));
        } catch (HuaweiIam.IamError e) {
            return new HttpResponseData(e.status(), "application/json;charset=UTF-8",
                    Json.write(e.body()).getBytes(StandardCharsets.UTF_8), Map.of(REQUEST_ID_HEADER, requestId));
        }
    }

    // ---- DCS ------------------------------------------------------------------------------------------------------

    private HttpResponseData dispatch(Surface s, HttpRequestData request, String requestId) {
        if (request.bodyTooLarge()) {
            throw HuaweiException.invalid("body", "The request body exceeds 10 MB.");
        }
        HuaweiRoutes.Result route = s.routes().match(request.method(), request.path());
        if (!route.found()) {
            if (!route.allowedMethods().isEmpty()) {
                throw new HuaweiException("111405001", "111405001", 405, "This request method is not allowed: "
                        + request.method() + " " + request.path() + " allows " + String.join(", ", route.allowedMethods()) + ".");
            }
            throw HuaweiException.noSuchUrl(request.method(), request.path());
        }
        HuaweiRoutes.Match match = route.match();
        String operation = match.operation();
        OperationModel op = match.model();
        String projectId = match.pathParams().get("project_id");
        if (projectId != null && !PROJECT_ID.matcher(projectId).matches()) {
            throw new HuaweiException("DCS.4002", "111400002", 400, "Invalid project ID format: `" + projectId + "`.");
        }
        authenticate(request, projectId);
        faults.apply("huawei", operation, f -> {
            ErrorModel known = s.model().errors().get(f.code());
            return new HuaweiException(f.code(), f.code(), known != null && known.httpStatus() != null ? known.httpStatus() : 400,
                    f.message() != null ? f.message() : "injected fault: " + f.code());
        });
        JsonNode body = body(s, request, op);
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : HuaweiAkSkSigner.parseQuery(request.rawQuery())) {
            query.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        }
        RestInput.Assembled assembled = RestInput.assemble(s.model(), op, match.pathParams(), query, request::header, body);
        if (!assembled.violations().isEmpty()) throw toException(assembled.violations());
        ValidationResult result = s.validator().validate(operation, assembled.input());
        if (!result.valid()) throw toException(result.violations());
        if (!provider.implementsOperation(s.version(), operation)) throw HuaweiException.notSupported(s.version(), operation);
        ObjectNode output = provider.handle(new HuaweiRequest(s.version(), operation, requestId, projectId,
                (ObjectNode) result.value()));
        int status = op.http().status() == null ? 200 : op.http().status();
        if (status == 204) return new HttpResponseData(204, "application/json;charset=UTF-8", new byte[0],
                Map.of(REQUEST_ID_HEADER, requestId));
        if (output == null) output = Json.object();
        ShapeModel outShape = op.output() == null ? null : s.model().shapes().get(op.output());
        if (outShape != null && outShape.isList()) {
            // a bare JSON array (ShowReplicationStates): the handler answers its items as the member `body`
            ArrayNode items = Json.MAPPER.createArrayNode();
            String element = outShape.member() == null ? null : outShape.member().shape();
            for (JsonNode item : output.path("body")) {
                items.add(element != null && item.isObject() ? s.shaper().shape(element, (ObjectNode) item) : item);
            }
            return new HttpResponseData(status, "application/json;charset=UTF-8", Json.write(items).getBytes(StandardCharsets.UTF_8),
                    Map.of(REQUEST_ID_HEADER, requestId));
        }
        if (outShape != null) output = s.shaper().shape(op.output(), output);
        return new HttpResponseData(status, "application/json;charset=UTF-8", Json.write(output).getBytes(StandardCharsets.UTF_8),
                Map.of(REQUEST_ID_HEADER, requestId));
    }

    /** The parsed body, or null; malformed JSON is {@code DCS.4005}, a missing one where the body has required members {@code DCS.4004}. */
    private static JsonNode body(Surface s, HttpRequestData request, OperationModel op) {
        if (request.body().length == 0 || new String(request.body(), StandardCharsets.UTF_8).isBlank()) {
            var shape = s.model().shape(op.input());
            for (String required : shape.required()) {
                MemberModel m = shape.members().get(required);
                if (m != null && (m.location() == null || "body".equals(m.location()))) {
                    throw new HuaweiException("DCS.4004", "111400004", 400, "Empty request body: " + op.http().method()
                            + " " + op.http().uri() + " needs a JSON body with `" + required + "`.");
                }
            }
            return null;
        }
        try {
            return Json.parse(request.body());
        } catch (IOException e) {
            String detail = e.getMessage() == null ? "" : e.getMessage().split("\n")[0];
            throw new HuaweiException("DCS.4005", "111400005", 400, "The message body contains invalid characters or is "
                    + "not in JSON format: " + detail);
        }
    }

    private static HuaweiException toException(List<Violation> violations) {
        Violation first = violations.get(0);
        String member = first.path().split("\\.")[0];
        String more = violations.size() > 1 ? " (and " + (violations.size() - 1) + " more problem"
                + (violations.size() > 2 ? "s" : "") + ")" : "";
        String[] codes = MEMBER_CODES.get(member);
        if (first.kind() == Violation.Kind.MISSING && "password".equals(member)) codes = new String[]{"DCS.4845", "111400845"};
        if (codes == null) {
            return new HuaweiException("DCS.4062", "111400062", 400, "Invalid " + member + " parameter in the request. "
                    + first.message() + more);
        }
        return new HuaweiException(codes[0], codes[1], 400, first.message() + more);
    }

    // ---- authentication -------------------------------------------------------------------------------------------

    private void authenticate(HttpRequestData request, String pathProject) {
        String authorization = request.header("Authorization");
        String token = request.header("X-Auth-Token");
        if (authorization != null) {
            verifyAkSk(request, authorization);
            String headerProject = request.header(HuaweiAkSkSigner.PROJECT_ID_HEADER);
            if (pathProject != null && headerProject != null && !headerProject.equals(pathProject)) {
                throw projectMismatch("X-Project-Id " + headerProject + " is not the project of the path, " + pathProject);
            }
            if (pathProject != null && !pathProject.equals(provider.context().projectId())) {
                throw projectMismatch("the emulator's project is " + provider.context().projectId() + ", not " + pathProject);
            }
        } else if (token != null) {
            HuaweiIam.Token t = iam.find(token).orElseThrow(() -> new HuaweiException("DCS.1001", "111401001", 401,
                    "Invalid token: the X-Auth-Token was not issued by the emulator's IAM (POST /v3/auth/tokens)."));
            if (iam.expired(t)) {
                throw new HuaweiException("DCS.1002", "111401002", 401, "Token expired at " + t.expiresAt() + ".");
            }
            if (pathProject != null && !pathProject.equals(t.projectId())) {
                throw projectMismatch("the token is scoped to " + (t.projectId() == null ? "no project" : "project "
                        + t.projectId()) + ", the path names " + pathProject);
            }
        } else {
            throw gateway("Incorrect IAM authentication information: neither an Authorization (AK/SK) nor an X-Auth-Token "
                    + "header was sent.");
        }
    }

    private static HuaweiException projectMismatch(String detail) {
        return new HuaweiException("DCS.1004", "111401004", 401, "Project ID does not match the token: " + detail + ".");
    }

    /** The API gateway's authentication failure (its own code, not in the DCS tables). */
    private static HuaweiException gateway(String message) {
        return new HuaweiException("APIGW.0301", "APIGW.0301", 401, message);
    }

    private void verifyAkSk(HttpRequestData request, String authorization) {
        HuaweiAkSkSigner.Authorization parsed = HuaweiAkSkSigner.Authorization.parse(authorization);
        if (parsed == null) {
            throw gateway("Incorrect IAM authentication information: the Authorization header is not `"
                    + HuaweiAkSkSigner.ALGORITHM + " Access=.., SignedHeaders=.., Signature=..`.");
        }
        if (!parsed.access().equals(credentials.keyId())) {
            throw gateway("Incorrect IAM authentication information: access key " + parsed.access() + " does not exist.");
        }
        String date = request.header(HuaweiAkSkSigner.DATE_HEADER);
        Instant signedAt;
        try {
            signedAt = LocalDateTime.parse(date == null ? "" : date.trim(), SDK_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw gateway("Incorrect IAM authentication information: X-Sdk-Date `" + date + "` is missing or not "
                    + "yyyyMMdd'T'HHmmss'Z'.");
        }
        Duration skew = Duration.between(signedAt, clock.instant()).abs();
        if (skew.compareTo(MAX_SKEW) > 0) {
            throw gateway("Incorrect IAM authentication information: the request expired: X-Sdk-Date " + date + " is "
                    + skew.toMinutes() + " minutes from the server's time (at most 15 allowed).");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> {
            if (!values.isEmpty() && !name.equalsIgnoreCase("Authorization")) headers.put(name, values.get(0));
        });
        String target = request.rawPath() + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery());
        HuaweiAkSkSigner.Input in = HuaweiAkSkSigner.Input.fromRequest(request.method(), target, headers, request.body());
        if (!HuaweiAkSkSigner.verify(credentials, authorization, in)) {
            throw gateway("Incorrect IAM authentication information: verify aksk signature fail.");
        }
        if (credentials.token() != null && !credentials.token().isEmpty()) {
            String sent = request.header(HuaweiAkSkSigner.SECURITY_TOKEN_HEADER);
            if (!credentials.token().matches(sent)) {
                throw gateway("Incorrect IAM authentication information: the X-Security-Token does not match the temporary key.");
            }
        }
    }

    // ---- answers --------------------------------------------------------------------------------------------------

    private HttpResponseData error(Surface s, String requestId, HuaweiException e) {
        String code = e.code(s.version());
        ErrorModel known = s.model().errors().get(code);
        int status = known != null && known.httpStatus() != null ? known.httpStatus() : e.status();
        ObjectNode body = Json.object();
        if (code.startsWith("APIGW.")) {
            body.put("error_code", code);
            body.put("error_msg", e.getMessage());
            body.put("request_id", requestId);
        } else if ("v1".equals(s.version())) {
            ObjectNode error = body.putObject("error");
            error.put("code", code);
            error.put("message", e.getMessage());
        } else {
            body.put("error_code", code);
            body.put("error_msg", e.getMessage());
        }
        return new HttpResponseData(status, "application/json;charset=UTF-8", Json.write(body).getBytes(StandardCharsets.UTF_8),
                Map.of(REQUEST_ID_HEADER, requestId));
    }

    private static String newRequestId() {
        return java.util.UUID.randomUUID().toString().replace("-", "");
    }
}
