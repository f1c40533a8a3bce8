package io.cachesh.emulator.control;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Fleet;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.protocol.HttpRequestData;
import io.cachesh.emulator.protocol.HttpResponseData;
import io.cachesh.emulator.protocol.Json;
import io.cachesh.emulator.protocol.ProtocolHandler;

/**
 * The emulator's own endpoints under {@code /_emulator/} (unsigned, loopback only): {@code health} and a read-only
 * {@code fleet} view for debugging, and {@code faults}: {@code POST} a rule or an array of them ({@link FaultRules}:
 * {@code {"vendor":"tencent","action":"DescribeInstances","code":"RequestLimitExceeded","times":2}}), {@code GET} the
 * active rules, {@code DELETE} them all.
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
                    for (FaultRule rule : FaultRules.parseAll(new String(request.body(), java.nio.charset.StandardCharsets.UTF_8))) {
                        faults.add(rule);
                    }
                } catch (IllegalArgumentException e) {
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
        body.set("faults", FaultRules.toJson(faults.rules()));
        return HttpResponseData.json(200, Json.write(body));
    }

    @Override
    public HttpResponseData internalError(HttpRequestData request, Throwable error) {
        return HttpResponseData.json(503, "{\"error\":\"control endpoint failed\"}");
    }
}
