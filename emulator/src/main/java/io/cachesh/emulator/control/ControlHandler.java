package io.cachesh.emulator.control;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.emulator.fleet.Fleet;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.protocol.HttpRequestData;
import io.cachesh.emulator.protocol.HttpResponseData;
import io.cachesh.emulator.protocol.Json;
import io.cachesh.emulator.protocol.ProtocolHandler;
import java.io.IOException;
import java.time.Duration;

/**
 * The emulator's own endpoints under {@code /_emulator/} (unsigned, loopback only): {@code health} and a read-only
 * {@code fleet} view for debugging, and {@code faults}: {@code POST} a rule
 * ({@code {"vendor":"tencent","action":"DescribeInstances","code":"RequestLimitExceeded","times":2,"probability":1,
 * "latencyMs":0}}), {@code GET} the active rules, {@code DELETE} them all.
 */
public final class ControlHandler implements ProtocolHandler {

    public static final String PREFIX = "/_emulator/";

    private final Fleet fleet;
    private final String dataPlane;
    private final Faults faults;

    public ControlHandler(Fleet fleet, String dataPlane, Faults faults) {
        this.fleet = fleet;
        this.dataPlane = dataPlane;
        this.faults = faults;
    }

    @Override
    public String name() {
        return "control";
    }

    @Override
    public boolean accepts(HttpRequestData request) {
        return request.path().startsWith(PREFIX);
    }

    @Override
    public HttpResponseData handle(HttpRequestData request) {
        String what = request.path().substring(PREFIX.length());
        ObjectNode body = Json.object();
        switch (what) {
            case "health" -> {
                body.put("status", "ok");
                body.put("dataPlane", fleet.dataPlaneAvailable());
                body.put("dataPlaneDetail", dataPlane);
                body.put("instances", fleet.instances().size());
            }
            case "fleet" -> {
                ArrayNode list = body.putArray("instances");
                for (Instance i : fleet.instances()) {
                    ObjectNode n = list.addObject();
                    n.put("id", i.id());
                    n.put("vendor", i.vendor());
                    n.put("name", i.name());
                    n.put("status", i.status().name());
                    n.put("region", i.region());
                    n.put("memSizeMb", i.memSizeMb());
                    n.put("shards", i.shards());
                    n.put("port", i.dataPort());
                }
            }
            case "faults" -> {
                return faults(request);
            }
            default -> {
                body.put("error", "unknown control endpoint " + request.path() + " (known: health, fleet, faults)");
                return HttpResponseData.json(404, Json.write(body));
            }
        }
        return HttpResponseData.json(200, Json.write(body));
    }

    private HttpResponseData faults(HttpRequestData request) {
        ObjectNode body = Json.object();
        switch (request.method()) {
            case "POST" -> {
                try {
                    JsonNode n = Json.parse(request.body());
                    faults.add(new FaultRule(text(n, "vendor"), text(n, "action"), text(n, "code"), text(n, "message"),
                            n.path("times").asInt(0), n.path("probability").asDouble(1.0),
                            Duration.ofMillis(n.path("latencyMs").asLong(0))));
                } catch (IOException | IllegalArgumentException e) {
                    body.put("error", "bad fault rule: " + e.getMessage());
                    return HttpResponseData.json(400, Json.write(body));
                }
            }
            case "DELETE" -> faults.clear();
            case "GET" -> {
            }
            default -> {
                body.put("error", "use GET, POST or DELETE");
                return HttpResponseData.json(405, Json.write(body));
            }
        }
        ArrayNode list = body.putArray("faults");
        for (FaultRule r : faults.rules()) {
            ObjectNode n = list.addObject();
            n.put("vendor", r.vendor());
            n.put("action", r.action());
            n.put("code", r.code());
            n.put("message", r.message());
            n.put("times", r.times());
            n.put("probability", r.probability());
            n.put("latencyMs", r.latency().toMillis());
        }
        return HttpResponseData.json(200, Json.write(body));
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    @Override
    public HttpResponseData internalError(HttpRequestData request, Throwable error) {
        return HttpResponseData.json(503, "{\"error\":\"control endpoint failed\"}");
    }
}
