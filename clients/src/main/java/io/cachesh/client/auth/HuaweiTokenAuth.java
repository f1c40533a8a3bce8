package io.cachesh.client.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.error.ApiException;
import io.cachesh.client.error.AuthException;
import io.cachesh.client.error.InvalidParameterException;
import io.cachesh.client.error.TransportException;
import io.cachesh.client.internal.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Huawei Cloud IAM token authentication: {@code POST /v3/auth/tokens} with the password method and a project scope,
 * the token taken from the {@code X-Subject-Token} answer header and sent as {@code X-Auth-Token}. The token is cached
 * until its {@code expires_at} minus a margin and fetched again after {@link #invalidate(Token)} (the client does that
 * once when a call answers 401). Thread-safe; the token and the password never appear in {@code toString()},
 * exceptions or logs.
 */
public final class HuaweiTokenAuth {

    public static final String SUBJECT_TOKEN_HEADER = "X-Subject-Token";
    public static final String AUTH_TOKEN_HEADER = "X-Auth-Token";
    public static final String TOKENS_PATH = "/v3/auth/tokens";
    /** Tokens are renewed this long before they expire, so none runs out during a call. */
    public static final Duration DEFAULT_MARGIN = Duration.ofMinutes(5);

    private static final MediaType JSON = MediaType.get("application/json;charset=UTF-8");
    private static final ObjectMapper MAPPER = Transport.MAPPER;

    private final IamPasswordCredentials credentials;
    private final String projectName;
    private final HttpUrl endpoint;
    private final OkHttpClient http;
    private final Clock clock;
    private final Duration margin;
    private Token current;
    private int fetches;

    /**
     * @param projectName the project to scope tokens to when the credentials name none (the client's region)
     * @param endpoint    the IAM endpoint, e.g. {@code https://iam.cn-north-4.myhuaweicloud.com}
     */
    public HuaweiTokenAuth(IamPasswordCredentials credentials, String projectName, HttpUrl endpoint, OkHttpClient http,
                           Clock clock, Duration margin) {
        this.credentials = Objects.requireNonNull(credentials, "credentials == null");
        this.projectName = credentials.projectName() != null ? credentials.projectName() : projectName;
        if (this.projectName == null || this.projectName.isBlank()) {
            throw new IllegalArgumentException("IAM token auth needs a project name (IamPasswordCredentials.projectName or the region)");
        }
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint == null");
        this.http = Objects.requireNonNull(http, "http == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.margin = Objects.requireNonNull(margin, "margin == null");
    }

    /** Token auth for a client config with {@link ClientConfig#iamCredentials()}; null when it has none. */
    public static HuaweiTokenAuth of(ClientConfig config) {
        if (config.iamCredentials() == null) return null;
        return new HuaweiTokenAuth(config.iamCredentials(), config.region(), iamEndpoint(config),
                Transport.httpClient(config), config.clock(), DEFAULT_MARGIN);
    }

    /** The config's IAM endpoint override (a bare host means https), else {@code https://iam.<region>.myhuaweicloud.com}. */
    public static HttpUrl iamEndpoint(ClientConfig config) {
        String endpoint = config.iamEndpoint();
        if (endpoint == null || endpoint.isBlank()) {
            if (config.region() == null) throw new IllegalArgumentException("IAM token auth needs a region or an iamEndpoint");
            endpoint = "https://iam." + config.region() + ".myhuaweicloud.com";
        } else if (!endpoint.toLowerCase(Locale.ROOT).matches("^https?://.*")) {
            endpoint = "https://" + endpoint;
        }
        HttpUrl url = HttpUrl.parse(endpoint);
        if (url == null) throw new IllegalArgumentException("not an IAM endpoint URL: " + endpoint);
        return url;
    }

    /** A valid token: the cached one, or a new one from IAM when there is none or it is about to expire. */
    public synchronized Token token() {
        if (current == null || !clock.instant().isBefore(current.expiresAt().minus(margin))) {
            current = fetch();
            fetches++;
        }
        return current;
    }

    /** Forgets {@code used} (a call was refused with it); a newer token fetched meanwhile is kept. */
    public synchronized void invalidate(Token used) {
        if (used == null || current == used || current != null && current.value().equals(used.value())) current = null;
    }

    /** How many tokens were fetched from IAM so far. */
    public synchronized int fetches() {
        return fetches;
    }

    /** The body of the token request (holds the password: never log it). */
    public static String requestBody(IamPasswordCredentials credentials, String projectName) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode identity = root.putObject("auth").putObject("identity");
        identity.putArray("methods").add("password");
        ObjectNode user = identity.putObject("password").putObject("user");
        user.put("name", credentials.userName());
        user.put("password", credentials.password().reveal());
        user.putObject("domain").put("name", credentials.domainName());
        ((ObjectNode) root.get("auth")).putObject("scope").putObject("project").put("name", projectName);
        return root.toString();
    }

    private Token fetch() {
        HttpUrl url = endpoint.newBuilder().encodedPath(TOKENS_PATH).query(null).build();
        Request request = new Request.Builder().url(url)
                .post(RequestBody.create(requestBody(credentials, projectName).getBytes(StandardCharsets.UTF_8), JSON))
                .header("Content-Type", "application/json;charset=UTF-8")
                .build();
        try (Response response = http.newCall(request).execute()) {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            String requestId = response.header("X-Request-Id");
            if (!response.isSuccessful()) throw refused(response.code(), text, requestId);
            String token = response.header(SUBJECT_TOKEN_HEADER);
            if (token == null || token.isBlank()) {
                throw new AuthException("huawei", "IAM.NoSubjectToken", "IAM answered " + response.code()
                        + " without an " + SUBJECT_TOKEN_HEADER + " header", requestId, response.code());
            }
            JsonNode tokenNode = parse(text).path("token");
            return new Token(Secret.of(token), expiresAt(tokenNode.path("expires_at").asText(null)),
                    tokenNode.path("project").path("id").asText(null));
        } catch (IOException e) {
            throw new TransportException("huawei IAM token", url.toString(), e);
        }
    }

    private Instant expiresAt(String text) {
        if (text != null) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException ignored) {
                // fall through: the documented lifetime
            }
        }
        return clock.instant().plus(Duration.ofHours(24));
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode node = text.isBlank() ? null : MAPPER.readTree(text);
            return node == null ? MAPPER.createObjectNode() : node;
        } catch (IOException e) {
            return MAPPER.createObjectNode();
        }
    }

    /** IAM's refusal: {@code {"error":{"code":401,"message":..}}} or {@code {"error_code","error_msg"}}. */
    private static ApiException refused(int status, String text, String requestId) {
        JsonNode root = parse(text);
        JsonNode error = root.path("error");
        String code = root.hasNonNull("error_code") ? root.get("error_code").asText()
                : error.hasNonNull("code") ? "IAM." + error.get("code").asText() : "IAM.HttpError." + status;
        String message = root.hasNonNull("error_msg") ? root.get("error_msg").asText()
                : error.hasNonNull("message") ? error.get("message").asText() : "IAM answered HTTP " + status;
        String full = "cannot get an IAM token: " + message;
        if (status == 401 || status == 403) return new AuthException("huawei", code, full, requestId, status);
        if (status == 400) return new InvalidParameterException("huawei", code, full, requestId, status);
        return new ApiException("huawei", code, full, requestId, status);
    }

    @Override
    public String toString() {
        return "HuaweiTokenAuth[" + credentials + ", project=" + projectName + ", endpoint=" + endpoint + "]";
    }

    /**
     * One IAM token.
     *
     * @param value     the token (masked in {@code toString})
     * @param expiresAt when IAM says it expires
     * @param projectId the project the token is scoped to, from the answer, or null
     */
    public record Token(Secret value, Instant expiresAt, String projectId) {

        public Token {
            Objects.requireNonNull(value, "value == null");
            Objects.requireNonNull(expiresAt, "expiresAt == null");
        }

        @Override
        public String toString() {
            return "Token[value=" + Secret.MASK + ", expiresAt=" + expiresAt + ", projectId=" + projectId + "]";
        }
    }
}
