package io.cachesh.dsl;

import io.cachesh.client.core.Waiter;
import io.cachesh.client.core.WaiterTimeoutException;
import io.cachesh.dsl.result.Instance;
import io.cachesh.dsl.result.InstanceStatus;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls an instance until a condition holds (or until it is gone), printing a progress line at each status change,
 * for adapters whose vendor has no waiter of its own for the condition. A timeout names the instance and its last
 * status ({@link DslTimeoutException}).
 */
public final class Polling {

    private Polling() {
    }

    /**
     * @param done null to wait until {@code find} returns empty (deleted)
     */
    public static Optional<Instance> poll(String verb, String label, Supplier<Optional<Instance>> find,
                                          Predicate<Instance> done, String target, Duration timeout,
                                          Duration interval, DslOutput output) {
        String[] last = {null};
        try {
            return Waiter.<Optional<Instance>>builder()
                    .description(label + " to be " + target)
                    .successWhen(o -> done == null ? o.isEmpty() : o.isPresent() && done.test(o.get()))
                    .failWhen(o -> done != null && o.isEmpty(), o -> new DslException(verb + ": " + label
                            + " no longer exists (waiting for it to be " + target + ")"))
                    .timeout(timeout)
                    .interval(interval)
                    .progress((attempt, elapsed, o) -> {
                        boolean ok = done == null ? o.isEmpty() : o.isPresent() && done.test(o.get());
                        String now = o.map(Instance::getStatus).orElse(InstanceStatus.DELETED);
                        if (ok) {
                            output.info(verb + " " + label + ": " + (done == null ? InstanceStatus.DELETED : now)
                                    + " after " + seconds(elapsed));
                        } else if (!now.equals(last[0])) {
                            output.info(verb + " " + label + ": " + now);
                        }
                        last[0] = now;
                    })
                    .build()
                    .run(find::get);
        } catch (WaiterTimeoutException e) {
            throw new DslTimeoutException(verb + ": timed out after " + format(timeout) + " waiting for " + label
                    + " to be " + target + "; last status " + last[0]);
        }
    }

    /**
     * The progress lines of a vendor waiter (one per status change, the elapsed time on reaching the target) and its
     * timeout message naming the last status seen; the vendor part is only how a poll's state reads as a status.
     */
    public static final class Progress {
        private final String verb;
        private final String label;
        private final DslOutput output;
        private String last;

        public Progress(String verb, String label, DslOutput output) {
            this.verb = verb;
            this.label = label;
            this.output = output;
        }

        /** Prints {@code now} when it differs from the last status; {@code reached} adds the time it took. */
        public void saw(String now, boolean reached, Duration elapsed) {
            if (!now.equals(last)) output.info(verb + " " + label + ": " + now + (reached ? " after " + seconds(elapsed) : ""));
            last = now;
        }

        public DslTimeoutException timedOut(Duration timeout, String target) {
            return new DslTimeoutException(verb + ": timed out after " + format(timeout) + " waiting for " + label
                    + " to be " + target + "; last status " + last);
        }
    }

    public static String seconds(Duration elapsed) {
        return String.format(Locale.ROOT, "%.1fs", elapsed.toMillis() / 1000.0);
    }

    /** {@code 5m}, {@code 90s}, {@code 1h30m}. */
    public static String format(Duration d) {
        long s = d.getSeconds();
        if (s == 0) return d.toMillis() + "ms";
        StringBuilder sb = new StringBuilder();
        if (s >= 3600) sb.append(s / 3600).append('h');
        if (s % 3600 >= 60) sb.append(s % 3600 / 60).append('m');
        if (s % 60 > 0) sb.append(s % 60).append('s');
        return sb.toString();
    }

    /** {@code orders (id)} or the id alone. */
    public static String label(Instance i) {
        return i.getName() == null || i.getName().isEmpty() ? i.getId() : i.getName() + " (" + i.getId() + ")";
    }
}
