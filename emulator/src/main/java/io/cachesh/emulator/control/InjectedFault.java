package io.cachesh.emulator.control;

/**
 * Thrown by {@link Faults#apply} when a rule answers for a call that is not performed (an HTTP 5xx or a reset before
 * the action); the server turns it into that delivery instead of the vendor's answer.
 */
public final class InjectedFault extends RuntimeException {

    private final FaultRule rule;

    InjectedFault(FaultRule rule) {
        super("injected fault: " + rule.describe(), null, false, false);
        this.rule = rule;
    }

    public FaultRule rule() {
        return rule;
    }
}
