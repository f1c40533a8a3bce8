package io.cachesh.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachesh.dsl.CacheshSession;
import io.cachesh.dsl.DslOutput;
import io.cachesh.dsl.ProviderSettings;
import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.control.FaultRule;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.InstanceStatus;
import io.cachesh.reliability.support.Leaks;
import io.cachesh.reliability.support.TestEmulators;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each DSL verb under the emulator's injected faults (an error code on the action, throttling, latency beyond the
 * client's read timeout): the fleet ends as asked or untouched, never doubled, lost or half-applied, and the user
 * sees one clear line.
 */
@Timeout(120)
class FaultVerbTest {

    static final String PW = "Orders-Pass1";
    Emulator emulator;
    CacheshSession session;

    @BeforeEach
    void start() {
        emulator = TestEmulators.start(true);
        session = CacheshSession.builder().provider(ProviderSettings.tencent(emulator.credentials())
                        .withEndpoint(emulator.endpoint()).withTaskTimeout(Duration.ofSeconds(30)))
                .clientConfig(b -> b.readTimeout(Duration.ofMillis(700)).callTimeout(Duration.ofSeconds(5)))
                .defaultProvider("tencent").output(DslOutput.SILENT).build();
    }

    @AfterEach
    void stop() {
        if (session != null) session.close();
        if (emulator != null) emulator.close();
    }

    void fault(String action, String code, int times, long latencyMs) {
        emulator.faults().add(new FaultRule("tencent", action, code, null, times, 1.0, Duration.ofMillis(latencyMs)));
    }

    List<Instance> tencent() {
        return emulator.fleet().instances().stream().filter(i -> "tencent".equals(i.vendor())).toList();
    }

    void createOrders() {
        session.evaluate("create name: 'orders', spec: 'redis.ha', capacity: 2, password: '" + PW + "'");
        assertThat(tencent()).hasSize(1);
    }

    static void oneClearLine(Throwable t) {
        assertThat(t.getMessage()).isNotBlank().doesNotContain("\n");
        assertThat(Leaks.find(t.getMessage())).as("message %s", t.getMessage()).isNull();
    }

    @Test
    void aReadTimeoutIsExplainedWithoutJavaNames() {
        fault("CreateInstances", null, 1, 1500);
        assertThatThrownBy(() -> session.evaluate("create name: 'orders', spec: 'redis.ha', capacity: 2, password: '" + PW + "'"))
                .satisfies(t -> assertThat(Leaks.find(t.getMessage())).as(t.getMessage()).isNull())
                .hasMessageContaining("timed out after 0.7 s waiting for 127.0.0.1:")
                .hasMessageContaining("the action may have been performed; check before retrying");
    }

    void settle() {
        TestEmulators.sleep(300);
        TestEmulators.awaitSettled(emulator, Duration.ofSeconds(20));
    }

    @ParameterizedTest
    @ValueSource(strings = {"InternalError", "FailedOperation.SystemError", "ResourceUnavailable.InstanceLockedError"})
    void createFailingWithAVendorErrorCreatesNothing(String code) {
        fault("CreateInstances", code, 1, 0);
        assertThatThrownBy(() -> session.evaluate("create name: 'orders', spec: 'redis.ha', capacity: 2, password: '" + PW + "'"))
                .satisfies(FaultVerbTest::oneClearLine).hasMessageContaining(code);
        settle();
        assertThat(tencent()).isEmpty();
    }

    @Test
    void createUnderThrottlingIsRetriedAndCreatesExactlyOne() {
        fault("CreateInstances", "RequestLimitExceeded", 2, 0);
        createOrders();
        settle();
        assertThat(tencent()).hasSize(1);
    }

    /**
     * A read timeout on CreateInstances is ambiguous: the emulator creates the instance after the client gave up. Today
     * the DSL reports the failure although the instance exists, so re-running the script makes a second one.
     */
    @Test
    @Disabled("BUG 5: create after a read timeout on CreateInstances reports a failure while the instance gets created "
            + "(dsl tencent/TencentCacheService.java:221 api.call(\"CreateInstances\") has no check-before-retry); "
            + "a re-run then double-creates")
    void createAfterAReadTimeoutNeitherLosesNorDoublesTheInstance() {
        fault("CreateInstances", null, 1, 1500);
        String script = "create name: 'orders', spec: 'redis.ha', capacity: 2, password: '" + PW + "'";
        Object first;
        try {
            first = session.evaluate(script);
        } catch (RuntimeException e) {
            first = e;
        }
        settle();
        // either it succeeded (and reported the instance), or it failed and nothing exists
        if (first instanceof RuntimeException) assertThat(tencent()).as("failed, yet created: %s", first).isEmpty();
        else assertThat(tencent()).hasSize(1);
        // and running the same script again must not leave two instances named 'orders'
        try {
            session.evaluate(script);
        } catch (RuntimeException ignored) {
            // a clear "already exists" is fine
        }
        settle();
        assertThat(tencent().stream().filter(i -> "orders".equals(i.name()))).hasSize(1);
    }

    @Test
    void createAfterAReadTimeoutIsReportedAsOneLineAndNotRetried() {
        fault("CreateInstances", null, 1, 1500);
        assertThatThrownBy(() -> session.evaluate("create name: 'orders', spec: 'redis.ha', capacity: 2, password: '" + PW + "'"))
                .satisfies(FaultVerbTest::oneClearLine);
        settle();
        assertThat(tencent()).as("not retried blindly").hasSizeLessThanOrEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UpgradeInstance", "ClearInstance", "ResetPassword", "DestroyPostpaidInstance"})
    void aVendorErrorOnAMutationLeavesTheInstanceAsItWas(String action) {
        createOrders();
        Instance before = tencent().get(0);
        long mem = before.memSizeMb();
        String pw = before.password().reveal();
        fault(action, "InternalError", 1, 0);
        String script = switch (action) {
            case "UpgradeInstance" -> "resize 'orders', capacity: 4";
            case "ClearInstance" -> "clear 'orders', password: '" + PW + "'";
            case "ResetPassword" -> "password 'orders', new: 'Changed-Pass2'";
            default -> "delete 'orders'";
        };
        assertThatThrownBy(() -> session.evaluate(script)).satisfies(FaultVerbTest::oneClearLine)
                .hasMessageContaining("InternalError");
        settle();
        assertThat(tencent()).hasSize(1);
        Instance after = tencent().get(0);
        assertThat(after.status()).isEqualTo(InstanceStatus.RUNNING);
        assertThat(after.memSizeMb()).as("no half-applied resize").isEqualTo(mem);
        assertThat(after.password().reveal()).isEqualTo(pw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UpgradeInstance", "ClearInstance", "ResetPassword", "DestroyPostpaidInstance"})
    void throttlingOnAMutationIsRetriedAndAppliedOnce(String action) {
        createOrders();
        fault(action, "RequestLimitExceeded", 1, 0);
        String script = switch (action) {
            case "UpgradeInstance" -> "resize 'orders', capacity: 4";
            case "ClearInstance" -> "clear 'orders', password: '" + PW + "'";
            case "ResetPassword" -> "password 'orders', new: 'Changed-Pass2'";
            default -> "delete 'orders'";
        };
        session.evaluate(script);
        settle();
        List<Instance> now = tencent();
        switch (action) {
            case "UpgradeInstance" -> assertThat(now.get(0).memSizeMb()).isEqualTo(4096);
            case "ResetPassword" -> assertThat(now.get(0).password().reveal()).isEqualTo("Changed-Pass2");
            case "DestroyPostpaidInstance" -> assertThat(now).hasSizeLessThanOrEqualTo(1)
                    .allMatch(i -> i.status() == InstanceStatus.ISOLATED);
            default -> assertThat(now).hasSize(1);
        }
        if (!action.startsWith("Destroy")) assertThat(now).hasSize(1);
    }

    @Test
    void aResizeWhoseAnswerIsLostIsNeitherRepeatedNorReportedAsDone() {
        createOrders();
        fault("UpgradeInstance", null, 1, 1500);
        assertThatThrownBy(() -> session.evaluate("resize 'orders', capacity: 4")).satisfies(FaultVerbTest::oneClearLine);
        settle();
        assertThat(tencent()).hasSize(1);
        assertThat(tencent().get(0).memSizeMb()).isIn(2048L, 4096L);
        assertThat(emulator.fleet().tasks().stream().filter(t -> "orders".equals(
                emulator.fleet().instance(String.valueOf(t.instanceId())).map(Instance::name).orElse(null))).count())
                .as("tasks: create + at most one resize").isLessThanOrEqualTo(2);
    }
}
