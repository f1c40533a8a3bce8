package io.cachesh.emulator.cmem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.error.ApiException;
import io.cachesh.client.retry.RetryPolicy;
import io.cachesh.client.tencent.cmem.TencentCmemClient;
import io.cachesh.client.tencent.cmem.model.CmemInstance;
import io.cachesh.client.tencent.redis.TencentRedisClient;
import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.control.FaultRule;
import io.cachesh.emulator.fleet.Instance;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import net.spy.memcached.MemcachedClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tencent CMEM: control-plane creation, DescribeCmem and ClearCmem with the generated client, real memcached. */
class CmemTest {

    static Emulator emulator;
    static TencentCmemClient cmem;

    @BeforeAll
    static void start() {
        emulator = Emulator.builder().taskDelay(Duration.ofMillis(100)).build().start();
        cmem = TencentCmemClient.create(ClientConfig.builder().credentials(emulator.credentials()).region("gz")
                .endpoint(emulator.endpoint()).retryPolicy(RetryPolicy.none()).build());
    }

    @AfterAll
    static void stop() {
        cmem.close();
        emulator.close();
    }

    @Test
    void clearCmemFlushesTheRealMemcachedFiveTimesADay() throws Exception {
        assumeTrue(emulator.memcachedAvailable(), "no memcached");
        Instance i = emulator.cmem().create(CmemProvider.Spec.named("9003_TE"));
        assertThat(i.id()).matches("cmem-[a-z0-9]{8}");
        CmemInstance listed = cmem.describeCmem(b -> b.limit(100L)).data().stream()
                .filter(x -> x.cmemName().equals("9003_TE")).findFirst().orElseThrow();
        assertThat(listed.cmemId()).isEqualTo(CmemProvider.cmemId(i));
        assertThat(listed.status()).isEqualTo(1L);
        assertThat(listed.wanIp()).isEqualTo("127.0.0.1");
        int port = listed.port().intValue();

        MemcachedClient mc = new MemcachedClient(new InetSocketAddress("127.0.0.1", port));
        try {
            mc.set("k", 0, "v").get();
            assertThat(mc.get("k")).isEqualTo("v");
            assertThat(cmem.clearCmem(b -> b.cmemName("9003_TE")).code()).isEqualTo(0L);
            assertThat(mc.get("k")).isNull();
            for (int n = 2; n <= 5; n++) cmem.clearCmem(b -> b.cmemName("9003_TE"));
            assertThatThrownBy(() -> cmem.clearCmem(b -> b.cmemName("9003_TE")))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.code()).isEqualTo("5100");
                        assertThat(e.getMessage()).contains("单个实例每天清空次数限制为5次");
                    });
        } finally {
            mc.shutdown();
        }
    }

    @Test
    void controlEndpointCreatesListsAndDeletes() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/_emulator/cmem/instances"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"viaHttp\",\"memSizeMb\":32,\"region\":\"sh\",\"projectId\":3}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"cmemName\":\"viaHttp\"").contains("\"region\":\"sh\"");
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/_emulator/cmem/instances"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"viaHttp\",\"region\":\"sh\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(400);

        TencentCmemClient sh = TencentCmemClient.create(ClientConfig.builder().credentials(emulator.credentials())
                .region("ap-shanghai").endpoint(emulator.endpoint()).build());
        List<CmemInstance> inShanghai = sh.describeCmem(b -> b.limit(10L).offset(0L).vpcId(-1L)).data();
        assertThat(inShanghai).extracting(CmemInstance::cmemName).containsExactly("viaHttp");
        assertThat(inShanghai.get(0).projectId()).isEqualTo(3L);
        assertThat(cmem.describeCmem(b -> b.limit(100L)).data()).extracting(CmemInstance::cmemName).doesNotContain("viaHttp");
        // CMEM instances are not Redis instances
        try (TencentRedisClient redis = TencentRedisClient.create(ClientConfig.builder().credentials(emulator.credentials())
                .region("ap-shanghai").endpoint(emulator.endpoint()).build())) {
            assertThat(redis.describeInstances(b -> b.limit(100L)).totalCount()).isZero();
        }
        HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/_emulator/cmem/instances/viaHttp"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(sh.describeCmem(b -> b.limit(10L)).totalCount()).isZero();
        sh.close();
    }

    @Test
    void errorsUseTheNumericCodes() {
        assertThatThrownBy(() -> cmem.clearCmem(b -> b.cmemName("no-such-cache")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("5000"));
        assertThatThrownBy(() -> cmem.describeCmem(b -> b.limit(101L)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("4000"));
        // the codes without a natural situation here come through fault injection
        for (String code : List.of("4101", "4102", "4103", "4106", "4110", "4300", "4600", "5200", "5300", "5400", "5500", "6200")) {
            emulator.faults().add(FaultRule.error("tencent-cmem", "DescribeCmem", code, 1));
            assertThatThrownBy(() -> cmem.describeCmem(b -> b.limit(1L))).as(code)
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(code));
        }
        TencentCmemClient wrongKey = TencentCmemClient.create(ClientConfig.builder()
                .credentials(io.cachesh.client.auth.Credentials.of(emulator.credentials().keyId(), "wrong-secret"))
                .region("gz").endpoint(emulator.endpoint()).retryPolicy(RetryPolicy.none()).build());
        assertThatThrownBy(() -> wrongKey.describeCmem(b -> b.limit(1L)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("4100"));
        wrongKey.close();
    }
}
