package io.cachesh.emulator.tencentlegacy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.client.auth.Credentials;
import io.cachesh.client.auth.TencentV1Signer;
import io.cachesh.emulator.control.Faults;
import io.cachesh.emulator.protocol.FormParams;
import io.cachesh.emulator.protocol.HttpRequestData;
import io.cachesh.emulator.protocol.HttpResponseData;
import io.cachesh.emulator.protocol.Json;
import io.cachesh.emulator.protocol.ProtocolHandler;
import io.cachesh.emulator.tencent.TencentThrottle;
import io.cachesh.emulator.validate.ModelShaper;
import io.cachesh.emulator.validate.ModelValidator;
import io.cachesh.emulator.validate.ValidationResult;
import io.cachesh.model.OperationModel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tencent Cloud's legacy API v2 on {@code GET|POST /v2/index.php}: the 2017 Redis API ({@code redis.api.qcloud.com})
 * and CMEM ({@code cmem.api.qcloud.com}), which share the path on different hosts. A call goes to the service that
 * has its {@code Action} (their action sets are disjoint); an action neither has goes by the {@code Host} header
 * ({@code cmem...} to CMEM, else Redis) and gets {@code 6100}.
 *
 * <p>Order of checks: method (GET or POST; a POST must be a form and its query string is ignored), Action,
 * signature v1 (Signature 4100, Timestamp and Nonce 4000 when missing, Timestamp more than 300 s off or a Nonce seen
 * before 4500, SecretId 4104, Token 4105, signature 4100), the action (6100), Region, throttling (4400), injected
 * faults, model validation, the service. Every answer is HTTP 200 with {@code code}, {@code message} (and for Redis
 * {@code codeDesc}) plus the action's fields; a bug answers 6000 without a stack trace.
 */
public final class TencentV2FrontEnd implements ProtocolHandler {

    public static final String PATH = "/v2/index.php";
    /** Allowed difference between Timestamp and the emulator's clock (the common error table: 5 minutes). */
    public static final long MAX_SKEW_SECONDS = 300;

    private static final System.Logger LOG = System.getLogger(TencentV2FrontEnd.class.getName());
    /** Common parameters: taken out of the action's input (RequestClient: the seed's PHP SDK sends it). */
    static final Set<String> COMMON = Set.of("Action", "Region", "Timestamp", "Nonce", "SecretId", "Signature",
            "SignatureMethod", "Token", "RequestClient");

    private final List<V2Service> services;
    private final Map<V2Service, ModelValidator> validators = new LinkedHashMap<>();
    private final Map<V2Service, ModelShaper> shapers = new LinkedHashMap<>();
    private final Map<V2Service, TencentThrottle> throttles = new LinkedHashMap<>();
    private final Credentials credentials;
    private final Clock clock;
    private final Faults faults;
    private final boolean throttling;
    /** Nonces seen within the timestamp window, by SecretId + Nonce, to their expiry (epoch seconds). */
    private final Map<String, Long> nonces = new ConcurrentHashMap<>();

    public TencentV2FrontEnd(List<V2Service> services, Credentials credentials, Clock clock, Faults faults, boolean throttling) {
        this.services = List.copyOf(services);
        for (V2Service s : services) {
            validators.put(s, new ModelValidator(s.model()));
            shapers.put(s, new ModelShaper(s.model()));
            throttles.put(s, new TencentThrottle(s.model()));
        }
        this.credentials = credentials;
        this.clock = clock;
        this.faults = faults;
        this.throttling = throttling;
    }

    @Override
    public String name() {
        return "tencent-v2";
    }

    @Override
    public boolean accepts(HttpRequestData request) {
        return PATH.equals(request.path());
    }

    @Override
    public HttpResponseData handle(HttpRequestData request) {
        Map<String, String> params = parameters(request);
        String action = params.get("Action");
        V2Service service = service(action, request.header("Host"));
        try {
            ObjectNode fields = dispatch(request, params, action, service);
            ObjectNode body = Json.object();
            if (service.stringCode(action)) body.put("code", "0");
            else body.put("code", 0);
            body.put("message", "");
            if (service.hasCodeDesc()) body.put("codeDesc", "Success");
            fields.remove(List.of("code", "message", "codeDesc"));
            body.setAll(fields);
            return HttpResponseData.json(200, Json.write(body));
        } catch (V2Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "{0} {1} -> {2}: {3}", service.name(), action, e.code(), e.getMessage());
            return error(service, e);
        }
    }

    @Override
    public HttpResponseData internalError(HttpRequestData request, Throwable error) {
        Map<String, String> params = parameters(request);
        V2Service service = service(params.get("Action"), request.header("Host"));
        return error(service, V2Exception.common(6000, "InternalError",
                "the emulator failed on this request (" + error.getClass().getSimpleName() + "); see its log."));
    }

    @Override
    public HttpResponseData malformed(HttpRequestData request, String problem) {
        return error(service(null, request.header("Host")), V2Exception.invalid("the request is malformed: " + problem + "."));
    }

    private static HttpResponseData error(V2Service service, V2Exception e) {
        ObjectNode body = Json.object();
        // the seed's error examples: Redis "code":"5100" (a string), CMEM "code":5100 (a number)
        if (service.hasCodeDesc()) body.put("code", Integer.toString(e.code()));
        else body.put("code", e.code());
        body.put("message", e.getMessage());
        if (service.hasCodeDesc()) body.put("codeDesc", e.codeDesc() == null ? "Failure" : e.codeDesc());
        return HttpResponseData.json(200, Json.write(body));
    }

    /** GET: the query; POST: the form body only (the seed: with POST the query string is ignored). */
    static Map<String, String> parameters(HttpRequestData request) {
        if ("POST".equals(request.method())) {
            return HttpRequestData.decodeForm(new String(request.body(), StandardCharsets.UTF_8));
        }
        return request.queryParams();
    }

    private V2Service service(String action, String host) {
        if (action != null) {
            for (V2Service s : services) {
                if (s.model().operation(action).isPresent()) return s;
            }
        }
        String h = host == null ? "" : host.toLowerCase(java.util.Locale.ROOT);
        for (V2Service s : services) {
            if (h.startsWith(s.model().endpoint().split("\\.")[0] + ".")) return s;
        }
        return services.get(0);
    }

    private ObjectNode dispatch(HttpRequestData request, Map<String, String> params, String action, V2Service service) {
        if (!"GET".equals(request.method()) && !"POST".equals(request.method())) {
            throw V2Exception.invalid("only GET and POST are supported, got " + request.method() + ".");
        }
        if (request.bodyTooLarge()) throw V2Exception.invalid("the body exceeds 10 MB.");
        if ("POST".equals(request.method()) && !request.contentType().startsWith("application/x-www-form-urlencoded")) {
            throw V2Exception.invalid("a POST must be application/x-www-form-urlencoded (the parameters are read from the form body).");
        }
        if (action == null || action.isBlank()) throw V2Exception.invalid("the required parameter `Action` is missing.");
        String secretId = verify(request, params);
        OperationModel op = service.model().operation(action).orElseThrow(() -> V2Exception.common(6100, "InvalidAction",
                "action `" + action + "` does not exist in " + service.model().service() + " " + service.model().version()
                        + " (check the API domain: CMEM and Redis are different modules)."));
        if (throttling && !throttles.get(service).tryAcquire(secretId, service.name(), action)) {
            throw V2Exception.common(4400, "RequestLimitExceeded", "request count over the quota: " + action + " allows "
                    + throttles.get(service).limit(action) + " requests per second per SecretId.");
        }
        fault(service, action);
        Map<String, String> actionParams = new LinkedHashMap<>(params);
        actionParams.keySet().removeAll(COMMON);
        ObjectNode input = FormParams.toJson(actionParams);
        ValidationResult result = validators.get(service).validate(action, input);
        if (!result.valid()) throw service.validationError(action, result.violations().get(0));
        V2Request call = new V2Request(action, params.get("Region"), UUID.randomUUID().toString(), secretId,
                (ObjectNode) result.value());
        ObjectNode out = service.handle(call);
        return op.output() == null ? out : shapers.get(service).shape(op.output(), out);
    }

    private void fault(V2Service service, String action) {
        faults.apply(service.name(), action, f -> {
            String message = f.message() != null ? f.message() : "injected fault: " + f.code();
            if (f.code().matches("\\d{4}")) return V2Exception.common(Integer.parseInt(f.code()), "InjectedFault", message);
            return V2Exception.business(service.model(), f.code(), message);
        });
    }

    /** Signature v1 ({@link TencentV1Signer}) over {@code METHOD + Host + /v2/index.php + ? + sorted raw parameters}. */
    private String verify(HttpRequestData request, Map<String, String> params) {
        String signature = params.get("Signature");
        if (signature == null || signature.isBlank()) {
            throw V2Exception.common(4100, "AuthFailure.SignatureFailure", "the Signature parameter is missing.");
        }
        String ts = params.get("Timestamp");
        if (ts == null || ts.isBlank()) throw V2Exception.invalid("the required parameter `Timestamp` is missing.");
        long timestamp;
        try {
            timestamp = Long.parseLong(ts.trim());
        } catch (NumberFormatException e) {
            throw V2Exception.invalid("Timestamp must be a UNIX time in seconds, got `" + ts + "`.");
        }
        String nonce = params.get("Nonce");
        if (nonce == null || nonce.isBlank()) throw V2Exception.invalid("the required parameter `Nonce` is missing.");
        String keyId = params.get("SecretId");
        if (keyId == null || keyId.isBlank()) throw V2Exception.invalid("the required parameter `SecretId` is missing.");
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - timestamp) > MAX_SKEW_SECONDS) {
            throw V2Exception.common(4500, "AuthFailure.SignatureExpire", "Timestamp " + timestamp
                    + " is more than 300 seconds from the server time " + now + ".");
        }
        if (!credentials.keyId().equals(keyId)) {
            throw V2Exception.common(4104, "AuthFailure.SecretIdNotFound", "SecretId `" + keyId + "` is not known to this emulator.");
        }
        String token = params.get("Token");
        boolean tokenGiven = token != null && !token.isEmpty();
        if (tokenGiven && (credentials.token() == null || !credentials.token().matches(token))
                || !tokenGiven && credentials.token() != null) {
            throw V2Exception.common(4105, "AuthFailure.TokenFailure", "Token does not match the emulator's credentials.");
        }
        String host = request.header("Host");
        if (host == null || !TencentV1Signer.verify(credentials.secret(), request.method(), host, PATH, params)) {
            throw V2Exception.common(4100, "AuthFailure.SignatureFailure", "the signature does not match (string to sign: "
                    + request.method() + "<Host>" + PATH + "?<sorted raw parameters>; the Signature must be URL-encoded once).");
        }
        // replay protection only for correctly signed calls, so a forged call cannot burn a client's nonce
        purgeNonces(now);
        String key = keyId + "\n" + nonce.trim();
        if (nonces.putIfAbsent(key, timestamp + MAX_SKEW_SECONDS) != null) {
            throw V2Exception.common(4500, "AuthFailure.ReplayAttack", "Nonce " + nonce + " was already used within the last "
                    + MAX_SKEW_SECONDS + " seconds.");
        }
        return keyId;
    }

    private void purgeNonces(long now) {
        if (nonces.size() < 10_000) {
            nonces.values().removeIf(expiry -> expiry < now - MAX_SKEW_SECONDS);
            return;
        }
        List<String> old = new ArrayList<>();
        nonces.forEach((k, v) -> {
            if (v < now) old.add(k);
        });
        old.forEach(nonces::remove);
    }
}
