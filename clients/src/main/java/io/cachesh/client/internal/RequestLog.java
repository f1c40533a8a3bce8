package io.cachesh.client.internal;

import io.cachesh.client.auth.Secret;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.Headers;
import okhttp3.Request;

/** One line per HTTP attempt, with every secret redacted: the signature, tokens, passwords. Bodies are never logged. */
public final class RequestLog {

    private static final Set<String> SECRET_HEADERS = Set.of("x-tc-token", "x-auth-token", "x-subject-token", "x-security-token", "cookie");
    private static final Pattern SIGNATURE = Pattern.compile("(Signature=)[^,\\s]+");

    private RequestLog() {
    }

    public static String line(String service, Request request, int attempt, String outcome, long millis) {
        StringBuilder out = new StringBuilder();
        out.append(service).append(' ').append(request.method()).append(' ').append(redactUrl(request.url()))
                .append(" -> ").append(outcome).append(" in ").append(millis).append(" ms");
        Headers headers = request.headers();
        for (int i = 0; i < headers.size(); i++) {
            out.append(i == 0 ? " [" : ", ").append(headers.name(i)).append(": ").append(redact(headers.name(i), headers.value(i)));
        }
        if (headers.size() > 0) out.append(']');
        return out.toString();
    }

    /**
     * The URL with secret query parameters masked: signatures ({@code Signature}, the legacy Tencent and CapitalOnline
     * query signatures), tokens, passwords and secrets (a legacy {@code GET} carries {@code password} in the query).
     */
    public static String redactUrl(okhttp3.HttpUrl url) {
        if (url.querySize() == 0) return url.toString();
        okhttp3.HttpUrl.Builder b = url.newBuilder();
        for (String name : url.queryParameterNames()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("signature") || lower.contains("token") || lower.contains("password") || lower.contains("secret")) {
                b.setQueryParameter(name, Secret.MASK);
            }
        }
        return b.build().toString();
    }

    public static String redact(String name, String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        if ("authorization".equals(lower)) return SIGNATURE.matcher(value).replaceAll("$1" + Secret.MASK);
        if (SECRET_HEADERS.contains(lower) || lower.contains("password") || lower.contains("secret")) return Secret.MASK;
        return value;
    }
}
