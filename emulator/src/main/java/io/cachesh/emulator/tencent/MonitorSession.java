package io.cachesh.emulator.tencent;

import io.cachesh.emulator.dataplane.RedisProcess;
import io.cachesh.emulator.dataplane.RespClient;
import io.cachesh.emulator.fleet.Instance;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One connection to an instance's redis-server for the monitoring and slow-log actions, which need many commands in a
 * row (SCAN, TYPE, MEMORY USAGE, ...): opening a connection per command like {@link RedisProcess#call} would be slow.
 * The connection names itself {@value #CLIENT_NAME} so that the slow log and the client list can leave the
 * emulator's own commands out. Every inspection is bounded: {@link #scan} stops at a key budget and a time budget,
 * so a huge instance cannot stall a request.
 */
final class MonitorSession implements AutoCloseable {

    /** CLIENT SETNAME of the emulator's monitoring connection. */
    static final String CLIENT_NAME = "cachesh-monitor";
    /** At most this many keys are inspected per request. */
    static final int MAX_KEYS = 10_000;
    /** Inspections stop after this long, with what was found so far. */
    static final Duration MAX_TIME = Duration.ofMillis(1_500);
    private static final int SCAN_COUNT = 500;

    /** A key seen by {@link #scan}: database, name, redis type, MEMORY USAGE bytes, OBJECT FREQ (-1 when not read). */
    record KeyInfo(int db, String key, String type, long bytes, long freq) {
    }

    private static final Map<String, String> RUN_IDS = new java.util.concurrent.ConcurrentHashMap<>();

    private final RespClient client;
    private final long deadline;
    private int selectedDb = 0;

    private MonitorSession(RespClient client) {
        this.client = client;
        this.deadline = System.nanoTime() + MAX_TIME.toNanos();
    }

    /** Connects to the instance's redis-server; null when the instance has none (no data plane, isolated, ...). */
    static MonitorSession open(Instance i) throws IOException {
        RedisProcess process = i.dataPlane();
        if (process == null || !process.alive()) return null;
        RespClient client = RespClient.connect(RedisProcess.HOST, process.port(), 2_000);
        try {
            // one command for authentication and name: every command here may take a slow-log entry
            if (i.password().isEmpty()) {
                client.call("CLIENT", "SETNAME", CLIENT_NAME);
            } else {
                client.call("HELLO", "2", "AUTH", "default", i.password().reveal(), "SETNAME", CLIENT_NAME);
            }
            return new MonitorSession(client);
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** The server's {@code run_id} (40 hex digits), read once per process. */
    static String runId(Instance i, MonitorSession session) throws IOException {
        RedisProcess process = i.dataPlane();
        String key = process == null ? "" : process.pid() + ":" + process.port();
        String cached = RUN_IDS.get(key);
        if (cached != null) return cached;
        String runId = session.info("server").getOrDefault("run_id", "");
        if (process != null && !runId.isEmpty()) RUN_IDS.put(key, runId);
        return runId;
    }

    Object call(String... command) throws IOException {
        return client.call(command);
    }

    boolean outOfTime() {
        return System.nanoTime() > deadline;
    }

    /** {@code INFO section} as {@code field -> value} (comments and blank lines dropped). */
    Map<String, String> info(String section) throws IOException {
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

    /** Parses {@code a=1,b=2} (INFO commandstats and keyspace values). */
    static Map<String, String> fields(String value) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : value.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) out.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return out;
    }

    /** The databases holding keys, from {@code INFO keyspace} ({@code db0:keys=3,...}). */
    List<Integer> databases() throws IOException {
        List<Integer> dbs = new ArrayList<>();
        for (String name : info("keyspace").keySet()) {
            if (name.startsWith("db")) {
                try {
                    dbs.add(Integer.parseInt(name.substring(2)));
                } catch (NumberFormatException ignored) {
                    // not a database line
                }
            }
        }
        return dbs;
    }

    /**
     * SCANs every database and reads each key's TYPE and MEMORY USAGE (and OBJECT FREQ when {@code withFreq}), up to
     * {@link #MAX_KEYS} keys or {@link #MAX_TIME}. TYPE, MEMORY USAGE and OBJECT FREQ do not touch the key's access
     * time or LFU counter, so inspecting does not make keys look hot.
     */
    List<KeyInfo> scan(boolean withFreq) throws IOException {
        List<KeyInfo> keys = new ArrayList<>();
        try {
            for (int db : databases()) {
                select(db);
                String cursor = "0";
                do {
                    if (keys.size() >= MAX_KEYS || outOfTime()) return keys;
                    Object reply = call("SCAN", cursor, "COUNT", Integer.toString(SCAN_COUNT));
                    if (!(reply instanceof List<?> page) || page.size() < 2) break;
                    cursor = String.valueOf(page.get(0));
                    if (!(page.get(1) instanceof List<?> names)) break;
                    for (Object name : names) {
                        if (keys.size() >= MAX_KEYS || outOfTime()) return keys;
                        String key = String.valueOf(name);
                        Object type = call("TYPE", key);
                        if (type == null || "none".equals(type)) continue; // expired or deleted meanwhile
                        long bytes = number(call("MEMORY", "USAGE", key));
                        long freq = -1;
                        if (withFreq) {
                            try {
                                freq = number(call("OBJECT", "FREQ", key));
                            } catch (RespClient.RedisError e) {
                                withFreq = false; // not an LFU maxmemory-policy (changed meanwhile)
                            }
                        }
                        keys.add(new KeyInfo(db, key, String.valueOf(type).toLowerCase(Locale.ROOT), Math.max(0, bytes), freq));
                    }
                } while (!"0".equals(cursor));
            }
            return keys;
        } finally {
            select(0);
        }
    }

    private void select(int db) throws IOException {
        if (db != selectedDb) {
            call("SELECT", Integer.toString(db));
            selectedDb = db;
        }
    }

    static long number(Object reply) {
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

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException ignored) {
            // closing a loopback socket
        }
    }
}
