package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.dataplane.RedisProcess;
import io.cachesh.emulator.fleet.Instance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Instance facts outside DescribeInstances: the deprecated list DescribeCommonDBInstances, the feature check
 * DescribeInstanceSupportFeature and DescribeInstanceDTSInfo. The emulator runs no DTS, so every instance has no DTS
 * task: JobId, JobName, StatusDesc and CutDownTime empty, Status and Offset 0, no SrcInfo/DstInfo.
 */
final class InstanceInfoActions extends TencentActionGroup {

    InstanceInfoActions(TencentContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(Map<String, TencentAction> actions) {
        actions.put("DescribeCommonDBInstances", this::describeCommonDBInstances);
        actions.put("DescribeInstanceSupportFeature", this::describeInstanceSupportFeature);
        actions.put("DescribeInstanceDTSInfo", this::describeInstanceDTSInfo);
    }

    /**
     * The seed's PayMode filter is reversed against the item's PayMode: filter 0 = prepaid (包年包月), 1 = postpaid,
     * while an item's PayMode is 0 postpaid, 1 prepaid (the seed's example filters 0 and shows 1). VpcIds/SubnetIds
     * (numeric) match the numeric ids DescribeInstances reports (0); Vips match 127.0.0.1. OrderBy: createtime
     * (default), instancename, projectId, instanceid; OrderByType asc/desc (default desc). Limit defaults to 100.
     */
    private ObjectNode describeCommonDBInstances(TencentRequest r, Params p) {
        long limit = p.integer("Limit", 100);
        long offset = p.integer("Offset", 0);
        if (limit < 0) throw new TencentException("InvalidParameter.InvalidParameter", "业务参数错误: Limit " + limit + " must be at least 0.");
        if (offset < 0) throw new TencentException("InvalidParameter.InvalidParameter", "业务参数错误: Offset " + offset + " must be at least 0.");
        Long payMode = p.integer("PayMode");
        List<String> ids = p.strings("InstanceIds");
        List<String> names = p.strings("InstanceNames");
        List<String> statuses = p.strings("Status");
        List<Long> vpcIds = p.integers("VpcIds");
        List<Long> subnetIds = p.integers("SubnetIds");
        List<String> vips = p.strings("Vips");
        List<String> uniqVpcIds = p.strings("UniqVpcIds");
        List<String> uniqSubnetIds = p.strings("UniqSubnetIds");
        String orderBy = p.string("OrderBy", "");
        String orderByType = p.string("OrderByType", "");
        Comparator<Instance> order = switch (orderBy.trim().toLowerCase(Locale.ROOT)) {
            case "", "createtime" -> Comparator.comparing(Instance::createTime);
            case "instancename" -> Comparator.comparing(Instance::name);
            case "projectid" -> Comparator.comparingLong(Instance::projectId);
            case "instanceid" -> Comparator.comparing(Instance::id);
            default -> throw new TencentException("InvalidParameter.InvalidParameter", "业务参数错误: OrderBy `" + orderBy
                    + "` must be one of createtime, instancename, projectId, instanceid.");
        };
        order = order.thenComparing(Instance::id);
        switch (orderByType.trim().toLowerCase(Locale.ROOT)) {
            case "", "desc" -> order = order.reversed();
            case "asc" -> {
            }
            default -> throw new TencentException("InvalidParameter.InvalidParameter", "业务参数错误: OrderByType `" + orderByType
                    + "` must be asc or desc.");
        }
        List<Instance> matches = new ArrayList<>();
        for (Instance i : fleet.instances()) {
            if (!i.region().equals(r.region())) continue;
            if (payMode != null && i.billingMode() != (payMode == 0 ? 1 : 0)) continue;
            if (!ids.isEmpty() && !ids.contains(i.id())) continue;
            if (!names.isEmpty() && !names.contains(i.name())) continue;
            if (!statuses.isEmpty() && !statuses.contains(Integer.toString(i.status().code()))) continue;
            if (!vpcIds.isEmpty() && !vpcIds.contains(0L)) continue;
            if (!subnetIds.isEmpty() && !subnetIds.contains(0L)) continue;
            if (!vips.isEmpty() && !vips.contains(RedisProcess.HOST)) continue;
            if (!uniqVpcIds.isEmpty() && !uniqVpcIds.contains(i.vpcId())) continue;
            if (!uniqSubnetIds.isEmpty() && !uniqSubnetIds.contains(i.subnetId())) continue;
            matches.add(i);
        }
        matches.sort(order);
        ObjectNode out = object();
        out.put("TotalCount", matches.size());
        ArrayNode details = out.putArray("InstanceDetails");
        matches.stream().skip(offset).limit(limit).forEach(i -> {
            ObjectNode n = details.addObject();
            n.put("InstanceName", i.name());
            n.put("InstanceId", i.id());
            n.put("AppId", APPID);
            n.put("ProjectId", i.projectId());
            n.put("Region", i.region());
            n.put("Zone", catalog.zone(i.region(), i.zoneId()).map(ProductCatalog.Zone::zoneId).orElse(Integer.toString(i.zoneId())));
            n.put("VpcId", i.vpcId().isEmpty() ? "unknown-unVpcId" : i.vpcId());
            n.put("SubnetId", i.subnetId().isEmpty() ? "unknown-unSubnetId" : i.subnetId());
            n.put("Status", Integer.toString(i.status().code()));
            n.putArray("Vips").add(RedisProcess.HOST);
            n.put("Vport", i.dataPort() > 0 ? i.dataPort() : i.vport());
            n.put("Createtime", time(i.createTime()));
            n.put("PayMode", i.billingMode());
            n.put("NetType", i.vpcId().isEmpty() ? 0 : 1);
        });
        return out;
    }

    /**
     * read-local-node-only (nearest-node reads through the proxy) and multi-account (proxy accounts) need the proxy
     * architecture of Redis 4.0 and later: Redis 2.8 and CKV instances support neither.
     */
    private ObjectNode describeInstanceSupportFeature(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        String feature = p.requireString("FeatureName");
        boolean support = switch (feature) {
            case "read-local-node-only", "multi-account" -> EngineVersions.hasProxy(EngineVersions.typeId(i));
            default -> throw new TencentException("InvalidParameter.ActionNotFound", "没有找到对应接口: feature `" + feature
                    + "`; FeatureName is read-local-node-only or multi-account.");
        };
        ObjectNode out = object();
        out.put("Support", support);
        return out;
    }

    private ObjectNode describeInstanceDTSInfo(TencentRequest r, Params p) {
        instance(r, p.requireString("InstanceId"));
        ObjectNode out = object();
        out.put("JobId", "");
        out.put("JobName", "");
        out.put("Status", 0);
        out.put("StatusDesc", "");
        out.put("Offset", 0);
        out.put("CutDownTime", "");
        return out;
    }
}
