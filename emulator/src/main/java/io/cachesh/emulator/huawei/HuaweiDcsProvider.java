package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Fleet;
import io.cachesh.emulator.fleet.Instance;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Huawei DCS v2 (2025) and v1.0 (2020) over the vendor-neutral {@link Fleet}: the operation tables of both versions,
 * built from the groups in {@link HuaweiActionGroups}. Handlers get validated input and return the answer's body
 * members; failures are {@link HuaweiException}s.
 */
public final class HuaweiDcsProvider {

    /** Where groups register their handlers, per API version. */
    public static final class Registry {
        private final Map<String, HuaweiAction> v2 = new LinkedHashMap<>();
        private final Map<String, HuaweiAction> v1 = new LinkedHashMap<>();

        public void v2(String operation, HuaweiAction action) {
            if (v2.putIfAbsent(operation, action) != null) throw new IllegalStateException("v2 " + operation + " registered twice");
        }

        public void v1(String operation, HuaweiAction action) {
            if (v1.putIfAbsent(operation, action) != null) throw new IllegalStateException("v1 " + operation + " registered twice");
        }
    }

    private final HuaweiContext context;
    private final Map<String, HuaweiAction> v2;
    private final Map<String, HuaweiAction> v1;
    private final Map<String, String> groupOf = new LinkedHashMap<>();

    public HuaweiDcsProvider(Fleet fleet, HuaweiFlavors flavors, String projectId) {
        this.context = new HuaweiContext(fleet, flavors, projectId);
        // a restarted redis-server of a Huawei instance gets its parameters back
        fleet.dataPlaneConfig(HuaweiActionGroup.VENDOR, ConfigActions::redisConfig);
        Map<String, HuaweiAction> all2 = new LinkedHashMap<>();
        Map<String, HuaweiAction> all1 = new LinkedHashMap<>();
        for (var factory : HuaweiActionGroups.ALL) {
            HuaweiActionGroup group = factory.apply(context);
            Registry mine = new Registry();
            group.register(mine);
            String name = group.getClass().getSimpleName();
            mine.v2.forEach((op, a) -> add(all2, "v2", op, a, name));
            mine.v1.forEach((op, a) -> add(all1, "v1", op, a, name));
        }
        this.v2 = Collections.unmodifiableMap(all2);
        this.v1 = Collections.unmodifiableMap(all1);
    }

    private void add(Map<String, HuaweiAction> into, String version, String op, HuaweiAction action, String group) {
        String before = groupOf.putIfAbsent(version + " " + op, group);
        if (before != null) throw new IllegalStateException(version + " " + op + " is registered by both " + before + " and " + group);
        into.put(op, action);
    }

    public HuaweiContext context() {
        return context;
    }

    public Set<String> operations(String version) {
        return ("v1".equals(version) ? v1 : v2).keySet();
    }

    /** {@code "v2 CreateInstance"} to the simple name of the group class that serves it. */
    public Map<String, String> groups() {
        return Collections.unmodifiableMap(groupOf);
    }

    public boolean implementsOperation(String version, String operation) {
        return ("v1".equals(version) ? v1 : v2).containsKey(operation);
    }

    public ObjectNode handle(HuaweiRequest request) {
        HuaweiAction action = ("v1".equals(request.version()) ? v1 : v2).get(request.operation());
        if (action == null) throw HuaweiException.notSupported(request.version(), request.operation());
        refuseOnMemcached(request);
        return action.handle(request);
    }

    /** An operation that does not apply to Memcached, addressed to a Memcached instance, gets the seed's refusal. */
    private void refuseOnMemcached(HuaweiRequest request) {
        if (MemcachedRules.applies(request.version(), request.operation())) return;
        String id = request.string("instance_id");
        if (id == null || id.isEmpty()) return;
        context.fleet().instance(id).filter(HuaweiDcsProvider::owns).filter(MemcachedRules::memcached).ifPresent(i -> {
            throw MemcachedRules.refused(request.operation(), id);
        });
    }

    /** Whether an instance belongs to this front-end. */
    public static boolean owns(Instance i) {
        return HuaweiActionGroup.VENDOR.equals(i.vendor());
    }
}
