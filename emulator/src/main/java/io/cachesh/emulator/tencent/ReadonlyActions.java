package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.dataplane.RedisProcess;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.InstanceStatus;
import io.cachesh.emulator.fleet.Task;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Read/write splitting (replica read-only) and the instance input mode.
 *
 * <p>ModifyInstanceReadOnly {@code InputMode=1} makes the REAL server refuse writes: {@code CONFIG SET
 * min-replicas-to-write 1}. The emulated instance runs one redis-server without replicas, so every write command (SET,
 * DEL, FLUSHALL, EVAL with writes, MULTI/EXEC, ...) of every user, ACL sub-accounts included, fails with
 * {@code NOREPLICAS Not enough good replicas to write.} while reads work; {@code InputMode=0} sets it back to 0.
 * Control-plane writes meet the same wall (ClearInstance fails while the instance is read-only), as on a read-only
 * instance. {@link #redisConfig(Instance)} gives the setting for a restarted server.
 *
 * <p>Replica read-only (Enable/DisableReplicaReadonly) is state only: the data plane has no replicas to route reads to.
 */
final class ReadonlyActions extends TencentActionGroup {

    /** Extension key of {@link ReadonlyState}. */
    static final String KEY = "readonly";

    /** Types without replica read-only (Redis 2.8 standard/single node, CKV), per InquiryPriceCreateInstance's ReplicasReadonly. */
    private static final Set<Integer> NO_REPLICA_READONLY = Set.of(2, 3, 4, 5);

    /**
     * @param replicaReadonly read/write splitting on
     * @param readonlyPolicy  where reads go: {@code master} and/or {@code replication}
     * @param inputMode       {@code "0"} read-write, {@code "1"} read-only
     */
    public record ReadonlyState(boolean replicaReadonly, List<String> readonlyPolicy, String inputMode) {
        public ReadonlyState {
            readonlyPolicy = readonlyPolicy == null ? List.of() : List.copyOf(readonlyPolicy);
            inputMode = inputMode == null ? "0" : inputMode;
        }
    }

    ReadonlyActions(TencentContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(Map<String, TencentAction> actions) {
        actions.put("EnableReplicaReadonly", this::enableReplicaReadonly);
        actions.put("DisableReplicaReadonly", this::disableReplicaReadonly);
        actions.put("ModifyInstanceReadOnly", this::modifyInstanceReadOnly);
    }

    /** The instance's read/write state (all off for a new instance). */
    public static ReadonlyState state(Instance i) {
        return i.extensions().get(KEY, ReadonlyState.class, () -> new ReadonlyState(false, List.of(), "0"));
    }

    /** {@code InstanceSet.ReadOnly}: 1 when the input mode is read-only. */
    public static int readOnlyFlag(Instance i) {
        return "1".equals(state(i).inputMode()) ? 1 : 0;
    }

    /** CONFIG SET pairs that a (re)started redis-server of {@code i} needs for its input mode. */
    public static Map<String, String> redisConfig(Instance i) {
        Map<String, String> config = new LinkedHashMap<>();
        if ("1".equals(state(i).inputMode())) config.put("min-replicas-to-write", "1");
        return config;
    }

    /** Sets the input mode in the state and on the real server (when there is one). */
    static void applyInputMode(Instance i, boolean readOnly) throws IOException {
        ReadonlyState s = state(i);
        RedisProcess process = i.dataPlane();
        if (process != null) process.configSet("min-replicas-to-write", readOnly ? "1" : "0");
        i.extensions().put(KEY, new ReadonlyState(s.replicaReadonly(), s.readonlyPolicy(), readOnly ? "1" : "0"));
    }

    private ObjectNode enableReplicaReadonly(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        List<String> policy = new ArrayList<>(new LinkedHashSet<>(p.strings("ReadonlyPolicy")));
        for (String item : policy) {
            if (!item.equals("master") && !item.equals("replication")) {
                throw TencentException.invalidValue("ReadonlyPolicy", item, "must be master or replication");
            }
        }
        if (policy.isEmpty()) policy.add("replication");
        if (NO_REPLICA_READONLY.contains(i.typeId())) {
            throw new TencentException("FailedOperation.UnSupportError", "实例不支持该接口: type " + i.typeId()
                    + " (Redis 2.8 / CKV) has no replica read-only.");
        }
        if (i.replicas() < 1) {
            throw new TencentException("ResourceUnavailable.InstanceConfError", "实例配置错误: " + i.id()
                    + " has no replicas to read from.");
        }
        requireRunning(i);
        i.transition(InstanceStatus.PROCESSING);
        fleet.changed();
        Task task = fleet.submit(i.id(), "039", "开启副本只读", () -> {
            try {
                ReadonlyState s = state(i);
                i.extensions().put(KEY, new ReadonlyState(true, policy, s.inputMode()));
            } finally {
                i.transition(InstanceStatus.RUNNING);
            }
            return "";
        });
        return taskResult(task);
    }

    private ObjectNode disableReplicaReadonly(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        if (NO_REPLICA_READONLY.contains(i.typeId())) {
            throw new TencentException("FailedOperation.UnSupportError", "实例不支持该接口: type " + i.typeId()
                    + " (Redis 2.8 / CKV) has no replica read-only.");
        }
        requireRunning(i);
        i.transition(InstanceStatus.PROCESSING);
        fleet.changed();
        Task task = fleet.submit(i.id(), "040", "关闭副本只读", () -> {
            try {
                ReadonlyState s = state(i);
                i.extensions().put(KEY, new ReadonlyState(false, List.of(), s.inputMode()));
            } finally {
                i.transition(InstanceStatus.RUNNING);
            }
            return "";
        });
        return taskResult(task);
    }

    private ObjectNode modifyInstanceReadOnly(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        String mode = p.requireString("InputMode");
        if (!mode.equals("0") && !mode.equals("1")) throw TencentException.invalidValue("InputMode", mode, "must be 0 (read-write) or 1 (read-only)");
        requireRunning(i);
        i.transition(InstanceStatus.PROCESSING);
        fleet.changed();
        Task task = fleet.submit(i.id(), "033", "只读策略变更", () -> {
            try {
                applyInputMode(i, mode.equals("1"));
            } finally {
                i.transition(InstanceStatus.RUNNING);
            }
            return "";
        });
        return taskResult(task);
    }
}
