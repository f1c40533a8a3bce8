package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.dataplane.RespClient;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.Task;
import io.cachesh.emulator.fleet.TaskStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Session management (v2 5.16) on the real redis-server. The emulator runs one redis-server per instance, so an
 * instance has one node, whose id is {@link #nodeId} (a wrong one is {@code DCS.3053}). ListClients is
 * {@code CLIENT LIST} (the emulator's own listing connection left out), with the seed's filter, sort and paging;
 * HangUpClients is {@code CLIENT KILL ADDR} per {@code client_addrs} entry; ScanClients and HangUpKillAllClients are
 * jobs ({@code CLIENT KILL TYPE normal} and {@code TYPE pubsub}, after the task delay). Redis 3.0 instances have no
 * session management ({@code DCS.4848}); a second scan or kill-all while one runs is {@code DCS.4957}.
 */
final class ClientSessionActions extends HuaweiActionGroup {

    /** ClientInfo members (seed table 5-875) that are integers; the others are strings. */
    private static final Set<String> NUMBERS = Set.of("age", "idle", "sub", "psub", "multi", "qbuf", "qbuf_free", "obl", "oll", "omem");
    private static final List<String> FIELDS = List.of("id", "addr", "fd", "name", "cmd", "age", "idle", "db", "flags", "sub",
            "psub", "multi", "qbuf", "qbuf_free", "obl", "oll", "omem", "events", "network", "peer", "user");

    ClientSessionActions(HuaweiContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(HuaweiDcsProvider.Registry actions) {
        actions.v2("ScanClients", this::scan);
        actions.v2("ListClients", this::list);
        actions.v2("HangUpClients", this::hangUp);
        actions.v2("HangUpKillAllClients", this::killAll);
    }

    /** The id of an instance's (one) data node. */
    static String nodeId(Instance i) {
        return UUID.nameUUIDFromBytes(("huawei-node:" + i.id()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private Instance sessionInstance(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        if (i.version() != null && i.version().startsWith("3.")) {
            throw new HuaweiException("DCS.4848", "DCS.4848", 400, "Client Management is not supported: Redis " + i.version()
                    + " instance " + i.id() + ".");
        }
        requireRunning(i);
        return i;
    }

    private static void checkNode(Instance i, String nodeId) {
        if (!nodeId(i).equals(nodeId)) {
            throw new HuaweiException("DCS.3053", "DCS.3053", 400, "Incorrect node ID: `" + nodeId + "`; instance " + i.id()
                    + " has one node, " + nodeId(i) + ".");
        }
    }

    /** {@code DCS.4957} while a task of {@code type} runs on the instance. */
    private void requireNoRunning(Instance i, String type) {
        for (Task t : fleet.tasks()) {
            if (i.id().equals(t.instanceId()) && type.equals(t.type())
                    && (t.status() == TaskStatus.PREPARING || t.status() == TaskStatus.RUNNING)) {
                throw new HuaweiException("DCS.4957", "DCS.4957", 400, "This operation is not allowed when the task is in "
                        + "the current state: " + type + " task " + BackgroundTaskBook.taskId(t) + " is still running.");
            }
        }
    }

    private ObjectNode scan(HuaweiRequest r) {
        Instance i = sessionInstance(r);
        checkNode(i, r.requireString("node_id"));
        requireNoRunning(i, "ScanClients");
        Task task = fleet.submit(i.id(), "ScanClients", "scanClients", () -> clients(i).size() + " sessions");
        ObjectNode out = object();
        out.put("job_id", job(task, "scanClients"));
        return out;
    }

    /** The sessions of the instance's redis-server, by CLIENT LIST, without the listing connection itself. */
    static List<Map<String, String>> clients(Instance i) {
        try (RespClient c = DataPlaneConnection.open(i)) {
            String self = String.valueOf(c.call("CLIENT", "ID"));
            Object reply = c.call("CLIENT", "LIST");
            List<Map<String, String>> out = new ArrayList<>();
            for (String line : String.valueOf(reply).split("\r?\n")) {
                if (line.isBlank()) continue;
                Map<String, String> fields = new LinkedHashMap<>();
                for (String part : line.trim().split(" ")) {
                    int eq = part.indexOf('=');
                    if (eq > 0) fields.put(part.substring(0, eq), part.substring(eq + 1));
                }
                if (!self.equals(fields.get("id"))) out.add(fields);
            }
            return out;
        } catch (IOException e) {
            throw DataPlaneConnection.notRunning(e);
        }
    }

    private ObjectNode list(HuaweiRequest r) {
        Instance i = sessionInstance(r);
        checkNode(i, r.requireString("node_id"));
        long offset = r.integer("offset", 0);
        long limit = r.integer("limit", 10);
        if (offset < 0) throw HuaweiException.invalid("offset", "It must be 0 or more.");
        if (limit < 1 || limit > 1000) throw HuaweiException.invalid("limit", "It must be 1-1000.");
        String addr = r.string("addr");
        String sort = r.string("sort");
        String order = r.string("order", "asc");
        if (sort != null && !sort.isEmpty() && !FIELDS.contains(sort)) {
            throw HuaweiException.invalid("sort", "It must be a ClientInfo field " + FIELDS + ": `" + sort + "`.");
        }
        if (!"asc".equals(order) && !"desc".equals(order)) throw HuaweiException.invalid("order", "It must be asc or desc.");
        List<ObjectNode> rows = new ArrayList<>();
        for (Map<String, String> c : clients(i)) {
            if (addr != null && !addr.isEmpty() && !c.getOrDefault("addr", "").contains(addr)) continue;
            rows.add(row(c));
        }
        if (sort != null && !sort.isEmpty()) {
            Comparator<ObjectNode> by = NUMBERS.contains(sort) || "id".equals(sort) || "fd".equals(sort) || "db".equals(sort)
                    ? Comparator.comparingLong(n -> n.path(sort).asLong())
                    : Comparator.comparing(n -> n.path(sort).asText(""));
            rows.sort("desc".equals(order) ? by.reversed() : by);
        }
        ObjectNode out = object();
        out.put("time", time(ctx.clock().instant()));
        ArrayNode items = out.putArray("clients");
        rows.stream().skip(offset).limit(limit).forEach(items::add);
        out.put("count", rows.size());
        return out;
    }

    private ObjectNode row(Map<String, String> c) {
        ObjectNode n = object();
        n.put("id", c.getOrDefault("id", ""));
        n.put("addr", c.getOrDefault("addr", ""));
        n.put("fd", c.getOrDefault("fd", ""));
        n.put("name", c.getOrDefault("name", ""));
        n.put("cmd", c.getOrDefault("cmd", ""));
        n.put("age", number(c.get("age")));
        n.put("idle", number(c.get("idle")));
        n.put("db", c.getOrDefault("db", "0"));
        n.put("flags", c.getOrDefault("flags", "N"));
        n.put("sub", number(c.get("sub")));
        n.put("psub", number(c.get("psub")));
        n.put("multi", number(c.get("multi")));
        n.put("qbuf", number(c.get("qbuf")));
        n.put("qbuf_free", number(c.get("qbuf-free")));
        n.put("obl", number(c.get("obl")));
        n.put("oll", number(c.get("oll")));
        n.put("omem", number(c.get("omem")));
        n.put("events", c.getOrDefault("events", ""));
        n.put("network", "vpc");
        n.put("peer", c.getOrDefault("addr", ""));
        n.put("user", c.getOrDefault("user", "default"));
        return n;
    }

    private static long number(String v) {
        try {
            return v == null ? 0 : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Every address must be a current session ({@code peer} of ListClients); then each is killed at once. */
    private ObjectNode hangUp(HuaweiRequest r) {
        Instance i = sessionInstance(r);
        checkNode(i, r.requireString("node_id"));
        List<String> addrs = r.strings("client_addrs");
        if (addrs.isEmpty()) throw HuaweiException.invalid("client_addrs", "Give at least one session address.");
        Set<String> current = new java.util.HashSet<>();
        for (Map<String, String> c : clients(i)) current.add(c.getOrDefault("addr", ""));
        for (String a : addrs) {
            if (!current.contains(a)) {
                throw HuaweiException.invalid("client_addrs", "`" + a + "` is not a session of node " + nodeId(i)
                        + " (see ListClients, field peer).");
            }
        }
        try (RespClient c = DataPlaneConnection.open(i)) {
            for (String a : addrs) c.call("CLIENT", "KILL", "ADDR", a);
        } catch (IOException e) {
            throw DataPlaneConnection.notRunning(e);
        }
        return null;
    }

    private ObjectNode killAll(HuaweiRequest r) {
        Instance i = sessionInstance(r);
        boolean allNodes = Boolean.TRUE.equals(r.bool("kill_all_nodes"));
        String node = r.string("node_id");
        if (!allNodes && (node == null || node.isEmpty())) {
            throw HuaweiException.invalid("node_id", "It is required when kill_all_nodes is false.");
        }
        if (node != null && !node.isEmpty()) checkNode(i, node);
        requireNoRunning(i, "HangUpKillAllClients");
        Task task = fleet.submit(i.id(), "HangUpKillAllClients", "killAllClients", () -> {
            long killed = 0;
            try (RespClient c = DataPlaneConnection.open(i)) {
                for (String type : new String[]{"normal", "pubsub"}) {
                    Object n = c.call("CLIENT", "KILL", "TYPE", type, "SKIPME", "yes");
                    if (n instanceof Long l) killed += l;
                }
            }
            return killed + " sessions killed";
        });
        ObjectNode out = object();
        out.put("job_id", job(task, "killAllClients"));
        return out;
    }
}
