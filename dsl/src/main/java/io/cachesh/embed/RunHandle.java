package io.cachesh.embed;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A run started in the background by {@link Cachesh#start}: {@link #cancel()} interrupts it (its waits end at once),
 * {@link #result()} waits for its {@link RunResult}. The future never completes exceptionally: failures and
 * cancellation are results.
 */
public final class RunHandle {

    private final CancellationToken token;
    private final CompletableFuture<RunResult> future;

    RunHandle(CancellationToken token, CompletableFuture<RunResult> future) {
        this.token = token;
        this.future = future;
    }

    public void cancel() {
        token.cancel();
    }

    public boolean isDone() {
        return future.isDone();
    }

    /** Waits for the result. */
    public RunResult result() {
        return future.join();
    }

    /** Waits at most {@code timeout} for the result. */
    public RunResult result(long timeout, TimeUnit unit) throws TimeoutException {
        try {
            return future.get(timeout, unit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a cachesh run", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The result as a future (for composing); cancelling the future does not stop the run: use {@link #cancel()}. */
    public CompletableFuture<RunResult> future() {
        return future.thenApply(r -> r);
    }
}
