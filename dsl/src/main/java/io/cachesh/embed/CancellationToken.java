package io.cachesh.embed;

import java.util.HashSet;
import java.util.Set;

/**
 * Cancels runs of {@link Cachesh}: {@link #cancel()} interrupts the threads running scripts with this token, which
 * ends a wait (instance status, task, backoff) at once; the run then returns a {@link RunResult} with exit status
 * {@link RunResult#CANCELLED}. One token may cancel several runs; a cancelled token stays cancelled, and a run started
 * with it returns cancelled without running. Thread-safe.
 */
public final class CancellationToken {

    private final Set<Thread> running = new HashSet<>();
    private boolean cancelled;

    /** A token not yet cancelled. */
    public CancellationToken() {
    }

    /** A token that is never cancelled. */
    public static CancellationToken none() {
        return new CancellationToken();
    }

    public synchronized void cancel() {
        if (cancelled) return;
        cancelled = true;
        running.forEach(Thread::interrupt);
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Registers the current thread as running with this token; false (nothing registered) when already cancelled. */
    synchronized boolean enter() {
        if (cancelled) return false;
        running.add(Thread.currentThread());
        return true;
    }

    /** Unregisters the current thread, and clears an interrupt this token caused so it does not leak to the caller. */
    synchronized void exit() {
        running.remove(Thread.currentThread());
        if (cancelled) Thread.interrupted();
    }
}
