package io.cachesh.emulator.huawei;

import io.cachesh.emulator.dataplane.RedisProcess;
import io.cachesh.emulator.dataplane.RedisProcessManager;
import io.cachesh.emulator.dataplane.RespClient;
import io.cachesh.emulator.fleet.Fleet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What data migration does to real redis-servers: online migration is real replication (the target's redis-server runs
 * {@code REPLICAOF <source host> <source port>} with {@code masterauth}; stopping is {@code REPLICAOF NO ONE}, the target
 * keeps the data); progress comes from {@code INFO replication} / {@code INFO keyspace} / {@code INFO stats}. A backup
 * import loads the RDB into a scratch redis-server and moves every key into the target with {@code MIGRATE ... COPY
 * REPLACE}, so the target keeps its other keys, as an import does.
 */
final class MigrationDataPlane {

    private static final int TIMEOUT_MILLIS = 2_000;

    private MigrationDataPlane() {
    }

    /** Runs one command on {@code host:port}, authenticating with {@code password} when there is one. */
    static Object call(String host, int port, String password, String... command) throws IOException {
        try (RespClient client = RespClient.connect(host, port, TIMEOUT_MILLIS)) {
            if (password != null && !password.isEmpty()) client.call("AUTH", password);
            return client.call(command);
        }
    }

    /** Why {@code host:port} cannot be used with {@code password}: null when it can, else the reason. */
    static Problem check(String host, int port, String password) {
        try {
            Object pong = call(host, port, password, "PING");
            return "PONG".equals(pong) ? null : new Problem(false, "unexpected PING reply " + pong);
        } catch (RespClient.RedisError e) {
            String m = String.valueOf(e.getMessage());
            boolean auth = m.contains("NOAUTH") || m.contains("WRONGPASS") || m.contains("invalid password")
                    || m.contains("AUTH");
            return new Problem(auth, m);
        } catch (IOException e) {
            return new Problem(false, "cannot connect to " + host + ":" + port + ": " + e.getMessage());
        }
    }

    /** A failed check: {@code password} true when the password is the problem. */
    record Problem(boolean password, String message) {
    }

    /** {@code INFO <section>} as a map. */
    static Map<String, String> info(String host, int port, String password, String section) throws IOException {
        Object reply = call(host, port, password, "INFO", section);
        Map<String, String> out = new LinkedHashMap<>();
        if (reply instanceof String text) {
            for (String line : text.split("\r?\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && !line.startsWith("#")) out.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return out;
    }

    static Map<String, String> info(RedisProcess p, String section) throws IOException {
        Object reply = p.call("INFO", section);
        Map<String, String> out = new LinkedHashMap<>();
        if (reply instanceof String text) {
            for (String line : text.split("\r?\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && !line.startsWith("#")) out.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return out;
    }

    /** The keys of every database, from {@code INFO keyspace} ({@code db0:keys=3,expires=0,...}). */
    static long keys(Map<String, String> keyspace) {
        long total = 0;
        for (Map.Entry<String, String> e : keyspace.entrySet()) {
            if (!e.getKey().startsWith("db")) continue;
            for (String part : e.getValue().split(",")) {
                if (part.startsWith("keys=")) total += Long.parseLong(part.substring(5));
            }
        }
        return total;
    }

    /** The target follows the source: masterauth, then REPLICAOF. */
    static void replicate(RedisProcess target, String sourceHost, int sourcePort, String sourcePassword) throws IOException {
        target.call("CONFIG", "SET", "masterauth", sourcePassword == null ? "" : sourcePassword);
        target.call("REPLICAOF", sourceHost, Integer.toString(sourcePort));
    }

    /** The target stops following and keeps its data. */
    static void detach(RedisProcess target) throws IOException {
        target.call("REPLICAOF", "NO", "ONE");
        target.call("CONFIG", "SET", "masterauth", "");
    }

    /**
     * Imports the RDB {@code rdb} into the target ({@code 127.0.0.1:targetPort}): a scratch redis-server loads it, then
     * every key of every database moves with MIGRATE COPY REPLACE. Returns the number of keys imported.
     */
    static long importRdb(Fleet fleet, String scratchId, Path rdb, int targetPort, String targetPassword) throws IOException {
        RedisProcessManager manager = fleet.dataPlane();
        if (manager == null || !manager.available()) throw new IOException("no redis-server to load the backup file");
        Path dir = fleet.dataDir(scratchId);
        Files.createDirectories(dir);
        Files.copy(rdb, dir.resolve("dump.rdb"), StandardCopyOption.REPLACE_EXISTING);
        RedisProcess scratch = manager.start(scratchId, dir, null, 0, 0);
        long moved = 0;
        try {
            Map<String, String> keyspace = info(scratch, "keyspace");
            for (String db : keyspace.keySet()) {
                if (!db.startsWith("db")) continue;
                String index = db.substring(2);
                String cursor = "0";
                do {
                    Object reply = selectAndCall(scratch, index, "SCAN", cursor, "COUNT", "500");
                    if (!(reply instanceof List<?> page) || page.size() < 2) break;
                    cursor = String.valueOf(page.get(0));
                    List<String> keys = new ArrayList<>();
                    if (page.get(1) instanceof List<?> ks) ks.forEach(k -> keys.add(String.valueOf(k)));
                    if (!keys.isEmpty()) {
                        List<String> cmd = new ArrayList<>(List.of("MIGRATE", RedisProcess.HOST, Integer.toString(targetPort), "",
                                index, "10000", "COPY", "REPLACE"));
                        if (targetPassword != null && !targetPassword.isEmpty()) cmd.addAll(List.of("AUTH", targetPassword));
                        cmd.add("KEYS");
                        cmd.addAll(keys);
                        selectAndCall(scratch, index, cmd.toArray(String[]::new));
                        moved += keys.size();
                    }
                } while (!"0".equals(cursor));
            }
        } finally {
            manager.stop(scratch, false);
            deleteTree(dir.getParent());
        }
        return moved;
    }

    /** One connection: SELECT the database, then the command. */
    private static Object selectAndCall(RedisProcess p, String db, String... command) throws IOException {
        try (RespClient client = RespClient.connect(RedisProcess.HOST, p.port(), 10_000)) {
            client.call("SELECT", db);
            return client.call(command);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
