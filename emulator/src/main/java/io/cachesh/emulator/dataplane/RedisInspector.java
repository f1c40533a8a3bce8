package io.cachesh.emulator.dataplane;

import io.cachesh.emulator.fleet.Instance;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One connection to an instance's real redis-server for the inspections of every vendor front-end (monitoring, cache
 * analyses, slow logs, diagnosis), which run many commands in a row: opening a connection per command like
 * {@link RedisProcess#call} would be slow. It names itself {@value #CLIENT_NAME} so slow logs and client lists can
 * leave the emulator's own commands out. Every walk over the keyspace is bounded by a key budget and a deadline.
 */
public final class RedisInspector implements AutoCloseable {

    /** CLIENT SETNAME of the emulator's inspection connections. */
    public static final String CLIENT_NAME = "cachesh-monitor";
    private static final int SCAN_COUNT = 500;

    /** What {@link #scan} hands each key to; returns false to stop the walk. */
    public interface KeyVisitor {
        boolean visit(int db, String key, String type) throws IOException;
    }

    private final RespClient client;
    private int selectedDb = 0;

    private RedisInspector(RespClient client) {
        this.client = client;
    }

    /** Connects to the instance's redis-server; null when it has none (no data plane in this emulator, stopped). */
    public static RedisInspector open(Instance i, int timeoutMillis) throws IOException {
        RedisProcess process = i.dataPlane();
        if (process == null || !process.alive()) return null;
        RespClient client = RespClient.connect(RedisProcess.HOST, process.port(), timeoutMillis);
        try {
            if (i.password().isEmpty()) {
                client.call("CLIENT", "SETNAME", CLIENT_NAME);
            } else {
                client.call("HELLO", "2", "AUTH", "default", i.password().reveal(), "SETNAME", CLIENT_NAME);
            }
            return new RedisInspector(client);
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    public Object call(String... command) throws IOException {
        return client.call(command);
    }

    /** {@code CONFIG GET name}, or null. */
    public String config(String name) throws IOException {
        Object reply = call("CONFIG", "GET", name);
        return reply instanceof List<?> l && l.size() >= 2 ? String.valueOf(l.get(1)) : null;
    }

    /** {@code INFO section} as {@code field -> value}. */
    public Map<String, String> info(String section) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        Object reply = call("INFO", section);
        if (!(reply instanceof String text)) return out;
        for (String line : text.split("\r?\n")) {
            if (line.isEmpty() || line.startsWith("#")) continue;
            int colon = line.indexOf(':');
            if (colon > 0) out.put(line.substring(0, colon), line.substring(colon + 1).trim());
        }
        return out;
    }

    /** Parses {@code a=1,b=2} (INFO keyspace and commandstats values). */
    public static Map<String, String> fields(String value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null) return out;
        for (String part : value.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) out.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return out;
    }

    /** The databases holding keys ({@code INFO keyspace}). */
    public List<Integer> databases() throws IOException {
        List<Integer> dbs = new ArrayList<>();
        for (String name : info("keyspace").keySet()) {
            if (!name.startsWith("db")) continue;
            try {
                dbs.add(Integer.parseInt(name.substring(2)));
            } catch (NumberFormatException ignored) {
                // not a database line
            }
        }
        return dbs;
    }

    /**
     * SCANs every database ({@code count} keys per SCAN call) and hands each live key with its TYPE to {@code visitor},
     * until {@code maxKeys} keys, {@code budget} or the visitor stops it; a null visitor only SCANs. Returns whether the whole keyspace was seen.
     */
    public boolean scan(int count, int maxKeys, Duration budget, KeyVisitor visitor) throws IOException {
        long deadline = System.nanoTime() + budget.toNanos();
        int seen = 0;
        try {
            for (int db : databases()) {
                select(db);
                String cursor = "0";
                do {
                    if (seen >= maxKeys || System.nanoTime() > deadline) return false;
                    Object reply = call("SCAN", cursor, "COUNT", Integer.toString(count <= 0 ? SCAN_COUNT : count));
                    if (!(reply instanceof List<?> page) || page.size() < 2) break;
                    cursor = String.valueOf(page.get(0));
                    if (!(page.get(1) instanceof List<?> names)) break;
                    for (Object name : names) {
                        if (seen >= maxKeys || System.nanoTime() > deadline) return false;
                        String key = String.valueOf(name);
                        if (visitor == null) { // SCAN alone: it already dropped (and deleted) expired keys
                            seen++;
                            continue;
                        }
                        Object type = call("TYPE", key);
                        if (type == null || "none".equals(type)) continue; // expired or deleted meanwhile
                        seen++;
                        if (!visitor.visit(db, key, String.valueOf(type).toLowerCase(Locale.ROOT))) return false;
                    }
                } while (!"0".equals(cursor));
            }
            return true;
        } finally {
            select(0);
        }
    }

    public void select(int db) throws IOException {
        if (db != selectedDb) {
            call("SELECT", Integer.toString(db));
            selectedDb = db;
        }
    }

    public static long number(Object reply) {
        if (reply instanceof Long l) return l;
        if (reply instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException ignored) {
                return 0;
            }
        }
        return 0;
    }

    public static double decimal(String value) {
        if (value == null) return 0;
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException ignored) {
            // closing a loopback socket
        }
    }
}
