package io.cachesh.emulator.tencent;

import io.cachesh.emulator.dataplane.RedisInspector;
import io.cachesh.emulator.dataplane.RedisProcess;
import io.cachesh.emulator.dataplane.RespClient;
import io.cachesh.emulator.fleet.Instance;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Tencent monitoring and slow-log actions' view of an instance's redis-server: a {@link RedisInspector} (one named,
 * bounded connection, shared with the other front-ends) plus a deadline for the whole request, the {@code run_id}
 * cache and a key walk that collects TYPE, MEMORY USAGE and OBJECT FREQ.
 */
final class MonitorSession implements AutoCloseable {

    /** CLIENT SETNAME of the emulator's monitoring connection. */
    static final String CLIENT_NAME = RedisInspector.CLIENT_NAME;
    /** At most this many keys are inspected per request. */
    static final int MAX_KEYS = 10_000;
    /** Inspections stop after this long, with what was found so far. */
    static final Duration MAX_TIME = Duration.ofMillis(1_500);
    private static final int SCAN_COUNT = 500;

    /** A key seen by {@link #scan}: database, name, redis type, MEMORY USAGE bytes, OBJECT FREQ (-1 when not read). */
    record KeyInfo(int db, String key, String type, long bytes, long freq) {
    }

    private static final Map<String, String> RUN_IDS = new java.util.concurrent.ConcurrentHashMap<>();

    private final RedisInspector inspector;
    private final long deadline;

    private MonitorSession(RedisInspector inspector) {
        this.inspector = inspector;
        this.deadline = System.nanoTime() + MAX_TIME.toNanos();
    }

    /** Connects to the instance's redis-server; null when the instance has none (no data plane, isolated, ...). */
    static MonitorSession open(Instance i) throws IOException {
        RedisInspector inspector = RedisInspector.open(i, 2_000);
        return inspector == null ? null : new MonitorSession(inspector);
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
        return inspector.call(command);
    }

    boolean outOfTime() {
        return System.nanoTime() > deadline;
    }

    /** {@code INFO section} as {@code field -> value} (comments and blank lines dropped). */
    Map<String, String> info(String section) throws IOException {
        return inspector.info(section);
    }

    /** Parses {@code a=1,b=2} (INFO commandstats and keyspace values). */
    static Map<String, String> fields(String value) {
        return RedisInspector.fields(value);
    }

    /**
     * SCANs every database and reads each key's TYPE and MEMORY USAGE (and OBJECT FREQ when {@code withFreq}), up to
     * {@link #MAX_KEYS} keys or what is left of {@link #MAX_TIME}. TYPE, MEMORY USAGE and OBJECT FREQ do not touch the
     * key's access time or LFU counter, so inspecting does not make keys look hot.
     */
    List<KeyInfo> scan(boolean withFreq) throws IOException {
        List<KeyInfo> keys = new ArrayList<>();
        boolean[] freq = {withFreq};
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        inspector.scan(SCAN_COUNT, MAX_KEYS, left, (db, key, type) -> {
            long bytes = number(call("MEMORY", "USAGE", key));
            long lfu = -1;
            if (freq[0]) {
                try {
                    lfu = number(call("OBJECT", "FREQ", key));
                } catch (RespClient.RedisError e) {
                    freq[0] = false; // not an LFU maxmemory-policy (changed meanwhile)
                }
            }
            keys.add(new KeyInfo(db, key, type, Math.max(0, bytes), lfu));
            return true;
        });
        return keys;
    }

    static long number(Object reply) {
        return RedisInspector.number(reply);
    }

    @Override
    public void close() {
        inspector.close();
    }
}
