package io.cachesh.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.core.Interceptor;
import io.cachesh.client.error.ApiException;
import io.cachesh.client.retry.RetryPolicy;
import io.cachesh.client.tencent.redis.TencentRedisClient;
import io.cachesh.dsl.CacheshSession;
import io.cachesh.dsl.DslOutput;
import io.cachesh.dsl.ProviderSettings;
import io.cachesh.dsl.result.FleetResult;
import io.cachesh.emulator.Emulator;
import io.cachesh.model.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fleet throughput under the vendor's rate limits, against an emulator in another process with throttling on
 * ({@code EmulatorMain} without {@code --no-throttling}) and client retries off, so that every throttled request
 * shows as an error:
 * <ol>
 * <li><b>resize</b>: the DSL's {@code fleet(parallel: P) { resize it, capacity: 2, wait: false }} over
 *     {@code --instances} running instances (the emulator answers UpgradeInstance at the model's limit, 20/s, so the
 *     bound is instances / 20 s); timed from the verb's start to its summary;</li>
 * <li><b>describe</b>: {@code --describes} DescribeInstances calls started at once on as many threads through one
 *     typed client (its limiter: the model's 35/s), bound describes / 35 s.</li>
 * </ol>
 * Counts {@code RequestLimitExceeded} answers seen on the wire and writes one JSON document.
 * <pre>FleetRun --endpoint URL [--instances 200] [--parallel 16] [--describes 500] [--out F]</pre>
 */
public final class FleetRun {

    public static void main(String[] args) throws Exception {
        String endpoint = null;
        int instances = 200;
        int parallel = 16;
        int describes = 500;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--endpoint" -> endpoint = args[++i];
                case "--instances" -> instances = Integer.parseInt(args[++i]);
                case "--parallel" -> parallel = Integer.parseInt(args[++i]);
                case "--describes" -> describes = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (endpoint == null) throw new IllegalArgumentException("--endpoint is required");
        var model = Models.load("tencent-redis");
        int resizeLimit = model.rateLimit(model.operation("UpgradeInstance").orElseThrow());
        int describeLimit = model.rateLimit(model.operation("DescribeInstances").orElseThrow());

        AtomicInteger throttled = new AtomicInteger();
        AtomicInteger requests = new AtomicInteger();
        Interceptor count = chain -> {
            requests.incrementAndGet();
            try {
                return chain.proceed(chain.request());
            } catch (ApiException e) {
                if ("RequestLimitExceeded".equals(e.code())) throttled.incrementAndGet();
                throw e;
            }
        };

        // the fleet, made with the typed client (10 per CreateInstances), not timed
        try (TencentRedisClient setup = TencentRedisClient.create(ClientConfig.builder()
                .credentials(Emulator.DEFAULT_CREDENTIALS).region("ap-guangzhou").endpoint(endpoint).build())) {
            EmulatorLoad.ensureFleet(setup, instances);
        }
        Thread.sleep(1500); // the setup's own calls leave the emulator's buckets full again

        ObjectNode json = new ObjectMapper().createObjectNode();
        ProviderSettings tencent = ProviderSettings.tencent(Emulator.DEFAULT_CREDENTIALS).withEndpoint(endpoint)
                .withTaskTimeout(Duration.ofSeconds(120));
        DslOutput quiet = new DslOutput() {
            @Override
            public void info(String line) {
            }

            @Override
            public void warn(String line) {
                System.err.println(line);
            }

            @Override
            public void progress(int done, int total, String label) {
            }
        };
        try (CacheshSession session = CacheshSession.builder().provider(tencent).output(quiet)
                .clientConfig(b -> b.retryPolicy(RetryPolicy.none()).addNetworkInterceptor(count)).build()) {
            session.evaluate("list()"); // class loading and the client, not timed
            Thread.sleep(1500);
            throttled.set(0);
            requests.set(0);
            long t0 = System.nanoTime();
            FleetResult r = (FleetResult) session.evaluate("fleet(parallel: " + parallel
                    + ") { resize it, capacity: 2, wait: false }");
            double seconds = (System.nanoTime() - t0) / 1e9;
            double bound = (double) instances / resizeLimit;
            json.put("instances", instances);
            json.put("parallel", parallel);
            json.put("resizeLimitPerSecond", resizeLimit);
            json.put("resizeSeconds", seconds);
            json.put("resizeBoundSeconds", bound);
            json.put("resizeRatio", seconds / bound);
            json.put("resizeOk", r.getOk());
            json.put("resizeFailed", r.getFailed());
            json.put("resizeThrottled", throttled.get());
            json.put("resizeRequests", requests.get());
            if (!r.getFailures().isEmpty()) json.put("resizeFirstFailure", r.getFailures().get(0).error());
        }

        Thread.sleep(1500);
        throttled.set(0);
        try (TencentRedisClient redis = TencentRedisClient.create(ClientConfig.builder()
                .credentials(Emulator.DEFAULT_CREDENTIALS).region("ap-guangzhou").endpoint(endpoint)
                .retryPolicy(RetryPolicy.none()).addNetworkInterceptor(count).build())) {
            redis.describeInstances(b -> b.limit(1L));
            Thread.sleep(1500);
            throttled.set(0);
            AtomicInteger failed = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int k = 0; k < describes; k++) {
                Thread t = new Thread(() -> {
                    try {
                        start.await();
                        redis.describeInstances(b -> b.limit(10L).offset(0L));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                    }
                });
                t.start();
                threads.add(t);
            }
            long t0 = System.nanoTime();
            start.countDown();
            for (Thread t : threads) t.join();
            double seconds = (System.nanoTime() - t0) / 1e9;
            json.put("describes", describes);
            json.put("describeLimitPerSecond", describeLimit);
            json.put("describeSeconds", seconds);
            json.put("describeBoundSeconds", (double) describes / describeLimit);
            json.put("describeFailed", failed.get());
            json.put("describeThrottled", throttled.get());
        }
        String text = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json);
        System.out.println(text);
        if (out != null) Files.writeString(out, text);
        System.exit(0);
    }
}
