package io.cachesh.emulator.control;

import java.util.Optional;

/**
 * The fault rule hitting the request the current worker thread serves, when it acts after the call was performed:
 * the server reads it to break the delivery of the answer, the fleet to fail or hang the task the call starts. A
 * request is served by one thread from start to end, so a thread-local carries it; the server clears it per request.
 */
public final class ArmedFault {

    private static final ThreadLocal<FaultRule> CURRENT = new ThreadLocal<>();

    private ArmedFault() {
    }

    static void arm(FaultRule rule) {
        CURRENT.set(rule);
    }

    /** The armed rule of this request, if any (not cleared). */
    public static Optional<FaultRule> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The armed rule of this request, cleared. */
    public static Optional<FaultRule> take() {
        FaultRule r = CURRENT.get();
        CURRENT.remove();
        return Optional.ofNullable(r);
    }
}
