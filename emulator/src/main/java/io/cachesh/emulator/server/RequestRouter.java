package io.cachesh.emulator.server;

import io.cachesh.emulator.control.ArmedFault;
import io.cachesh.emulator.control.FaultRule;
import io.cachesh.emulator.control.InjectedFault;
import io.cachesh.emulator.protocol.HttpRequestData;
import io.cachesh.emulator.protocol.HttpResponseData;
import io.cachesh.emulator.protocol.Json;
import io.cachesh.emulator.protocol.ProtocolHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Picks the first {@link ProtocolHandler} that accepts a request and runs it on the calling (worker) thread, where
 * {@link ArmedFault} is armed. Nothing escapes as a 500 with a stack trace: a handler that throws answers with its
 * vendor's internal-error envelope, and a request no handler accepts gets a JSON 404.
 */
final class RequestRouter {

    private static final System.Logger LOG = System.getLogger(EmulatorServer.class.getName());

    /** An answer, and the fault rule that breaks its delivery (null when it is delivered as it is). */
    record Answer(HttpResponseData response, FaultRule fault) {
    }

    private final List<ProtocolHandler> handlers;

    RequestRouter(List<ProtocolHandler> handlers) {
        this.handlers = List.copyOf(handlers);
    }

    Answer serve(HttpRequestData request) {
        HttpResponseData response;
        ProtocolHandler handler = null;
        FaultRule fault = null;
        ArmedFault.take();
        try {
            handler = handlerOf(request);
            if (handler == null) {
                response = HttpResponseData.json(404, Json.write(Json.object().put("error",
                        "no emulated API serves " + request.method() + " " + request.path())));
            } else {
                response = handler.handle(request);
            }
        } catch (InjectedFault e) {
            fault = e.rule();
            response = gatewayAnswer(fault);
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.ERROR, "request failed in " + (handler == null ? "router" : handler.name()), e);
            try {
                response = handler != null ? handler.internalError(request, e)
                        : HttpResponseData.json(400, "{\"error\":\"unreadable request\"}");
            } catch (Throwable again) {
                response = HttpResponseData.json(400, "{\"error\":\"request failed\"}");
            }
        }
        if (fault == null) fault = ArmedFault.take().orElse(null);
        else ArmedFault.take();
        if (fault != null && fault.changesDelivery()) {
            if (fault.httpStatus() != 0) response = gatewayAnswer(fault);
            return new Answer(response, fault);
        }
        return new Answer(response, null);
    }

    /**
     * The answer to a request that could not be read to its end: its vendor's malformed-request error when a front-end
     * owns its path, else a JSON 400. {@code request} is null when not even its request line was readable.
     */
    HttpResponseData refuse(HttpRequestData request, String problem) {
        ProtocolHandler handler = null;
        try {
            handler = request == null ? null : handlerOf(request);
            if (handler != null) return handler.malformed(request, problem);
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.ERROR, "refusing a malformed request failed in "
                    + (handler == null ? "router" : handler.name()), e);
        }
        return ProtocolHandler.malformedJson(problem);
    }

    private ProtocolHandler handlerOf(HttpRequestData request) {
        for (ProtocolHandler h : handlers) {
            if (h.accepts(request)) return h;
        }
        return null;
    }

    /** What a gateway in front of the vendor answers on an injected 5xx (not the vendor's envelope). */
    private static HttpResponseData gatewayAnswer(FaultRule fault) {
        int status = fault.httpStatus() != 0 ? fault.httpStatus() : 502;
        return new HttpResponseData(status, "text/html; charset=utf-8",
                ("<html><body><h1>" + status + " injected by the cachesh emulator</h1></body></html>")
                        .getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
