package io.cachesh.emulator.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cachesh.emulator.control.ArmedFault;
import io.cachesh.emulator.control.FaultRule;
import io.cachesh.emulator.control.InjectedFault;
import io.cachesh.emulator.protocol.HttpRequestData;
import io.cachesh.emulator.protocol.HttpResponseData;
import io.cachesh.emulator.protocol.ProtocolHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The emulator's one HTTP port on 127.0.0.1 (JDK {@code HttpServer}), routing every request to the first
 * {@link ProtocolHandler} that accepts it. Nothing escapes as a 500 with a stack trace: a handler that throws answers
 * with its vendor's internal-error envelope, and a request no handler accepts gets a JSON 404.
 */
public final class EmulatorServer implements AutoCloseable {

    /** Larger bodies are refused (Tencent's documented POST limit is 10 MB). */
    public static final int MAX_BODY_BYTES = HttpRequestData.MAX_BODY_BYTES;

    static {
        // Must be set before the JDK server's config class loads: without it every keep-alive request stalls
        // ~40 ms (Nagle + delayed ACK), see ARCHITECTURE.md "Emulator".
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // A refused oversized body is not read: without this the JDK server's close() blocks until 64 KB more of it
        // arrive (a trickling client would still hold the worker); with 0 it drops the connection at once instead.
        if (System.getProperty("sun.net.httpserver.drainAmount") == null) {
            System.setProperty("sun.net.httpserver.drainAmount", "0");
        }
    }

    private static final System.Logger LOG = System.getLogger(EmulatorServer.class.getName());

    private final List<ProtocolHandler> handlers;
    private final HttpServer server;
    private final ExecutorService executor;

    public EmulatorServer(int port, List<ProtocolHandler> handlers) throws IOException {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        this.handlers = List.copyOf(handlers);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "cachesh-emulator-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) {
        HttpResponseData response;
        HttpRequestData request = null;
        ProtocolHandler handler = null;
        FaultRule fault = null;
        ArmedFault.take();
        try {
            byte[] body = readBody(exchange);
            request = new HttpRequestData(exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT),
                    exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(), body, String.valueOf(exchange.getRemoteAddress()),
                    exchange.getRequestURI().getRawPath());
            for (ProtocolHandler h : handlers) {
                if (h.accepts(request)) {
                    handler = h;
                    break;
                }
            }
            if (handler == null) {
                response = HttpResponseData.json(404, "{\"error\":\"no emulated API serves " + request.method() + " "
                        + request.path().replace("\"", "") + "\"}");
            } else {
                response = handler.handle(request);
            }
        } catch (InjectedFault e) {
            fault = e.rule();
            response = gatewayAnswer(fault);
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.ERROR, "request failed in " + (handler == null ? "router" : handler.name()), e);
            try {
                response = handler != null && request != null ? handler.internalError(request, e)
                        : HttpResponseData.json(400, "{\"error\":\"unreadable request\"}");
            } catch (Throwable again) {
                response = HttpResponseData.json(400, "{\"error\":\"request failed\"}");
            }
        }
        if (fault == null) fault = ArmedFault.take().orElse(null);
        else ArmedFault.take();
        if (fault != null && fault.changesDelivery()) {
            if (fault.httpStatus() != 0) response = gatewayAnswer(fault);
            deliverBadly(exchange, response, fault);
            return;
        }
        write(exchange, response, request);
    }

    /** What a gateway in front of the vendor answers on an injected 5xx (not the vendor's envelope). */
    private static HttpResponseData gatewayAnswer(FaultRule fault) {
        int status = fault.httpStatus() != 0 ? fault.httpStatus() : 502;
        return new HttpResponseData(status, "text/html; charset=utf-8",
                ("<html><body><h1>" + status + " injected by the cachesh emulator</h1></body></html>")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of());
    }

    /**
     * An injected delivery fault: the announced body is cut in half and the connection dropped ({@code reset}), or it
     * is trickled in small pieces over {@code slowBody}; an HTTP 5xx is delivered as it is.
     */
    private static void deliverBadly(HttpExchange exchange, HttpResponseData response, FaultRule fault) {
        try {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            for (Map.Entry<String, String> h : response.headers().entrySet()) {
                exchange.getResponseHeaders().set(h.getKey(), h.getValue());
            }
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            OutputStream out = exchange.getResponseBody();
            if (fault.reset()) {
                out.write(body, 0, body.length / 2);
                out.flush();
                // closing with bytes missing makes the JDK server drop the connection: the client reads a short body
                exchange.close();
                return;
            }
            if (!fault.slowBody().isZero()) {
                int pieces = Math.max(1, Math.min(body.length, 10));
                long pause = fault.slowBody().toMillis() / pieces;
                int step = (body.length + pieces - 1) / pieces;
                for (int off = 0; off < body.length; off += step) {
                    Thread.sleep(pause);
                    out.write(body, off, Math.min(step, body.length - off));
                    out.flush();
                }
            } else {
                out.write(body);
            }
            out.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "injected delivery fault: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    /**
     * The request body, or {@link HttpRequestData#TOO_LARGE} without reading it when its Content-Length announces more
     * than {@link #MAX_BODY_BYTES} (a client announcing 20 MB and trickling must not hold a worker), and without keeping
     * it when a chunked body runs past the limit (reading stops there). Closing the exchange then drops the connection.
     */
    static byte[] readBody(HttpExchange exchange) throws IOException {
        String announced = exchange.getRequestHeaders().getFirst("Content-Length");
        if (announced != null) {
            try {
                if (Long.parseLong(announced.trim()) > MAX_BODY_BYTES) return HttpRequestData.TOO_LARGE;
            } catch (NumberFormatException e) {
                // the JDK server refuses a malformed Content-Length before we run; read what comes
            }
        }
        InputStream in = exchange.getRequestBody();
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) return HttpRequestData.TOO_LARGE;
        in.close();
        return body;
    }

    private static void write(HttpExchange exchange, HttpResponseData response, HttpRequestData request) {
        try {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            if (request != null && request.bodyTooLarge()) exchange.getResponseHeaders().set("Connection", "close");
            for (Map.Entry<String, String> h : response.headers().entrySet()) {
                exchange.getResponseHeaders().set(h.getKey(), h.getValue());
            }
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "client went away: " + e.getMessage());
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
