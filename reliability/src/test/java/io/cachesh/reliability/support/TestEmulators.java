package io.cachesh.reliability.support;

import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.huawei.dcs.HuaweiDcsClient;
import io.cachesh.client.tencent.redis.TencentRedisClient;
import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.fleet.InstanceStatus;
import java.time.Duration;
import java.util.List;

/** Emulators for the tests, and a seed fleet (one Tencent and one Huawei instance, both running). */
public final class TestEmulators {

    public static final String SEED_PASSWORD = "Seed-Pass1";

    private TestEmulators() {
    }

    public static Emulator start(boolean throttling) {
        return Emulator.builder().port(0).taskDelay(Duration.ofMillis(50)).throttling(throttling).build().start();
    }

    public static ClientConfig tencent(Emulator e) {
        return ClientConfig.builder().credentials(e.credentials()).region("ap-guangzhou").endpoint(e.endpoint()).build();
    }

    public static ClientConfig huawei(Emulator e) {
        return ClientConfig.builder().credentials(e.credentials()).region("cn-north-4").projectId(e.huaweiProjectId())
                .endpoint(e.endpoint()).build();
    }

    /** Creates the seed instances and waits until both run. */
    public static void seed(Emulator e) {
        try (TencentRedisClient redis = TencentRedisClient.create(tencent(e));
             HuaweiDcsClient dcs = HuaweiDcsClient.create(huawei(e))) {
            redis.createInstances(r -> r.typeId(2L).memSize(1024L).goodsNum(1L).period(1L).billingMode(0L)
                    .instanceName("seed-tencent").password(SEED_PASSWORD));
            dcs.createInstance(r -> r.name("seed-huawei").engine("Redis").engineVersion("6.0").capacity(0.125)
                    .specCode("redis.ha.xu1.tiny.r2.128").azCodes(List.of("cn-north-4a")).vpcId("vpc-1")
                    .subnetId("subnet-1").password(SEED_PASSWORD));
        }
        awaitSettled(e, Duration.ofSeconds(30));
    }

    /** Waits until no instance is in a transitional state and no task is pending. */
    public static void awaitSettled(Emulator e, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean busy = e.fleet().instances().stream().anyMatch(i -> i.status() != InstanceStatus.RUNNING);
            if (!busy) return;
            sleep(20);
        }
        throw new AssertionError("fleet did not settle: " + FleetPrint.of(e));
    }

    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
