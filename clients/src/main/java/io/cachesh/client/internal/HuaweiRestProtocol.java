package io.cachesh.client.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.client.auth.Credentials;
import io.cachesh.client.auth.HuaweiAkSkSigner;
import io.cachesh.client.auth.HuaweiTokenAuth;
import io.cachesh.client.core.ApiRequest;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.core.OperationInfo;
import io.cachesh.client.error.ApiException;
import io.cachesh.client.error.MalformedResponseException;
import io.cachesh.model.ApiModel;
import io.cachesh.model.HttpBinding;
import io.cachesh.model.MemberModel;
import io.cachesh.model.OperationModel;
import io.cachesh.model.ShapeModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;

/**
 * Huawei Cloud REST ({@code huawei-rest} for DCS v2, {@code huawei-rest-v1} for DCS v1.0): the operation's
 * {@code http} binding from the model gives method, URI template and success status; each input member goes where
 * its {@code location} says (path placeholders URL-encoded, query parameters with lists repeated, headers, the JSON
 * body). {@code {project_id}} comes from the request, else {@link ClientConfig#projectId()}, else the IAM token's
 * project. Calls are signed with {@link HuaweiAkSkSigner} or carry an IAM token ({@link HuaweiTokenAuth}). Errors are
 * read with the surface's {@link HuaweiErrorFormat} and mapped by {@link ErrorMapper}, with {@code X-Request-Id} as
 * the request id. The request's JSON (a generated request, a tree or a map) names members by their model key; they go
 * on the wire by their {@code wireName} when the model gives one (a body field {@code instance_id} next to a path
 * parameter {@code instance_id}), and answer fields so renamed are read back under the key.
 */
public final class HuaweiRestProtocol implements Protocol {

    public static final String ID = "huawei-rest";
    public static final String V1_ID = "huawei-rest-v1";
    public static final String CONTENT_TYPE = "application/json";
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    /** A lone body member with this name (a structure, list or any) is the whole body, as in the vendor's SDK. */
    public static final String WHOLE_BODY_MEMBER = "body";

    private static final MediaType JSON = MediaType.get(CONTENT_TYPE);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");
    private static final Set<String> LOCATIONS = Set.of("path", "query", "header", "body");

    private final ApiModel model;
    private final ClientConfig config;
    private final HttpUrl url;
    private final String host;
    private final ObjectMapper mapper;
    private final HuaweiErrorFormat errorFormat;
    private final HuaweiTokenAuth tokenAuth;
    private final ErrorMapper errors;
    /** Per operation: does its output rename a member on the wire (then the answer is bound through a tree)? */
    private final Map<String, Boolean> renamedOutputs = new ConcurrentHashMap<>();
    private final Map<String, List<List<Piece>>> pathTemplates = new ConcurrentHashMap<>();

    /**
     * @param tokenAuth IAM token auth, or null to sign with the config's AK/SK
     */
    public HuaweiRestProtocol(ApiModel model, ClientConfig config, HttpUrl url, ObjectMapper mapper,
                              HuaweiErrorFormat errorFormat, HuaweiTokenAuth tokenAuth) {
        this.model = model;
        this.config = config;
        this.url = url;
        this.host = Tc3JsonProtocol.hostHeader(url);
        this.mapper = mapper;
        this.errorFormat = errorFormat;
        this.tokenAuth = tokenAuth;
        this.errors = new ErrorMapper(model, HuaweiErrorFormat::kindOf);
        if (tokenAuth == null && config.credentials() == null) {
            throw new IllegalArgumentException(model.service() + ": set credentials (AK/SK) or iamCredentials (token)");
        }
    }

    /** The protocol for a model whose {@code protocol} is {@link #ID} or {@link #V1_ID}. */
    public static HuaweiRestProtocol of(ApiModel model, ClientConfig config, HttpUrl url, ObjectMapper mapper) {
        HuaweiErrorFormat format = V1_ID.equals(model.protocol()) ? HuaweiErrorFormat.V1 : HuaweiErrorFormat.V2;
        return new HuaweiRestProtocol(model, config, url, mapper, format, HuaweiTokenAuth.of(config));
    }

    /** The IAM token auth of this client, or null when it signs with AK/SK. */
    public HuaweiTokenAuth tokenAuth() {
        return tokenAuth;
    }

    public HuaweiErrorFormat errorFormat() {
        return errorFormat;
    }

    @Override
    public Request sign(ApiRequest request) {
        return request(request.operation(), request.body());
    }

    /** The request of one attempt, authenticated with a fresh {@code X-Sdk-Date} (or the current token). */
    public Request request(OperationInfo operation, byte[] json) {
        Unsigned unsigned = unsigned(operation, json);
        Request.Builder builder = new Request.Builder().url(unsigned.url());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", CONTENT_TYPE);
        headers.put("Host", host);
        headers.putAll(unsigned.headers());
        if (tokenAuth != null) {
            headers.put(HuaweiTokenAuth.AUTH_TOKEN_HEADER, tokenAuth.token().value().reveal());
        } else {
            Credentials credentials = config.credentials();
            headers.put(HuaweiAkSkSigner.DATE_HEADER, HuaweiAkSkSigner.date(config.clock().instant()));
            if (unsigned.projectId() != null) headers.put(HuaweiAkSkSigner.PROJECT_ID_HEADER, unsigned.projectId());
            if (credentials.token() != null && !credentials.token().isEmpty()) {
                headers.put(HuaweiAkSkSigner.SECURITY_TOKEN_HEADER, credentials.token().reveal());
            }
            HuaweiAkSkSigner.Input input = new HuaweiAkSkSigner.Input(unsigned.method(), unsigned.url().encodedPath(),
                    HuaweiAkSkSigner.parseQuery(unsigned.url().encodedQuery()), headers, unsigned.body());
            headers.put("Authorization", HuaweiAkSkSigner.authorization(credentials, input));
        }
        headers.forEach(builder::header);
        RequestBody body = unsigned.body().length == 0 && !requiresBody(unsigned.method()) ? null
                : RequestBody.create(unsigned.body(), JSON);
        return builder.method(unsigned.method(), body).build();
    }

    /**
     * The method, URL, parameter headers and body of a call before authentication.
     *
     * @param projectId the project id used for {@code {project_id}}, or null when the path has none
     */
    public record Unsigned(String method, HttpUrl url, Map<String, String> headers, byte[] body, String projectId) {
    }

    /** Places every parameter of {@code json} (the request written with its JSON names) per the model. */
    public Unsigned unsigned(OperationInfo operation, byte[] json) {
        OperationModel op = model.operation(operation.name()).orElseThrow(() -> new IllegalArgumentException(
                model.service() + " has no operation " + operation.name()));
        HttpBinding http = op.http();
        if (http == null || http.method() == null || http.uri() == null) {
            throw new IllegalArgumentException(model.service() + " " + operation.name() + " has no http binding");
        }
        ShapeModel input = model.shape(op.input());
        ObjectNode params = readParams(operation, json);
        Map<String, String> pathValues = new LinkedHashMap<>();
        HttpUrl.Builder target = url.newBuilder().encodedPath("/").query(null);
        Map<String, String> headers = new LinkedHashMap<>();
        ObjectNode body = mapper.createObjectNode();
        List<String> bodyMembers = new ArrayList<>();
        Set<String> known = new TreeSet<>();

        for (Map.Entry<String, MemberModel> e : input.members().entrySet()) {
            MemberModel member = e.getValue();
            String name = wireName(e.getKey(), member);
            known.add(e.getKey());
            String location = member.location() == null ? "body" : member.location().toLowerCase(Locale.ROOT);
            if (!LOCATIONS.contains(location)) {
                throw new IllegalArgumentException(model.service() + " " + operation.name() + ": member " + e.getKey()
                        + " has unknown location " + member.location());
            }
            JsonNode value = params.get(e.getKey());
            if ("body".equals(location)) bodyMembers.add(name);
            if (value == null || value.isNull()) continue;
            switch (location) {
                case "path" -> pathValues.put(name, text(value));
                case "query" -> {
                    if (value.isArray()) {
                        for (JsonNode item : value) target.addQueryParameter(name, text(item));
                    } else {
                        target.addQueryParameter(name, text(value));
                    }
                }
                case "header" -> headers.put(name, text(value));
                default -> body.set(name, value);
            }
        }
        List<String> unknown = new ArrayList<>();
        params.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) unknown.add(f);
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(model.service() + " " + operation.name() + ": unknown parameters "
                    + unknown + " (known: " + known + ")");
        }

        String template = http.uri();
        int question = template.indexOf('?');
        String pathTemplate = question < 0 ? template : template.substring(0, question);
        String projectId = null;
        for (List<Piece> segment : pathTemplates.computeIfAbsent(pathTemplate, HuaweiRestProtocol::parsePath)) {
            if (segment.size() == 1 && !segment.get(0).placeholder()) {
                target.addPathSegment(segment.get(0).text());
                continue;
            }
            StringBuilder filled = new StringBuilder();
            for (Piece piece : segment) {
                if (!piece.placeholder()) {
                    filled.append(piece.text());
                    continue;
                }
                String name = piece.text();
                String value = pathValues.get(name);
                if (value == null && "project_id".equals(name)) value = projectId();
                if (value == null || value.isEmpty()) {
                    throw new IllegalArgumentException(model.service() + " " + operation.name() + ": path parameter "
                            + name + " is required" + ("project_id".equals(name)
                            ? " (set ClientConfig.Builder.projectId, or use IAM token auth)" : ""));
                }
                if ("project_id".equals(name)) projectId = value;
                filled.append(value);
            }
            target.addPathSegment(filled.toString());
        }
        if (pathTemplate.endsWith("/") && pathTemplate.length() > 1) target.addPathSegment("");
        if (question >= 0) {
            for (Map.Entry<String, String> q : HuaweiAkSkSigner.parseQuery(template.substring(question + 1))) {
                target.addQueryParameter(q.getKey(), q.getValue());
            }
        }
        if (projectId == null) projectId = config.projectId();
        return new Unsigned(http.method().toUpperCase(Locale.ROOT), target.build(), headers,
                bodyBytes(operation, bodyMembers, body, http.method()), projectId);
    }

    /** A piece of a path segment: literal text, or the name of a {@code {placeholder}}. */
    private record Piece(String text, boolean placeholder) {
    }

    /** The non-empty segments of a path template, each as its pieces (parsed once per template). */
    private static List<List<Piece>> parsePath(String pathTemplate) {
        List<List<Piece>> segments = new ArrayList<>();
        for (String segment : pathTemplate.split("/")) {
            if (segment.isEmpty()) continue;
            List<Piece> pieces = new ArrayList<>();
            Matcher m = PLACEHOLDER.matcher(segment);
            int end = 0;
            while (m.find()) {
                if (m.start() > end) pieces.add(new Piece(segment.substring(end, m.start()), false));
                pieces.add(new Piece(m.group(1), true));
                end = m.end();
            }
            if (end < segment.length() || pieces.isEmpty()) pieces.add(new Piece(segment.substring(end), false));
            segments.add(List.copyOf(pieces));
        }
        return List.copyOf(segments);
    }

    private String projectId() {
        if (config.projectId() != null) return config.projectId();
        return tokenAuth == null ? null : tokenAuth.token().projectId();
    }

    private byte[] bodyBytes(OperationInfo operation, List<String> bodyMembers, ObjectNode body, String method) {
        boolean whole = bodyMembers.size() == 1 && bodyMembers.get(0).equals(WHOLE_BODY_MEMBER);
        JsonNode content = whole ? body.get(WHOLE_BODY_MEMBER) : body.isEmpty() ? null : body;
        if (content == null) {
            return requiresBody(method) && !bodyMembers.isEmpty() ? new byte[] {'{', '}'} : new byte[0];
        }
        String m = method.toUpperCase(Locale.ROOT);
        if (m.equals("GET") || m.equals("HEAD")) {
            throw new IllegalArgumentException(model.service() + " " + operation.name() + ": " + m
                    + " cannot carry body members " + bodyMembers);
        }
        try {
            return mapper.writeValueAsBytes(content);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(operation.name() + ": cannot write the body: " + e.getOriginalMessage(), e);
        }
    }

    private static boolean requiresBody(String method) {
        String m = method.toUpperCase(Locale.ROOT);
        return m.equals("POST") || m.equals("PUT") || m.equals("PATCH");
    }

    private ObjectNode readParams(OperationInfo operation, byte[] json) {
        try {
            JsonNode node = json.length == 0 ? null : mapper.readTree(json);
            if (node == null || node.isNull()) return mapper.createObjectNode();
            if (!node.isObject()) {
                throw new IllegalArgumentException(operation.name() + ": the request is not a JSON object");
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new IllegalArgumentException(operation.name() + ": the request is not JSON: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode value) {
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** The name of a member on the wire: its {@code wireName}, else its key (which is its JSON name in requests). */
    public static String wireName(String key, MemberModel member) {
        return member.wireName() == null || member.wireName().isBlank() ? key : member.wireName();
    }

    @Override
    public Object read(ApiRequest request, int status, String reason, String text) {
        return read(request, status, reason, Headers.of(), text);
    }

    @Override
    public Object read(ApiRequest request, int status, String reason, Headers headers, String text) {
        OperationInfo operation = request.operation();
        String requestId = headers.get(REQUEST_ID_HEADER);
        if (status < 200 || status > 299) throw error(operation, status, reason, requestId, text);
        Class<?> type = request.responseType();
        String body = text == null ? "" : text.strip();
        try {
            if (body.isEmpty()) {
                if (type == JsonNode.class || type == ObjectNode.class) return mapper.createObjectNode();
                body = isListShape(operation) ? "[]" : "{}";
            }
            return bind(operation, body, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedResponseException(where(operation) + ": cannot read the answer (HTTP " + status + ") as "
                    + type.getSimpleName() + " (" + e.getMessage().lines().findFirst().orElse("") + "): "
                    + Answers.snippet(text == null ? "" : text), e);
        }
    }

    /**
     * Reads a success answer straight from the body's buffer (Jackson's UTF-8 stream parser), without first copying
     * it into an array or decoding it to a String; error answers and malformed ones are decoded for their message.
     */
    @Override
    public Object read(ApiRequest request, int status, String reason, Headers headers, ResponseBody body)
            throws IOException {
        try (BufferedAnswer answer = BufferedAnswer.of(body)) {
            if (status < 200 || status > 299 || answer.isBlank()) {
                return read(request, status, reason, headers, answer.text());
            }
            OperationInfo operation = request.operation();
            Class<?> type = request.responseType();
            try {
                return bind(operation, answer.parser(mapper), type);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw new MalformedResponseException(where(operation) + ": cannot read the answer (HTTP " + status
                        + ") as " + type.getSimpleName() + " (" + e.getMessage().lines().findFirst().orElse("") + "): "
                        + Answers.snippet(answer.text()), e);
            }
        }
    }

    private Object bind(OperationInfo operation, String body, Class<?> type) throws IOException {
        return bind(operation, mapper.createParser(body), type);
    }

    private Object bind(OperationInfo operation, JsonParser body, Class<?> type) throws IOException {
        try (body) {
            if (!isRenamed(operation)) return mapper.readValue(body, type);
            return bindRenamed(body, type, model.shapes().get(model.operation(operation.name()).orElseThrow().output()));
        }
    }

    private boolean isRenamed(OperationInfo operation) {
        return renamedOutputs.computeIfAbsent(operation.name(), name -> {
            ShapeModel output = model.operation(name).map(op -> model.shapes().get(op.output())).orElse(null);
            return output != null && output.members().entrySet().stream()
                    .anyMatch(e -> !wireName(e.getKey(), e.getValue()).equals(e.getKey()));
        });
    }

    private Object bindRenamed(JsonParser body, Class<?> type, ShapeModel output) throws IOException {
        JsonNode tree = mapper.readTree(body);
        if (tree instanceof ObjectNode object) {
            output.members().forEach((key, member) -> {
                String wire = wireName(key, member);
                if (!wire.equals(key) && object.has(wire) && !object.has(key)) object.set(key, object.remove(wire));
            });
        }
        return mapper.treeToValue(tree, type);
    }

    private boolean isListShape(OperationInfo operation) {
        return model.operation(operation.name()).map(op -> model.shapes().get(op.output()))
                .map(ShapeModel::isList).orElse(false);
    }

    /** The typed exception for an error answer: the surface's envelope, else {@code HttpError.<status>}. */
    public ApiException error(OperationInfo operation, int status, String reason, String requestId, String text) {
        HuaweiErrorFormat.Error parsed = null;
        try {
            JsonNode root = text == null || text.isBlank() ? null : mapper.readTree(text);
            if (root != null && root.isObject()) parsed = errorFormat.parse(root);
        } catch (IOException ignored) {
            // not JSON: reported with the status below
        }
        if (parsed != null) return errors.map(parsed.code(), parsed.message(), requestId, status);
        String message = "HTTP " + status + (reason == null || reason.isEmpty() ? "" : " " + reason) + " from "
                + where(operation) + (text == null || text.isEmpty() ? "" : ": " + Answers.snippet(text));
        return errors.map("HttpError." + status, message, requestId, status);
    }

    /** The typed exception for a code, as {@link Tc3JsonProtocol#error} does for Tencent. */
    public ApiException error(String code, String message, String requestId, int httpStatus) {
        return errors.map(code, message, requestId, httpStatus);
    }

    private String where(OperationInfo operation) {
        return model.service() + " " + operation.name() + " at " + url;
    }

    @Override
    public String toString() {
        return model.protocol() + "[" + (tokenAuth == null ? HuaweiAkSkSigner.ALGORITHM : "IAM token") + "]";
    }
}
