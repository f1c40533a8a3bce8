package io.cachesh.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachesh.dsl.result.Instance;
import java.util.List;
import org.junit.jupiter.api.Test;

class DryRunTest extends EmulatorTestSupport {

    @Test
    void mutatingVerbsPrintTheCallWithSecretsMaskedAndReadingVerbsRun() {
        RecordingOutput out = new RecordingOutput();
        try (CacheshSession session = CacheshSession.builder().provider(settings()).output(out).dryRun(true).build()) {
            Instance planned = (Instance) session.evaluate(
                    "orders = create name: 'orders', spec: 'redis.ha', capacity: 2, password: 'Orders-Pass1'");

            assertThat(planned.isDryRun()).isTrue();
            assertThat(out.lines).contains("dry-run: CreateInstances {TypeId=17, MemSize=2048, GoodsNum=1, Period=1, "
                    + "BillingMode=0, InstanceName=orders, RedisReplicasNum=1, Password=******}");
            assertThat(String.join("\n", out.lines)).doesNotContain("Orders-Pass1");
            assertThat((List<?>) session.evaluate("list()")).isEmpty();
            // verbs on the placeholder print what they would call
            Instance resized = (Instance) session.evaluate("resize orders, capacity: 4");
            assertThat(resized.getCapacityGb()).isEqualTo(4.0);
            assertThat(out.lines).contains("dry-run: UpgradeInstance {InstanceId=dry-run, MemSize=4096, RedisReplicasNum=1}");
            assertThat(session.evaluate("clear orders")).isNull();
            assertThat(out.lines).contains("dry-run: clear orders (not created in dry-run)");
            assertThat(((Instance) session.evaluate("delete orders")).isDryRun()).isTrue();
            assertThat(out.lines).contains("dry-run: DestroyPostpaidInstance {InstanceId=dry-run}");
            // bad input still fails
            assertThatThrownBy(() -> session.evaluate("resize orders, capacity: 3"))
                    .hasMessage("resize: capacity must be one of 1, 2, 4, 8, 12, 16, 20, 24, 32, 40, 48, 60 GB for "
                            + "redis.ha 7.0 on tencent, got 3");
        }
    }

    @Test
    void dryRunCanBeSwitchedOnForAnExistingInstance() {
        RecordingOutput out = new RecordingOutput();
        try (CacheshSession session = session(out)) {
            Instance real = (Instance) session.evaluate(
                    "real = create name: 'real', spec: 'redis.ha', capacity: 1, password: 'Real-Pass1'");
            session.setDryRun(true);
            out.lines.clear();

            session.evaluate("password real, 'Real-Pass2'");
            session.evaluate("delete real");
            session.evaluate("tencent.redis.modifyInstance(operation: 'rename', instanceIds: [real.id], "
                    + "instanceNames: ['x'])");

            assertThat(out.lines).containsExactly(
                    "dry-run: ResetPassword {InstanceId=" + real.getId() + ", Password=******}",
                    "dry-run: DestroyPostpaidInstance {InstanceId=" + real.getId() + "}",
                    "dry-run: CleanUpInstance {InstanceId=" + real.getId() + "}",
                    "dry-run: ModifyInstance {Operation=rename, InstanceIds=[" + real.getId() + "], InstanceNames=[x]}");
            Instance still = (Instance) session.evaluate("describe real");
            assertThat(still.getStatus()).isEqualTo("running");
            assertThat(still.getName()).isEqualTo("real");

            session.setDryRun(false);
            assertThat(((Instance) session.evaluate("delete real")).getStatus()).isEqualTo("deleted");
        }
    }

    @Test
    void aTimeoutNamesTheInstanceTheTargetAndTheLastStatus() {
        try (CacheshSession session = session(new RecordingOutput())) {
            Instance i = (Instance) session.evaluate(
                    "t = create name: 'slow', spec: 'redis.ha', capacity: 1, password: 'Slow-Pass1'");
            assertThatThrownBy(() -> session.evaluate("wait t, status: 'isolated', timeout: '300ms'"))
                    .isInstanceOf(DslTimeoutException.class)
                    .hasMessage("wait: timed out after 300ms waiting for slow (" + i.getId()
                            + ") to be isolated; last status running");
            session.evaluate("delete t");
        }
    }
}
