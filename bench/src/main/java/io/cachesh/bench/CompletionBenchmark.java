package io.cachesh.bench;

import io.cachesh.client.auth.Credentials;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.retry.RetryPolicy;
import io.cachesh.dsl.CacheshSession;
import io.cachesh.dsl.DslOutput;
import io.cachesh.dsl.ProviderSettings;
import io.cachesh.shell.config.ShellSettings;
import io.cachesh.shell.repl.CacheshCompleter;
import io.cachesh.shell.repl.CellParser;
import io.cachesh.shell.repl.CellSession;
import io.cachesh.shell.repl.DslEngine;
import io.cachesh.shell.repl.InstanceCache;
import io.cachesh.shell.repl.Vocabulary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * REPL completion latency with 1,000 instances in the fleet, one benchmark per completion context: the shell's own
 * {@link CacheshCompleter}, wired as the REPL wires it (its {@link CellSession}'s vocabulary, variables and magics,
 * instance references from the session's results and from an {@link InstanceCache}, files of a working directory),
 * called as JLine calls it on TAB: {@code complete(reader, line, candidates)} with the line parsed by the REPL's
 * {@link CellParser}, the cursor at its end.
 * <p>The fleet: an in-process {@link CannedServer} serving 1,000 Tencent instances page by page (real HTTP, real
 * signer, the typed client). The session runs the cell {@code all = list()} (so 1,000 instances are held in a variable
 * and in {@code Out}, as after an operator's listing), and the {@link InstanceCache} fills itself with its own fetcher
 * from the same server, and keeps refreshing in the background while the benchmark runs, as in the REPL.
 * <p>{@code Mode.SampleTime}: every call's time is sampled, so JMH reports p50/p99 per context.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx512m"})
public class CompletionBenchmark {

    /** Instances in the canned fleet. */
    public static final int FLEET = 1000;
    /** Files in the working directory that {@code %load} completes from. */
    public static final int FILES = 200;

    @State(Scope.Benchmark)
    public static class Shell {
        CannedServer server;
        CellSession cells;
        InstanceCache cache;
        CacheshCompleter completer;
        Path workDir;

        ParsedLine verb;
        ParsedLine verbArgument;
        ParsedLine spec;
        ParsedLine version;
        ParsedLine region;
        ParsedLine zone;
        ParsedLine instance;
        ParsedLine rawOperation;
        ParsedLine operationParameter;
        ParsedLine magic;
        ParsedLine file;

        @Setup
        public void setUp() throws Exception {
            server = new CannedServer(0, 4).fleet(FLEET).start();
            String endpoint = server.endpoint();
            Credentials creds = Credentials.of(ClientBenchmark.AK, ClientBenchmark.SK);
            ProviderSettings tencent = ProviderSettings.tencent(creds).withEndpoint(endpoint);
            ShellSettings settings = ShellSettings.defaults();
            // the engine as the shell's Sessions opens it: the DSL session, and the typed clients' config for the
            // same endpoint (which the instance cache uses)
            PrintWriter out = new PrintWriter(new StringWriter(), true);
            cells = new CellSession(settings, (s, output) -> new DslEngine(
                    CacheshSession.builder().provider(tencent).output(output)
                            .clientConfig(b -> b.retryPolicy(RetryPolicy.none())).build(),
                    ClientConfig.builder().credentials(creds).region(s.region()).endpoint(endpoint).build()),
                    Vocabulary::load, () -> out, DslOutput.SILENT, false);
            CellSession.Outcome listed = cells.execute("all = list()");
            if (listed.error() != null) throw new IllegalStateException("list() failed", listed.error());
            if (!(listed.result() instanceof Collection<?> c) || c.size() != FLEET) {
                throw new IllegalStateException("list() gave " + listed.result());
            }
            cache = new InstanceCache(cells::clientConfig, () -> cells.settings().provider());
            workDir = Files.createTempDirectory("cachesh-completion-bench");
            for (int i = 0; i < FILES; i++) Files.writeString(workDir.resolve(String.format("runbook-%03d.groovy", i)), "1\n");
            Files.createDirectory(workDir.resolve("scripts"));
            cells.workingDirectory(workDir);
            // wired as Repl.buildReader wires it
            completer = new CacheshCompleter(cells.vocabularySupplier(), cells::variableNames, cells.magics()::usages)
                    .instances(this::instanceRefs)
                    .zones(cache::zones)
                    .files(cells::workingDirectory);
            awaitCache();

            Parser parser = new CellParser();
            verb = parse(parser, "cre");
            verbArgument = parse(parser, "create sp");
            spec = parse(parser, "create spec: '");
            version = parse(parser, "create spec: 'redis.ha', version: '");
            region = parse(parser, "%region ");
            zone = parse(parser, "create spec: 'redis.ha', zone: '");
            instance = parse(parser, "describe '");
            rawOperation = parse(parser, "tencent.redis.desc");
            operationParameter = parse(parser, "tencent.redis.describeInstances(li");
            magic = parse(parser, "%pro");
            file = parse(parser, "%load run");
        }

        /** As the REPL's: instances held in variables and results, then those the background refresh found. */
        private Collection<String> instanceRefs() {
            Set<String> refs = new LinkedHashSet<>(cells.instanceRefs());
            refs.addAll(cache.instances());
            return refs;
        }

        /** The first refresh runs in the background: wait (with a deadline) until it has seen the whole fleet. */
        private void awaitCache() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (cache.instances().size() < 2 * FLEET || cache.zones().isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the instance cache holds " + cache.instances().size()
                            + " names and ids and " + cache.zones().size() + " zones after 60 s");
                }
                Thread.sleep(50);
            }
        }

        private static ParsedLine parse(Parser parser, String line) {
            return parser.parse(line, line.length(), Parser.ParseContext.COMPLETE);
        }

        /** One completion as JLine asks for it on TAB (the reader is not used by the completer). */
        List<Candidate> complete(ParsedLine line) {
            List<Candidate> candidates = new ArrayList<>();
            completer.complete(null, line, candidates);
            return candidates;
        }

        @TearDown
        public void tearDown() {
            cache.close();
            cells.close();
            server.close();
            try (Stream<Path> files = Files.walk(workDir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Benchmark
    public List<Candidate> verbs(Shell s) {
        return s.complete(s.verb);
    }

    @Benchmark
    public List<Candidate> verbArguments(Shell s) {
        return s.complete(s.verbArgument);
    }

    @Benchmark
    public List<Candidate> specNames(Shell s) {
        return s.complete(s.spec);
    }

    @Benchmark
    public List<Candidate> versions(Shell s) {
        return s.complete(s.version);
    }

    @Benchmark
    public List<Candidate> regions(Shell s) {
        return s.complete(s.region);
    }

    @Benchmark
    public List<Candidate> zones(Shell s) {
        return s.complete(s.zone);
    }

    @Benchmark
    public List<Candidate> instances(Shell s) {
        return s.complete(s.instance);
    }

    @Benchmark
    public List<Candidate> rawOperations(Shell s) {
        return s.complete(s.rawOperation);
    }

    @Benchmark
    public List<Candidate> operationParameters(Shell s) {
        return s.complete(s.operationParameter);
    }

    @Benchmark
    public List<Candidate> magics(Shell s) {
        return s.complete(s.magic);
    }

    @Benchmark
    public List<Candidate> filePaths(Shell s) {
        return s.complete(s.file);
    }
}
