package io.cachesh.emulator.tencent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The account's global replication groups (fleet-wide, under the fleet extension {@link #KEY}). Immutable records:
 * every change makes a new state and stores it. Times are epoch seconds (no Jackson time module needed).
 *
 * @param groups every group, oldest first
 */
record ReplicationGroupState(List<Group> groups) {

    /** Fleet extension key. */
    static final String KEY = "tencent.replicationGroups";

    /** Groups.Status: 37 绑定复制组中 (also shown for a settled group, as in the seed's DescribeReplicationGroup example). */
    static final int BINDING = 37;
    /** Groups.Status 51 解绑复制组中. */
    static final int UNBINDING = 51;
    /** Groups.Status 52 复制组实例切主中. */
    static final int SWITCHING_MASTER = 52;
    /** Groups.Status 53 角色变更中. */
    static final int CHANGING_ROLE = 53;

    static final String MASTER = "rw";
    static final String READ_ONLY = "r";

    ReplicationGroupState {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    static ReplicationGroupState empty() {
        return new ReplicationGroupState(List.of());
    }

    /**
     * One replication group.
     *
     * @param groupId   {@code crs-rpl-xxxxxxxx}
     * @param name      GroupName
     * @param remark    Remark
     * @param region    region of the instance it was created around (RegionId of the group)
     * @param status    Groups.Status
     * @param locked    a group flow (bind, unbind, switch, role change) runs: other changes get
     *                  {@code LimitExceeded.ReplicationGroupLocked}
     * @param createdAt epoch seconds
     * @param members   members in joining order; at most one has role {@code rw}
     */
    record Group(String groupId, String name, String remark, String region, int status, boolean locked, long createdAt,
                 List<Member> members) {

        Group {
            members = members == null ? List.of() : List.copyOf(members);
        }

        Optional<Member> member(String instanceId) {
            return members.stream().filter(m -> m.instanceId().equals(instanceId)).findFirst();
        }

        Optional<Member> master() {
            return members.stream().filter(m -> MASTER.equals(m.role())).findFirst();
        }

        Group withMembers(List<Member> next) {
            return new Group(groupId, name, remark, region, status, locked, createdAt, next);
        }

        Group lock(int flowStatus) {
            return new Group(groupId, name, remark, region, flowStatus, true, createdAt, members);
        }

        Group unlock() {
            return new Group(groupId, name, remark, region, BINDING, false, createdAt, members);
        }

        Group rename(String newName, String newRemark) {
            return new Group(groupId, newName, newRemark, region, status, locked, createdAt, members);
        }

        Group withoutMember(String instanceId) {
            List<Member> next = new ArrayList<>(members);
            next.removeIf(m -> m.instanceId().equals(instanceId));
            return withMembers(next);
        }

        Group withMember(Member member) {
            List<Member> next = new ArrayList<>(members);
            next.add(member);
            return withMembers(next);
        }

        /** {@code instanceId} becomes the only {@code rw} member, every other member {@code r}. */
        Group withMaster(String instanceId, long now) {
            List<Member> next = new ArrayList<>();
            for (Member m : members) {
                String role = m.instanceId().equals(instanceId) ? MASTER : READ_ONLY;
                next.add(role.equals(m.role()) ? m : new Member(m.instanceId(), role, m.joinedAt(), now));
            }
            return withMembers(next);
        }
    }

    /**
     * One member.
     *
     * @param instanceId instance
     * @param role       {@code rw} (master) or {@code r} (read-only)
     * @param joinedAt   epoch seconds
     * @param updatedAt  epoch seconds of the last role change
     */
    record Member(String instanceId, String role, long joinedAt, long updatedAt) {
    }

    Optional<Group> group(String groupId) {
        return groups.stream().filter(g -> g.groupId().equals(groupId)).findFirst();
    }

    /** The group {@code instanceId} is a member of. */
    Optional<Group> groupOf(String instanceId) {
        return groups.stream().filter(g -> g.member(instanceId).isPresent()).findFirst();
    }

    ReplicationGroupState with(Group group) {
        List<Group> next = new ArrayList<>();
        boolean replaced = false;
        for (Group g : groups) {
            if (g.groupId().equals(group.groupId())) {
                next.add(group);
                replaced = true;
            } else {
                next.add(g);
            }
        }
        if (!replaced) next.add(group);
        return new ReplicationGroupState(next);
    }

    ReplicationGroupState without(String groupId) {
        List<Group> next = new ArrayList<>(groups);
        next.removeIf(g -> g.groupId().equals(groupId));
        return new ReplicationGroupState(next);
    }

    ReplicationGroupState map(String groupId, UnaryOperator<Group> change) {
        return group(groupId).map(g -> with(change.apply(g))).orElse(this);
    }
}
