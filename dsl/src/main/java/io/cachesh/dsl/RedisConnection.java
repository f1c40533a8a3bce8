package io.cachesh.dsl;

import groovy.lang.Closure;
import io.cachesh.client.auth.Secret;
import io.cachesh.dsl.result.Instance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A small Redis connection to one instance's data plane, returned by the {@code connect} verb, for smoke checks in
 * runbooks: {@code def r = connect(orders); r.set('k', 'v'); assert r.get('k') == 'v'; r.close()}, or the block
 * form {@code connect(orders) { set 'k', 'v'; get 'k' }} that closes it afterwards.
 *
 * <p>It wraps a Jedis connection and exposes a curated set of commands; {@link #raw()} gives the Jedis object for
 * anything else. Every Redis or network error becomes a one-line {@link DslException} naming the instance and its
 * address. In dry-run mode the writing commands ({@code set}, {@code del}) are printed instead of sent (reads run;
 * {@link #raw()} is not covered). Never holds the password after connecting, and never shows it.
 */
public final class RedisConnection implements DataConnection {

    /** Most keys {@link #keys(String)} returns (it uses SCAN, never KEYS, so the server is not blocked). */
    public static final int DEFAULT_KEYS_LIMIT = 1000;

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final String label;
    private final String address;
    private final Jedis jedis;
    private final DslOutput output;
    private final Supplier<Boolean> dryRun;
    private volatile boolean closed;

    private RedisConnection(String label, String address, Jedis jedis, DslOutput output, Supplier<Boolean> dryRun) {
        this.label = label;
        this.address = address;
        this.jedis = jedis;
        this.output = output;
        this.dryRun = dryRun;
    }

    /**
     * Connects (and authenticates when {@code password} is not null) to {@code instance}'s host and port.
     *
     * @throws DslException one line when the instance has no address, cannot be reached or rejects the password
     */
    static RedisConnection open(Instance instance, Secret password, DslOutput output, Supplier<Boolean> dryRun) {
        Objects.requireNonNull(instance, "instance == null");
        String label = instance.getId();
        String host = instance.getHost();
        int port = instance.getPort();
        if (host == null || host.isBlank() || port <= 0) {
            throw new DslException("connect: " + label + " has no reachable address (host '"
                    + (host == null ? "" : host) + "', port " + port + "); a public address can be enabled with "
                    + "tencent.redis.allocateWanAddress(instanceId: '" + label + "')");
        }
        String address = host + ":" + port;
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) CONNECT_TIMEOUT.toMillis())
                .socketTimeoutMillis((int) READ_TIMEOUT.toMillis());
        if (password != null) config.password(password.reveal());
        Jedis jedis = null;
        try {
            jedis = new Jedis(new HostAndPort(host, port), config.build());
            jedis.ping(); // Jedis may connect lazily: fail here, in connect, not at the first command
            return new RedisConnection(label, address, jedis, output, dryRun);
        } catch (JedisException | IllegalStateException e) {
            if (jedis != null) closeQuietly(jedis);
            throw connectError(label, address, password != null, e);
        }
    }

    private static DslException connectError(String label, String address, boolean withPassword, Exception e) {
        if (e instanceof JedisDataException d) {
            String reply = firstLine(d.getMessage());
            String code = reply.split(" ", 2)[0];
            if ("WRONGPASS".equals(code) || reply.contains("invalid password")) {
                return new DslException("connect: " + label + " rejected the password (" + code + ")");
            }
            if ("NOAUTH".equals(code)) {
                return new DslException("connect: " + label + " requires a password (NOAUTH); pass password: '...'");
            }
            if (withPassword && reply.contains("without any password configured")) {
                return new DslException("connect: " + label + " has no password set; connect without password: "
                        + "(" + reply + ")");
            }
            return new DslException("connect: " + label + " at " + address + " replied " + reply);
        }
        return new DslException("connect: cannot reach " + label + " at " + address + ": " + rootMessage(e));
    }

    // ---------------------------------------------------------------- curated commands

    /** {@code PING}: {@code PONG}. */
    public String ping() {
        return call("ping", jedis::ping);
    }

    /** {@code GET key}: the value, or null when the key does not exist. */
    public String get(String key) {
        return call("get", () -> jedis.get(key));
    }

    /** {@code SET key value} (the value as text): {@code OK}. */
    public String set(String key, Object value) {
        String v = String.valueOf(value);
        if (isDryRun()) return dryRunLine("SET " + key + " <" + v.length() + " chars>");
        return call("set", () -> jedis.set(key, v));
    }

    /** {@code set 'k', 'v', ex: 60}: SET with an expiry in seconds. */
    public String set(Map<?, ?> named, String key, Object value) {
        Object unknown = named.keySet().stream().filter(k -> !"ex".equals(String.valueOf(k))).findFirst()
                .orElse(null);
        if (unknown != null) throw new DslException("set: unknown argument '" + unknown + "' (allowed: ex)");
        Object ex = named.get("ex");
        if (ex == null) return set(key, value);
        if (!(ex instanceof Number n) || n.longValue() <= 0 || n.doubleValue() != n.longValue()) {
            throw new DslException("set: ex must be a whole number of seconds > 0, got " + Args.got(ex));
        }
        String v = String.valueOf(value);
        if (isDryRun()) return dryRunLine("SET " + key + " <" + v.length() + " chars> EX " + n.longValue());
        return call("set", () -> jedis.set(key, v, SetParams.setParams().ex(n.longValue())));
    }

    /** {@code DEL key...}: how many keys were removed. */
    public long del(String... keys) {
        if (keys.length == 0) return 0;
        if (isDryRun()) {
            dryRunLine("DEL " + String.join(" ", keys));
            return 0;
        }
        return call("del", () -> jedis.del(keys));
    }

    /** {@code EXISTS key}. */
    public boolean exists(String key) {
        return call("exists", () -> jedis.exists(key));
    }

    /** {@code DBSIZE}: the number of keys in the selected database. */
    public long dbsize() {
        return call("dbsize", jedis::dbSize);
    }

    /** {@code INFO}: every section, as the server's text. */
    public String info() {
        return call("info", () -> jedis.info());
    }

    /** {@code INFO section} ({@code memory}, {@code server}, {@code keyspace}...), as the server's text. */
    public String info(String section) {
        return call("info", () -> jedis.info(section));
    }

    /** {@code CONFIG GET name}: the value of one parameter ({@code maxmemory}), or null when there is none. */
    public String configGet(String name) {
        Map<String, String> values = call("configGet", () -> jedis.configGet(name));
        if (values == null || values.isEmpty()) return null;
        String exact = values.get(name);
        if (exact != null) return exact;
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
        }
        return values.size() == 1 ? values.values().iterator().next() : null;
    }

    /** Keys matching a glob pattern, sorted, at most {@link #DEFAULT_KEYS_LIMIT} (SCAN, not KEYS). */
    public List<String> keys(String pattern) {
        return keys(pattern, DEFAULT_KEYS_LIMIT);
    }

    /** Keys matching a glob pattern, sorted, at most {@code limit}; warns when there are more. */
    public List<String> keys(String pattern, int limit) {
        if (limit <= 0) throw new DslException("keys: limit must be > 0, got " + limit);
        return call("keys", () -> {
            List<String> out = new ArrayList<>();
            ScanParams params = new ScanParams().match(pattern == null ? "*" : pattern).count(Math.min(limit, 1000));
            String cursor = ScanParams.SCAN_POINTER_START;
            boolean more = false;
            do {
                ScanResult<String> page = jedis.scan(cursor, params);
                for (String k : page.getResult()) {
                    if (out.size() < limit) {
                        if (!out.contains(k)) out.add(k);
                    } else {
                        more = true;
                    }
                }
                cursor = page.getCursor();
            } while (!ScanParams.SCAN_POINTER_START.equals(cursor) && !more);
            if (more) output.warn("keys: more than " + limit + " keys on " + label + " match '" + pattern
                    + "'; showing the first " + limit + " (pass a limit: keys(pattern, n))");
            Collections.sort(out);
            return out;
        });
    }

    /** The Jedis object, for any other command (not covered by dry-run). Closed with this connection. */
    public Jedis raw() {
        checkOpen("raw");
        return jedis;
    }

    /** The instance id this connection talks to. */
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
        closeQuietly(jedis);
    }

    @Override
    public String toString() {
        return "redis " + label + " at " + address + (closed ? " (closed)" : "");
    }

    // ---------------------------------------------------------------- helpers

    private boolean isDryRun() {
        return dryRun != null && Boolean.TRUE.equals(dryRun.get());
    }

    private String dryRunLine(String command) {
        checkOpen(command.split(" ", 2)[0].toLowerCase(Locale.ROOT));
        output.info("dry-run: " + label + " " + command + " (not sent)");
        return null;
    }

    private void checkOpen(String command) {
        if (closed) throw new DslException(command + ": the connection to " + label + " is closed");
    }

    private <T> T call(String command, Supplier<T> body) {
        checkOpen(command);
        try {
            return body.get();
        } catch (JedisConnectionException e) {
            throw new DslException(command + ": lost the connection to " + label + " at " + address + ": "
                    + rootMessage(e));
        } catch (JedisDataException e) {
            throw new DslException(command + ": " + label + " replied " + firstLine(e.getMessage()));
        } catch (JedisException e) {
            throw new DslException(command + ": " + label + " at " + address + ": " + rootMessage(e));
        }
    }

    private static void closeQuietly(Jedis jedis) {
        try {
            jedis.close();
        } catch (RuntimeException ignored) {
            // closing a broken connection: nothing to report
        }
    }

    /**
     * The network's own words ({@code Connection refused}, {@code connect timed out}) rather than Jedis' wrapper
     * text: the message of the first non-Jedis exception among the causes and suppressed exceptions (Jedis tries
     * every resolved address and attaches each failure as suppressed), else the innermost message.
     */
    static String rootMessage(Throwable e) {
        String network = networkMessage(e, 0);
        if (network != null) return firstLine(network.replaceAll(" \\(Connection refused\\)$", ""));
        String message = null;
        for (Throwable cur = e; cur != null; cur = cur.getCause() == cur ? null : cur.getCause()) {
            if (cur.getMessage() != null && !cur.getMessage().isBlank()) message = cur.getMessage();
        }
        return firstLine(message == null ? e.getClass().getSimpleName() : message);
    }

    private static String networkMessage(Throwable e, int depth) {
        if (e == null || depth > 8) return null;
        if (!(e instanceof JedisException) && e.getMessage() != null && !e.getMessage().isBlank()) {
            return e.getMessage();
        }
        String found = e.getCause() == e ? null : networkMessage(e.getCause(), depth + 1);
        if (found != null) return found;
        for (Throwable s : e.getSuppressed()) {
            found = networkMessage(s, depth + 1);
            if (found != null) return found;
        }
        return null;
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
