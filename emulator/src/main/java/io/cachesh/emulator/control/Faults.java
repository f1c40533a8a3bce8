package io.cachesh.emulator.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;

/**
 * The active fault rules, consulted by the front-ends after authentication and before validation. Thread-safe; the
 * random source is seeded so probabilistic faults repeat from run to run.
 */
public final class Faults {

    private final List<Entry> rules = new ArrayList<>();
    private final Random random;

    private static final class Entry {
        final FaultRule rule;
        int hits;

        Entry(FaultRule rule) {
            this.rule = rule;
        }
    }

    public Faults(long seed) {
        this.random = new Random(seed);
    }

    public synchronized void add(FaultRule rule) {
        rules.add(new Entry(rule));
    }

    public synchronized void clear() {
        rules.clear();
    }

    public synchronized List<FaultRule> rules() {
        return rules.stream().map(e -> e.rule).toList();
    }

    /**
     * Applies the rule that hits this call, if any: waits its latency, then throws the vendor error
     * {@code vendorError} makes of its code, or an {@link InjectedFault} when it answers for a call it does not let
     * happen (HTTP 5xx or reset before the action), or arms it ({@link ArmedFault}) when it acts on the delivery of
     * the answer or on the task of a performed call.
     */
    public void apply(String vendor, String action, Function<FaultRule, RuntimeException> vendorError) {
        Optional<FaultRule> hit = hit(vendor, action);
        if (hit.isEmpty()) return;
        FaultRule f = hit.get();
        if (!f.latency().isZero()) {
            try {
                Thread.sleep(f.latency().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (f.code() != null) throw vendorError.apply(f);
        if (f.refusesCall()) throw new InjectedFault(f);
        if (f.changesDelivery() || f.task() != null) ArmedFault.arm(f);
    }

    /** The rule that hits this call, if any; counts the hit and retires rules that are used up. */
    public synchronized Optional<FaultRule> hit(String vendor, String action) {
        for (Entry e : rules) {
            if (!e.rule.matches(vendor, action)) continue;
            if (e.rule.probability() < 1.0 && random.nextDouble() >= e.rule.probability()) continue;
            e.hits++;
            if (e.rule.times() > 0 && e.hits >= e.rule.times()) rules.remove(e);
            return Optional.of(e.rule);
        }
        return Optional.empty();
    }
}
