package io.cachesh.emulator.control;

import java.time.Duration;
import java.util.Objects;

/**
 * An injected fault (LocalStack's chaos rules, anchors.md 5.3): for matching calls, wait {@code latency}, then answer
 * {@code code} in the vendor's envelope instead of doing the call (a null code only adds latency).
 *
 * @param vendor      {@code tencent}, or null for every vendor
 * @param action      action name, or null for every action
 * @param code        vendor error code to answer, e.g. {@code RequestLimitExceeded}; null for latency only
 * @param message     error message; null for a default
 * @param times       how many calls it hits before it retires; 0 or less for no limit
 * @param probability chance (0..1] that a matching call is hit
 * @param latency     delay added before answering
 */
public record FaultRule(String vendor, String action, String code, String message, int times, double probability,
                        Duration latency) {

    public FaultRule {
        if (probability <= 0 || probability > 1) throw new IllegalArgumentException("probability not in (0,1]: " + probability);
        latency = latency == null ? Duration.ZERO : latency;
        if (latency.isNegative()) throw new IllegalArgumentException("latency < 0: " + latency);
        if (code == null && latency.isZero()) throw new IllegalArgumentException("a fault needs a code or a latency");
    }

    /** Answer {@code code} for the next {@code times} calls of {@code action}. */
    public static FaultRule error(String vendor, String action, String code, int times) {
        return new FaultRule(vendor, action, Objects.requireNonNull(code, "code == null"), null, times, 1.0, Duration.ZERO);
    }

    boolean matches(String vendor, String action) {
        return (this.vendor == null || this.vendor.equals(vendor)) && (this.action == null || this.action.equals(action));
    }
}
