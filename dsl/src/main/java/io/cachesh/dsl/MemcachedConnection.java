package io.cachesh.dsl;

import groovy.lang.Closure;
import io.cachesh.dsl.result.Instance;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A small Memcached connection to one instance's data plane, returned by {@code connect} for {@code memcached}
 * instances (Tencent CMEM, CapitalOnline): {@code get}, {@code set} ({@code ex:} seconds), {@code delete} /
 * {@code del}, {@code flush}, {@code stats}, {@code version}, {@code ping}; the block form
 * {@code connect(cache) { set 'k', 'v'; get 'k' }} closes it afterwards.
 *
 * <p>It speaks the Memcached text protocol over one blocking socket. A hand-written client rather than
 * spymemcached: this is a smoke-check connection of six commands, and spymemcached would add an I/O thread per
 * connection, asynchronous futures for every call and INFO lines on stderr at each connect (its default logger),
 * none of which a runbook line wants; the protocol lines used here are fixed and small. Errors are one line naming
 * the instance and its address. In dry-run mode {@code set}, {@code delete} and {@code flush} are printed instead of
 * sent.
 */
public final class MemcachedConnection implements DataConnection {

    private static final int MAX_KEY = 250;

    private final String label;
    private final String address;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final DslOutput output;
    private final Supplier<Boolean> dryRun;
    private volatile boolean closed;

    private MemcachedConnection(String label, String address, Socket socket, DslOutput output,
                                Supplier<Boolean> dryRun) throws IOException {
        this.label = label;
        this.address = address;
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.output = output;
        this.dryRun = dryRun;
    }

    /** Connects to {@code instance}'s host and port and checks the server answers {@code version}. */
    static MemcachedConnection open(Instance instance, DslOutput output, Supplier<Boolean> dryRun) {
        Objects.requireNonNull(instance, "instance == null");
        String label = instance.getId();
        String host = instance.getHost();
        int port = instance.getPort();
        if (host == null || host.isBlank() || port <= 0) {
            throw new DslException("connect: " + label + " has no reachable address (host '"
                    + (host == null ? "" : host) + "', port " + port + ")");
        }
        String address = host + ":" + port;
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) RedisConnection.CONNECT_TIMEOUT.toMillis());
            socket.setSoTimeout((int) RedisConnection.READ_TIMEOUT.toMillis());
            MemcachedConnection c = new MemcachedConnection(label, address, socket, output, dryRun);
            c.version();
            return c;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new DslException("connect: cannot reach " + label + " at " + address + ": "
                    + RedisConnection.rootMessage(e));
        } catch (DslException e) {
            closeQuietly(socket);
            throw new DslException("connect: " + label + " at " + address + " is not a memcached server ("
                    + e.getMessage() + ")");
        }
    }

    // ---------------------------------------------------------------- commands

    /** {@code version}: the server's version, e.g. {@code 1.6.14}. */
    public String version() {
        String line = command("version", "version\r\n");
        if (!line.startsWith("VERSION ")) throw reply("version", line);
        return line.substring("VERSION ".length());
    }

    /** {@code PONG} when the server answers (memcached has no ping: this sends {@code version}). */
    public String ping() {
        version();
        return "PONG";
    }

    /** The value of {@code key} as text, or null when absent. */
    public String get(String key) {
        checkKey("get", key);
        synchronized (this) {
            String line = command("get", "get " + key + "\r\n");
            if ("END".equals(line)) return null;
            String[] parts = line.split(" ");
            if (parts.length < 4 || !"VALUE".equals(parts[0])) throw reply("get", line);
            int bytes = Integer.parseInt(parts[3]);
            try {
                byte[] data = in.readNBytes(bytes);
                readLine(); // the data's \r\n
                String end = readLine();
                if (!"END".equals(end)) throw reply("get", end);
                return new String(data, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw lost("get", e);
            }
        }
    }

    /** {@code set key, value}: {@code STORED}. */
    public String set(String key, Object value) {
        return set(Map.of(), key, value);
    }

    /** {@code set key, value, ex: seconds}: with an expiry. */
    public String set(Map<?, ?> named, String key, Object value) {
        Object unknown = named.keySet().stream().filter(k -> !"ex".equals(String.valueOf(k))).findFirst()
                .orElse(null);
        if (unknown != null) throw new DslException("set: unknown argument '" + unknown + "' (allowed: ex)");
        Object e = named.get("ex");
        if (e != null && (!(e instanceof Number n) || n.longValue() <= 0 || n.doubleValue() != n.longValue())) {
            throw new DslException("set: ex must be a whole number of seconds > 0, got " + Args.got(e));
        }
        Long ex = e == null ? null : ((Number) e).longValue();
        checkKey("set", key);
        if (value == null) throw new DslException("set: the value of " + key + " is null");
        if (isDryRun()) return dryRunLine("set " + key + (ex == null ? "" : " (ex " + ex + ")"));
        byte[] data = String.valueOf(value).getBytes(StandardCharsets.UTF_8);
        String head = "set " + key + " 0 " + (ex == null ? 0 : ex) + " " + data.length + "\r\n";
        String line = command("set", head, data);
        if (!"STORED".equals(line)) throw reply("set", line);
        return line;
    }

    /** {@code delete key}: true when the key existed. */
    public boolean delete(String key) {
        checkKey("delete", key);
        if (isDryRun()) {
            dryRunLine("delete " + key);
            return false;
        }
        String line = command("delete", "delete " + key + "\r\n");
        if ("DELETED".equals(line)) return true;
        if ("NOT_FOUND".equals(line)) return false;
        throw reply("delete", line);
    }

    /** {@code del k1, k2}: how many existed (as Redis' DEL counts). */
    public long del(String... keys) {
        long n = 0;
        for (String k : keys) if (delete(k)) n++;
        return n;
    }

    /** {@code flush_all}: every item is invalidated; {@code OK}. */
    public String flush() {
        if (isDryRun()) return dryRunLine("flush_all");
        String line = command("flush", "flush_all\r\n");
        if (!"OK".equals(line)) throw reply("flush", line);
        return line;
    }

    /** {@code stats}: the general statistics ({@code curr_items}, {@code limit_maxbytes}, ...), in server order. */
    public Map<String, String> stats() {
        synchronized (this) {
            String line = command("stats", "stats\r\n");
            Map<String, String> out = new LinkedHashMap<>();
            try {
                while (!"END".equals(line)) {
                    if (!line.startsWith("STAT ")) throw reply("stats", line);
                    String[] kv = line.substring(5).split(" ", 2);
                    out.put(kv[0], kv.length > 1 ? kv[1] : "");
                    line = readLine();
                }
            } catch (IOException e) {
                throw lost("stats", e);
            }
            return Collections.unmodifiableMap(out);
        }
    }

    public String getInstanceId() {
        return label;
    }

    /** {@code host:port}. */
    public String getAddress() {
        return address;
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            out.write("quit\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException ignored) {
            // closing anyway
        }
        closeQuietly(socket);
    }

    @Override
    public String toString() {
        return "memcached " + label + " at " + address + (closed ? " (closed)" : "");
    }

    // ---------------------------------------------------------------- protocol

    private synchronized String command(String verb, String head, byte[]... data) {
        if (closed) throw new DslException(verb + ": the connection to " + label + " is closed");
        try {
            out.write(head.getBytes(StandardCharsets.UTF_8));
            for (byte[] d : data) {
                out.write(d);
                out.write('\r');
                out.write('\n');
            }
            out.flush();
            return readLine();
        } catch (IOException e) {
            throw lost(verb, e);
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int prev = -1;
        while (true) {
            int b = in.read();
            if (b < 0) throw new IOException("connection closed by the server");
            if (b == '\n' && prev == '\r') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
            prev = b;
        }
    }

    private void checkKey(String verb, String key) {
        if (key == null || key.isEmpty() || key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY
                || key.chars().anyMatch(c -> c <= ' ' || c == 127)) {
            throw new DslException(verb + ": memcached keys are 1-250 bytes without spaces or control characters, got '"
                    + key + "'");
        }
    }

    private DslException reply(String verb, String line) {
        return new DslException(verb + ": " + label + " replied " + line);
    }

    private DslException lost(String verb, IOException e) {
        return new DslException(verb + ": lost the connection to " + label + " at " + address + ": "
                + RedisConnection.rootMessage(e));
    }

    private boolean isDryRun() {
        return dryRun != null && Boolean.TRUE.equals(dryRun.get());
    }

    private <T> T dryRunLine(String command) {
        if (closed) throw new DslException(command.split(" ", 2)[0] + ": the connection to " + label + " is closed");
        output.info("dry-run: " + label + " " + command + " (not sent)");
        return null;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to report
        }
    }
}
