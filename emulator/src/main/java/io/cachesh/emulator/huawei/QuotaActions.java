package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.InstanceStatus;

/**
 * The tenant quota (v2 5.15.3, v1 8.6.3 / 4.x): the seed's example limits (10 instances, 800 GB), {@code used} counted
 * from the fleet's Huawei instances (those not being deleted) and their capacities, rounded up to whole GB. v1 adds
 * {@code resource_user} with the project as tenant.
 */
final class QuotaActions extends HuaweiActionGroup {

    /** Instance quota: current, min, max (seed example). */
    static final int INSTANCE_QUOTA = 10;
    static final int INSTANCE_MIN = 1;
    /** Memory quota in GB: current, min, max (seed example). */
    static final int RAM_QUOTA_GB = 800;
    static final int RAM_MIN_GB = 1;

    QuotaActions(HuaweiContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(HuaweiDcsProvider.Registry actions) {
        actions.v2("ShowQuotaOfTenant", r -> quota(false));
        actions.v1("ShowQuotaOfTenant", this::quotaV1);
    }

    /** The v1 answer (resource_user), for {@code actions.v1("ShowQuotaOfTenant", ...)}. */
    ObjectNode quotaV1(HuaweiRequest r) {
        return quota(true);
    }

    /** Huawei instances that count against the quota. */
    int usedInstances() {
        return (int) fleet.instances().stream().filter(HuaweiDcsProvider::owns)
                .filter(i -> i.status() != InstanceStatus.TO_BE_DELETED).count();
    }

    /** Their memory, in GB rounded up. */
    int usedRamGb() {
        long mb = 0;
        for (Instance i : fleet.instances()) {
            if (HuaweiDcsProvider.owns(i) && i.status() != InstanceStatus.TO_BE_DELETED) mb += i.memSizeMb();
        }
        return (int) ((mb + 1023) / 1024);
    }

    private ObjectNode quota(boolean v1) {
        ObjectNode out = object();
        ObjectNode quotas = out.putObject("quotas");
        ArrayNode resources = quotas.putArray("resources");
        ObjectNode instances = resources.addObject();
        if (v1) instances.putNull("unit");
        instances.put("min", INSTANCE_MIN);
        instances.put("max", INSTANCE_QUOTA);
        instances.put("quota", INSTANCE_QUOTA);
        instances.put("used", usedInstances());
        instances.put("type", "instance");
        ObjectNode ram = resources.addObject();
        ram.put("unit", "GB");
        ram.put("min", RAM_MIN_GB);
        ram.put("max", RAM_QUOTA_GB);
        ram.put("quota", RAM_QUOTA_GB);
        ram.put("used", usedRamGb());
        ram.put("type", "ram");
        if (v1) quotas.putObject("resource_user").put("tenant_id", ctx.projectId());
        return out;
    }
}
