package io.cachesh.jenkins

/**
 * What a {@code cache { }} block collects: a default provider and region and one entry per {@code ensure}, as plain
 * Serializable data (the pipeline's program is saved at every step, so no live object may be held here). Values are
 * checked when collected, so a typo fails the build before anything runs on the agent.
 */
class DesiredState implements Serializable {

    private static final long serialVersionUID = 1L

    static final List<String> FIELDS = ['provider', 'region', 'name', 'spec', 'version', 'capacity', 'shards',
                                        'replicas', 'zone', 'tags', 'params', 'passwordEnv']

    String defaultProvider
    String defaultRegion
    List<Map> instances = []

    void provider(String name) {
        defaultProvider = name
    }

    void region(String name) {
        defaultRegion = name
    }

    void ensure(Map entry) {
        Map plain = [:]
        for (Object key : entry.keySet()) {
            String field = key as String
            if (field == 'password') {
                throw new IllegalArgumentException("cache: ensure ${entry.name}: a password is never written to the plan;" +
                        " bind it with withCredentials and name the variable: passwordEnv: 'ORDERS_PASSWORD'")
            }
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("cache: ensure: unknown field '${field}' (allowed: ${FIELDS.join(', ')})")
            }
            plain.put(field, plainValue(entry[key]))
        }
        if (!plain.name || !plain.spec) {
            throw new IllegalArgumentException("cache: ensure needs name and spec, got ${plain}")
        }
        instances.add(plain)
    }

    Map toMap() {
        Map out = [:]
        if (defaultProvider) out.provider = defaultProvider
        if (defaultRegion) out.region = defaultRegion
        out.instances = instances
        return out
    }

    /** Strings (GStrings become Strings), numbers, booleans, maps and lists of them. */
    private static Object plainValue(Object v) {
        if (v == null || v instanceof Number || v instanceof Boolean) return v
        if (v instanceof CharSequence) return v.toString()
        if (v instanceof Map) {
            Map out = [:]
            for (Object k : v.keySet()) {
                out.put(k.toString(), plainValue(v[k]))
            }
            return out
        }
        if (v instanceof List) {
            List out = []
            for (Object item : v) {
                out.add(plainValue(item))
            }
            return out
        }
        throw new IllegalArgumentException("cache: ${v.getClass().name} is not plain data (use strings, numbers, maps, lists)")
    }
}
