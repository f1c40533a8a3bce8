package io.cachesh.shell.cli;

import io.cachesh.dsl.CacheshSession;
import io.cachesh.dsl.DslOutput;
import io.cachesh.dsl.ProviderSettings;
import io.cachesh.emulator.Emulator;
import java.util.concurrent.CompletableFuture;

/**
 * Loads the DSL and Groovy's compiler on a background thread while the embedded emulator starts: a throwaway
 * session compiles and runs an empty cell (clients are created lazily, so nothing goes on the network).
 */
public final class Warmup {

    private Warmup() {
    }

    public static CompletableFuture<Void> dslInBackground() {
        return CompletableFuture.runAsync(() -> {
            try (CacheshSession s = CacheshSession.builder()
                    .provider(new ProviderSettings("tencent", Emulator.DEFAULT_CREDENTIALS, null, "http://127.0.0.1:9", null))
                    .output(DslOutput.SILENT)
                    .build()) {
                s.evaluate("null");
            } catch (RuntimeException | LinkageError ignored) {
                // only a warm-up
            }
        }, command -> {
            Thread t = new Thread(command, "cachesh-warmup");
            t.setDaemon(true);
            t.start();
        });
    }
}
