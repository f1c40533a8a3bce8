package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.dataplane.RedisProcess;
import io.cachesh.emulator.fleet.Instance;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Security groups (tencent-redis-api3-and-legacy-v2.txt:24060-24763, 30015-30728, 31377-31765): the account's groups
 * are fleet-wide state, the bindings are per instance (see {@link SecurityGroups}). The emulator's data plane is on
 * loopback, so the rules are kept and reported, not enforced. Two answer vocabularies, as in the seed:
 * DescribeInstanceSecurityGroup/DescribeProjectSecurityGroup give {@code SecurityGroupDetail} ({@code InboundRule}
 * with Ip/Port/Proto), DescribeDBSecurityGroups/DescribeProjectSecurityGroups give {@code SecurityGroup}
 * ({@code Inbound} with CidrIp/PortRange/IpProtocol).
 */
final class SecurityGroupActions extends TencentActionGroup {

    SecurityGroupActions(TencentContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(Map<String, TencentAction> actions) {
        actions.put("AssociateSecurityGroups", this::associateSecurityGroups);
        actions.put("DescribeDBSecurityGroups", this::describeDBSecurityGroups);
        actions.put("DescribeInstanceSecurityGroup", this::describeInstanceSecurityGroup);
        actions.put("DescribeProjectSecurityGroup", this::describeProjectSecurityGroup);
        actions.put("DescribeProjectSecurityGroups", this::describeProjectSecurityGroups);
        actions.put("DisassociateSecurityGroups", this::disassociateSecurityGroups);
        actions.put("ModifyDBInstanceSecurityGroups", this::modifyDBInstanceSecurityGroups);
    }

    // ---- the instance family (SecurityGroupDetail) ----------------------------------------------------------------

    private ObjectNode describeInstanceSecurityGroup(TencentRequest r, Params p) {
        List<String> ids = p.strings("InstanceIds");
        SecurityGroups catalog = SecurityGroups.of(fleet);
        ObjectNode out = object();
        ArrayNode details = out.putArray("InstanceSecurityGroupsDetail");
        for (String id : new LinkedHashSet<>(ids)) {
            Instance i = instance(r, id);
            ObjectNode n = details.addObject();
            n.put("InstanceId", i.id());
            ArrayNode groups = n.putArray("SecurityGroupDetails");
            for (String sg : SecurityGroups.bound(i)) {
                SecurityGroups.Group g = catalog.find(sg);
                if (g != null) groups.add(detail(g));
            }
        }
        return out;
    }

    private ObjectNode describeProjectSecurityGroup(TencentRequest r, Params p) {
        Long projectId = p.integer("ProjectId");
        String sgId = p.string("SecurityGroupId");
        ObjectNode out = object();
        ArrayNode list = out.putArray("SecurityGroupDetails");
        for (SecurityGroups.Group g : SecurityGroups.of(fleet).groups()) {
            if (!inProject(g, projectId)) continue;
            if (sgId != null && !sgId.isBlank() && !g.id().equals(sgId.trim())) continue;
            list.add(detail(g));
        }
        return out;
    }

    // ---- the database family (SecurityGroup) ----------------------------------------------------------------------

    private ObjectNode describeDBSecurityGroups(TencentRequest r, Params p) {
        requireProduct(p);
        Instance i = dbInstance(r, p.requireString("InstanceId"));
        SecurityGroups catalog = SecurityGroups.of(fleet);
        ObjectNode out = object();
        ArrayNode groups = out.putArray("Groups");
        for (String sg : SecurityGroups.bound(i)) {
            SecurityGroups.Group g = catalog.find(sg);
            if (g != null) groups.add(group(g));
        }
        out.put("VIP", RedisProcess.HOST);
        out.put("VPort", Integer.toString(i.dataPort() > 0 ? i.dataPort() : i.vport()));
        return out;
    }

    private ObjectNode describeProjectSecurityGroups(TencentRequest r, Params p) {
        requireProduct(p);
        Long projectId = p.integer("ProjectId");
        long offset = p.integer("Offset", 0);
        long limit = p.integer("Limit", 20);
        if (offset < 0) throw TencentException.invalidValue("Offset", offset, "must not be negative");
        if (limit < 1) throw TencentException.invalidValue("Limit", limit, "must be at least 1");
        String search = p.string("SearchKey", "").trim().toLowerCase(Locale.ROOT);
        List<SecurityGroups.Group> matches = new ArrayList<>();
        for (SecurityGroups.Group g : SecurityGroups.of(fleet).groups()) {
            if (!inProject(g, projectId)) continue;
            if (!search.isEmpty() && !g.id().toLowerCase(Locale.ROOT).contains(search)
                    && !g.name().toLowerCase(Locale.ROOT).contains(search)) continue;
            matches.add(g);
        }
        ObjectNode out = object();
        ArrayNode groups = out.putArray("Groups");
        for (long k = offset; k < matches.size() && k < offset + limit; k++) groups.add(group(matches.get((int) k)));
        out.put("Total", matches.size());
        return out;
    }

    private ObjectNode associateSecurityGroups(TencentRequest r, Params p) {
        requireProduct(p);
        String sg = p.requireString("SecurityGroupId");
        if (SecurityGroups.of(fleet).find(sg) == null) {
            throw new TencentException("FailedOperation.AssociateSecurityGroupsFailed", "绑定安全组失败: security group `" + sg + "` does not exist.");
        }
        List<Instance> targets = dbInstances(r, p);
        for (Instance i : targets) {
            List<String> bound = SecurityGroups.bound(i);
            if (!bound.contains(sg) && bound.size() >= SecurityGroups.MAX_PER_INSTANCE) throw overLimit(i);
        }
        for (Instance i : targets) {
            SecurityGroups.bind(i, ids -> {
                if (!ids.contains(sg)) ids.add(sg);
                return ids;
            });
        }
        fleet.changed();
        return object();
    }

    private ObjectNode disassociateSecurityGroups(TencentRequest r, Params p) {
        requireProduct(p);
        String sg = p.requireString("SecurityGroupId");
        if (SecurityGroups.of(fleet).find(sg) == null) {
            throw new TencentException("FailedOperation.DisassociateSecurityGroupsFailed", "解绑安全组失败: security group `" + sg + "` does not exist.");
        }
        for (Instance i : dbInstances(r, p)) {
            SecurityGroups.bind(i, ids -> {
                ids.remove(sg);
                return ids;
            });
        }
        fleet.changed();
        return object();
    }

    private ObjectNode modifyDBInstanceSecurityGroups(TencentRequest r, Params p) {
        requireProduct(p);
        Instance i = dbInstance(r, p.requireString("InstanceId"));
        List<String> next = new ArrayList<>(new LinkedHashSet<>(p.strings("SecurityGroupIds")));
        next.removeIf(String::isEmpty);
        SecurityGroups catalog = SecurityGroups.of(fleet);
        for (String sg : next) {
            if (catalog.find(sg) == null) {
                throw new TencentException("FailedOperation.UpdateSecurityGroupsFailed", "更新安全组失败: security group `" + sg + "` does not exist.");
            }
        }
        if (next.size() > SecurityGroups.MAX_PER_INSTANCE) throw overLimit(i);
        if (SecurityGroups.bound(i).isEmpty()) {
            throw new TencentException("FailedOperation.UpdateInstanceInfoFailed", "实例安全组信息更新失败: " + i.id()
                    + " has no security group yet; bind the first one with AssociateSecurityGroups.");
        }
        SecurityGroups.bind(i, ids -> next);
        fleet.changed();
        return object();
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static boolean inProject(SecurityGroups.Group g, Long projectId) {
        return projectId == null || projectId == -1 || g.projectId() == projectId;
    }

    private static void requireProduct(Params p) {
        String product = p.requireString("Product");
        if (!"redis".equals(product)) {
            throw new TencentException("InvalidParameter.NotSupported", "参数错误，不支持操作: Product must be `redis`, not `" + product + "`.");
        }
    }

    /** The database family's not-found code is {@code ResourceNotFound.InstanceNotFound}. */
    private Instance dbInstance(TencentRequest r, String id) {
        return fleet.instance(id).filter(i -> i.region().equals(r.region())).orElseThrow(() ->
                new TencentException("ResourceNotFound.InstanceNotFound", "找不到该实例: instance `" + id + "` does not exist in this region."));
    }

    private List<Instance> dbInstances(TencentRequest r, Params p) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(p.strings("InstanceIds")));
        ids.removeIf(String::isEmpty);
        if (ids.isEmpty()) throw TencentException.missing("InstanceIds");
        List<Instance> out = new ArrayList<>();
        for (String id : ids) out.add(dbInstance(r, id));
        return out;
    }

    private static TencentException overLimit(Instance i) {
        return new TencentException("InvalidParameter.InstanceSGOverLimitError", "实例安全组超过限制: " + i.id()
                + " may have at most " + SecurityGroups.MAX_PER_INSTANCE + " security groups.");
    }

    /** SecurityGroupDetail: rules as {@code InboundRule}/{@code OutboundRule} with Action, Ip, Port, Proto. */
    private static ObjectNode detail(SecurityGroups.Group g) {
        ObjectNode n = object();
        n.put("ProjectId", g.projectId());
        n.put("CreateTime", g.createTime());
        n.put("SecurityGroupId", g.id());
        n.put("SecurityGroupName", g.name());
        n.put("SecurityGroupRemark", g.remark());
        ArrayNode in = n.putArray("InboundRule");
        g.inbound().forEach(rule -> in.add(shortRule(rule)));
        ArrayNode outRules = n.putArray("OutboundRule");
        g.outbound().forEach(rule -> outRules.add(shortRule(rule)));
        return n;
    }

    private static ObjectNode shortRule(SecurityGroups.Rule rule) {
        ObjectNode n = object();
        n.put("Action", rule.action());
        n.put("Ip", rule.cidrIp());
        n.put("Port", rule.portRange());
        n.put("Proto", rule.ipProtocol());
        return n;
    }

    /** SecurityGroup: rules as {@code Inbound}/{@code Outbound} policies. */
    private static ObjectNode group(SecurityGroups.Group g) {
        ObjectNode n = object();
        n.put("CreateTime", g.createTime());
        n.put("ProjectId", g.projectId());
        n.put("SecurityGroupId", g.id());
        n.put("SecurityGroupName", g.name());
        n.put("SecurityGroupRemark", g.remark());
        ArrayNode outRules = n.putArray("Outbound");
        g.outbound().forEach(rule -> outRules.add(policy(rule)));
        ArrayNode in = n.putArray("Inbound");
        g.inbound().forEach(rule -> in.add(policy(rule)));
        return n;
    }

    private static ObjectNode policy(SecurityGroups.Rule rule) {
        ObjectNode n = object();
        n.put("Action", rule.action());
        n.put("AddressModule", rule.addressModule());
        n.put("CidrIp", rule.cidrIp());
        n.put("Desc", rule.desc());
        n.put("IpProtocol", rule.ipProtocol());
        n.put("PortRange", rule.portRange());
        n.put("ServiceModule", rule.serviceModule());
        n.put("Id", rule.id());
        return n;
    }
}
