package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.client.auth.IamPasswordCredentials;
import io.cachesh.emulator.protocol.Json;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The emulator's IAM: {@code POST /v3/auth/tokens} with the password method (the seed's "获取用户Token" body: user
 * name, password, domain name, and a project scope by name or id) for the one configured IAM user. Tokens live 24
 * hours (the seed: "Token的有效期为24小时"), in memory only.
 */
public final class HuaweiIam {

    /** How long a token lives. */
    public static final Duration LIFETIME = Duration.ofHours(24);

    private static final DateTimeFormatter EXPIRES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** An issued token: its project (null when unscoped) and expiry. */
    public record Token(String projectId, Instant expiresAt) {
    }

    /** IAM's refusal: HTTP status and message, answered as {@code {"error":{"code":status,"message","title"}}}. */
    public static final class IamError extends RuntimeException {
        private final int status;

        IamError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }

        public ObjectNode body() {
            ObjectNode root = Json.object();
            ObjectNode error = root.putObject("error");
            error.put("code", status);
            error.put("message", getMessage());
            error.put("title", status == 401 ? "Unauthorized" : status == 405 ? "Method Not Allowed" : "Bad Request");
            return root;
        }
    }

    /** What {@link #issue} answers: the token (for {@code X-Subject-Token}) and the body. */
    public record Issued(String token, ObjectNode body) {
    }

    private final IamPasswordCredentials user;
    private final String projectId;
    private final String projectName;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    public HuaweiIam(IamPasswordCredentials user, String projectId, String projectName, Clock clock) {
        this.user = Objects.requireNonNull(user, "user == null");
        this.projectId = Objects.requireNonNull(projectId, "projectId == null");
        this.projectName = Objects.requireNonNull(projectName, "projectName == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /** Checks a token request's body and issues a token. */
    public Issued issue(JsonNode body) {
        JsonNode auth = body == null ? null : body.path("auth");
        if (auth == null || !auth.isObject()) throw new IamError(400, "The request body must hold an `auth` object.");
        JsonNode identity = auth.path("identity");
        boolean password = false;
        for (JsonNode m : identity.path("methods")) password |= "password".equals(m.asText());
        if (!password) throw new IamError(400, "Only the `password` identity method is supported by the emulator's IAM.");
        JsonNode u = identity.path("password").path("user");
        String name = u.path("name").asText(null);
        String secret = u.path("password").asText(null);
        String domain = u.path("domain").path("name").asText(null);
        if (name == null || secret == null || domain == null) {
            throw new IamError(400, "auth.identity.password.user needs name, password and domain.name.");
        }
        if (!name.equals(user.userName()) || !domain.equals(user.domainName()) || !user.password().matches(secret)) {
            throw new IamError(401, "The username or password is wrong.");
        }
        String scoped = null;
        JsonNode project = auth.path("scope").path("project");
        if (project.isObject()) {
            String byId = project.path("id").asText(null);
            String byName = project.path("name").asText(null);
            if (byId != null && !byId.equals(projectId) || byId == null && byName != null && !byName.equals(projectName)) {
                throw new IamError(401, "The project of the scope does not exist for this user (the emulator has project "
                        + projectName + ", id " + projectId + ").");
            }
            scoped = projectId;
        }
        Instant now = clock.instant();
        Instant expires = now.plus(LIFETIME);
        byte[] raw = new byte[96];
        random.nextBytes(raw);
        String token = "MIIcachesh" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        tokens.put(token, new Token(scoped, expires));
        ObjectNode out = Json.object();
        ObjectNode t = out.putObject("token");
        t.put("expires_at", EXPIRES.format(expires));
        t.put("issued_at", EXPIRES.format(now));
        t.putArray("methods").add("password");
        t.putArray("catalog");
        t.putArray("roles").addObject().put("name", "op_user").put("id", "0");
        ObjectNode userNode = t.putObject("user");
        userNode.put("name", user.userName());
        userNode.put("id", "cachesh0000000000000000000000user");
        userNode.putObject("domain").put("name", user.domainName()).put("id", "cachesh00000000000000000000domain");
        if (scoped != null) {
            ObjectNode p = t.putObject("project");
            p.put("id", projectId);
            p.put("name", projectName);
            p.putObject("domain").put("name", user.domainName()).put("id", "cachesh00000000000000000000domain");
        }
        return new Issued(token, out);
    }

    /** The token, when it was issued here; it may have expired (check {@link Token#expiresAt()}). */
    public Optional<Token> find(String token) {
        return token == null ? Optional.empty() : Optional.ofNullable(tokens.get(token));
    }

    public boolean expired(Token token) {
        return !clock.instant().isBefore(token.expiresAt());
    }
}
