package io.cachesh.emulator.tencent;

import io.cachesh.emulator.fleet.Fleet;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every {@link TencentActionGroup} shares: the fleet (instances, tasks, backups and their redis-servers), the
 * product catalog, the clock and the emulator-wide Tencent-only state (orders). State that only one group needs
 * belongs in that group; state two groups need goes here (or on {@link io.cachesh.emulator.fleet.Instance}, which
 * is persisted).
 */
public final class TencentContext {

    /** An order: what CreateInstances, UpgradeInstance, RenewInstance and DestroyPrepaidInstance return as DealId. */
    public record Deal(String dealId, List<String> instanceIds, int zoneId, Instant created) {
    }

    private final Fleet fleet;
    private final ProductCatalog catalog;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong deals = new AtomicLong(6_950_000 + new SecureRandom().nextInt(10_000));
    private final Map<String, Deal> dealsById = new ConcurrentHashMap<>();

    public TencentContext(Fleet fleet, ProductCatalog catalog) {
        this.fleet = Objects.requireNonNull(fleet, "fleet == null");
        this.catalog = Objects.requireNonNull(catalog, "catalog == null");
    }

    public Fleet fleet() {
        return fleet;
    }

    public ProductCatalog catalog() {
        return catalog;
    }

    /** The emulator's clock (fixed in some tests): use it for every resource time. */
    public Clock clock() {
        return fleet.clock();
    }

    public SecureRandom random() {
        return random;
    }

    /** Records an order for {@code instanceIds}; {@code dealId} null draws a new numeric id. */
    public String deal(List<String> instanceIds, int zoneId, String dealId) {
        String id = dealId != null ? dealId : Long.toString(deals.incrementAndGet());
        dealsById.put(id, new Deal(id, List.copyOf(instanceIds), zoneId, clock().instant()));
        return id;
    }

    public Optional<Deal> findDeal(String dealId) {
        return Optional.ofNullable(dealsById.get(dealId));
    }
}
