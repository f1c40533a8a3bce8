package io.cachesh.emulator.tencent;

import io.cachesh.emulator.dataplane.RedisProcess;
import io.cachesh.emulator.fleet.Instance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * The node layout an instance reports: {@code shards} shard groups of one master and {@code replicas} replicas, plus
 * proxies. One real redis-server serves the whole instance, so the nodes are named, not separate processes: node ids
 * are stable 40-hex names derived from the instance id, and which node of a group is the master is kept in
 * {@code instance.extensions()} under {@link #KEY} (KillMasterGroup fails the master over to the next node). The data
 * a shard holds is real: the keys of the server's db0 split by their cluster hash slot (CRC16 with hash tags, as Redis
 * Cluster does) over the shards' slot ranges.
 */
final class NodeTopology {

    static final String KEY = "nodeRoles";
    static final int SLOTS = 16384;
    /** Keys scanned to split the keyspace over shards; beyond it the sampled split is scaled to the real total. */
    static final int SCAN_LIMIT = 20_000;

    /** Per shard (index), the position in the group of the node that is master now (0 at creation). */
    record Roles(List<Integer> masters) {
        static Roles initial() {
            return new Roles(List.of());
        }
    }

    private NodeTopology() {
    }

    static String redisNodeId(Instance i, int shard, int node) {
        return sha1(i.id() + "/redis/" + shard + "/" + node);
    }

    static String proxyNodeId(Instance i, int proxy) {
        return sha1(i.id() + "/proxy/" + proxy);
    }

    /** Proxies an instance reports: 2 per shard for the types that run proxies (an emulator convention). */
    static int proxyCount(Instance i) {
        return EngineVersions.hasProxy(EngineVersions.typeId(i)) ? 2 * i.shards() : 0;
    }

    /** The position (0..replicas) of the master node in the shard's group. */
    static int master(Instance i, int shard) {
        List<Integer> masters = i.extensions().get(KEY, Roles.class, Roles::initial).masters();
        int m = shard < masters.size() && masters.get(shard) != null ? masters.get(shard) : 0;
        return Math.floorMod(m, i.replicas() + 1);
    }

    /** Promotes the next node of each shard's group to master. */
    static void failover(Instance i, Collection<Integer> shards) {
        i.extensions().update(KEY, Roles.class, Roles::initial, roles -> {
            List<Integer> next = new ArrayList<>(roles.masters() == null ? List.of() : roles.masters());
            while (next.size() < i.shards()) next.add(0);
            for (int s : shards) next.set(s, Math.floorMod(master(i, s) + 1, i.replicas() + 1));
            return new Roles(next);
        });
    }

    /** First hash slot of a shard; slots are split as redis-cli --cluster create splits them (3 shards: 0-5460, 5461-10922, 10923-16383). */
    static int slotStart(int shard, int shards) {
        return shard == 0 ? 0 : slotEnd(shard - 1, shards) + 1;
    }

    static int slotEnd(int shard, int shards) {
        float perShard = SLOTS / (float) shards;
        float cursor = 0f;
        long first = 0;
        long last = 0;
        for (int k = 0; k <= shard; k++) {
            last = Math.round(cursor + perShard - 1);
            if (last > SLOTS || k == shards - 1) last = SLOTS - 1;
            if (last < first) last = first;
            first = last + 1;
            cursor += perShard;
        }
        return (int) last;
    }

    /** The last slot of every shard, in shard order. */
    static int[] slotEnds(int shards) {
        int[] ends = new int[shards];
        for (int s = 0; s < shards; s++) ends[s] = slotEnd(s, shards);
        return ends;
    }

    /** The shard serving {@code slot}, given {@link #slotEnds}. */
    static int shardOfSlot(int slot, int[] ends) {
        int s = Arrays.binarySearch(ends, slot);
        return s >= 0 ? s : -s - 1;
    }

    /** Redis Cluster's key slot: CRC16 (XMODEM) of the key, or of its non-empty {hash tag}, mod 16384. */
    static int keySlot(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        int start = 0;
        int end = bytes.length;
        int open = key.indexOf('{');
        if (open >= 0) {
            int close = key.indexOf('}', open + 1);
            if (close > open + 1) {
                start = key.substring(0, open + 1).getBytes(StandardCharsets.UTF_8).length;
                end = key.substring(0, close).getBytes(StandardCharsets.UTF_8).length;
            }
        }
        int crc = 0;
        for (int k = start; k < end; k++) {
            crc ^= (bytes[k] & 0xff) << 8;
            for (int b = 0; b < 8; b++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
                crc &= 0xffff;
            }
        }
        return crc % SLOTS;
    }

    /** What the real server holds, per shard. */
    record ShardData(boolean connected, long[] keys, long[] storageBytes) {
    }

    /**
     * Keys and used memory per shard from the real server: {@code INFO keyspace} (db0 keys), a SCAN of db0 split by
     * hash slot, and {@code INFO memory} used_memory apportioned by the shards' key counts (evenly when empty).
     * Without a data plane everything is 0 and not connected.
     */
    static ShardData shardData(Instance i) {
        int shards = i.shards();
        long[] keys = new long[shards];
        long[] storage = new long[shards];
        RedisProcess rp = i.dataPlane();
        if (rp == null || !rp.alive()) return new ShardData(false, keys, storage);
        try {
            long total = db0Keys(rp);
            long used = Math.max(0, rp.usedMemoryBytes());
            if (shards == 1) {
                keys[0] = total;
            } else if (total > 0) {
                int[] ends = slotEnds(shards);
                long sampled = 0;
                String cursor = "0";
                do {
                    Object reply = rp.call("SCAN", cursor, "COUNT", "1000");
                    if (!(reply instanceof List<?> parts) || parts.size() < 2) break;
                    cursor = String.valueOf(parts.get(0));
                    if (parts.get(1) instanceof List<?> batch) {
                        for (Object key : batch) {
                            keys[shardOfSlot(keySlot(String.valueOf(key)), ends)]++;
                            sampled++;
                        }
                    }
                } while (!"0".equals(cursor) && sampled < SCAN_LIMIT);
                if (sampled > 0 && sampled != total) {
                    long assigned = 0;
                    for (int s = 0; s < shards; s++) {
                        keys[s] = Math.round((double) keys[s] * total / sampled);
                        assigned += keys[s];
                    }
                    keys[shards - 1] = Math.max(0, keys[shards - 1] + total - assigned);
                }
            }
            long keyTotal = 0;
            for (long k : keys) keyTotal += k;
            for (int s = 0; s < shards; s++) {
                storage[s] = keyTotal == 0 ? used / shards : Math.round((double) used * keys[s] / keyTotal);
            }
            return new ShardData(true, keys, storage);
        } catch (IOException e) {
            return new ShardData(false, keys, storage);
        }
    }

    /** {@code keys=} of db0 in {@code INFO keyspace}; 0 when db0 is empty. */
    static long db0Keys(RedisProcess rp) throws IOException {
        return keyspace(rp, true);
    }

    /** Keys over every db of {@code INFO keyspace}. */
    static long allKeys(RedisProcess rp) throws IOException {
        return keyspace(rp, false);
    }

    private static long keyspace(RedisProcess rp, boolean db0Only) throws IOException {
        Object info = rp.call("INFO", "keyspace");
        long total = 0;
        if (info instanceof String text) {
            for (String line : text.split("\r?\n")) {
                if (!line.startsWith("db")) continue;
                if (db0Only && !line.startsWith("db0:")) continue;
                for (String field : line.substring(line.indexOf(':') + 1).split(",")) {
                    if (field.startsWith("keys=")) total += Long.parseLong(field.substring(5).trim());
                }
            }
        }
        return total;
    }

    /** Drops every normal client connection, as a failover or a version switch does (replicas and this call stay). */
    static void dropClients(Instance i) {
        RedisProcess rp = i.dataPlane();
        if (rp == null) return;
        try {
            rp.call("CLIENT", "KILL", "TYPE", "normal");
        } catch (IOException ignored) {
            // a server that is gone has no clients to drop
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
