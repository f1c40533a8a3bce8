package io.cachesh.emulator.huawei;

import io.cachesh.model.ApiModel;
import io.cachesh.model.OperationModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The URI templates of a REST model ({@code GET /v2/{project_id}/instances/{instance_id}}), matched against a request's
 * method and decoded path. When several templates match, the one with the most literal segments wins
 * ({@code /v2/{project_id}/instances/status} over {@code /v2/{project_id}/instances/{instance_id}}).
 */
final class HuaweiRoutes {

    /** A matched operation and its path parameters. */
    record Match(String operation, OperationModel model, Map<String, String> pathParams) {
    }

    /** The outcome: an operation, or a path that exists under another method, or nothing. */
    record Result(Match match, List<String> allowedMethods) {
        boolean found() {
            return match != null;
        }
    }

    private record Route(String operation, OperationModel model, String method, String[] segments, int literals) {
    }

    /**
     * Second URIs the seed gives an operation. UpdateAclAccountPassWord's URI line reads {@code .../password/} with
     * {@code modify} wrapped onto the next line (2025 seed l.30533-30534), while its request example (l.30625) and the
     * official SDK use {@code .../password/modify} (the model's URI); a client that took the URI line as printed sends
     * {@code .../password/} (= {@code .../password}, a trailing slash is ignored), so both are served.
     */
    static final Map<String, List<String>> SEED_ALIASES = Map.of("UpdateAclAccountPassWord",
            List.of("/v2/{project_id}/instances/{instance_id}/accounts/{account_id}/password"));

    private final List<Route> routes = new ArrayList<>();

    HuaweiRoutes(ApiModel model) {
        model.operations().forEach((name, op) -> {
            if (op.http() == null) return;
            List<String> uris = new ArrayList<>(List.of(op.http().uri()));
            uris.addAll(SEED_ALIASES.getOrDefault(name, List.of()));
            for (String uri : uris) {
                String[] segments = split(uri);
                int literals = 0;
                for (String s : segments) if (!isPlaceholder(s)) literals++;
                routes.add(new Route(name, op, op.http().method().toUpperCase(java.util.Locale.ROOT), segments, literals));
            }
        });
    }

    Result match(String method, String path) {
        String[] parts = split(path);
        Route best = null;
        Map<String, String> bestParams = null;
        List<String> allowed = new ArrayList<>();
        for (Route r : routes) {
            Map<String, String> params = match(r.segments(), parts);
            if (params == null) continue;
            if (!r.method().equals(method)) {
                allowed.add(r.method());
                continue;
            }
            if (best == null || r.literals() > best.literals()) {
                best = r;
                bestParams = params;
            }
        }
        if (best == null) return new Result(null, allowed);
        return new Result(new Match(best.operation(), best.model(), bestParams), allowed);
    }

    private static Map<String, String> match(String[] template, String[] parts) {
        if (template.length != parts.length) return null;
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (isPlaceholder(t)) {
                if (parts[i].isEmpty()) return null;
                params.put(t.substring(1, t.length() - 1), parts[i]);
            } else if (!t.equals(parts[i])) {
                return null;
            }
        }
        return params;
    }

    private static boolean isPlaceholder(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }

    private static String[] split(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) p = p.substring(0, p.length() - 1);
        if (p.startsWith("/")) p = p.substring(1);
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }
}
