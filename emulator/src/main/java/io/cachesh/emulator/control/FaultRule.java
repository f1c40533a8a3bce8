package io.cachesh.emulator.control;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * An injected fault (LocalStack's chaos rules, anchors.md 5.3). For matching calls, after {@code latency}:
 * <ul>
 *   <li>{@code code}: answer that vendor error in the vendor's envelope instead of doing the call;</li>
 *   <li>{@code httpStatus} (500-599): answer that status with a gateway's plain body, not the vendor's envelope,
 *       before the call ({@code afterAction} false, the default) or after it was performed;</li>
 *   <li>{@code reset}: close the connection half-way through the answer (the call is performed unless
 *       {@code afterAction} is false);</li>
 *   <li>{@code slowBody}: trickle the answer over that long (the call is performed);</li>
 *   <li>{@code task}: {@code "fail"} makes the asynchronous task the call starts end FAILED without its effect (a
 *       create's instance is removed, anything else is left as it was), {@code "hang"} leaves it running forever.</li>
 * </ul>
 * A rule with only a latency delays the call, which is then performed.
 *
 * @param vendor      {@code tencent}, {@code huawei}, {@code capitalonline}, {@code tencent-redis-legacy}, ... or
 *                    null for every vendor
 * @param action      action (operation) name, or null for every action
 * @param code        vendor error code to answer, e.g. {@code RequestLimitExceeded}; null for none
 * @param message     error message; null for a default
 * @param times       how many calls it hits before it retires; 0 or less for no limit
 * @param probability chance (0..1] that a matching call is hit
 * @param latency     delay added before anything else
 * @param httpStatus  HTTP 5xx to answer instead of the vendor's answer; 0 for none
 * @param reset       drop the connection mid-answer
 * @param slowBody    time over which the answer's body is trickled; zero for none
 * @param afterAction whether the call is performed before an {@code httpStatus} or {@code reset} fault hits
 * @param task        {@code fail}, {@code hang} or null
 */
public record FaultRule(String vendor, String action, String code, String message, int times, double probability,
                        Duration latency, int httpStatus, boolean reset, Duration slowBody, boolean afterAction,
                        String task) {

    public static final String TASK_FAIL = "fail";
    public static final String TASK_HANG = "hang";

    public FaultRule {
        if (probability <= 0 || probability > 1) throw new IllegalArgumentException("probability not in (0,1]: " + probability);
        latency = latency == null ? Duration.ZERO : latency;
        slowBody = slowBody == null ? Duration.ZERO : slowBody;
        if (latency.isNegative()) throw new IllegalArgumentException("latency < 0: " + latency);
        if (slowBody.isNegative()) throw new IllegalArgumentException("slowBody < 0: " + slowBody);
        if (httpStatus != 0 && (httpStatus < 500 || httpStatus > 599)) {
            throw new IllegalArgumentException("httpStatus must be 500-599 (or 0 for none): " + httpStatus);
        }
        if (task != null) {
            task = task.toLowerCase(Locale.ROOT);
            if (!task.equals(TASK_FAIL) && !task.equals(TASK_HANG)) {
                throw new IllegalArgumentException("task must be fail or hang: " + task);
            }
        }
        int answers = (code != null ? 1 : 0) + (httpStatus != 0 ? 1 : 0) + (reset ? 1 : 0) + (!slowBody.isZero() ? 1 : 0);
        if (answers > 1) throw new IllegalArgumentException("a fault takes one of code, httpStatus, reset, slowBodyMs");
        if (code != null && task != null) throw new IllegalArgumentException("a vendor error code performs nothing, so no task can fail or hang");
        if (answers == 0 && task == null && latency.isZero()) {
            throw new IllegalArgumentException("a fault needs one of code, httpStatus, reset, slowBodyMs, task or latencyMs");
        }
    }

    /** A vendor error or a latency (the original form). */
    public FaultRule(String vendor, String action, String code, String message, int times, double probability,
                     Duration latency) {
        this(vendor, action, code, message, times, probability, latency, 0, false, Duration.ZERO, false, null);
    }

    /** Answer {@code code} for the next {@code times} calls of {@code action}. */
    public static FaultRule error(String vendor, String action, String code, int times) {
        return new FaultRule(vendor, action, Objects.requireNonNull(code, "code == null"), null, times, 1.0, Duration.ZERO);
    }

    /** Answer HTTP {@code status} (a gateway's body) for the next {@code times} calls, after performing them or not. */
    public static FaultRule httpStatus(String vendor, String action, int status, boolean afterAction, int times) {
        return new FaultRule(vendor, action, null, null, times, 1.0, Duration.ZERO, status, false, Duration.ZERO, afterAction, null);
    }

    /** Perform the next {@code times} calls (or not) and drop the connection half-way through the answer. */
    public static FaultRule reset(String vendor, String action, boolean afterAction, int times) {
        return new FaultRule(vendor, action, null, null, times, 1.0, Duration.ZERO, 0, true, Duration.ZERO, afterAction, null);
    }

    /** Perform the next {@code times} calls and trickle their answers over {@code over}. */
    public static FaultRule slowBody(String vendor, String action, Duration over, int times) {
        return new FaultRule(vendor, action, null, null, times, 1.0, Duration.ZERO, 0, false, over, true, null);
    }

    /** Perform the next {@code times} calls, but make the task each starts {@code fail} or {@code hang}. */
    public static FaultRule task(String vendor, String action, String outcome, int times) {
        return new FaultRule(vendor, action, null, null, times, 1.0, Duration.ZERO, 0, false, Duration.ZERO, true, outcome);
    }

    /** Whether the call is refused before it is performed (the rule answers for it). */
    boolean refusesCall() {
        return code != null || ((httpStatus != 0 || reset) && !afterAction);
    }

    /** Whether the rule changes how the answer is delivered (status, reset, trickle). */
    public boolean changesDelivery() {
        return httpStatus != 0 || reset || !slowBody.isZero();
    }

    boolean matches(String vendor, String action) {
        return (this.vendor == null || this.vendor.equals(vendor)) && (this.action == null || this.action.equals(action));
    }

    /** One line for listings: {@code tencent CreateInstances: reset after the action, 1 time}. */
    public String describe() {
        StringBuilder s = new StringBuilder(vendor == null ? "any vendor" : vendor).append(' ')
                .append(action == null ? "any action" : action).append(':');
        if (!latency.isZero()) s.append(" +").append(latency.toMillis()).append(" ms");
        if (code != null) s.append(" error ").append(code);
        if (httpStatus != 0) s.append(" HTTP ").append(httpStatus).append(afterAction ? " after the action" : " before the action");
        if (reset) s.append(" reset mid-answer").append(afterAction ? " after the action" : " before the action");
        if (!slowBody.isZero()) s.append(" body trickled over ").append(slowBody.toMillis()).append(" ms");
        if (task != null) s.append(" task ").append(task.equals(TASK_FAIL) ? "fails" : "hangs");
        s.append(", ").append(times > 0 ? times + (times == 1 ? " time" : " times") : "every time");
        if (probability < 1) s.append(", probability ").append(probability);
        return s.toString();
    }
}
