package io.cachesh.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the raw results that {@code bench/run} leaves in its results directory (JMH JSON, EmulatorLoad JSON,
 * hyperfine JSON, {@code /usr/bin/time -v} output) into the markdown table of {@code docs/performance.md}.
 * <pre>Report RESULTS_DIR OUT.md</pre>
 */
public final class Report {

    static final ObjectMapper JSON = new ObjectMapper();

    record Op(String title, String method) {}

    static final List<Op> OPS = List.of(
            new Op("Tencent DescribeInstances (20 in the answer)", "tencentDescribeInstances"),
            new Op("Tencent CreateInstances", "tencentCreateInstances"),
            new Op("Tencent DescribeTaskInfo", "tencentDescribeTaskInfo"),
            new Op("Huawei ListInstances (20 in the answer)", "huaweiListInstances"),
            new Op("Huawei ShowInstance", "huaweiShowInstance"));

    /** Completion contexts: the benchmark method and what the line before the cursor is. */
    static final List<Op> COMPLETIONS = List.of(
            new Op("DSL verbs (`cre`)", "verbs"),
            new Op("named arguments of the verb (`create sp`)", "verbArguments"),
            new Op("spec names (`create spec: '`)", "specNames"),
            new Op("versions (`create spec: 'redis.ha', version: '`)", "versions"),
            new Op("regions (`%region `)", "regions"),
            new Op("zones, from the background cache (`create spec: 'redis.ha', zone: '`)", "zones"),
            new Op("instance names and ids, 2,000 (`describe '`)", "instances"),
            new Op("raw client operations (`tencent.redis.desc`)", "rawOperations"),
            new Op("parameters of a raw operation (`tencent.redis.describeInstances(li`)", "operationParameters"),
            new Op("magics (`%pro`)", "magics"),
            new Op("file paths, 200 files (`%load run`)", "filePaths"));

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Path out = Path.of(args[1]);
        List<String> lines = new ArrayList<>();
        int met = 0;
        int missed = 0;
        lines.add("| figure | threads | ours | peer | ours / peer | target | met | command |");
        lines.add("|---|---:|---:|---:|---:|---|---|---|");

        for (int threads : new int[] {1, 8}) {
            Path file = dir.resolve("jmh-t" + threads + ".json");
            if (!Files.exists(file)) continue;
            JsonNode runs = JSON.readTree(file.toFile());
            for (Op op : OPS) {
                JsonNode ours = find(runs, op.method + "_ours");
                JsonNode sdk = find(runs, op.method + "_sdk");
                if (ours == null || sdk == null) continue;
                String cmd = "[client-t" + threads + "](#commands)";
                // calls/s: met unless ours is lower beyond the two scores' error margins
                double o = ours.path("primaryMetric").path("score").asDouble();
                double oe = err(ours.path("primaryMetric"));
                double p = sdk.path("primaryMetric").path("score").asDouble();
                double pe = err(sdk.path("primaryMetric"));
                boolean ok = o + oe >= p - pe;
                lines.add(row(op.title + ": calls/s", threads, fmt(o, 0) + " ± " + fmt(oe, 0), fmt(p, 0) + " ± " + fmt(pe, 0),
                        o / p, "never lower", ok, cmd));
                if (ok) met++; else missed++;
                double ob = secondary(ours, "gc.alloc.rate.norm");
                double pb = secondary(sdk, "gc.alloc.rate.norm");
                ok = ob / pb <= 0.5;
                lines.add(row(op.title + ": bytes allocated per call", threads, kb(ob), kb(pb), ob / pb, "≤ 0.5×", ok, cmd));
                if (ok) met++; else missed++;
                double oc = secondary(ours, "cpu.client.norm") / 1000.0;
                double pc = secondary(sdk, "cpu.client.norm") / 1000.0;
                ok = oc / pc <= 0.67;
                lines.add(row(op.title + ": client-thread CPU per call", threads, fmt(oc, 0) + " µs", fmt(pc, 0) + " µs",
                        oc / pc, "≤ 0.67×", ok, cmd));
                if (ok) met++; else missed++;
            }
        }

        Path completion = dir.resolve("jmh-completion.json");
        if (Files.exists(completion)) {
            JsonNode runs = JSON.readTree(completion.toFile());
            for (Op op : COMPLETIONS) {
                JsonNode run = find(runs, op.method);
                if (run == null) continue;
                JsonNode pct = run.path("primaryMetric").path("scorePercentiles");
                double p50 = pct.path("50.0").asDouble() / 1000.0; // µs -> ms
                double p99 = pct.path("99.0").asDouble() / 1000.0;
                boolean ok = p99 <= 20.0;
                lines.add(row("Completion, 1,000 instances in the fleet: " + op.title + ": p50 / p99", 1,
                        fmt(p50, 3) + " ms / " + fmt(p99, 3) + " ms", "—", Double.NaN, "p99 ≤ 20 ms", ok,
                        "[completion](#completion)"));
                if (ok) met++; else missed++;
            }
        }

        int cores = Runtime.getRuntime().availableProcessors();
        Path emu = dir.resolve("wrk-emulator-20.json");
        Path stub = dir.resolve("wrk-stub-20.json");
        if (Files.exists(emu)) {
            JsonNode e = JSON.readTree(emu.toFile());
            JsonNode s = Files.exists(stub) ? JSON.readTree(stub.toFile()) : null;
            double ec = perSecond(e);
            boolean ok = ec >= 10_000 && e.path("errors").asLong() == 0 && e.path("socketErrors").asLong() == 0;
            String peer = s == null ? "—" : fmt(perSecond(s), 0);
            String conns = e.path("connections").asText("?");
            lines.add(row("Emulator: DescribeInstances/s (20 in the answer, TC3 verified; wrk, " + conns
                    + " connections; " + e.path("errors").asLong() + " errors), peer: canned stub", 1, fmt(ec, 0), peer,
                    s == null ? Double.NaN : ec / perSecond(s), "≥ 10,000/s", ok, "[emulator](#commands)"));
            if (ok) met++; else missed++;
            lines.add(row("Emulator: p50 / p99 latency (20 in the answer)", 1,
                    ms(e, "p50Micros") + " / " + ms(e, "p99Micros"), s == null ? "—" : ms(s, "p50Micros") + " / " + ms(s, "p99Micros"),
                    Double.NaN, "reported", null, "[emulator](#commands)"));
            double cpu = e.path("serverCpuMicrosPerCall").asDouble();
            lines.add(row("Emulator: server CPU per call (20 in the answer)", 1, fmt(cpu, 0) + " µs",
                    s == null ? "—" : fmt(s.path("serverCpuMicrosPerCall").asDouble(), 0) + " µs",
                    s == null ? Double.NaN : cpu / s.path("serverCpuMicrosPerCall").asDouble(), "reported", null,
                    "[emulator](#commands)"));
            double capacity = cores * 1e6 / cpu;
            lines.add(row("Emulator: capacity its own CPU allows (" + cores + " cores ÷ server CPU per call), 20 in the answer",
                    1, fmt(capacity, 0) + "/s", "—", Double.NaN, "reported", null, "[emulator](#commands)"));
        }
        Path emu1 = dir.resolve("wrk-emulator-1.json");
        if (Files.exists(emu1)) {
            JsonNode e = JSON.readTree(emu1.toFile());
            double c = perSecond(e);
            boolean ok = c >= 10_000 && e.path("errors").asLong() == 0 && e.path("socketErrors").asLong() == 0;
            double cpu = e.path("serverCpuMicrosPerCall").asDouble();
            lines.add(row("Emulator: DescribeInstances/s (1 in the answer, TC3 verified; " + e.path("errors").asLong()
                    + " errors); p50 / p99 " + ms(e, "p50Micros") + " / " + ms(e, "p99Micros") + "; server CPU "
                    + fmt(cpu, 0) + " µs per call", 1, fmt(c, 0), "—", Double.NaN, "≥ 10,000/s", ok, "[emulator](#commands)"));
            if (ok) met++; else missed++;
        }

        Path fleet = dir.resolve("fleet.json");
        if (Files.exists(fleet)) {
            JsonNode f = JSON.readTree(fleet.toFile());
            double ratio = f.path("resizeRatio").asDouble();
            boolean ok = ratio <= 1.15 && f.path("resizeThrottled").asLong() == 0 && f.path("resizeFailed").asLong() == 0;
            lines.add(row("Fleet: fleet(parallel: " + f.path("parallel").asInt() + ") { resize } over "
                    + f.path("instances").asInt() + " instances, UpgradeInstance limit " + f.path("resizeLimitPerSecond").asInt()
                    + "/s: wall time (peer: the bound); " + f.path("resizeThrottled").asLong() + " throttled, "
                    + f.path("resizeFailed").asLong() + " failed", f.path("parallel").asInt(),
                    fmt(f.path("resizeSeconds").asDouble(), 1) + " s", fmt(f.path("resizeBoundSeconds").asDouble(), 1) + " s",
                    ratio, "≤ 1.15×, 0 throttled", ok, "[fleet](#commands)"));
            if (ok) met++; else missed++;
            ok = f.path("describeThrottled").asLong() == 0 && f.path("describeFailed").asLong() == 0;
            lines.add(row(f.path("describes").asInt() + " concurrent DescribeInstances (limit "
                    + f.path("describeLimitPerSecond").asInt() + "/s): throttled / failed; wall time "
                    + fmt(f.path("describeSeconds").asDouble(), 1) + " s (bound " + fmt(f.path("describeBoundSeconds").asDouble(), 1)
                    + " s)", f.path("describes").asInt(), f.path("describeThrottled").asLong() + " / " + f.path("describeFailed").asLong(),
                    "—", Double.NaN, "0 throttled", ok, "[fleet](#commands)"));
            if (ok) met++; else missed++;
        }

        Path memory = dir.resolve("memory.json");
        if (Files.exists(memory)) {
            JsonNode m = JSON.readTree(memory.toFile());
            lines.add(row("Memory: heap after GC, idle session holding list() of 1,000 instances (fresh session "
                    + mb(m.path("heapFreshSessionBytes").asDouble()) + "; the list holds "
                    + mb(m.path("heapHeldByList1000Bytes").asDouble()) + ")", 1, mb(m.path("heapAfterList1000Bytes").asDouble()),
                    "—", Double.NaN, "reported", null, "[memory](#commands)"));
            boolean ok = m.path("callsFlat").asBoolean();
            lines.add(row("Memory: heap after GC over 10,000 DescribeInstances calls in one cell: growth from call 2,000 to 10,000",
                    1, kb(m.path("callsGrowthBytes").asDouble()), "—", Double.NaN, "flat (≤ 256 KB)", ok, "[memory](#commands)"));
            if (ok) met++; else missed++;
            ok = m.path("flat").asBoolean();
            lines.add(row("Memory: heap after GC over " + m.path("cells").asInt() + " cells of 100 calls ("
                    + m.path("calls").asInt() + " calls): growth per cell (first to last tenth: "
                    + kb(m.path("heapGrowthBytes").asDouble()) + ")", 1, kb(m.path("heapGrowthPerCellBytes").asDouble()),
                    "—", Double.NaN, "flat (≤ 1 KB per cell)", ok, "[memory](#commands)"));
            if (ok) met++; else missed++;
        }

        // {figure, file prefix, whether the 0.7x target applies}
        for (String[] row : new String[][] {
                {"cachesh -e '1+1', warm daemon", "startup-e", "target"},
                {"cachesh run (one-line runbook), warm daemon", "startup-run", "target"},
                {"cachesh -e '1+1', no daemon (CACHESH_DAEMON=off, in-process)", "startup-e-cold", "reported"}}) {
            Path ours = dir.resolve(row[1] + "-ours.json");
            Path peer = dir.resolve(row[1] + "-groovy.json");
            if (!Files.exists(ours) || !Files.exists(peer)) continue;
            double o = median(ours);
            double p = median(peer);
            boolean targeted = row[2].equals("target");
            boolean ok = o / p <= 0.7;
            lines.add(row("Start-up: " + row[0] + ", median wall time (peer: Debian groovy)", 1, fmt(o * 1000, 0) + " ms",
                    fmt(p * 1000, 0) + " ms", o / p, targeted ? "≤ 0.7×" : "reported", targeted ? ok : null, "[startup](#commands)"));
            if (targeted) {
                if (ok) met++; else missed++;
            }
            long ro = maxRss(dir.resolve(row[1] + "-ours.time"));
            long rp = maxRss(dir.resolve(row[1] + "-groovy.time"));
            if (ro > 0 && rp > 0) {
                lines.add(row("Start-up: " + row[0] + ", max RSS" + (targeted ? " of the client" : ""), 1,
                        fmt(ro / 1024.0, 0) + " MB", fmt(rp / 1024.0, 0) + " MB", (double) ro / rp, "reported", null,
                        "[startup](#commands)"));
            }
        }
        Path daemonRss = dir.resolve("daemon-rss-kb.txt");
        if (Files.exists(daemonRss) && !Files.readString(daemonRss).isBlank()) {
            double kb = Double.parseDouble(Files.readString(daemonRss).strip());
            lines.add(row("Start-up: resident memory of the warm daemon (embedded emulator running)", 1,
                    fmt(kb / 1024.0, 0) + " MB", "—", Double.NaN, "reported", null, "[startup](#commands)"));
        }
        Path repl = dir.resolve("startup-repl.json");
        if (Files.exists(repl)) {
            double s = JSON.readTree(repl.toFile()).path("median").asDouble();
            lines.add(row("Start-up: REPL launch to the `In [1]:` prompt, median (pseudo-terminal)", 1, fmt(s * 1000, 0) + " ms",
                    "—", Double.NaN, "reported", null, "[startup](#commands)"));
        }
        Path skipped = dir.resolve("startup-skipped.txt");
        if (Files.exists(skipped)) {
            lines.add("| Start-up | | not measured: " + Files.readString(skipped).strip() + " | | | ≤ 0.7× | n/a | |");
        }
        lines.add("");
        lines.add("Targets met: " + met + ", not met: " + missed + ".");
        String text = String.join("\n", lines) + "\n";
        Files.writeString(out, text);
        System.out.print(text);
    }

    static JsonNode find(JsonNode runs, String method) {
        for (JsonNode run : runs) {
            if (run.path("benchmark").asText().endsWith("." + method)) return run;
        }
        return null;
    }

    static double err(JsonNode metric) {
        double e = metric.path("scoreError").asDouble(0);
        return Double.isNaN(e) ? 0 : e;
    }

    static double secondary(JsonNode run, String name) {
        return run.path("secondaryMetrics").path(name).path("score").asDouble(Double.NaN);
    }

    static double median(Path hyperfine) throws IOException {
        return JSON.readTree(hyperfine.toFile()).path("results").get(0).path("median").asDouble();
    }

    static final Pattern RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");

    /** The median of the max-RSS lines in a file of concatenated {@code /usr/bin/time -v} outputs, in KB. */
    static long maxRss(Path file) throws IOException {
        if (!Files.exists(file)) return -1;
        List<Long> all = new ArrayList<>();
        Matcher m = RSS.matcher(Files.readString(file));
        while (m.find()) all.add(Long.parseLong(m.group(1)));
        if (all.isEmpty()) return -1;
        all.sort(null);
        return all.get(all.size() / 2);
    }

    static String row(String figure, int threads, String ours, String peer, double ratio, String target, Boolean ok, String cmd) {
        String verdict = ok == null ? "—" : ok ? "met" : "**not met**";
        return "| " + figure + " | " + threads + " | " + ours + " | " + peer + " | "
                + (Double.isNaN(ratio) ? "—" : fmt(ratio, 2) + "×") + " | " + target + " | " + verdict + " | " + cmd + " |";
    }

    static double perSecond(JsonNode wrk) {
        return wrk.path("requests").asDouble() / (wrk.path("durationMicros").asDouble() / 1e6);
    }

    static String mb(double bytes) {
        return fmt(bytes / 1024.0 / 1024.0, 1) + " MB";
    }

    static String kb(double bytes) {
        return fmt(bytes / 1024.0, 1) + " KB";
    }

    static String ms(JsonNode n, String field) {
        return fmt(n.path(field).asDouble() / 1000.0, 2) + " ms";
    }

    static String fmt(double v, int decimals) {
        if (Double.isNaN(v)) return "—";
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }
}
