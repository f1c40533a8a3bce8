package io.cachesh.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachesh.dsl.CacheshSession;
import io.cachesh.dsl.DslOutput;
import io.cachesh.dsl.ProviderSettings;
import io.cachesh.emulator.Emulator;
import io.cachesh.reliability.support.TestEmulators;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The emulator as a separate process on a state directory, killed with SIGKILL ({@code Process.destroyForcibly})
 * while a create is in flight, then started again on the same directory: every acknowledged change is back (instances,
 * a resize, a password change, a CapitalOnline memcached, the one whose create was acknowledged just before the kill),
 * the keys written to the redis-servers survive, and none of the redis-servers or memcacheds the killed emulator left
 * behind is still running.
 */
@Timeout(180)
class EmulatorKillTest {

    static final String PW = "Orders-Pass1";
    static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    record Running(Process process, String endpoint) {
    }

    Running startEmulator(String name) throws Exception {
        Path state = dir.resolve("state");
        Path log = dir.resolve(name + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", classpath, "io.cachesh.emulator.EmulatorMain",
                "--port", "0", "--state", state.toString(), "--task-delay-ms", "300", "--no-throttling")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(p);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) throw new AssertionError("emulator exited: " + Files.readString(log));
            Matcher m = LISTENING.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (m.find()) return new Running(p, m.group(1));
            TestEmulators.sleep(50);
        }
        throw new AssertionError("emulator did not start: " + Files.readString(log));
    }

    static CacheshSession session(String endpoint) {
        return CacheshSession.builder().provider(ProviderSettings.tencent(Emulator.DEFAULT_CREDENTIALS)
                        .withEndpoint(endpoint).withTaskTimeout(Duration.ofSeconds(30)))
                .provider(ProviderSettings.capitalOnline(Emulator.DEFAULT_CREDENTIALS, "vdc-test", "pipe-test")
                        .withOption(ProviderSettings.SITE, "CN_Beijing_H").withEndpoint(endpoint)
                        .withTaskTimeout(Duration.ofSeconds(30)))
                .defaultProvider("tencent").output(DslOutput.SILENT).build();
    }

    /** name -> the control endpoint's view of the instance (status, memSizeMb, port). */
    static Map<String, JsonNode> fleet(String endpoint) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint + "/_emulator/fleet"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode i : JSON.readTree(r.body()).path("instances")) out.put(i.path("name").asText(), i);
        return out;
    }

    static List<ProcessHandle> redisServers(Process emulator) {
        // redis-server rewrites its command line to "redis-server 127.0.0.1:<port>" (its binary may be redis-check-rdb)
        return children(emulator, "redis-server");
    }

    /** Descendants whose kernel command line names {@code program} (as itself or as a path ending in it). */
    static List<ProcessHandle> children(Process emulator, String program) {
        return emulator.descendants().filter(h -> {
            try {
                String cmdline = Files.readString(Path.of("/proc", Long.toString(h.pid()), "cmdline"));
                return cmdline.startsWith(program) || cmdline.contains("/" + program);
            } catch (IOException e) {
                return false;
            }
        }).toList();
    }

    @Test
    void aKilledEmulatorComesBackWithEveryAcknowledgedChangeAndNoOrphans() throws Exception {
        Running first = startEmulator("first");
        try (CacheshSession s = session(first.endpoint())) {
            s.evaluate("create name: 'alpha', spec: 'redis.ha', capacity: 2, password: '" + PW + "'");
            s.evaluate("create name: 'beta', spec: 'redis.ha', capacity: 2, password: '" + PW + "'");
            s.evaluate("resize 'beta', capacity: 4");
            s.evaluate("password 'beta', new: 'Changed-Pass2'");
            Map<String, JsonNode> before = fleet(first.endpoint());
            try (Jedis alpha = new Jedis("127.0.0.1", before.get("alpha").path("port").asInt());
                 Jedis beta = new Jedis("127.0.0.1", before.get("beta").path("port").asInt())) {
                alpha.auth(PW);
                for (int i = 0; i < 100; i++) alpha.set("key:" + i, "value-" + i);
                beta.auth("Changed-Pass2");
                beta.set("beta-key", "kept");
            }
            s.evaluate("provider capitalonline");
            s.evaluate("create name: 'sessions', spec: 'memcached', capacity: 2");
            s.evaluate("provider tencent");
            // acknowledged (the API answered with its id) but its creation task still runs when the kill comes
            s.evaluate("create name: 'gamma', spec: 'redis.ha', capacity: 2, password: '" + PW + "', wait: false");
        }
        List<ProcessHandle> servers = redisServers(first.process());
        List<ProcessHandle> memcacheds = children(first.process(), "memcached");
        assertThat(memcacheds).as("the CapitalOnline instance's memcached").hasSize(1);
        assertThat(servers).as("one redis-server per running instance").hasSizeGreaterThanOrEqualTo(2);
        first.process().destroyForcibly().waitFor();
        assertThat(servers).as("SIGKILL leaves the servers running").anyMatch(ProcessHandle::isAlive);
        assertThat(memcacheds).as("and the memcached").allMatch(ProcessHandle::isAlive);

        Running second = startEmulator("second");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, JsonNode> after = fleet(second.endpoint());
        while (System.nanoTime() < deadline && !after.values().stream().allMatch(i -> "RUNNING".equals(i.path("status").asText()))) {
            TestEmulators.sleep(100);
            after = fleet(second.endpoint());
        }
        assertThat(after.keySet()).containsExactlyInAnyOrder("alpha", "beta", "gamma", "sessions");
        assertThat(after.values()).allSatisfy(i -> assertThat(i.path("status").asText()).isEqualTo("RUNNING"));
        assertThat(after.get("beta").path("memSizeMb").asLong()).isEqualTo(4096);
        try (Jedis alpha = new Jedis("127.0.0.1", after.get("alpha").path("port").asInt());
             Jedis beta = new Jedis("127.0.0.1", after.get("beta").path("port").asInt());
             Jedis gamma = new Jedis("127.0.0.1", after.get("gamma").path("port").asInt())) {
            alpha.auth(PW);
            assertThat(alpha.dbSize()).isEqualTo(100);
            assertThat(alpha.get("key:42")).isEqualTo("value-42");
            beta.auth("Changed-Pass2");
            assertThat(beta.get("beta-key")).isEqualTo("kept");
            gamma.auth(PW);
            assertThat(gamma.ping()).isEqualTo("PONG");
        }
        assertThat(servers).as("no redis-server of the killed emulator is left").noneMatch(ProcessHandle::isAlive);
        assertThat(memcacheds).as("no memcached of the killed emulator is left").noneMatch(ProcessHandle::isAlive);
        assertThat(children(second.process(), "memcached")).hasSize(1);
        assertThat(redisServers(second.process())).hasSize(3);

        // a clean stop (SIGTERM) leaves no redis-server either
        List<ProcessHandle> now = new ArrayList<>(redisServers(second.process()));
        now.addAll(children(second.process(), "memcached"));
        second.process().destroy();
        assertThat(second.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        long stopDeadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < stopDeadline && now.stream().anyMatch(ProcessHandle::isAlive)) TestEmulators.sleep(50);
        assertThat(now).noneMatch(ProcessHandle::isAlive);
    }
}
