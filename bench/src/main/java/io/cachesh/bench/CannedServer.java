package io.cachesh.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one canned server every client-cost benchmark talks to: a JDK {@code HttpServer} on loopback (with
 * {@code sun.net.httpserver.nodelay=true}, without which each keep-alive request stalls ~40 ms) that answers, without
 * checking signatures, with fixed bodies ({@link CannedBodies}):
 * <ul>
 *   <li>Tencent API 3.0 ({@code POST /}, {@code X-TC-Action}): DescribeInstances (20 instances), CreateInstances,
 *       DescribeTaskInfo, DescribeProductInfo (the zones of ap-guangzhou, for the shell's completion cache);</li>
 *   <li>Huawei DCS v2: {@code GET /v2/{project}/instances} (20 instances) and {@code GET /v2/{project}/instances/{id}}.</li>
 * </ul>
 * Run as its own process by {@code bench/run} ({@code main} prints {@code port=N}), so that the server's allocation
 * and CPU never count against the client being measured; the smoke test runs it in-process.
 */
public final class CannedServer implements AutoCloseable {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final byte[] tcDescribeInstances = CannedBodies.load("tencent-describe-instances-20.json");
    private final byte[] tcCreateInstances = CannedBodies.load("tencent-create-instances.json");
    private final byte[] tcDescribeTaskInfo = CannedBodies.load("tencent-describe-task-info.json");
    private final byte[] hwListInstances = CannedBodies.load("huawei-list-instances-20.json");
    private final byte[] hwShowInstance = CannedBodies.load("huawei-show-instance.json");
    private final byte[] tcDescribeProductInfo = ("{\"Response\":{\"RegionSet\":[{\"RegionId\":\"ap-guangzhou\",\"ZoneSet\":["
            + "{\"ZoneId\":\"ap-guangzhou-2\"},{\"ZoneId\":\"ap-guangzhou-3\"},{\"ZoneId\":\"ap-guangzhou-4\"},"
            + "{\"ZoneId\":\"ap-guangzhou-6\"},{\"ZoneId\":\"ap-guangzhou-7\"}]}],"
            + "\"RequestId\":\"canned-product-info\"}}").getBytes(StandardCharsets.UTF_8);
    private final byte[] notFound = "{\"error\":\"not canned\"}".getBytes(StandardCharsets.UTF_8);
    private volatile CannedFleet fleet;

    public CannedServer(int port, int threads) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "canned-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
    }

    public CannedServer start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * With a fleet, DescribeInstances answers the page its {@code Limit}/{@code Offset} ask for out of that many
     * copies of the canned answer's first instance (the memory run lists 1,000 this way); null: the fixed answer.
     */
    public CannedServer fleet(int instances) {
        this.fleet = instances > 0 ? new CannedFleet(tcDescribeInstances, instances) : null;
        return this;
    }

    private void serve(HttpExchange exchange) throws IOException {
        byte[] request;
        try (InputStream in = exchange.getRequestBody()) {
            request = in.readAllBytes();
        }
        byte[] body = notFound;
        int status = 404;
        String action = exchange.getRequestHeaders().getFirst("X-TC-Action");
        String path = exchange.getRequestURI().getPath();
        CannedFleet pages = fleet;
        if (action != null) {
            status = 200;
            body = switch (action) {
                case "DescribeInstances" -> pages == null ? tcDescribeInstances : pages.page(request);
                case "CreateInstances" -> tcCreateInstances;
                case "DescribeTaskInfo" -> tcDescribeTaskInfo;
                case "DescribeProductInfo" -> tcDescribeProductInfo;
                default -> {
                    status = 404;
                    yield notFound;
                }
            };
        } else if (path.startsWith("/v2/")) {
            String[] parts = path.split("/");   // "", v2, project, instances[, id]
            if (parts.length == 4 && parts[3].equals("instances")) {
                status = 200;
                body = hwListInstances;
            } else if (parts.length == 5 && parts[3].equals("instances")) {
                status = 200;
                body = hwShowInstance;
            }
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** {@code CannedServer [--port N] [--threads N] [--port-file PATH] [--fleet N]}: serves until killed. */
    public static void main(String[] args) throws Exception {
        int port = 0;
        int threads = 8;
        Path portFile = null;
        int fleet = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--port-file" -> portFile = Path.of(args[++i]);
                case "--fleet" -> fleet = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        CannedServer server = new CannedServer(port, threads).fleet(fleet).start();
        if (portFile != null) {
            Path tmp = Path.of(portFile + ".tmp");
            Files.writeString(tmp, Integer.toString(server.port()));
            Files.move(tmp, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        System.out.println("port=" + server.port());
        Thread.currentThread().join();
    }
}
