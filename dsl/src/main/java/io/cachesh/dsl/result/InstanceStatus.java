package io.cachesh.dsl.result;

import java.util.List;

/** Provider-neutral instance states (lower-case strings, as shown and as accepted by {@code wait status:}). */
public final class InstanceStatus {

    public static final String CREATING = "creating";
    public static final String RUNNING = "running";
    /** A change (resize, password, clear, backup...) is in progress. */
    public static final String CHANGING = "changing";
    /** Stopped and in the recycle bin; can be restored or purged. */
    public static final String ISOLATED = "isolated";
    public static final String DELETING = "deleting";
    /** No longer exists (only as a {@code wait} target). */
    public static final String DELETED = "deleted";
    /** Placeholder returned by mutating verbs in dry-run mode. */
    public static final String DRY_RUN = "dry-run";
    public static final String UNKNOWN = "unknown";

    /** The states a user can filter or wait on. */
    public static final List<String> ALL = List.of(CREATING, RUNNING, CHANGING, ISOLATED, DELETING, DELETED);

    private InstanceStatus() {
    }
}
