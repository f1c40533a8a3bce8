package io.cachesh.emulator.tencent;

import io.cachesh.emulator.fleet.Instance;
import java.util.Set;

/**
 * The engine an instance reports after UpgradeInstanceVersion (TypeId and Redis version), UpgradeSmallVersion (Redis
 * minor version) and UpgradeProxyVersion (proxy version), and a switch waiting for the maintenance window. Kept in
 * {@code instance.extensions()} under {@link #KEY}, since {@link Instance} has no setter for its type and version.
 * Until it has one, {@link #typeId(Instance)} and {@link #version(Instance)} are the instance's effective type and
 * version (the ones this group's answers use); the instance's own {@code typeId()}/{@code version()} keep the bought
 * ones. (Proposed shared change: {@code Instance.retype(typeId, version)}, called from {@link #apply}, so that
 * DescribeInstances and every other group see the new type.)
 */
final class EngineVersions {

    static final String KEY = "engineVersion";
    /** The proxy version every instance starts with, as DescribeInstances reports it (seed's InstanceSet example). */
    static final String DEFAULT_PROXY_VERSION = "5.8.0";
    private static final Set<Integer> CLUSTER_TYPES = Set.of(4, 7, 9, 16, 18);
    private static final Set<Integer> NO_PROXY_TYPES = Set.of(2, 3, 4, 5);

    /** What was changed (null: as bought) and the switch that waits for the maintenance window (null: none). */
    record State(Integer typeId, String version, String redisVersion, String proxyVersion, Switch pending) {
        static State initial() {
            return new State(null, null, null, null, null);
        }
    }

    /**
     * A prepared upgrade: {@code kind} is {@code arch} / {@code version} (UpgradeInstanceVersion), {@code small}
     * (UpgradeSmallVersion) or {@code proxy} (UpgradeProxyVersion); only the members it changes are set.
     */
    record Switch(String kind, Integer typeId, String version, String redisVersion, String proxyVersion) {
    }

    private EngineVersions() {
    }

    static State state(Instance i) {
        return i.extensions().get(KEY, State.class, State::initial);
    }

    static int typeId(Instance i) {
        Integer t = state(i).typeId();
        return t == null ? i.typeId() : t;
    }

    static String version(Instance i) {
        String v = state(i).version();
        return v == null ? i.version() : v;
    }

    /** The Redis minor version, e.g. {@code 6.2.0} (DescribeInstances' CurrentRedisVersion). */
    static String redisVersion(Instance i) {
        String v = state(i).redisVersion();
        return v == null ? version(i) + ".0" : v;
    }

    static String proxyVersion(Instance i) {
        String v = state(i).proxyVersion();
        return v == null ? DEFAULT_PROXY_VERSION : v;
    }

    static Switch pending(Instance i) {
        return state(i).pending();
    }

    static boolean cluster(int typeId) {
        return CLUSTER_TYPES.contains(typeId);
    }

    static boolean ckv(int typeId) {
        return typeId == 3 || typeId == 4;
    }

    /** Redis 2.8 and CKV run without proxies. */
    static boolean hasProxy(int typeId) {
        return !NO_PROXY_TYPES.contains(typeId);
    }

    static void setPending(Instance i, Switch s) {
        i.extensions().update(KEY, State.class, State::initial,
                st -> new State(st.typeId(), st.version(), st.redisVersion(), st.proxyVersion(), s));
    }

    /** Makes the switch's changes the instance's engine and clears the pending switch. */
    static void apply(Instance i, Switch s) {
        if (s.typeId() != null) i.retype(s.typeId(), s.version());
        i.extensions().update(KEY, State.class, State::initial, st -> {
            Integer typeId = s.typeId() != null ? s.typeId() : st.typeId();
            String version = s.version() != null ? s.version() : st.version();
            String redis = s.redisVersion() != null ? s.redisVersion()
                    : s.version() != null ? s.version() + ".0" : st.redisVersion();
            String proxy = s.proxyVersion() != null ? s.proxyVersion() : st.proxyVersion();
            return new State(typeId, version, redis, proxy, null);
        });
    }

    /** Compares dotted versions numerically ({@code 5.10.0 > 5.9.1}); non-numeric parts compare as 0. */
    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int k = 0; k < Math.max(x.length, y.length); k++) {
            int c = Long.compare(part(x, k), part(y, k));
            if (c != 0) return c;
        }
        return 0;
    }

    private static long part(String[] parts, int k) {
        if (k >= parts.length) return 0;
        try {
            return Long.parseLong(parts[k].trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
