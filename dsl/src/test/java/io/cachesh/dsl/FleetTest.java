package io.cachesh.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.client.core.Interceptor;
import io.cachesh.client.error.ApiException;
import io.cachesh.client.retry.RetryPolicy;
import io.cachesh.dsl.result.FleetResult;
import io.cachesh.dsl.result.Param;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code fleet { }} over 12 instances on the emulator with throttling on and client retries off: the shared client's
 * per-action limiter keeps every thread under the limits (no RequestLimitExceeded), failures stay isolated, progress
 * and the summary are reported.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetTest extends EmulatorTestSupport {

    static final int N = 12;
    static final AtomicInteger throttled = new AtomicInteger();
    static final AtomicLong requests = new AtomicLong();
    static final List<String> progress = new CopyOnWriteArrayList<>();
    static final RecordingOutput out = new RecordingOutput() {
        @Override
        public void progress(int done, int total, String label) {
            progress.add(done + "/" + total + " " + label);
            super.progress(done, total, label);
        }
    };
    static CacheshSession session;

    @BeforeAll
    static void fleetOfTwelve() {
        Interceptor count = chain -> {
            requests.incrementAndGet();
            try {
                return chain.proceed(chain.request());
            } catch (ApiException e) {
                if ("RequestLimitExceeded".equals(e.code())) throttled.incrementAndGet();
                throw e;
            }
        };
        session = CacheshSession.builder().provider(settings()).output(out)
                .clientConfig(b -> b.retryPolicy(RetryPolicy.none()).addNetworkInterceptor(count)).build();
        session.evaluate("(1.." + N + ").each { create name: String.format('node-%02d', it), spec: 'redis.ha', "
                + "capacity: 1, password: 'Node-Pass1', wait: false }");
        session.evaluate("fleet(parallel: 8) { wait it }");
        assertThat(throttled.get()).isZero();
    }

    @AfterAll
    static void deleteAll() {
        if (session == null) return;
        try {
            FleetResult r = (FleetResult) session.evaluate("fleet(parallel: 8) { delete it }");
            assertThat(r.isAllOk()).as(r.table()).isTrue();
            assertThat(throttled.get()).isZero();
        } finally {
            session.close();
        }
    }

    @Test
    @Order(1)
    void listEachWorks() {
        Object names = session.evaluate("def seen = []; list().each { seen << it.name }; seen.sort()");
        assertThat((List<?>) names).hasSize(N).first().isEqualTo("node-01");
    }

    @Test
    @Order(2)
    void parallelThreadsShareTheRateLimiterAndNothingIsThrottled() {
        progress.clear();
        long before = requests.get();
        long t0 = System.nanoTime();
        FleetResult r = (FleetResult) session.evaluate("""
                fleet(list(status: 'running'), parallel: 8) { inst ->
                    6.times { params inst }
                    params(inst).size()
                }
                """);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(r.getTotal()).isEqualTo(N);
        assertThat(r.isAllOk()).as(r.table()).isTrue();
        assertThat(throttled.get()).isZero();
        // 84 DescribeInstanceParams (limit 20/s) and 84 DescribeInstances (35/s) from 8 threads: only a shared
        // limiter keeps them under the emulator's buckets, and it takes the time the limits allow
        assertThat(requests.get() - before).isGreaterThanOrEqualTo(2L * N * 7);
        assertThat(seconds).isGreaterThan(2.5);
        assertThat(progress).hasSize(N).last().asString().startsWith(N + "/" + N + " ");
        assertThat(r.getValues()).hasSize(N).allSatisfy((name, v) -> assertThat((Integer) v).isGreaterThan(10));
        assertThat(out.lines).contains("fleet: 12 instances: 12 ok, 0 failed");
    }

    @Test
    @Order(3)
    void theSameFleetWithoutTheClientsLimiterIsThrottled() {
        sleep(1100);
        // the control: the emulator does enforce the limits, so the test above proves the limiter works
        try (CacheshSession unlimited = CacheshSession.builder().provider(settings()).output(DslOutput.SILENT)
                .clientConfig(b -> b.retryPolicy(RetryPolicy.none()).rateLimiting(false)).build()) {
            FleetResult r = (FleetResult) unlimited.evaluate(
                    "fleet(parallel: 8) { inst -> 10.times { params inst } }");
            assertThat(r.getFailed()).isPositive();
            assertThat(r.getFailures()).allSatisfy(i -> assertThat(i.error()).contains("RequestLimitExceeded"));
        }
        // the emulator counts per SecretId, region and action, like the cloud: let the buckets refill before the
        // limited session goes on (another client on the same key would eat its quota too)
        sleep(2000);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    @Order(4)
    void oneFailureDoesNotAbortTheOthers() {
        FleetResult r = (FleetResult) session.evaluate("""
                fleet(parallel: 8) { inst ->
                    if (inst.name == 'node-05') throw new IllegalStateException('boom')
                    if (inst.name == 'node-07') return params(inst, set: [timeout: 5])
                    params inst, set: [timeout: 400]
                    'done'
                }
                """);
        assertThat(r.getOk()).isEqualTo(N - 2);
        assertThat(r.getFailed()).isEqualTo(2);
        assertThat(r.getFailures()).extracting(FleetResult.Item::name).containsExactlyInAnyOrder("node-05", "node-07");
        FleetResult.Item boom = r.getItems().stream().filter(i -> "node-05".equals(i.name())).findFirst().orElseThrow();
        assertThat(boom.error()).isEqualTo("IllegalStateException: boom");
        FleetResult.Item bad = r.getItems().stream().filter(i -> "node-07".equals(i.name())).findFirst().orElseThrow();
        assertThat(bad.error()).matches("params: timeout must be a whole number 60-2147483647 for node-07 "
                + "\\(crs-\\w+\\), got '5'");
        assertThat(r.summary()).isEqualTo("12 instances: 10 ok, 2 failed");
        assertThat(r.table()).contains("failed  node-05 (").contains(": IllegalStateException: boom");
        assertThat(r.toMap()).containsEntry("ok", 10).containsEntry("failed", 2);
        // the others did their work
        @SuppressWarnings("unchecked")
        List<Param> p = (List<Param>) session.evaluate("params 'node-12'");
        assertThat(p).filteredOn(x -> x.getName().equals("timeout")).extracting(Param::getValue).containsExactly("400");
        assertThat(throttled.get()).isZero();
    }

    @Test
    @Order(5)
    void failFastSkipsTheInstancesNotStartedYet() {
        FleetResult r = (FleetResult) session.evaluate("""
                fleet(list().sort { it.name }, parallel: 1, failFast: true) { inst ->
                    if (inst.name == 'node-03') throw new IllegalArgumentException('stop here')
                    inst.name
                }
                """);
        assertThat(r.getOk()).isEqualTo(2);
        assertThat(r.getFailed()).isEqualTo(1);
        assertThat(r.getSkipped()).isEqualTo(N - 3);
        assertThat(r.getValues()).isEqualTo(Map.of("node-01", "node-01", "node-02", "node-02"));
    }

    @Test
    @Order(6)
    void aSubsetByNameAndResultsAsPlainData() {
        FleetResult r = (FleetResult) session.evaluate(
                "fleet(list(name: 'node-1*'), parallel: 4) { describe(it) }");
        assertThat(r.getTotal()).isEqualTo(3);
        assertThat(r.getValues().keySet()).containsExactlyInAnyOrder("node-10", "node-11", "node-12");
        assertThat(r.getValues().get("node-10")).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) r.getValues().get("node-10")).get("status")).isEqualTo("running");
    }
}
