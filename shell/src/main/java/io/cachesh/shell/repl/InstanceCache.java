package io.cachesh.shell.repl;

import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.tencent.redis.TencentRedisClient;
import io.cachesh.client.tencent.redis.model.DescribeInstancesRequest;
import io.cachesh.client.tencent.redis.model.DescribeProductInfoRequest;
import io.cachesh.client.tencent.redis.model.InstanceSet;
import io.cachesh.client.tencent.redis.model.RegionConf;
import io.cachesh.client.tencent.redis.model.ZoneCapacityConf;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Instance names and ids, and zones, of the current provider for completion: fetched with the typed client on a
 * background thread and cached. Reading never blocks TAB: it returns what the last refresh found and, when that is
 * stale, starts another refresh.
 */
public final class InstanceCache implements AutoCloseable {

    static final Duration STALE_AFTER = Duration.ofSeconds(20);
    /** Names and ids kept: those of 2,500 instances (500 left most of a 1,000-instance fleet out of completion). */
    private static final int MAX_REFS = 5_000;

    /** Fetches instance references and zones for a client configuration (the provider's API; fakes in tests). */
    @FunctionalInterface
    public interface Fetcher {
        Snapshot fetch(ClientConfig config) throws Exception;
    }

    /** What one refresh found. */
    public record Snapshot(List<String> instances, List<String> zones) {
        public Snapshot {
            instances = List.copyOf(instances);
            zones = List.copyOf(zones);
        }
    }

    private final Supplier<Optional<ClientConfig>> config;
    private final Supplier<String> provider;
    private final Fetcher fetcher;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cachesh-completion-refresh");
        t.setDaemon(true);
        return t;
    });
    private volatile Snapshot snapshot = new Snapshot(List.of(), List.of());
    private volatile long refreshedAt = Long.MIN_VALUE / 2;
    private volatile ClientConfig refreshedFor;

    public InstanceCache(Supplier<Optional<ClientConfig>> config, Supplier<String> provider) {
        this(config, provider, InstanceCache::tencent);
    }

    public InstanceCache(Supplier<Optional<ClientConfig>> config, Supplier<String> provider, Fetcher fetcher) {
        this.config = Objects.requireNonNull(config, "config == null");
        this.provider = Objects.requireNonNull(provider, "provider == null");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher == null");
    }

    /** Names and ids found by the last refresh (never waits); starts a refresh when they are stale. */
    public Collection<String> instances() {
        refreshIfStale();
        return snapshot.instances();
    }

    /** Zones of the region, found by the last refresh (never waits). */
    public Collection<String> zones() {
        refreshIfStale();
        return snapshot.zones();
    }

    private void refreshIfStale() {
        Optional<ClientConfig> c = safeConfig();
        if (c.isEmpty()) return;
        if (c.get() != refreshedFor || System.nanoTime() - refreshedAt > STALE_AFTER.toNanos()) refreshInBackground();
    }

    /** After a cell (it may have created or deleted instances): a refresh unless the last one is under 2 s old. */
    public void refreshAfterCell() {
        if (System.nanoTime() - refreshedAt > Duration.ofSeconds(2).toNanos()) refreshInBackground();
    }

    /** Starts a refresh on the background thread unless one is running; returns at once. */
    public void refreshInBackground() {
        Optional<ClientConfig> c = safeConfig();
        if (c.isEmpty() || !"tencent".equals(provider.get())) return;
        if (!refreshing.compareAndSet(false, true)) return;
        try {
            executor.execute(() -> {
                try {
                    snapshot = fetcher.fetch(c.get());
                } catch (Exception | LinkageError e) {
                    // completion works from what it had
                } finally {
                    refreshedFor = c.get();
                    refreshedAt = System.nanoTime();
                    refreshing.set(false);
                }
            });
        } catch (RuntimeException rejected) {
            refreshing.set(false);
        }
    }

    private Optional<ClientConfig> safeConfig() {
        try {
            return config.get();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static Snapshot tencent(ClientConfig config) throws Exception {
        try (TencentRedisClient client = TencentRedisClient.create(config)) {
            Set<String> refs = new LinkedHashSet<>();
            for (InstanceSet i : client.describeInstancesIterable(DescribeInstancesRequest.builder().limit(100L).build())) {
                if (i.instanceName() != null && !i.instanceName().isBlank()) refs.add(i.instanceName());
                if (i.instanceId() != null) refs.add(i.instanceId());
                if (refs.size() >= MAX_REFS) break;
            }
            List<String> zones = new ArrayList<>();
            try {
                var product = client.describeProductInfo(DescribeProductInfoRequest.builder().build());
                if (product.regionSet() != null) {
                    for (RegionConf r : product.regionSet()) {
                        if (r.zoneSet() == null || (config.region() != null && !config.region().equals(r.regionId()))) continue;
                        for (ZoneCapacityConf z : r.zoneSet()) if (z.zoneId() != null) zones.add(z.zoneId());
                    }
                }
            } catch (RuntimeException e) {
                // zones are a nicety
            }
            return new Snapshot(List.copyOf(refs), zones);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
