package io.cachesh.client.debug;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.cachesh.client.auth.Secret;
import io.cachesh.client.internal.RequestLog;
import io.cachesh.client.internal.Transport;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import okhttp3.Headers;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.Buffer;

/**
 * A signed HTTP request (or a bound answer) as text for {@code --debug} and {@code --dry-run}: method, URL,
 * headers and body, with every secret masked: the signature in {@code Authorization}, tokens
 * ({@code X-TC-Token}, {@code X-Auth-Token}, {@code X-Subject-Token}), and body or query members named like a
 * password, secret, token or signature, whether the body is JSON or a form.
 */
public final class WireFormat {

    /** Longer bodies are cut: a debug log is read by a person. */
    static final int MAX_BODY = 16 * 1024;
    private static final Pattern LOOSE_SECRET = Pattern.compile(
            "(?i)(\"?[\\w-]*(?:password|secret|token|signature|passwd)[\\w-]*\"?\\s*[:=]\\s*)(\"[^\"]*\"|[^\\s,&}]+)");

    private WireFormat() {
    }

    /** {@code POST https://host/path} then one header a line, a blank line and the body. */
    public static String request(Request request) {
        StringBuilder out = new StringBuilder();
        out.append(request.method()).append(' ').append(RequestLog.redactUrl(request.url())).append('\n');
        headers(out, request.headers());
        RequestBody body = request.body();
        if (body != null) {
            if (body.contentType() != null && request.header("Content-Type") == null) {
                out.append("Content-Type: ").append(body.contentType()).append('\n');
            }
            String text = bodyText(body);
            if (!text.isEmpty()) out.append('\n').append(maskBody(text, body.contentType() == null ? ""
                    : body.contentType().toString())).append('\n');
        }
        return out.toString();
    }

    /** A bound answer as masked JSON (the members the client read, with the vendor's names). */
    public static String answer(Object response) {
        if (response == null) return "";
        try {
            JsonNode tree = Transport.MAPPER.valueToTree(response);
            return Transport.MAPPER.writeValueAsString(mask(tree));
        } catch (IllegalArgumentException | IOException e) {
            return "(" + response.getClass().getSimpleName() + ")";
        }
    }

    static void headers(StringBuilder out, Headers headers) {
        for (int i = 0; i < headers.size(); i++) {
            out.append(headers.name(i)).append(": ").append(RequestLog.redact(headers.name(i), headers.value(i)))
                    .append('\n');
        }
    }

    private static String bodyText(RequestBody body) {
        try (Buffer buffer = new Buffer()) {
            body.writeTo(buffer);
            String text = buffer.readString(Math.min(buffer.size(), MAX_BODY), StandardCharsets.UTF_8);
            return buffer.size() > 0 ? text + "... (" + buffer.size() + " more bytes)" : text;
        } catch (IOException e) {
            return "(body not readable: " + e.getMessage() + ")";
        }
    }

    /** The body with secret members masked: JSON by tree, a form by key, anything else by pattern. */
    public static String maskBody(String text, String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        String trimmed = text.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                return Transport.MAPPER.writeValueAsString(mask(Transport.MAPPER.readTree(trimmed)));
            } catch (IOException e) {
                return LOOSE_SECRET.matcher(text).replaceAll("$1" + Secret.MASK);
            }
        }
        if (type.contains("x-www-form-urlencoded") || trimmed.matches("[^\\s=&]+=[^\\s]*(&[^\\s=&]+=[^\\s]*)*")) {
            StringBuilder out = new StringBuilder();
            for (String pair : trimmed.split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                if (out.length() > 0) out.append('&');
                out.append(key);
                if (eq >= 0) {
                    out.append('=').append(isSecret(URLDecoder.decode(key, StandardCharsets.UTF_8))
                            ? URLEncoder.encode(Secret.MASK, StandardCharsets.UTF_8) : pair.substring(eq + 1));
                }
            }
            return out.toString();
        }
        return LOOSE_SECRET.matcher(text).replaceAll("$1" + Secret.MASK);
    }

    static JsonNode mask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                if (isSecret(e.getKey()) && !e.getValue().isNull() && !e.getValue().isContainerNode()) {
                    e.setValue(TextNode.valueOf(Secret.MASK));
                } else {
                    mask(e.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode item : array) mask(item);
        }
        return node;
    }

    /** Names of members that hold a secret: passwords, secret keys, tokens, signatures. */
    public static boolean isSecret(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        return n.contains("password") || n.contains("passwd") || n.contains("secret") || n.contains("token")
                || n.contains("signature") || n.equals("sk") || n.equals("pwd");
    }
}
