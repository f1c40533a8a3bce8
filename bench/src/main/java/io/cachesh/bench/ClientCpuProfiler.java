package io.cachesh.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Client-thread cost per operation, for {@code -prof io.cachesh.bench.ClientCpuProfiler}: the CPU time
 * ({@code ThreadMXBean.getThreadCpuTime}) and the bytes allocated ({@code getThreadAllocatedBytes}) by the JMH worker
 * threads (the threads that make the calls) over each iteration, divided by every operation the iteration ran.
 * Reported as {@code ·cpu.client.norm} (ns/op) and {@code ·alloc.client.norm} (B/op). Unlike {@code -prof gc}'s
 * {@code gc.alloc.rate.norm} (every thread of the JVM), this leaves out background threads such as OkHttp's pool
 * cleaner and JMH's own.
 */
public final class ClientCpuProfiler implements InternalProfiler {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Map<Long, long[]> before = Map.of();

    @Override
    public String getDescription() {
        return "CPU time and allocation of the benchmark (client) threads per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = snapshot();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                      IterationResult result) {
        Map<Long, long[]> after = snapshot();
        long cpu = 0;
        long bytes = 0;
        for (Map.Entry<Long, long[]> e : after.entrySet()) {
            long[] was = before.getOrDefault(e.getKey(), new long[] {0, 0});
            cpu += e.getValue()[0] - was[0];
            bytes += e.getValue()[1] - was[1];
        }
        long ops = result.getMetadata().getAllOps();
        List<Result> out = new ArrayList<>();
        if (ops > 0) {
            out.add(new ScalarResult("cpu.client.norm", (double) cpu / ops, "ns/op", AggregationPolicy.AVG));
            out.add(new ScalarResult("alloc.client.norm", (double) bytes / ops, "B/op", AggregationPolicy.AVG));
        }
        return out;
    }

    static Map<Long, long[]> snapshot() {
        Map<Long, long[]> out = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null || !info.getThreadName().contains("jmh-worker")) continue;
            long id = info.getThreadId();
            out.put(id, new long[] {THREADS.getThreadCpuTime(id), THREADS.getThreadAllocatedBytes(id)});
        }
        return out;
    }
}
