package io.cachesh.emulator.cmem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.protocol.HttpRequestData;
import io.cachesh.emulator.protocol.HttpResponseData;
import io.cachesh.emulator.protocol.Json;
import io.cachesh.emulator.protocol.ProtocolHandler;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The unsigned control endpoint for CMEM instances (the CMEM API has no create action):
 * <ul>
 *   <li>{@code POST /_emulator/cmem/instances} with {@code {"name":"cache1","memSizeMb":64,"region":"gz",
 *       "projectId":0,"vpcId":"","subnetId":"","expire":0,"autoRenew":0}} (only {@code name} is required) creates a
 *       running instance: 201 with its id, cmemId, wanIp and port; 400 for bad input or a taken name;</li>
 *   <li>{@code GET /_emulator/cmem/instances} lists them;</li>
 *   <li>{@code DELETE /_emulator/cmem/instances/{id|cmemId|name}} removes one (stops its memcached): 204, or 404.</li>
 * </ul>
 */
public final class CmemControlHandler implements ProtocolHandler {

    public static final String PATH = "/_emulator/cmem/instances";

    private final CmemProvider cmem;

    public CmemControlHandler(CmemProvider cmem) {
        this.cmem = cmem;
    }

    @Override
    public String name() {
        return "cmem-control";
    }

    @Override
    public boolean accepts(HttpRequestData request) {
        return request.path().equals(PATH) || request.path().startsWith(PATH + "/");
    }

    @Override
    public HttpResponseData handle(HttpRequestData request) {
        String rest = request.path().substring(PATH.length());
        if (rest.isEmpty() || rest.equals("/")) {
            switch (request.method()) {
                case "GET" -> {
                    ObjectNode out = Json.object();
                    ArrayNode list = out.putArray("instances");
                    for (Instance i : cmem.instances()) list.add(cmem.describe(i));
                    return HttpResponseData.json(200, Json.write(out));
                }
                case "POST" -> {
                    return create(request);
                }
                default -> {
                    return problem(405, "use GET or POST on " + PATH);
                }
            }
        }
        if (!"DELETE".equals(request.method())) return problem(405, "use DELETE on " + PATH + "/{id}");
        return cmem.delete(rest.substring(1)) ? new HttpResponseData(204, "application/json", new byte[0], Map.of())
                : problem(404, "no CMEM instance " + rest.substring(1));
    }

    private HttpResponseData create(HttpRequestData request) {
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            JsonNode node = request.body().length == 0 ? Json.object() : Json.parse(request.body());
            if (!node.isObject()) return problem(400, "the body must be a JSON object");
            node.fields().forEachRemaining(e -> body.put(e.getKey(), e.getValue().isNumber() ? e.getValue().numberValue()
                    : e.getValue().isNull() ? null : e.getValue().asText()));
            Instance i = cmem.create(CmemProvider.spec(body));
            return HttpResponseData.json(201, Json.write(cmem.describe(i)));
        } catch (IOException e) {
            return problem(400, "the body is not JSON");
        } catch (IllegalArgumentException e) {
            return problem(400, e.getMessage());
        } catch (IllegalStateException e) {
            return problem(500, e.getMessage());
        }
    }

    private static HttpResponseData problem(int status, String message) {
        ObjectNode out = Json.object();
        out.put("error", message);
        return HttpResponseData.json(status, Json.write(out));
    }

    @Override
    public HttpResponseData internalError(HttpRequestData request, Throwable error) {
        return problem(500, "the emulator failed (" + error.getClass().getSimpleName() + "); see its log");
    }
}
