package io.cachesh.embed;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.client.auth.Credentials;
import io.cachesh.emulator.Emulator;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding API against the emulator, and the example project of examples/embedding compiled and run. */
class EmbeddingTest {

    static Emulator emulator;

    @BeforeAll
    static void startEmulator() throws Exception {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(100)).build().start();
    }

    @AfterAll
    static void stopEmulator() {
        if (emulator != null) emulator.close();
    }

    static Cachesh.Builder onEmulator() {
        return Cachesh.builder().credentials(emulator.credentials()).endpoint(emulator.endpoint())
                .taskTimeout(Duration.ofSeconds(60));
    }

    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("examples"))) dir = dir.getParent();
        if (dir == null) throw new IllegalStateException("no examples/ above " + Path.of("").toAbsolutePath());
        return dir;
    }

    @Test
    void runsTextAndFilesWithParametersAndReturnsTheValueAndTheLines(@TempDir Path dir) throws IOException {
        List<String> live = new CopyOnWriteArrayList<>();
        AtomicInteger asked = new AtomicInteger();
        Cachesh cachesh = Cachesh.builder()
                .credentials(() -> {
                    asked.incrementAndGet();
                    return emulator.credentials();
                })
                .endpoint(emulator.endpoint()).output(live::add).build();

        RunResult text = cachesh.run("info \"hello $who\"; list().size()", Map.of("who", "host"));
        assertThat(text.succeeded()).as(String.valueOf(text)).isTrue();
        assertThat(text.value()).isEqualTo(0);
        assertThat(text.messages()).containsExactly("hello host");
        assertThat(live).containsExactly("hello host");

        Path runbook = Files.writeString(dir.resolve("make.groovy"), """
                String env = params.env
                def i = create name: "orders-$env", spec: 'redis.ha', capacity: 1, password: 'Orders-Pass1'
                def v = connect(i) { set 'k', env; get 'k' }
                delete i
                [name: i.name, value: v]
                """);
        RunResult file = cachesh.run(runbook, Map.of("env", "prod"));
        assertThat(file.exitStatus()).as(String.valueOf(file)).isEqualTo(RunResult.OK);
        assertThat(file.value()).isEqualTo(Map.of("name", "orders-prod", "value", "prod"));
        assertThat(file.messages()).anyMatch(l -> l.startsWith("create orders-prod"));
        assertThat(file.error()).isNull();
        // credentials are asked for once per run; each run has a session of its own (no variables carried over)
        assertThat(asked).hasValue(2);
        assertThat(cachesh.run("binding.hasVariable('v')", Map.of()).value()).isEqualTo(false);
        assertThat(emulator.fleet().instances()).isEmpty();
    }

    @Test
    void failuresAreResultsWithTheCliExitStatusAndOneLine(@TempDir Path dir) throws IOException {
        Cachesh cachesh = onEmulator().build();

        RunResult dsl = cachesh.run("list()\ncreate name: 'x', spec: 'redis.ha', capacty: 2", Map.of());
        assertThat(dsl.exitStatus()).isEqualTo(RunResult.USAGE_ERROR);
        assertThat(dsl.error()).isEqualTo("line 2: create: unknown argument 'capacty', did you mean 'capacity'? "
                + "(allowed: name, spec, version, capacity, shards, replicas, zone, password, tags, wait, timeout)");
        assertThat(dsl.messages()).last().isEqualTo("error: " + dsl.error());

        Path runbook = Files.writeString(dir.resolve("typo.groovy"), "\nlst()\n");
        RunResult file = cachesh.run(runbook, Map.of());
        assertThat(file.exitStatus()).isEqualTo(RunResult.USAGE_ERROR);
        assertThat(file.error()).startsWith(runbook + ":2: unknown verb 'lst', did you mean 'list'?");

        RunResult syntax = cachesh.run("x = = 1", Map.of());
        assertThat(syntax.exitStatus()).isEqualTo(RunResult.USAGE_ERROR);
        assertThat(syntax.error()).isEqualTo("syntax error at line 1, column 5: Unexpected input: '='");

        RunResult vendor = cachesh.run("tencent.redis.describeInstances(limit: 5000)", Map.of());
        assertThat(vendor.exitStatus()).isEqualTo(RunResult.RUNTIME_ERROR);
        assertThat(vendor.error()).startsWith("tencent InvalidParameterValue");

        RunResult missing = cachesh.run(dir.resolve("nope.groovy"), Map.of());
        assertThat(missing.exitStatus()).isEqualTo(RunResult.USAGE_ERROR);
        assertThat(missing.error()).startsWith("cannot read " + dir.resolve("nope.groovy"));

        for (RunResult r : List.of(dsl, file, syntax, vendor, missing)) {
            assertThat(r.error()).doesNotContain("\n", "Exception", "\tat ");
            assertThat(r.value()).isNull();
            assertThat(r.cause()).isNotNull();
        }
    }

    @Test
    void cancellingInterruptsAWaitAndLeavesTheCallerThreadClean() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        Cachesh cachesh = onEmulator().output(l -> {
            if (l.equals("waiting")) waiting.countDown();
        }).build();
        assertThat(cachesh.run("create name: 'w', spec: 'redis.ha', capacity: 1, password: 'Waits-Pass12'", Map.of())
                .succeeded()).isTrue();
        try {
            RunHandle handle = cachesh.start("info 'waiting'; wait 'w', status: 'isolated', timeout: '10m'", Map.of());
            assertThat(waiting.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(handle.isDone()).isFalse();
            handle.cancel();
            RunResult r = handle.result(60, TimeUnit.SECONDS);
            assertThat(r.cancelled()).as(String.valueOf(r)).isTrue();
            assertThat(r.exitStatus()).isEqualTo(130);
            assertThat(r.error()).isEqualTo("cancelled");

            // a token cancels a run on the caller's own thread too, and the thread is not left interrupted
            CancellationToken token = new CancellationToken();
            CountDownLatch second = new CountDownLatch(1);
            Cachesh watched = onEmulator().output(l -> {
                if (l.equals("waiting")) second.countDown();
            }).build();
            Thread canceller = new Thread(() -> {
                try {
                    if (second.await(60, TimeUnit.SECONDS)) token.cancel();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            canceller.start();
            RunResult own = watched.run("info 'waiting'; wait 'w', status: 'isolated', timeout: '10m'", Map.of(),
                    token);
            canceller.join();
            assertThat(own.cancelled()).as(String.valueOf(own)).isTrue();
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
            // a cancelled token runs nothing
            assertThat(watched.run("create name: 'never', spec: 'redis.ha', capacity: 1", Map.of(), token)
                    .cancelled()).isTrue();
        } finally {
            assertThat(cachesh.run("delete 'w'", Map.of()).succeeded()).isTrue();
        }
        assertThat(emulator.fleet().instances()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theExampleProjectCompilesAndRunsAgainstTheEmulator(@TempDir Path out) throws Exception {
        Path example = repoRoot().resolve("examples/embedding");
        assertThat(Files.readString(example.resolve("pom.xml")))
                .contains("<groupId>io.cachesh</groupId>", "<artifactId>cachesh-dsl</artifactId>");
        List<String> sources;
        try (Stream<Path> files = Files.walk(example.resolve("src/main/java"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String[] args = Stream.concat(Stream.of("-d", out.toString(), "-classpath",
                System.getProperty("java.class.path"), "--release", "17", "-Xlint:all,-processing,-path", "-Werror"),
                sources.stream()).toArray(String[]::new);
        assertThat(javac.run(null, null, null, args)).as("javac of the example").isZero();

        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()},
                EmbeddingTest.class.getClassLoader())) {
            Class<?> main = loader.loadClass("com.example.cachesh.ProvisionOrders");
            List<String> log = new CopyOnWriteArrayList<>();
            Supplier<Credentials> keys = emulator::credentials;
            Method provision = main.getMethod("provision", String.class, Supplier.class, Path.class, Consumer.class);
            RunResult r = (RunResult) provision.invoke(null, emulator.endpoint(), keys,
                    example.resolve("provision.groovy"), (Consumer<String>) log::add);
            assertThat(r.succeeded()).as(String.valueOf(r)).isTrue();
            Map<String, Object> summary = (Map<String, Object>) r.value();
            assertThat(summary).containsEntry("name", "orders-staging").containsEntry("capacityGb", 2.0)
                    .containsEntry("ping", "PONG").containsEntry("deleted", true);
            assertThat(log).contains("orders-staging is running with 2.0 GB and answers PONG");
            assertThat(emulator.fleet().contains((String) summary.get("id"))).isFalse();

            RunResult[] more = (RunResult[]) main.getMethod("textAndCancellation", String.class, Supplier.class)
                    .invoke(null, emulator.endpoint(), keys);
            assertThat(more[0].value()).as(String.valueOf(more[0])).isEqualTo(1);
            assertThat(more[1].exitStatus()).as(String.valueOf(more[1])).isEqualTo(RunResult.CANCELLED);
            assertThat(more[2].succeeded()).as(String.valueOf(more[2])).isTrue();
        }
        assertThat(emulator.fleet().instances()).isEmpty();
    }
}
