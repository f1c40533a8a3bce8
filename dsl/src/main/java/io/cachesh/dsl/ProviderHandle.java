package io.cachesh.dsl;

import java.io.Serial;
import java.io.Serializable;
import java.util.function.Function;

/**
 * The {@code tencent} object of scripts: {@code provider tencent} selects it, {@code tencent.redis} is raw typed
 * access to the Tencent Redis API in the current region.
 */
public final class ProviderHandle implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String name;
    private final transient Function<String, RawApi> apis;

    ProviderHandle(String name, Function<String, RawApi> apis) {
        this.name = name;
        this.apis = apis;
    }

    public String getName() {
        return name;
    }

    /** {@code tencent.redis}: raw typed access to the TencentDB for Redis API. */
    public RawApi getRedis() {
        return api("redis");
    }

    public RawApi api(String api) {
        if (apis == null) throw new DslException(name + ": not connected (deserialized handle)");
        RawApi raw = apis.apply(api);
        if (raw == null) throw new DslException(name + ": unknown API '" + api + "' (allowed: redis)");
        return raw;
    }

    public Object propertyMissing(String api) {
        return api(api);
    }

    @Override
    public String toString() {
        return name;
    }
}
