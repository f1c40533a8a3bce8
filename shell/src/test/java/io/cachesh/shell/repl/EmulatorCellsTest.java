package io.cachesh.shell.repl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.client.core.ClientConfig;
import io.cachesh.dsl.DslOutput;
import io.cachesh.shell.config.Sessions;
import io.cachesh.shell.config.ShellSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Cells against the real DSL and an embedded emulator: %java with the typed client, %emulator, the completion cache. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EmulatorCellsTest {

    Sessions sessions;
    CellSession cells;
    final StringWriter printed = new StringWriter();

    @BeforeEach
    void open() {
        sessions = new Sessions(Optional.empty(), true);
        PrintWriter out = new PrintWriter(printed, true);
        cells = new CellSession(ShellSettings.defaults(), sessions, Vocabulary::load, () -> out, DslOutput.SILENT, false)
                .emulator(sessions);
    }

    @AfterEach
    void close() {
        cells.close();
        sessions.close();
    }

    private Object ok(String cell) {
        CellSession.Outcome o = cells.execute(cell);
        if (o.failed()) throw new AssertionError(cell + " failed: " + o.error(), o.error());
        return o.result();
    }

    @Test
    void javaCellsGetAConfigForTheSessionAndTheTypedClients() {
        ok("create name: 'orders', spec: 'redis.ha', capacity: 1, password: 'Orders-Pass1'");
        ok("%java var c = io.cachesh.client.tencent.redis.TencentRedisClient.create(config)");
        assertThat(printed.toString()).contains("c ==> ");
        Object count = ok("%java c.describeInstances(r -> r.limit(10L)).totalCount()");
        assertThat(count).isEqualTo("1");
        Object name = ok("%java c.describeInstances(DescribeInstancesRequest.builder().build()).instanceSet().get(0).instanceName()");
        assertThat(name).isEqualTo("\"orders\"");
        assertThat(ok("%java config.region()")).isEqualTo("\"ap-guangzhou\"");
        // the session's region change reaches the JShell's config
        ok("%region ap-shanghai");
        assertThat(ok("%java config.region()")).isEqualTo("\"ap-shanghai\"");
        CellSession.Outcome bad = cells.execute("%java c.describeInstances(r -> r.limit(5000L))");
        assertThat(bad.failed()).isTrue();
        assertThat(io.cachesh.shell.render.ErrorMessages.message(bad.error())).startsWith("java: InvalidParameterException");
    }

    @Test
    void emulatorMagicShowsStatusAndStopStopsTheRedisProcesses() {
        ok("create name: 'cache', spec: 'redis.ha', capacity: 1, password: 'Cache-Pass1'");
        ok("%emulator status");
        assertThat(printed.toString()).containsPattern("emulator: +running at http://127\\.0\\.0\\.1:\\d+ \\(in use\\)")
                .contains("instances:  1\n").containsPattern("data plane: ");
        String endpoint = sessions.emulatorStatus().orElseThrow().endpoint();
        int processes = sessions.emulatorStatus().orElseThrow().redisProcesses();
        ok("%emulator stop");
        assertThat(printed.toString()).contains("emulator stopped (" + processes + " redis process"
                + (processes == 1 ? "" : "es") + " stopped); the next cell starts a new one");
        assertThat(sessions.emulatorStatus()).isEmpty();
        // the next cell gets a fresh emulator: the fleet is empty
        assertThat((java.util.List<?>) ok("list()")).isEmpty();
        assertThat(sessions.emulatorStatus().orElseThrow().endpoint()).isNotEqualTo(endpoint);
    }

    @Test
    void emulatorFaultsMagicListsAddsAndClearsRulesThatTheNextCellsMeet() {
        ok("%emulator start");
        ok("%emulator faults");
        assertThat(printed.toString()).contains("faults: none\n");
        ok("%emulator faults add {\"vendor\":\"tencent\",\"action\":\"CreateInstances\",\"code\":\"InternalError\",\"times\":1}");
        assertThat(printed.toString()).contains("fault added: tencent CreateInstances: error InternalError, 1 time\n");
        ok("%emulator faults list");
        assertThat(printed.toString()).contains("fault 1: tencent CreateInstances: error InternalError, 1 time\n");
        CellSession.Outcome failed = cells.execute("create name: 'cache', spec: 'redis.ha', capacity: 1, password: 'Cache-Pass1'");
        assertThat(failed.failed()).isTrue();
        assertThat(io.cachesh.shell.render.ErrorMessages.message(failed.error())).contains("InternalError");
        // used up: the same cell now works
        ok("create name: 'cache', spec: 'redis.ha', capacity: 1, password: 'Cache-Pass1'");
        ok("%emulator faults add [{\"action\":\"DescribeInstances\",\"latencyMs\":1},{\"action\":\"ResetPassword\",\"reset\":true}]");
        ok("%emulator faults clear");
        assertThat(printed.toString()).contains("faults cleared (2)\n");
        assertThat(sessions.emulatorFaults().orElseThrow().rules()).isEmpty();
        CellSession.Outcome bad = cells.execute("%emulator faults add {\"action\":\"X\",\"httpStatus\":404}");
        assertThat(bad.failed()).isTrue();
        assertThat(io.cachesh.shell.render.ErrorMessages.message(bad.error()))
                .contains("%emulator faults add: httpStatus must be 500-599");
    }

    @Test
    void fleetProgressIsABarOnATerminalAndLinesElsewhere() {
        ok("create name: 'orders', spec: 'redis.ha', capacity: 1, password: 'Orders-Pass1'");
        StringWriter terminal = new StringWriter();
        PrintWriter tw = new PrintWriter(terminal, true);
        try (CellSession bar = new CellSession(ShellSettings.defaults(), sessions, Vocabulary::load, () -> tw,
                new io.cachesh.shell.render.ProgressOutput(() -> tw, () -> 60), false)) {
            CellSession.Outcome o = bar.execute("fleet(parallel: 2) { inst -> inst.name }.summary()");
            assertThat(o.failed()).as(String.valueOf(o.error())).isFalse();
            assertThat(terminal.toString()).contains("\r[###################] 1/1 orders");
        }
        ok("fleet(parallel: 2) { inst -> inst.name }");
        assertThat(printed.toString()).doesNotContain("\r");
        StringWriter plain = new StringWriter();
        PrintWriter pw = new PrintWriter(plain, true);
        try (CellSession lines = new CellSession(ShellSettings.defaults(), sessions, Vocabulary::load, () -> pw,
                new io.cachesh.shell.render.ProgressOutput(() -> pw, () -> 0), false)) {
            assertThat(lines.execute("fleet(parallel: 2) { inst -> inst.name }").failed()).isFalse();
            assertThat(plain.toString()).contains("[1/1] orders").doesNotContain("\r");
        }
    }

    @Test
    void theCompletionCacheFindsInstancesAndZonesInTheBackground() throws Exception {
        ok("create name: 'orders', spec: 'redis.ha', capacity: 1, password: 'Orders-Pass1'");
        InstanceCache cache = new InstanceCache(cells::clientConfig, () -> "tencent");
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (cache.instances().isEmpty() && System.nanoTime() < deadline) Thread.sleep(50);
            assertThat(cache.instances()).contains("orders").anyMatch(s -> s.startsWith("crs-"));
            assertThat(cache.zones()).contains("ap-guangzhou-3");
        } finally {
            cache.close();
        }
        ClientConfig config = cells.clientConfig().orElseThrow();
        assertThat(config.region()).isEqualTo("ap-guangzhou");
    }
}
