package io.cachesh.emulator.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

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
