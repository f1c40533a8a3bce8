package io.cachesh.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.client.auth.Credentials;
import io.cachesh.client.retry.RetryPolicy;
import io.cachesh.dsl.CacheshSession;
import io.cachesh.dsl.DslOutput;
import io.cachesh.dsl.ProviderSettings;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Memory of the DSL session the REPL runs ({@link CacheshSession}), in its own JVM, against the canned server
 * started with {@code --fleet 1000} (in another process, so its pages are not in this heap):
 * <ol>
 * <li><b>idle heap</b>: heap used after a full GC with a fresh session, then after the cell
 *     {@code all = list()} (1,000 instances, 10 DescribeInstances pages) with its result kept in the binding, as the
 *     REPL keeps a cell's result;</li>
 * <li><b>calls</b>: one cell making 10,000 DescribeInstances calls (20 instances each) through the session's client,
 *     heap used after a full GC after every 1,000; flat when the 10th sample is within 256 KB of the 2nd;</li>
 * <li><b>cells</b>: {@code --cells} cells of 100 such calls each (each cell compiled, as the REPL does), heap used
 *     after a full GC after every cell; flat when the mean of the last tenth of the cells is within 1 KB per cell of
 *     the mean of the first tenth (after a warm-up tenth).</li>
 * </ol>
 * <pre>MemoryRun --endpoint URL [--cells 100] [--out F]</pre>
 */
public final class MemoryRun {

    /** One cell of the leak run: 100 DescribeInstances calls through the session's typed client. */
    static final String CELL = System.getProperty("bench.cell", "(1..100).each { tencent.redis.describeInstances(limit: 20, offset: 0) }");

    public static void main(String[] args) throws Exception {
        String endpoint = null;
        int cells = 100;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--endpoint" -> endpoint = args[++i];
                case "--cells" -> cells = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (endpoint == null) throw new IllegalArgumentException("--endpoint is required");
        ProviderSettings tencent = ProviderSettings.tencent(Credentials.of(ClientBenchmark.AK, ClientBenchmark.SK))
                .withEndpoint(endpoint);
        DslOutput quiet = new DslOutput() {
            @Override
            public void info(String line) {
            }

            @Override
            public void warn(String line) {
                System.err.println(line);
            }
        };
        ObjectNode json = new ObjectMapper().createObjectNode();
        // the canned server answers at once: without the client's limiter (35 DescribeInstances/s) 10,000 calls
        // take seconds, not minutes; nothing else about the client changes
        try (CacheshSession session = CacheshSession.builder().provider(tencent).output(quiet)
                .clientConfig(b -> b.rateLimiting(false).retryPolicy(RetryPolicy.none())).build()) {
            session.evaluate("1 + 1");
            long fresh = heapAfterGc();
            Object size = session.evaluate("all = list(); all.size()");
            if (!Integer.valueOf(1000).equals(size)) throw new IllegalStateException("list() gave " + size + " instances");
            long listed = heapAfterGc();
            json.put("heapFreshSessionBytes", fresh);
            json.put("heapAfterList1000Bytes", listed);
            json.put("heapHeldByList1000Bytes", listed - fresh);

            // 10,000 calls in one cell, heap sampled after every 1,000: what the calls themselves leave behind
            ArrayNode perCall = json.putArray("heapPerThousandCallsBytes");
            session.binding().setVariable("sample", (Runnable) () -> perCall.add(heapAfterGcUnchecked()));
            session.evaluate("(1..10).each { (1..1000).each { tencent.redis.describeInstances(limit: 20, offset: 0) }; "
                    + "sample.run() }");
            json.put("callsGrowthBytes", perCall.get(9).asDouble() - perCall.get(1).asDouble());
            json.put("callsFlat", perCall.get(9).asDouble() - perCall.get(1).asDouble() <= 256 * 1024);

            ArrayNode samples = json.putArray("heapAfterCellBytes");
            for (int c = 0; c < cells; c++) {
                session.evaluate(CELL);
                samples.add(heapAfterGc());
            }
            int tenth = Math.max(1, cells / 10);
            double first = average(samples, tenth, 2 * tenth);
            double last = average(samples, cells - tenth, cells);
            json.put("cells", cells);
            json.put("calls", cells * 100);
            json.put("heapFirstTenthBytes", first);
            json.put("heapLastTenthBytes", last);
            json.put("heapGrowthBytes", last - first);
            json.put("heapGrowthPerCellBytes", (last - first) / (cells - 1.5 * tenth));
            json.put("flat", (last - first) / (cells - 1.5 * tenth) <= 1024);
        }
        String text = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json);
        System.out.println(text);
        if (out != null) Files.writeString(out, text);
        System.exit(0);
    }

    static double average(ArrayNode samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) sum += samples.get(i).asDouble();
        return sum / (to - from);
    }

    static long heapAfterGcUnchecked() {
        try {
            return heapAfterGc();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Heap used after full collections, once it stops going down. */
    static long heapAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            memory.gc();
            Thread.sleep(20);
            long used = memory.getHeapMemoryUsage().getUsed();
            if (used >= best) break;
            best = used;
        }
        return best;
    }

}
