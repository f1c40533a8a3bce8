package io.cachesh.model;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Resolves the dotted field paths of legacy seed tables ({@code data.redisSet.redisId}, {@code data.zones.100002},
 * {@code data.types.typeId.minMemSize}) in a model: a segment names a structure member; lists are stepped through;
 * a map consumes one segment as its key (the seeds write the key's example or name there).
 */
final class ModelPaths {

    private ModelPaths() {
    }

    /** Null when {@code path} resolves from {@code shape}, otherwise why it does not. */
    static String unresolved(ApiModel model, String shape, String path) {
        String[] segments = path.split("\\.");
        MemberModel current = new MemberModel("structure", shape, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, false, false);
        for (int i = 0; i < segments.length; i++) {
            current = elementOf(current);
            if ("map".equals(current.type())) {
                current = elementOf(current.member()); // this segment is the map key
                continue;
            }
            if (!current.isStructure()) {
                return "segment '" + segments[i] + "' of " + path + " goes below a " + current.type();
            }
            ShapeModel s = model.shapes().get(current.shape());
            if (s == null) return "shape " + current.shape() + " missing";
            MemberModel next = s.members().get(segments[i]);
            if (next == null) {
                return "no member '" + segments[i] + "' in " + current.shape() + " (members " + s.members().keySet() + ") for " + path;
            }
            current = next;
        }
        return null;
    }

    /** Whether a structure reachable from {@code shape} (through members, lists and maps) has a member {@code name}. */
    static boolean reachableMember(ApiModel model, String shape, String name) {
        Deque<String> todo = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        todo.add(shape);
        while (!todo.isEmpty()) {
            String s = todo.poll();
            if (!seen.add(s) || !model.shapes().containsKey(s)) continue;
            ShapeModel sm = model.shapes().get(s);
            if (sm.members().containsKey(name)) return true;
            for (MemberModel m : sm.members().values()) {
                MemberModel e = m;
                while (e != null && (e.isList() || "map".equals(e.type()))) e = e.member();
                if (e != null && e.isStructure()) todo.add(e.shape());
            }
        }
        return false;
    }

    private static MemberModel elementOf(MemberModel m) {
        MemberModel e = m;
        while (e.isList() && e.member() != null) e = e.member();
        return e;
    }
}
