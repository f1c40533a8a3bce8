package com.example.cachesh;

import io.cachesh.client.auth.Credentials;
import io.cachesh.embed.Cachesh;
import io.cachesh.embed.RunHandle;
import io.cachesh.embed.RunResult;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A host application running cachesh runbooks with its own credentials, parameters, log and cancellation.
 *
 * <pre>
 * TENCENTCLOUD_SECRET_ID=... TENCENTCLOUD_SECRET_KEY=... java ... com.example.cachesh.ProvisionOrders [endpoint]
 * </pre>
 * Without an endpoint it talks to Tencent Cloud; with {@code http://127.0.0.1:PORT} to a cachesh emulator
 * ({@code ./cachesh emulator --port PORT} prints its keys).
 */
public final class ProvisionOrders {

    public static void main(String[] args) {
        String endpoint = args.length > 0 ? args[0] : null;
        Supplier<Credentials> keys = () -> Credentials.of(System.getenv("TENCENTCLOUD_SECRET_ID"),
                System.getenv("TENCENTCLOUD_SECRET_KEY"));
        Path runbook = Path.of(args.length > 1 ? args[1] : "provision.groovy");
        RunResult result = provision(endpoint, keys, runbook, line -> System.out.println("[cachesh] " + line));
        System.out.println(result.succeeded() ? "provisioned: " + result.value() : "failed: " + result.error());
        System.exit(result.exitStatus());
    }

    /** Runs the runbook for the "staging" environment, deleting the instance at the end. */
    public static RunResult provision(String endpoint, Supplier<Credentials> credentials, Path runbook,
                                      Consumer<String> log) {
        Cachesh cachesh = Cachesh.builder()
                .credentials(credentials)   // asked once per run: rotated keys are picked up
                .endpoint(endpoint)         // null: the real cloud
                .output(log)                // progress lines as they happen
                .build();
        return cachesh.run(runbook, Map.of("env", "staging", "capacity", "2", "cleanup", "true"));
    }

    /**
     * DSL text, and a run cancelled while it waits: the wait ends at once and the run comes back with exit status
     * {@link RunResult#CANCELLED}. Returns the three results: count, cancelled wait, clean-up.
     */
    public static RunResult[] textAndCancellation(String endpoint, Supplier<Credentials> credentials)
            throws InterruptedException {
        CountDownLatch waiting = new CountDownLatch(1);
        Cachesh cachesh = Cachesh.builder().credentials(credentials).endpoint(endpoint)
                .output(line -> { if (line.equals("waiting")) waiting.countDown(); })
                .build();
        RunResult created = cachesh.run("create name: 'waits', spec: 'redis.ha', capacity: 1, "
                + "password: 'Waits-Pass12'; cache(tencent) { list().size() } + cache(huawei) { list().size() }",
                Map.of());

        RunHandle slow = cachesh.start("info 'waiting'; wait 'waits', status: 'isolated', timeout: '10m'", Map.of());
        if (!waiting.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("the run never started waiting");
        slow.cancel();
        RunResult cancelled = slow.result();

        RunResult cleanup = cachesh.run("delete 'waits'", Map.of());
        return new RunResult[] {created, cancelled, cleanup};
    }

    private ProvisionOrders() {
    }
}
