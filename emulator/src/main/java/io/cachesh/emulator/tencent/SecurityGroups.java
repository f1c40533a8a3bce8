package io.cachesh.emulator.tencent;

import io.cachesh.emulator.fleet.Fleet;
import io.cachesh.emulator.fleet.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The account's security groups (fleet-wide state in {@link Fleet#extensions()} under {@link #KEY}) and the groups
 * bound to each instance ({@link Instance#extensions()} under {@link #BOUND_KEY}, so they go with the instance).
 * The Redis API cannot create security groups (that is the VPC API), so the catalogue starts with the groups of the
 * seed's examples; {@link #define} adds more (tests, other tools).
 */
record SecurityGroups(List<Group> groups) {

    static final String KEY = "tencent.securityGroups";
    static final String BOUND_KEY = "tencent.securityGroupIds";
    /** Security groups one instance may have (InvalidParameter.InstanceSGOverLimitError; the seed gives no number). */
    static final int MAX_PER_INSTANCE = 10;

    /** A rule in the DescribeDBSecurityGroups vocabulary (Inbound/Outbound); {@code ipProtocol} e.g. tcp or ALL. */
    record Rule(String action, String cidrIp, String ipProtocol, String portRange, String desc, String addressModule,
                String serviceModule, String id) {

        static Rule of(String action, String cidrIp, String ipProtocol, String portRange, String desc) {
            return new Rule(action, cidrIp, ipProtocol, portRange, desc, "", "", "");
        }
    }

    record Group(String id, String name, String remark, long projectId, String createTime, List<Rule> inbound,
                 List<Rule> outbound) {

        Group {
            inbound = inbound == null ? List.of() : List.copyOf(inbound);
            outbound = outbound == null ? List.of() : List.copyOf(outbound);
        }
    }

    /** The instance's bound group ids, in binding order. */
    record Bound(List<String> ids) {

        Bound {
            ids = ids == null ? List.of() : List.copyOf(ids);
        }
    }

    SecurityGroups {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /** The groups of the seed's examples (tencent-redis-api3-and-legacy-v2.txt:24060-24763, 30202-30728, 34744-34778). */
    static SecurityGroups seed() {
        Rule all = Rule.of("ACCEPT", "0.0.0.0/0", "ALL", "ALL", "");
        return new SecurityGroups(List.of(
                new Group("sg-gl1egaj1", "all", "", 0, "2018-01-30 15:58:00", List.of(all, all), List.of(all)),
                new Group("sg-7y0pa6nf", "test_lb", "自定义", 0, "2023-04-26 17:40:29", List.of(
                        Rule.of("ACCEPT", "106.55.103.75", "tcp", "8000", ""),
                        Rule.of("ACCEPT", "119.147.10.191", "tcp", "8000", "bro-本地公网ip"),
                        Rule.of("ACCEPT", "43.136.90.27", "tcp", "8000", "CVM-公网")), List.of()),
                new Group("sg-ajr1jzgj", "CDB", "", 0, "2017-04-13 15:00:06", List.of(), List.of()),
                new Group("sg-0klp2oyp", "default", "该安全组的描述", 1275154, "2022-06-08 17:06:38", List.of(), List.of())));
    }

    static SecurityGroups of(Fleet fleet) {
        return fleet.extensions().get(KEY, SecurityGroups.class, SecurityGroups::seed);
    }

    /** Adds or replaces a group of the catalogue. */
    static void define(Fleet fleet, Group group) {
        fleet.extensions().update(KEY, SecurityGroups.class, SecurityGroups::seed, sgs -> {
            List<Group> next = new ArrayList<>(sgs.groups().stream().filter(g -> !g.id().equals(group.id())).toList());
            next.add(group);
            return new SecurityGroups(next);
        });
        fleet.changed();
    }

    Group find(String id) {
        for (Group g : groups) {
            if (g.id().equals(id)) return g;
        }
        return null;
    }

    static List<String> bound(Instance i) {
        return i.extensions().get(BOUND_KEY, Bound.class, () -> new Bound(List.of())).ids();
    }

    static void bind(Instance i, UnaryOperator<List<String>> change) {
        i.extensions().update(BOUND_KEY, Bound.class, () -> new Bound(List.of()), b -> new Bound(change.apply(new ArrayList<>(b.ids()))));
    }
}
