package io.cachesh.shell.daemon;

import io.cachesh.emulator.Emulator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The daemon's embedded emulator: started when the first call without credentials needs it, then shared by every
 * call until the daemon stops. It starts on a thread of its own, so its threads inherit nothing from the call that
 * happened to start it (not its streams, not its environment).
 */
final class SharedEmulator implements Supplier<Emulator>, AutoCloseable {

    private final ExecutorService starter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cachesh-daemon-emulator-start");
        t.setDaemon(true);
        return t;
    });
    private Future<Emulator> emulator;

    SharedEmulator() {
        starter.submit(() -> { }); // creates the thread now, outside any call
    }

    @Override
    public Emulator get() {
        Future<Emulator> f;
        synchronized (this) {
            if (emulator == null) {
                emulator = starter.submit(() -> {
                    Emulator e = Emulator.builder().port(0).stateDir(null).build();
                    e.start();
                    return e;
                });
            }
            f = emulator;
        }
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the embedded emulator started", e);
        } catch (ExecutionException e) {
            synchronized (this) {
                emulator = null; // the next call tries again
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** The running emulator, or null. */
    synchronized Emulator running() {
        if (emulator == null || !emulator.isDone()) return null;
        try {
            return emulator.get();
        } catch (InterruptedException | ExecutionException e) {
            return null;
        }
    }

    @Override
    public void close() {
        Emulator e = running();
        if (e != null) e.close();
        starter.shutdownNow();
    }
}
