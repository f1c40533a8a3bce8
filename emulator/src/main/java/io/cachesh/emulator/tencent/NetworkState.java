package io.cachesh.emulator.tencent;

import io.cachesh.emulator.dataplane.RedisProcess;
import io.cachesh.emulator.fleet.Instance;
import java.util.ArrayList;
import java.util.List;

/**
 * The network settings of an instance that {@link NetworkActions} changes, kept under {@link #KEY} in
 * {@link Instance#extensions()} (null members mean "as created": {@link Instance#vpcId()}, {@link Instance#vport()}, the
 * loopback address). Public so that other groups (DescribeInstances, replication groups, ...) can show the same values.
 *
 * <p>The data plane never moves: whatever Vip or VPort is configured, the redis-server keeps listening on
 * {@code 127.0.0.1:}{@link Instance#dataPort()}, and that real port is what {@code InstanceSet.Port} reports (clients must
 * reach it). The configured values are control-plane state, reported where the seed's fields name the virtual address
 * or port ({@code Vip}, {@code VPort}).
 *
 * @param vip        configured IPv4 address, null for the data plane's own {@code 127.0.0.1}
 * @param vport      configured port (the vendor's VPort), null for the one given at creation
 * @param vpcId      VPC after changeVpc/changeBaseToVpc, null for the one given at creation ("" = basic network)
 * @param subnetId   subnet after changeVpc/changeBaseToVpc, null for the one given at creation
 * @param wanStatus  public access: {@code closed}, {@code opening}, {@code open} or {@code closing}
 * @param wanAddress the public address while open ({@code 127.0.0.1:<real port>}), else ""
 * @param reserved   old addresses kept after a change with {@code Recycle} days (still taken in their VPC)
 */
public record NetworkState(String vip, Integer vport, String vpcId, String subnetId, String wanStatus, String wanAddress,
                           List<Reserved> reserved) {

    /** Extension key. */
    public static final String KEY = "network";

    /** An old VIP kept for {@code Recycle} days, until {@code untilEpochMilli}. */
    public record Reserved(String vpcId, String vip, long untilEpochMilli) {
    }

    public NetworkState {
        wanStatus = wanStatus == null ? "closed" : wanStatus;
        wanAddress = wanAddress == null ? "" : wanAddress;
        reserved = reserved == null ? List.of() : List.copyOf(reserved);
    }

    static NetworkState initial() {
        return new NetworkState(null, null, null, null, "closed", "", List.of());
    }

    /** The stored state of {@code i} (the initial one when nothing changed yet). */
    public static NetworkState of(Instance i) {
        return i.extensions().get(KEY, NetworkState.class, NetworkState::initial);
    }

    /** The instance's configured VIP ({@code 127.0.0.1}, where its redis-server really listens, unless changed). */
    public static String vip(Instance i) {
        String vip = of(i).vip();
        return vip == null ? RedisProcess.HOST : vip;
    }

    /** The configured VPort; the real port stays {@link Instance#dataPort()}. */
    public static int vport(Instance i) {
        Integer vport = of(i).vport();
        return vport == null ? i.vport() : vport;
    }

    public static String vpcId(Instance i) {
        String vpc = of(i).vpcId();
        return vpc == null ? i.vpcId() : vpc;
    }

    public static String subnetId(Instance i) {
        String subnet = of(i).subnetId();
        return subnet == null ? i.subnetId() : subnet;
    }

    /** {@code InstanceSet.WanAddress}: the public address while public access is open, else "". */
    public static String wanAddress(Instance i) {
        return of(i).wanAddress();
    }

    NetworkState withVip(String newVip) {
        return new NetworkState(newVip, vport, vpcId, subnetId, wanStatus, wanAddress, reserved);
    }

    NetworkState withVport(Integer newVport) {
        return new NetworkState(vip, newVport, vpcId, subnetId, wanStatus, wanAddress, reserved);
    }

    NetworkState withVpc(String newVpcId, String newSubnetId) {
        return new NetworkState(vip, vport, newVpcId, newSubnetId, wanStatus, wanAddress, reserved);
    }

    NetworkState withWan(String newStatus, String newAddress) {
        return new NetworkState(vip, vport, vpcId, subnetId, newStatus, newAddress, reserved);
    }

    NetworkState withReserved(Reserved r, long nowEpochMilli) {
        List<Reserved> next = new ArrayList<>();
        for (Reserved old : reserved) if (old.untilEpochMilli() > nowEpochMilli) next.add(old);
        if (r != null) next.add(r);
        return new NetworkState(vip, vport, vpcId, subnetId, wanStatus, wanAddress, next);
    }
}
