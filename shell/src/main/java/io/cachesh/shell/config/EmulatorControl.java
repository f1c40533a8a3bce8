package io.cachesh.shell.config;

import java.util.Optional;

/** The embedded emulator as {@code %emulator start|stop|status} sees it. */
public interface EmulatorControl {

    /** What {@code %emulator status} shows. */
    record Status(String endpoint, int instances, int redisProcesses, String dataPlane) {
    }

    /** Starts it (if it is not running) and makes new sessions use it; returns its endpoint. */
    String startEmulator();

    /**
     * Stops it and every redis process it started; returns how many redis processes were stopped, or -1 when it was
     * not running.
     */
    int stopEmulator();

    /** Its state, empty when it is not running. */
    Optional<Status> emulatorStatus();

    /** True when sessions go to the embedded emulator (no credentials, or {@code %emulator start}). */
    boolean usesEmulator();

    /** True when sessions can open on {@code provider}: the emulator serves every provider, the vendor those configured. */
    default boolean canServe(String provider) {
        return true;
    }

    /** The running emulator's fault rules ({@code %emulator faults}), empty when it is not running. */
    default Optional<io.cachesh.emulator.control.Faults> emulatorFaults() {
        return Optional.empty();
    }
}
