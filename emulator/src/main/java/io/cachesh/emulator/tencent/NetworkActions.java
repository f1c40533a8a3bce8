package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.dataplane.RedisProcess;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.InstanceStatus;
import io.cachesh.emulator.fleet.Task;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Network actions: public (WAN) access, the instance's VIP / VPC / port, VIP swaps and proxy failure drills. The state
 * lives in {@link NetworkState}; the data plane stays on {@code 127.0.0.1:<real port>} whatever is configured (see
 * there). Backed by the real redis-server where the seed's effect is observable: SwitchProxy drops every client
 * connection ({@code CLIENT KILL TYPE normal}), and SwitchInstanceVip makes a read-only target writable again.
 */
final class NetworkActions extends TencentActionGroup {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern VPC_ID = Pattern.compile("vpc-[a-z0-9]{8}");
    private static final Pattern SUBNET_ID = Pattern.compile("subnet-[a-z0-9]{8}");
    private static final String UNSUPPORTED = "FailedOperation.UnSupportError";

    NetworkActions(TencentContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(Map<String, TencentAction> actions) {
        actions.put("AllocateWanAddress", this::allocateWanAddress);
        actions.put("ReleaseWanAddress", this::releaseWanAddress);
        actions.put("ModifyNetworkConfig", this::modifyNetworkConfig);
        actions.put("SwitchInstanceVip", this::switchInstanceVip);
        actions.put("SwitchProxy", this::switchProxy);
    }

    // ---- public access ----------------------------------------------------------------------------------------------

    private ObjectNode allocateWanAddress(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        NetworkState state = NetworkState.of(i);
        if (i.status() == InstanceStatus.PROCESSING || i.status() == InstanceStatus.TO_BE_INITIALIZED
                || state.wanStatus().equals("opening") || state.wanStatus().equals("closing")) {
            throw new TencentException("ResourceUnavailable.InstanceUnLockedError", "实例已经被其它流程锁定: " + i.id()
                    + " is in a workflow (status " + i.status().code() + ", public access " + state.wanStatus() + ").");
        }
        requireRunning(i);
        if (NetworkState.vpcId(i).isEmpty()) {
            throw new TencentException("InvalidParameter.IsNotVpcInstance", "不是vpc网络下实例: " + i.id()
                    + " is in the basic network; public access needs a VPC instance (ModifyNetworkConfig changeBaseToVpc).");
        }
        if (state.wanStatus().equals("open")) {
            throw new TencentException(UNSUPPORTED, "实例不支持该接口: public access of " + i.id() + " is already open at "
                    + state.wanAddress() + ".");
        }
        i.extensions().put(NetworkState.KEY, state.withWan("opening", ""));
        i.transition(InstanceStatus.PROCESSING);
        fleet.changed();
        Task task = fleet.submit(i.id(), "052", "开通外网", () -> {
            try {
                NetworkState now = NetworkState.of(i);
                i.extensions().put(NetworkState.KEY, now.withWan("open", RedisProcess.HOST + ":" + i.dataPort()));
            } finally {
                i.transition(InstanceStatus.RUNNING);
            }
            return "";
        });
        ObjectNode out = object();
        out.put("FlowId", task.id());
        out.put("WanStatus", "外网开通中");
        return out;
    }

    private ObjectNode releaseWanAddress(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        NetworkState state = NetworkState.of(i);
        requireRunning(i);
        if (!state.wanStatus().equals("open")) {
            throw new TencentException("FailedOperation.Unknown", "外网未开通: public access of " + i.id() + " is "
                    + state.wanStatus() + ", not open.");
        }
        i.extensions().put(NetworkState.KEY, state.withWan("closing", state.wanAddress()));
        i.transition(InstanceStatus.PROCESSING);
        fleet.changed();
        Task task = fleet.submit(i.id(), "053", "关闭外网", () -> {
            try {
                i.extensions().put(NetworkState.KEY, NetworkState.of(i).withWan("closed", ""));
            } finally {
                i.transition(InstanceStatus.RUNNING);
            }
            return "";
        });
        ObjectNode out = object();
        out.put("FlowId", task.id());
        out.put("WanStatus", "外网关闭中");
        return out;
    }

    // ---- VIP, VPC and port ------------------------------------------------------------------------------------------

    private ObjectNode modifyNetworkConfig(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        String operation = p.requireString("Operation");
        requireRunning(i);
        NetworkState state = NetworkState.of(i);
        String oldVpc = NetworkState.vpcId(i);
        String oldVip = NetworkState.vip(i);
        String vpc = oldVpc;
        String subnet = NetworkState.subnetId(i);
        String vip = oldVip;
        Integer vport = null;
        String requestedVip = p.string("Vip");
        if (requestedVip != null && requestedVip.isBlank()) requestedVip = null;
        switch (operation) {
            case "changeVip" -> {
                if (oldVpc.isEmpty()) {
                    throw new TencentException("InvalidParameter.NotSupported", "参数错误，不支持操作: " + i.id()
                            + " is in the basic network; changeVip needs a VPC instance (use changeBaseToVpc first).");
                }
                // The seed's example changes the VIP without naming one: then the emulator assigns a free address.
                vip = requestedVip != null ? checkVip(r, i, vpc, requestedVip) : freeVip(r, i, vpc);
                if (p.has("VPort")) vport = (int) p.requireInteger("VPort");
            }
            case "changeVpc", "changeBaseToVpc" -> {
                vpc = requireId(p, "VpcId", VPC_ID);
                subnet = requireId(p, "SubnetId", SUBNET_ID);
                if (operation.equals("changeVpc") && oldVpc.isEmpty()) {
                    throw new TencentException("InvalidParameter.NotSupported", "参数错误，不支持操作: " + i.id()
                            + " is in the basic network; use Operation changeBaseToVpc.");
                }
                if (operation.equals("changeBaseToVpc") && !oldVpc.isEmpty()) {
                    throw new TencentException("InvalidParameter.NotSupported", "参数错误，不支持操作: " + i.id()
                            + " is already in VPC " + oldVpc + "; use Operation changeVpc.");
                }
                if (vpc.equals(oldVpc) && subnet.equals(NetworkState.subnetId(i))) {
                    throw new TencentException("InvalidParameterValue.CheckNotPass", "业务校验不通过: " + i.id()
                            + " is already in " + vpc + " / " + subnet + ".");
                }
                vip = requestedVip != null ? checkVip(r, i, vpc, requestedVip) : freeVip(r, i, vpc);
            }
            case "changeVPort" -> {
                if (!p.has("VPort")) throw TencentException.missing("VPort");
                vport = (int) p.requireInteger("VPort");
            }
            default -> throw TencentException.invalidValue("Operation", operation,
                    "must be one of: changeVip, changeVpc, changeBaseToVpc, changeVPort");
        }
        if (vport != null && (vport < 1024 || vport > 65535)) throw TencentException.invalidValue("VPort", vport, "must be between 1024 and 65535");
        long recycle = p.integer("Recycle", 0);
        long now = fleet.clock().millis();
        NetworkState.Reserved keep = recycle > 0 && !vip.equals(oldVip) && !oldVpc.isEmpty()
                ? new NetworkState.Reserved(oldVpc, oldVip, now + Duration.ofDays(recycle).toMillis()) : null;
        NetworkState next = state.withReserved(keep, now);
        if (!vip.equals(oldVip)) next = next.withVip(vip);
        if (vport != null) next = next.withVport(vport);
        if (!vpc.equals(oldVpc) || !subnet.equals(NetworkState.subnetId(i))) next = next.withVpc(vpc, subnet);
        NetworkState target = next;
        i.transition(InstanceStatus.PROCESSING);
        fleet.changed();
        String type = operation.equals("changeBaseToVpc") ? "031" : operation.equals("changeVip") ? "027" : "062";
        Task task = fleet.submit(i.id(), type, "实例修改网络", () -> {
            try {
                NetworkState current = NetworkState.of(i);
                i.extensions().put(NetworkState.KEY, new NetworkState(target.vip(), target.vport(), target.vpcId(),
                        target.subnetId(), current.wanStatus(), current.wanAddress(), target.reserved()));
            } finally {
                i.transition(InstanceStatus.RUNNING);
            }
            return "";
        });
        ObjectNode out = object();
        out.put("Status", true);
        out.put("SubnetId", subnet);
        out.put("VpcId", vpc);
        out.put("Vip", vip);
        out.put("TaskId", task.id());
        return out;
    }

    private static String requireId(Params p, String name, Pattern pattern) {
        String value = p.string(name);
        if (value == null || value.isBlank()) throw TencentException.missing(name);
        value = value.trim();
        if (!pattern.matcher(value).matches()) {
            throw new TencentException("InvalidParameterValue.CheckNotPass", "业务校验不通过: " + name + " `" + value
                    + "` is not an id like " + pattern.pattern() + ".");
        }
        return value;
    }

    /** Addresses taken in {@code vpc} of the caller's region, old reserved ones included, except {@code self}'s own. */
    private Set<String> taken(TencentRequest r, Instance self, String vpc) {
        Set<String> taken = new HashSet<>();
        long now = fleet.clock().millis();
        for (Instance other : fleet.instances()) {
            if (!other.region().equals(r.region())) continue;
            NetworkState s = NetworkState.of(other);
            for (NetworkState.Reserved res : s.reserved()) {
                if (res.vpcId().equals(vpc) && res.untilEpochMilli() > now) taken.add(res.vip());
            }
            if (other != self && NetworkState.vpcId(other).equals(vpc)) taken.add(NetworkState.vip(other));
        }
        return taken;
    }

    private String checkVip(TencentRequest r, Instance i, String vpc, String vip) {
        vip = vip.trim();
        if (!IPV4.matcher(vip).matches()) {
            throw new TencentException("InvalidParameterValue.CheckNotPass", "业务校验不通过: Vip `" + vip + "` is not an IPv4 address.");
        }
        if (vip.equals(NetworkState.vip(i)) && vpc.equals(NetworkState.vpcId(i))) {
            throw new TencentException("InvalidParameterValue.CheckNotPass", "业务校验不通过: " + i.id() + " already has Vip " + vip + ".");
        }
        if (taken(r, i, vpc).contains(vip)) {
            throw new TencentException("InvalidParameterValue.CheckNotPass", "业务校验不通过: Vip " + vip + " is in use in " + vpc + ".");
        }
        return vip;
    }

    /** The first free address 10.0.x.y (y from 2) of {@code vpc}. */
    private String freeVip(TencentRequest r, Instance i, String vpc) {
        Set<String> taken = taken(r, i, vpc);
        String current = NetworkState.vip(i);
        for (int x = 0; x < 256; x++) {
            for (int y = 2; y < 255; y++) {
                String candidate = "10.0." + x + "." + y;
                if (!taken.contains(candidate) && !candidate.equals(current)) return candidate;
            }
        }
        throw new TencentException("InvalidParameterValue.CheckNotPass", "业务校验不通过: no free address left in " + vpc + ".");
    }

    // ---- VIP swap (DTS disaster recovery) ---------------------------------------------------------------------------

    private ObjectNode switchInstanceVip(TencentRequest r, Params p) {
        Instance src = instance(r, p.requireString("SrcInstanceId"));
        Instance dst = instance(r, p.requireString("DstInstanceId"));
        if (src == dst) {
            throw new TencentException("InvalidParameter.InvalidParameter", "业务参数错误: SrcInstanceId and DstInstanceId are both " + src.id() + ".");
        }
        for (Instance i : new Instance[] {src, dst}) {
            if (i.status() != InstanceStatus.RUNNING) {
                throw new TencentException("ResourceUnavailable.InstanceStateError", "实例状态错误: " + i.id() + " has status "
                        + i.status().code() + "; both instances must be running.");
            }
        }
        String vpc = NetworkState.vpcId(src);
        if (vpc.isEmpty() || !vpc.equals(NetworkState.vpcId(dst))) {
            throw new TencentException("InvalidParameterValue.UnSupportedType", "实例类型不支持: VIPs can only be swapped between "
                    + "instances of one VPC (" + src.id() + ": " + (vpc.isEmpty() ? "basic network" : vpc) + ", " + dst.id() + ": "
                    + (NetworkState.vpcId(dst).isEmpty() ? "basic network" : NetworkState.vpcId(dst)) + ").");
        }
        long force = p.integer("ForceSwitch", 0);
        if (force != 1) {
            // The emulator runs no DTS sync task between instances: the link counts as disconnected for ever, which
            // is longer than any TimeDelay, so only a forced switch goes ahead (as the seed describes).
            throw new TencentException("FailedOperation.DtsStatusAbnormal", "当前DTS状态下不允许该操作: no DTS sync task links "
                    + src.id() + " and " + dst.id() + " (disconnected longer than TimeDelay " + p.integer("TimeDelay", 0)
                    + " s); pass ForceSwitch=1 to switch anyway.");
        }
        String srcVip = NetworkState.vip(src);
        String dstVip = NetworkState.vip(dst);
        src.transition(InstanceStatus.PROCESSING);
        dst.transition(InstanceStatus.PROCESSING);
        fleet.changed();
        Task task = fleet.submit(src.id(), "036", "实例VIP切换", () -> {
            try {
                src.extensions().put(NetworkState.KEY, NetworkState.of(src).withVip(dstVip));
                dst.extensions().put(NetworkState.KEY, NetworkState.of(dst).withVip(srcVip));
                // "交换 VIP 后目标实例可写": the target leaves read-only mode on its real server.
                ReadonlyActions.applyInputMode(dst, false);
            } finally {
                src.transition(InstanceStatus.RUNNING);
                dst.transition(InstanceStatus.RUNNING);
            }
            return "";
        });
        return taskResult(task);
    }

    // ---- proxy failure drill ----------------------------------------------------------------------------------------

    private ObjectNode switchProxy(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        String proxy = p.string("ProxyID");
        if (proxy != null && proxy.isBlank()) {
            throw new TencentException("InvalidParameter", "参数错误: ProxyID is empty; omit it to switch every proxy of " + i.id() + ".");
        }
        requireRunning(i);
        // A proxy failing over drops the client connections it held: the real server closes every client connection.
        if (redis(i) != null) redisCall(i, "CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
        return object();
    }
}
