package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.InstanceStatus;
import io.cachesh.emulator.fleet.Task;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Version and architecture upgrades (UpgradeInstanceVersion, UpgradeSmallVersion, UpgradeProxyVersion) and
 * SwitchAccessNewInstance. An upgrade is a task; "switch now" applies it when the task completes, "switch in the
 * maintenance window" prepares it and leaves it pending until SwitchAccessNewInstance, or until the preparation
 * finishes or an action of this group meets the instance inside its window (the emulator has no clock-driven
 * scheduler).
 * The switch drops the clients of the real redis-server ({@code CLIENT KILL TYPE normal}), like the second-long
 * disconnect of a real switch; the data stays. The new TypeId and versions are kept by {@link EngineVersions}.
 */
final class VersionActions extends TencentActionGroup {

    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");

    VersionActions(TencentContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(Map<String, TencentAction> actions) {
        actions.put("UpgradeInstanceVersion", this::upgradeInstanceVersion);
        actions.put("UpgradeProxyVersion", this::upgradeProxyVersion);
        actions.put("UpgradeSmallVersion", this::upgradeSmallVersion);
        actions.put("SwitchAccessNewInstance", this::switchAccessNewInstance);
    }

    private ObjectNode upgradeInstanceVersion(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        settleDueSwitch(i);
        String raw = p.requireString("TargetInstanceType");
        int target;
        try {
            target = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new TencentException("InvalidParameterValue.InvalidInstanceTypeId",
                    "TargetInstanceType `" + raw + "` is not a TypeId (2, 6, 7, 8, 9, 15, 16, 17, 18).");
        }
        long switchOption = p.requireInteger("SwitchOption");
        if (switchOption != 1 && switchOption != 2) throw TencentException.invalidValue("SwitchOption", switchOption, "must be 1 or 2");
        requireRunning(i);
        requireNoPendingSwitch(i);
        int current = EngineVersions.typeId(i);
        ProductCatalog.Spec spec = catalog.spec(target, i.billingMode()).orElseThrow(() -> new TencentException(
                "InvalidParameterValue.InvalidInstanceTypeId", "TargetInstanceType " + target + " is not a sold TypeId."));
        if (target == current) {
            throw new TencentException("InvalidParameter.InvalidParameter",
                    "业务参数错误: " + i.id() + " already is TypeId " + current + "; nothing to upgrade.");
        }
        String currentVersion = EngineVersions.version(i);
        boolean fromCluster = EngineVersions.cluster(current);
        int versionOrder = EngineVersions.compare(spec.version(), currentVersion);
        String refusal = null;
        if (EngineVersions.ckv(current) || EngineVersions.ckv(target)) {
            refusal = "CKV instances cannot change version or architecture";
        } else if (fromCluster && !spec.cluster()) {
            refusal = "不支持从集群架构降级至标准架构 (cluster to standard is not supported)";
        } else if (versionOrder < 0) {
            refusal = "cannot go from Redis " + currentVersion + " down to Redis " + spec.version();
        } else if (!fromCluster && spec.cluster() && "2.8".equals(currentVersion)) {
            refusal = "不支持 Redis 2.8 版本升级架构 (Redis 2.8 cannot change architecture)";
        } else if (!fromCluster && spec.cluster() && versionOrder != 0) {
            refusal = "不支持跨版本架构升级: standard Redis " + currentVersion + " may only become a Redis " + currentVersion
                    + " cluster; upgrade the version first";
        }
        if (refusal != null) {
            throw new TencentException("InvalidParameterValue.UnSupportedType", "实例类型不支持: TypeId " + current + " -> "
                    + target + ": " + refusal + ".");
        }
        boolean architecture = fromCluster != spec.cluster();
        EngineVersions.Switch change = new EngineVersions.Switch(architecture ? "arch" : "version", target, spec.version(), null, null);
        submitUpgrade(i, architecture ? "041" : "043", architecture ? "实例架构升级" : "版本升级", change, switchOption == 2);
        ObjectNode out = object();
        out.put("DealId", deal(List.of(i.id()), i.zoneId(), null));
        return out;
    }

    private ObjectNode upgradeProxyVersion(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        settleDueSwitch(i);
        String current = p.requireString("CurrentProxyVersion");
        String target = p.requireString("UpgradeProxyVersion");
        long now = p.requireInteger("InstanceTypeUpgradeNow");
        requireRunning(i);
        requireNoPendingSwitch(i);
        String actual = EngineVersions.proxyVersion(i);
        String problem = null;
        if (!EngineVersions.hasProxy(EngineVersions.typeId(i))) {
            problem = i.id() + " (TypeId " + EngineVersions.typeId(i) + ") runs without proxies";
        } else if (!current.equals(actual)) {
            problem = "CurrentProxyVersion " + current + " is not the instance's proxy version " + actual;
        } else if (!VERSION.matcher(target).matches()) {
            problem = "UpgradeProxyVersion `" + target + "` is not a version like 5.8.1";
        } else if (EngineVersions.compare(target, actual) <= 0) {
            problem = "UpgradeProxyVersion " + target + " is not higher than " + actual;
        }
        if (problem != null) throw new TencentException("InvalidParameterValue.CheckNotPass", "业务校验不通过: " + problem + ".");
        Task task = submitUpgrade(i, "061", "升级 Proxy 版本", new EngineVersions.Switch("proxy", null, null, null, target), now == 1);
        ObjectNode out = object();
        out.put("FlowId", task.id());
        return out;
    }

    private ObjectNode upgradeSmallVersion(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        settleDueSwitch(i);
        String current = p.requireString("CurrentRedisVersion");
        String target = p.requireString("UpgradeRedisVersion");
        long now = p.requireInteger("InstanceTypeUpgradeNow");
        requireRunning(i);
        requireNoPendingSwitch(i);
        String actual = EngineVersions.redisVersion(i);
        String line = EngineVersions.version(i);
        String problem = null;
        if (EngineVersions.ckv(EngineVersions.typeId(i))) {
            problem = "CKV instances have no Redis minor versions";
        } else if (!current.equals(actual)) {
            problem = "CurrentRedisVersion " + current + " is not the instance's Redis version " + actual;
        } else if (!VERSION.matcher(target).matches() || !target.startsWith(line + ".")) {
            problem = "UpgradeRedisVersion `" + target + "` is not a minor version of Redis " + line + " (" + line + ".x)";
        } else if (EngineVersions.compare(target, actual) <= 0) {
            problem = "UpgradeRedisVersion " + target + " is not higher than " + actual;
        }
        if (problem != null) throw new TencentException("UnsupportedOperation.InstanceNotOperation", "不支持当前操作: " + problem + ".");
        Task task = submitUpgrade(i, "060", "升级 Redis 版本", new EngineVersions.Switch("small", null, null, target, null), now == 1);
        ObjectNode out = object();
        out.put("FlowId", task.id());
        return out;
    }

    private ObjectNode switchAccessNewInstance(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        switch (i.status()) {
            case RUNNING -> {
            }
            case PROCESSING, TO_BE_INITIALIZED -> throw new TencentException("ResourceUnavailable.InstanceStatusAbnormal",
                    "redis 状态异常，不能执行对应流程: " + i.id() + " is in a workflow (status " + i.status().code() + ").");
            default -> throw new TencentException("ResourceUnavailable.InstanceStatusError",
                    "实例状态异常，不能执行对应操作: " + i.id() + " has status " + i.status().code() + ".");
        }
        EngineVersions.Switch pending = EngineVersions.pending(i);
        if (pending == null) {
            throw new TencentException("ResourceUnavailable.InstanceStatusError", "实例状态异常，不能执行对应操作: " + i.id()
                    + " has no upgrade waiting to switch in its maintenance window.");
        }
        i.transition(InstanceStatus.PROCESSING);
        fleet.changed();
        fleet.submit(i.id(), "016", "切换实例流程", () -> {
            try {
                switchOver(i, pending);
            } finally {
                i.transition(InstanceStatus.RUNNING);
            }
            return "";
        });
        return object();
    }

    /** Runs an upgrade as a task: switches when it completes, or leaves the switch pending for the window. */
    private Task submitUpgrade(Instance i, String type, String label, EngineVersions.Switch change, boolean now) {
        i.transition(InstanceStatus.PROCESSING);
        fleet.changed();
        return fleet.submit(i.id(), type, label, () -> {
            try {
                if (now) {
                    switchOver(i, change);
                    return "";
                }
                EngineVersions.setPending(i, change);
                MaintenanceWindow window = MaintenanceWindow.of(i);
                if (window.contains(nowInBeijing())) {
                    switchOver(i, change);
                    return "";
                }
                fleet.changed();
                return "prepared: switches in the maintenance window " + window.startTime() + "-" + window.endTime()
                        + " or on SwitchAccessNewInstance";
            } finally {
                i.transition(InstanceStatus.RUNNING);
            }
        });
    }

    private void switchOver(Instance i, EngineVersions.Switch change) {
        EngineVersions.apply(i, change);
        NodeTopology.dropClients(i);
        fleet.changed();
    }

    /** Applies a pending switch when the instance is running and its maintenance window has come. */
    private void settleDueSwitch(Instance i) {
        EngineVersions.Switch pending = EngineVersions.pending(i);
        if (pending != null && i.status() == InstanceStatus.RUNNING && MaintenanceWindow.of(i).contains(nowInBeijing())) {
            switchOver(i, pending);
        }
    }

    private LocalTime nowInBeijing() {
        return fleet.clock().instant().atOffset(BEIJING).toLocalTime();
    }

    private static void requireNoPendingSwitch(Instance i) {
        EngineVersions.Switch pending = EngineVersions.pending(i);
        if (pending != null) {
            throw new TencentException("ResourceUnavailable.InstanceLockedError", "redis 已经被其它流程锁定: " + i.id()
                    + " has a " + pending.kind() + " upgrade waiting for its maintenance window; switch it with "
                    + "SwitchAccessNewInstance first.");
        }
    }
}
