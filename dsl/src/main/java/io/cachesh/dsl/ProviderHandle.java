package io.cachesh.dsl;

import java.io.Serial;
import java.io.Serializable;
import java.util.function.Function;

/**
 * The provider objects of scripts ({@code tencent}, {@code huawei}, {@code capitalonline}): {@code provider huawei}
 * selects one, and its properties are raw typed access to the provider's APIs in the current region:
 * {@code tencent.redis}, {@code tencent.cmem}, {@code tencent.redisLegacy}, {@code huawei.dcs},
 * {@code capitalonline.memcached}.
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
        RawApi raw = DslVocabulary.rawApis(name).contains(api) ? apis.apply(api) : null;
        if (raw == null) {
            throw new DslException(name + ": unknown API '" + api + "' (allowed: "
                    + String.join(", ", DslVocabulary.rawApis(name)) + ")");
        }
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
