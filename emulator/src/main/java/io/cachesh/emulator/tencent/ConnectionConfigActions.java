package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.dataplane.RedisProcess;
import io.cachesh.emulator.dataplane.RespClient;
import io.cachesh.emulator.fleet.Instance;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ModifyConnectionConfig (tencent-redis-api3-and-legacy-v2.txt:24764-24932): the connection limit is
 * {@code CONFIG SET maxclients} on the real redis-server (ClientLimit is per shard and the emulator runs one process
 * per instance, so maxclients = ClientLimit x shards, lowered to what the operating system allows the process, as
 * redis itself demands); the additional bandwidth is kept as state. Both are stored per instance in
 * {@link Instance#extensions()} under {@link #KEY}; {@link #clientLimit(Instance)} and {@link #bandwidth(Instance)}
 * read them for other answers (DescribeInstances' ClientLimit, DescribeBandwidthRange).
 */
final class ConnectionConfigActions extends TencentActionGroup {

    static final String KEY = "tencent.connectionConfig";
    /** DescribeInstances' default ClientLimit and the seed's lower bound. */
    static final long DEFAULT_CLIENT_LIMIT = 10_000;
    /** The upper bound without replica read-only (the emulator does not see replica read-only, so it uses this). */
    static final long MAX_CLIENT_LIMIT = 40_000;
    /** Task type FLOW_MODIFYCONNECTIONCONFIG. */
    static final String TASK_TYPE = "044";
    private static final Pattern TRY_WITH = Pattern.compile("try with (\\d+)");

    /** ClientLimit per shard; Bandwidth is the additional bandwidth in MB (0 = none). */
    record ConnectionConfig(long clientLimit, long bandwidth) {
    }

    ConnectionConfigActions(TencentContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(Map<String, TencentAction> actions) {
        actions.put("ModifyConnectionConfig", this::modifyConnectionConfig);
    }

    static ConnectionConfig config(Instance i) {
        return i.extensions().get(KEY, ConnectionConfig.class, () -> new ConnectionConfig(DEFAULT_CLIENT_LIMIT, 0));
    }

    /** The instance's connection limit per shard (ModifyConnectionConfig's ClientLimit; 10000 until changed). */
    static long clientLimit(Instance i) {
        return config(i).clientLimit();
    }

    /** The additional bandwidth in MB set by ModifyConnectionConfig (0 until changed). */
    static long bandwidth(Instance i) {
        return config(i).bandwidth();
    }

    private ObjectNode modifyConnectionConfig(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        Long bandwidth = p.integer("Bandwidth");
        Long clientLimit = p.integer("ClientLimit");
        if (bandwidth == null && clientLimit == null) {
            throw new TencentException("MissingParameter", "The request is missing a required parameter: give Bandwidth, ClientLimit or both.");
        }
        if (bandwidth != null && bandwidth <= 0) {
            throw TencentException.invalidValue("Bandwidth", bandwidth, "the additional bandwidth must be greater than 0 (MB)");
        }
        if (clientLimit != null && (clientLimit < DEFAULT_CLIENT_LIMIT || clientLimit > MAX_CLIENT_LIMIT)) {
            throw TencentException.invalidValue("ClientLimit", clientLimit, "connections per shard must be between "
                    + DEFAULT_CLIENT_LIMIT + " and " + MAX_CLIENT_LIMIT);
        }
        requireRunning(i);
        return taskResult(fleet.submit(i.id(), TASK_TYPE, "带宽连接数调整", () -> {
            ConnectionConfig before = config(i);
            long limit = clientLimit != null ? clientLimit : before.clientLimit();
            String message = "";
            RedisProcess process = i.dataPlane();
            if (clientLimit != null && process != null) {
                long effective = setMaxclients(process, limit * i.shards());
                if (effective < limit * i.shards()) {
                    message = "maxclients " + effective + " (the operating system allows the redis-server no more)";
                }
            }
            i.extensions().put(KEY, new ConnectionConfig(limit, bandwidth != null ? bandwidth : before.bandwidth()));
            fleet.changed();
            return message;
        }));
    }

    /** CONFIG SET maxclients; when redis refuses for lack of file descriptors, the most it offers. */
    static long setMaxclients(RedisProcess process, long wanted) throws IOException {
        try {
            process.configSet("maxclients", Long.toString(wanted));
            return wanted;
        } catch (RespClient.RedisError e) {
            Matcher m = TRY_WITH.matcher(String.valueOf(e.getMessage()));
            if (!m.find()) throw e;
            long most = Long.parseLong(m.group(1));
            process.configSet("maxclients", Long.toString(most));
            return most;
        }
    }
}
