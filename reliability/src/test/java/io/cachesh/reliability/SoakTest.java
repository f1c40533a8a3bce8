package io.cachesh.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.tencent.redis.TencentRedisClient;
import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.control.FaultRule;
import io.cachesh.reliability.support.TestEmulators;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 8 client threads x {@code soak.minutes} (default 10) of mixed operations against the emulator with faults on. Only
 * with {@code -Preliability-soak}. Asserts no deadlock, no leaked threads, fds or redis-server processes, a flat heap;
 * writes the figures to {@code reliability/target/soak.txt}.
 */
@Tag("soak")
class SoakTest {

    static long fds() throws Exception {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    static long redisChildren() {
        return ProcessHandle.current().descendants()
                .filter(SoakTest::isRedisServer).count();
    }

    /**
     * By the kernel's command line: redis-server renames itself "redis-server 127.0.0.1:port", and its binary may be a
     * link to redis-check-rdb, so {@code info().command()} does not name it.
     */
    static boolean isRedisServer(ProcessHandle p) {
        try {
            String cmdline = Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
            return cmdline.startsWith("redis-server") || cmdline.contains("/redis-server");
        } catch (Exception e) {
            return false;
        }
    }

    static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void eightThreadsOfMixedOperationsWithFaults() throws Exception {
        double minutes = Double.parseDouble(System.getProperty("soak.minutes", "10"));
        long threadsBefore = Thread.activeCount();
        long fdsBefore = fds();
        long redisBefore = redisChildren();
        long heapStart;
        AtomicLong calls = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong creates = new AtomicLong();
        AtomicLong deletes = new AtomicLong();
        List<Long> heapSamples = new ArrayList<>();
        long start = System.nanoTime();
        try (Emulator emulator = TestEmulators.start(false)) {
            emulator.faults().add(new FaultRule("tencent", null, "InternalError", null, 0, 0.03, Duration.ZERO));
            emulator.faults().add(new FaultRule("tencent", null, "RequestLimitExceeded", null, 0, 0.03, Duration.ZERO));
            emulator.faults().add(new FaultRule("tencent", "DescribeInstances", null, null, 0, 0.02, Duration.ofMillis(300)));
            // the delivery and task faults: a dropped answer, a gateway 503, a trickled body, failing and hanging tasks
            emulator.faults().add(new FaultRule("tencent", "CreateInstances", null, null, 0, 0.02, Duration.ZERO, 0, true, Duration.ZERO, true, null));
            emulator.faults().add(new FaultRule("tencent", null, null, null, 0, 0.01, Duration.ZERO, 503, false, Duration.ZERO, false, null));
            emulator.faults().add(new FaultRule("tencent", "DescribeTaskList", null, null, 0, 0.05, Duration.ZERO, 0, false, Duration.ofMillis(500), true, null));
            emulator.faults().add(new FaultRule("tencent", "CreateInstances", null, null, 0, 0.03, Duration.ZERO, 0, false, Duration.ZERO, true, FaultRule.TASK_FAIL));
            emulator.faults().add(new FaultRule("tencent", "DestroyPostpaidInstance", null, null, 0, 0.02, Duration.ZERO, 0, false, Duration.ZERO, true, FaultRule.TASK_HANG));
            ClientConfig config = TestEmulators.tencent(emulator).toBuilder().readTimeout(Duration.ofSeconds(5)).build();
            heapStart = heapAfterGc();
            long deadline = System.nanoTime() + (long) (minutes * 60e9);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int worker = t;
                futures.add(pool.submit(() -> {
                    Random random = new Random(worker);
                    try (TencentRedisClient redis = TencentRedisClient.create(config)) {
                        List<String> mine = new ArrayList<>();
                        while (System.nanoTime() < deadline) {
                            calls.incrementAndGet();
                            try {
                                int op = random.nextInt(10);
                                if (op < 6 || mine.size() >= 2 && op < 8) {
                                    redis.describeInstances(r -> r.limit(20L));
                                } else if (op < 8) {
                                    var created = redis.createInstances(r -> r.typeId(2L).memSize(1024L).goodsNum(1L)
                                            .period(1L).billingMode(0L).password("Soak-Pass1")
                                            .instanceName("soak-" + worker + "-" + random.nextInt(1000)));
                                    mine.addAll(created.instanceIds());
                                    creates.incrementAndGet();
                                } else if (!mine.isEmpty()) {
                                    // kept until destroyed, so instances still locked in their creation go later
                                    String id = mine.remove(0);
                                    try {
                                        redis.destroyPostpaidInstance(r -> r.instanceId(id));
                                        deletes.incrementAndGet();
                                    } catch (io.cachesh.client.error.ApiException e) {
                                        // gone (its creation task failed) or isolated: forget it; busy: try it later
                                        if (e.code() != null && e.code().contains("Locked")) mine.add(id);
                                        throw e;
                                    }
                                } else {
                                    redis.describeTaskList(r -> r.limit(10L));
                                }
                            } catch (RuntimeException e) {
                                errors.incrementAndGet();
                            }
                        }
                    }
                }));
            }
            long sampleEvery = Math.max(5_000, (long) (minutes * 60_000 / 10));
            while (System.nanoTime() < deadline) {
                Thread.sleep(Math.min(sampleEvery, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
                heapSamples.add(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).as("no deadlock: workers stop").isTrue();
            for (Future<?> f : futures) f.get(1, TimeUnit.SECONDS);
        }
        Thread.sleep(2000);
        long heapEnd = heapAfterGc();
        long threadsAfter = Thread.activeCount();
        long fdsAfter = fds();
        long redisAfter = redisChildren();
        double seconds = (System.nanoTime() - start) / 1e9;
        String report = String.format("""
                soak: 8 threads x %.1f min (%.0f s), faults: 3%% InternalError, 3%% RequestLimitExceeded, 1%% HTTP 503 (all actions); 2%% +300 ms on DescribeInstances; 2%% reset after the action and 3%% failing task on CreateInstances; 5%% body trickled over 500 ms on DescribeTaskList; 2%% hanging task on DestroyPostpaidInstance
                calls: %d (%.0f/s), errors seen by clients: %d, creates: %d, deletes: %d
                heap after GC: start %.1f MB, end %.1f MB (samples during run, MB: %s)
                threads: before %d, after %d
                open fds (/proc/self/fd): before %d, after %d
                redis-server children: before %d, after %d
                """, minutes, seconds, calls.get(), calls.get() / seconds, errors.get(), creates.get(), deletes.get(),
                heapStart / 1e6, heapEnd / 1e6, heapSamples.stream().map(h -> String.format("%.0f", h / 1e6)).toList(),
                threadsBefore, threadsAfter, fdsBefore, fdsAfter, redisBefore, redisAfter);
        System.out.println(report);
        Path target = Path.of(System.getProperty("reliability.target", "target"));
        Files.createDirectories(target);
        Files.writeString(target.resolve("soak.txt"), report);
        assertThat(redisAfter).as("redis-server processes left").isEqualTo(redisBefore);
        assertThat(threadsAfter).as("threads").isLessThanOrEqualTo(threadsBefore + 12);   // OkHttp's shared pool threads idle out later
        assertThat(fdsAfter).as("fds").isLessThanOrEqualTo(fdsBefore + 40);
        assertThat(heapEnd).as("heap flat").isLessThan(heapStart + 64L * 1024 * 1024);
    }
}
