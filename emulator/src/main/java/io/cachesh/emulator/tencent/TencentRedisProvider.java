package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Fleet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Tencent Redis API 3.0 (2018-04-12) over the vendor-neutral {@link Fleet}: the action table built from the groups in
 * {@link TencentActionGroups}. Each handler takes the validated input and returns the {@code Response} members
 * without {@code RequestId}; failures are {@link TencentException}s with the codes the seed lists for the action.
 */
public final class TencentRedisProvider {

    private final TencentContext context;
    private final Map<String, TencentAction> handlers;
    private final Map<String, String> groupOf = new LinkedHashMap<>();

    public TencentRedisProvider(Fleet fleet, ProductCatalog catalog) {
        this.context = new TencentContext(fleet, catalog);
        // a restarted redis-server gets the instance's parameters and its read-only mode back
        fleet.dataPlaneConfig(i -> {
            Map<String, String> config = new LinkedHashMap<>(ParamActions.redisConfig(i));
            config.putAll(ReadonlyActions.redisConfig(i));
            return config;
        });
        Map<String, TencentAction> all = new LinkedHashMap<>();
        for (var factory : TencentActionGroups.ALL) {
            TencentActionGroup group = factory.apply(context);
            Map<String, TencentAction> mine = new LinkedHashMap<>();
            group.register(mine);
            for (Map.Entry<String, TencentAction> e : mine.entrySet()) {
                String before = groupOf.putIfAbsent(e.getKey(), group.getClass().getSimpleName());
                if (before != null) {
                    throw new IllegalStateException(e.getKey() + " is registered by both " + before + " and "
                            + group.getClass().getSimpleName());
                }
                all.put(e.getKey(), e.getValue());
            }
        }
        this.handlers = Collections.unmodifiableMap(all);
    }

    public Set<String> actions() {
        return handlers.keySet();
    }

    /** Action name to the simple name of the group class that serves it. */
    public Map<String, String> groups() {
        return Collections.unmodifiableMap(groupOf);
    }

    public boolean implementsAction(String action) {
        return handlers.containsKey(action);
    }

    public ProductCatalog catalog() {
        return context.catalog();
    }

    public TencentContext context() {
        return context;
    }

    public ObjectNode handle(TencentRequest request) {
        TencentAction handler = handlers.get(request.action());
        if (handler == null) {
            throw new TencentException("UnsupportedOperation",
                    "操作不支持: the emulator does not implement " + request.action() + " yet.");
        }
        return handler.handle(request, request.params());
    }
}
