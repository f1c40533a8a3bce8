package io.cachesh.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.client.auth.Credentials;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.retry.RetryPolicy;
import io.cachesh.client.tencent.redis.TencentRedisClient;
import io.cachesh.emulator.Emulator;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator for the emulator's throughput figure, run in its own JVM against an emulator in another process
 * ({@code EmulatorMain --no-throttling}, signature verification on): makes sure the fleet has {@code --instances}
 * running instances, then N threads of cachesh's own client call DescribeInstances(Limit = that many) back to back,
 * closed loop, for a warm-up and then a measured period. Writes calls/s, latency percentiles (from every call's
 * latency), errors, and the CPU the emulator process ({@code --server-pid}, from /proc) and this process used per call.
 * <pre>EmulatorLoad --endpoint URL [--threads 8] [--warmup 8] [--duration 15] [--instances 20] [--server-pid PID] [--out F]</pre>
 */
public final class EmulatorLoad {

    public static void main(String[] args) throws Exception {
        String endpoint = null;
        int threads = 8;
        int warmup = 8;
        int duration = 15;
        int instances = 20;
        long serverPid = -1;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--endpoint" -> endpoint = args[++i];
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--duration" -> duration = Integer.parseInt(args[++i]);
                case "--instances" -> instances = Integer.parseInt(args[++i]);
                case "--server-pid" -> serverPid = Long.parseLong(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (endpoint == null) throw new IllegalArgumentException("--endpoint is required");
        Credentials credentials = Emulator.DEFAULT_CREDENTIALS;
        ClientConfig config = ClientConfig.builder().credentials(credentials).region("ap-guangzhou").endpoint(endpoint)
                .rateLimiting(false).retryPolicy(RetryPolicy.none()).build();
        long limit = instances;
        try (TencentRedisClient redis = TencentRedisClient.create(config)) {
            ensureFleet(redis, instances);

            // warm-up, then the measured run
            run(redis, threads, Duration.ofSeconds(warmup), limit, null);
            long serverCpu0 = processCpuNanos(serverPid);
            long selfCpu0 = selfCpuNanos();
            Result r = run(redis, threads, Duration.ofSeconds(duration), limit, null);
            long serverCpu = processCpuNanos(serverPid) - serverCpu0;
            long selfCpu = selfCpuNanos() - selfCpu0;

            ObjectNode json = new ObjectMapper().createObjectNode();
            json.put("threads", threads);
            json.put("instances", instances);
            json.put("seconds", r.seconds);
            json.put("calls", r.calls);
            json.put("errors", r.errors);
            json.put("callsPerSecond", r.calls / r.seconds);
            json.put("p50Micros", r.percentile(0.50) / 1000.0);
            json.put("p90Micros", r.percentile(0.90) / 1000.0);
            json.put("p99Micros", r.percentile(0.99) / 1000.0);
            json.put("p999Micros", r.percentile(0.999) / 1000.0);
            json.put("maxMicros", r.percentile(1.0) / 1000.0);
            if (serverPid > 0 && r.calls > 0) json.put("serverCpuMicrosPerCall", serverCpu / 1000.0 / r.calls);
            if (r.calls > 0) json.put("loadGeneratorCpuMicrosPerCall", selfCpu / 1000.0 / r.calls);
            if (r.firstError != null) json.put("firstError", r.firstError);
            String text = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json);
            System.out.println(text);
            if (out != null) Files.writeString(out, text);
        }
        System.exit(0);
    }

    static void ensureFleet(TencentRedisClient redis, int instances) throws InterruptedException {
        long have = redis.describeInstances(b -> b.limit(1L)).totalCount();
        while (have < instances) {
            long missing = Math.min(10, instances - have);   // at most 10 per call for postpaid
            have += missing;
            redis.createInstances(b -> b.typeId(6L).memSize(1024L).goodsNum(missing).period(1L).billingMode(0L)
                    .zoneId(100003L).password("Bench-Passw0rd").instanceName("bench").vpcId("vpc-bench01")
                    .subnetId("subnet-bench01"));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            var page = redis.describeInstances(b -> b.limit((long) instances).offset(0L));
            if (page.instanceSet().size() == instances
                    && page.instanceSet().stream().allMatch(s -> Long.valueOf(2).equals(s.status()))) return;
            if (System.nanoTime() > deadline) throw new IllegalStateException("the fleet did not reach " + instances + " running instances");
            Thread.sleep(100);
        }
    }

    static final class Result {
        double seconds;
        long calls;
        long errors;
        String firstError;
        long[] latencies = new long[0];

        long percentile(double p) {
            if (latencies.length == 0) return 0;
            int index = (int) Math.min(latencies.length - 1, Math.max(0, Math.ceil(p * latencies.length) - 1));
            return latencies[index];
        }
    }

    static Result run(TencentRedisClient redis, int threads, Duration duration, long limit, Object unused) throws InterruptedException {
        List<long[]> perThread = new ArrayList<>();
        long[] counts = new long[threads];
        AtomicLong errors = new AtomicLong();
        String[] firstError = new String[1];
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        long[] window = new long[2];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long[] lat = new long[1 << 20];
            perThread.add(lat);
            int me = t;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    long end = window[1];
                    int n = 0;
                    long[] mine = lat;
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= end) break;
                        try {
                            redis.describeInstances(b -> b.limit(limit).offset(0L));
                        } catch (RuntimeException e) {
                            errors.incrementAndGet();
                            synchronized (firstError) {
                                if (firstError[0] == null) firstError[0] = e.toString();
                            }
                            continue;
                        }
                        long t1 = System.nanoTime();
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, mine.length * 2);
                            perThread.set(me, mine);
                        }
                        mine[n++] = t1 - t0;
                    }
                    counts[me] = n;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }, "load-" + t);
            workers.add(worker);
            worker.start();
        }
        window[0] = System.nanoTime();
        window[1] = window[0] + duration.toNanos();
        start.countDown();
        done.await();
        long finished = System.nanoTime();
        Result r = new Result();
        r.seconds = (finished - window[0]) / 1e9;
        long total = 0;
        for (long c : counts) total += c;
        long[] all = new long[(int) total];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(perThread.get(t), 0, all, at, (int) counts[t]);
            at += (int) counts[t];
        }
        Arrays.sort(all);
        r.latencies = all;
        r.calls = total;
        r.errors = errors.get();
        r.firstError = firstError[0];
        return r;
    }

    /** utime + stime of a process, from /proc/PID/stat (Linux), in ns; -1 when unknown. */
    static long processCpuNanos(long pid) {
        if (pid <= 0) return 0;
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);   // utime, stime (fields 14, 15)
            return ticks * 10_000_000L;   // USER_HZ = 100
        } catch (Exception e) {
            return 0;
        }
    }

    static long selfCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
