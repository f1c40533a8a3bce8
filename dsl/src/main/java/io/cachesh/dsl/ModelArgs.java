package io.cachesh.dsl;

import groovy.lang.GString;
import io.cachesh.dsl.result.Backup;
import io.cachesh.dsl.result.Instance;
import io.cachesh.dsl.result.Task;
import io.cachesh.model.ApiModel;
import io.cachesh.model.MemberModel;
import io.cachesh.model.OperationModel;
import io.cachesh.model.ShapeModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Maps named DSL arguments to an API model's wire names: {@code [limit: 10, instanceId: 'crs-1']} becomes
 * {@code {Limit=10, InstanceId=crs-1}} for DescribeInstances. Keys are the lowerCamel or exact wire member names
 * (case-insensitive), nested structures and lists of structures included. Unknown keys fail naming the allowed ones.
 */
public final class ModelArgs {

    private ModelArgs() {
    }

    /** lowerCamel form of a wire or action name: {@code DescribeInstances -> describeInstances}. */
    public static String lowerCamel(String wire) {
        if (wire == null || wire.isEmpty()) return wire;
        return Character.toLowerCase(wire.charAt(0)) + wire.substring(1);
    }

    /**
     * The action named {@code name} (lowerCamel or exact, case-insensitive; or the operation's Java name, e.g.
     * {@code modifyRedisPassword} for the wire's {@code ModfiyRedisPassword}), or null.
     */
    public static String action(ApiModel model, String name) {
        for (String action : model.operations().keySet()) {
            if (action.equalsIgnoreCase(name)) return action;
        }
        for (Map.Entry<String, OperationModel> e : model.operations().entrySet()) {
            if (e.getValue().javaName() != null && e.getValue().javaName().equalsIgnoreCase(name)) return e.getKey();
        }
        return null;
    }

    /** The method name of an action in the generated client: its {@code javaName}, else its lowerCamel name. */
    public static String method(ApiModel model, String action) {
        OperationModel op = model.operations().get(action);
        return op != null && op.javaName() != null ? op.javaName() : lowerCamel(action);
    }

    /** All operations as the DSL spells them (the client's method names), in model order. */
    public static List<String> operations(ApiModel model) {
        return model.operations().keySet().stream().map(a -> method(model, a)).toList();
    }

    /** The request parameters of an operation, lowerCamel, in model order. */
    public static List<String> parameters(ApiModel model, String action) {
        OperationModel op = model.operations().get(action);
        if (op == null) return List.of();
        return model.shape(op.input()).members().keySet().stream().map(ModelArgs::lowerCamel).toList();
    }

    /** Converts {@code args} to wire names for the input of {@code action}; {@code label} prefixes errors. */
    public static Map<String, Object> toWire(ApiModel model, String action, Map<?, ?> args, String label) {
        OperationModel op = model.operations().get(action);
        return structure(model, model.shape(op.input()), args, label);
    }

    private static Map<String, Object> structure(ApiModel model, ShapeModel shape, Map<?, ?> args, String label) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : args.entrySet()) {
            String key = String.valueOf(e.getKey());
            String wire = null;
            for (String member : shape.members().keySet()) {
                if (member.equalsIgnoreCase(key)) {
                    wire = member;
                    break;
                }
            }
            if (wire == null) {
                // snake_case members (Huawei) also answer to their lowerCamel spelling: instanceId -> instance_id
                for (String member : shape.members().keySet()) {
                    if (squash(member).equals(squash(key))) {
                        wire = member;
                        break;
                    }
                }
            }
            if (wire == null) {
                throw new DslException(label + ": unknown parameter '" + key + "' (allowed: "
                        + shape.members().keySet().stream().map(ModelArgs::lowerCamel).collect(Collectors.joining(", "))
                        + ")");
            }
            out.put(wire, value(model, shape.members().get(wire), e.getValue(), label + "." + lowerCamel(wire)));
        }
        return out;
    }

    private static String squash(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static Object value(ApiModel model, MemberModel member, Object v, String label) {
        if (v == null) return null;
        if (v instanceof GString g) return g.toString();
        if (v instanceof Instance i) return i.getId();
        if (v instanceof Task t) return t.getId();
        if (v instanceof Backup b) return b.getId();
        if (member == null) return v;
        if (member.isStructure() && v instanceof Map<?, ?> m && member.shape() != null) {
            return structure(model, model.shape(member.shape()), m, label);
        }
        if (member.isList()) {
            Collection<?> items = v instanceof Collection<?> c ? c
                    : v.getClass().isArray() && v instanceof Object[] arr ? List.of(arr) : List.of(v);
            List<Object> out = new ArrayList<>(items.size());
            for (Object item : items) out.add(value(model, member.member(), item, label));
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), value(model, member.member(), x, label)));
            return out;
        }
        return v;
    }

    /**
     * True for actions that only read (Describe*, Inquiry*, Get*, List*, Show*, CapitalOnline's *InstanceList): they
     * run even in dry-run mode.
     */
    public static boolean isReadOnly(String action) {
        String a = action.toLowerCase(Locale.ROOT);
        return a.startsWith("describe") || a.startsWith("inquiry") || a.startsWith("get") || a.startsWith("list")
                || a.startsWith("show") || a.endsWith("instancelist");
    }

    /** {@code {TypeId=17, Password=******}}: parameters for a log line, secrets masked. */
    public static String masked(Map<String, ?> params) {
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + (isSecret(e.getKey()) && e.getValue() != null ? "******" : e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("token");
    }

    /** Closest name by edit distance, or null when nothing is near. */
    public static String closest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = editDistance(name.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return bestDistance <= Math.max(2, name.length() / 3) ? best : null;
    }

    /** Levenshtein distance: how many single-character edits turn {@code a} into {@code b}. */
    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
