package io.cachesh.emulator.capitalonline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cachesh.client.auth.CapitalOnlineSigner;
import io.cachesh.client.capitalonline.memcached.CapitalOnlineMemcachedClient;
import io.cachesh.client.capitalonline.memcached.CapitalOnlineMemcachedWaiters;
import io.cachesh.client.capitalonline.memcached.model.MemcachedInstance;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.error.ApiException;
import io.cachesh.client.error.AuthException;
import io.cachesh.client.error.NotFoundException;
import io.cachesh.client.retry.RetryPolicy;
import io.cachesh.emulator.Emulator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import net.spy.memcached.MemcachedClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CapitalOnline Memcached: the six actions with the generated client, real memcached behind each instance. */
class CapitalOnlineMemcachedTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static Emulator emulator;
    static CapitalOnlineMemcachedClient client;
    static CapitalOnlineMemcachedWaiters waiters;

    @BeforeAll
    static void start() {
        emulator = Emulator.builder().taskDelay(Duration.ofMillis(500)).build().start(); // long enough to observe "creating" on a loaded machine
        client = CapitalOnlineMemcachedClient.create(ClientConfig.builder().credentials(emulator.credentials())
                .endpoint(emulator.endpoint()).retryPolicy(RetryPolicy.none()).build());
        waiters = CapitalOnlineMemcachedWaiters.create(client).withInterval(Duration.ofMillis(50));
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    @Test
    void createUseClearUpdateDelete() throws Exception {
        var created = client.createMemcachedInstance(b -> b.instanceName("api测试11-pre").confSize("1G").amount(2L)
                .vdcId("a58052bf-3bfc-4d0c-a3a5-0bcca72589f5").pipeId("48de2f3c-b3df-11ec-8bed-e6717c813be8")
                .regionId("CN_Beijing_H"));
        assertThat(created.code()).isEqualTo("Success");
        assertThat(created.message()).isEqualTo("任务下发成功!");
        List<String> ids = created.data().instanceIds();
        assertThat(ids).hasSize(2);
        assertThat(created.data().taskIds()).hasSize(2);
        assertThat(client.describeMemcachedInstance(b -> b.instanceId(ids.get(0))).data().status()).isEqualTo("creating");
        for (String id : ids) waiters.waitForInstanceStatus(id, "running", WAIT);

        var list = client.memcachedInstanceList(b -> b.vdcId("a58052bf-3bfc-4d0c-a3a5-0bcca72589f5")).data();
        assertThat(list.total()).isEqualTo(2L);
        assertThat(list.runningTotal()).isEqualTo(2L);
        assertThat(list.instanceList()).extracting(MemcachedInstance::siteName).containsOnly("中国大陆-北京-可用区H");
        assertThat(client.memcachedInstanceList(b -> b.keyword(ids.get(1))).data().instanceList())
                .extracting(MemcachedInstance::instanceId).containsExactly(ids.get(1));

        var detail = client.describeMemcachedInstance(b -> b.instanceId(ids.get(0))).data();
        assertThat(detail.instanceConf()).isEqualTo("1G");
        assertThat(detail.siteId()).isEqualTo("CN_Beijing_H");
        assertThat(detail.version()).isEqualTo("Memcached1.6");
        assertThat(detail.runningTime()).matches("\\d+个月\\d+天\\d+小时\\d+分\\d+秒");
        assumeTrue(emulator.memcachedAvailable(), "no memcached");
        int port = detail.port().intValue();
        assertThat(port).isPositive();

        MemcachedClient mc = new MemcachedClient(new InetSocketAddress("127.0.0.1", port));
        try {
            mc.set("k", 0, "v").get();
            assertThat(mc.get("k")).isEqualTo("v");
            long clear = client.clearMemcachedInstance(b -> b.instanceId(ids.get(0))).data().taskId();
            assertThat(clear).isPositive();
            waiters.waitForInstanceStatus(ids.get(0), "running", WAIT);
            assertThat(mc.get("k")).isNull();

            mc.set("kept", 0, "yes").get();
            client.updateMemcachedInstance(b -> b.instanceId(ids.get(0)).confSize("2G"));
            waiters.waitForInstanceStatus(ids.get(0), "running", WAIT);
            assertThat(client.describeMemcachedInstance(b -> b.instanceId(ids.get(0))).data().instanceConf()).isEqualTo("2G");
            assertThat(mc.get("kept")).isEqualTo("yes");
            assertThat(emulator.fleet().memcached(emulator.fleet().instance(ids.get(0)).orElseThrow()).memoryMb()).isEqualTo(2048);
        } finally {
            mc.shutdown();
        }

        client.deleteMemcachedInstance(b -> b.instanceId(ids.get(0)));
        waiters.waitForInstanceDeleted(ids.get(0), WAIT);
        assertThat(portClosedWithin(port, Duration.ofSeconds(5))).as("memcached port closed").isTrue();
        assertThatThrownBy(() -> client.describeMemcachedInstance(b -> b.instanceId(ids.get(0))))
                .isInstanceOf(NotFoundException.class);
    }

    static boolean portClosedWithin(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            } catch (IOException closed) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    @Test
    void badInputAndBadSignatures() {
        assertThatThrownBy(() -> client.createMemcachedInstance(b -> b.confSize("11G").vdcId("v").pipeId("p").regionId("CN_Beijing_H")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("20001"));
        assertThatThrownBy(() -> client.createMemcachedInstance(b -> b.confSize("1G").vdcId("v").pipeId("p").regionId("CN_Beijing_H").amount(11L)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("20001"));
        assertThatThrownBy(() -> client.createMemcachedInstance(b -> b.confSize("1G").vdcId("v").regionId("CN_Beijing_H")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("20001");
                    assertThat(e.getMessage()).contains("参数缺失,conf_size,site_id ,app_id, pipe_id为必传参数");
                });
        assertThatThrownBy(() -> client.clearMemcachedInstance(b -> b.instanceId("00000000-0000-0000-0000-000000000000")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("InstanceNotFound"));

        CapitalOnlineMemcachedClient wrong = CapitalOnlineMemcachedClient.create(ClientConfig.builder()
                .credentials(io.cachesh.client.auth.Credentials.of(emulator.credentials().keyId(), "not-the-secret"))
                .endpoint(emulator.endpoint()).retryPolicy(RetryPolicy.none()).build());
        assertThatThrownBy(() -> wrong.memcachedInstanceList(b -> { }))
                .isInstanceOfSatisfying(AuthException.class, e -> {
                    assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
                    assertThat(e.httpStatus()).isEqualTo(403);
                });
        wrong.close();
        // the documented secret+"&" key is refused by an emulator on the default (bare secret) key
        CapitalOnlineMemcachedClient ampersand = CapitalOnlineMemcachedClient.create(ClientConfig.builder()
                .credentials(emulator.credentials()).capitalOnlineKeyDerivation(CapitalOnlineSigner.KeyDerivation.SECRET_AMPERSAND)
                .endpoint(emulator.endpoint()).retryPolicy(RetryPolicy.none()).build());
        assertThatThrownBy(() -> ampersand.memcachedInstanceList(b -> { })).isInstanceOf(AuthException.class);
        ampersand.close();
    }

    @Test
    void unroutableRequestsGetTheEnvelopeNeverAFiveHundred() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        var noAction = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(emulator.endpoint() + "/memcached"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(noAction.statusCode()).isEqualTo(400);
        assertThat(noAction.body()).contains("\"Code\":\"MissingParameter\"");
        var unsigned = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(emulator.endpoint()
                        + "/memcached/?Action=MemcachedInstanceList")).POST(java.net.http.HttpRequest.BodyPublishers.ofString("not json"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(400);
        assertThat(unsigned.body()).contains("\"Code\":\"MissingParameter\"").contains("AccessKeyId");
    }

    @Test
    void theKeyDerivationIsConfigurable() {
        try (Emulator amp = Emulator.builder().capitalOnlineKeyDerivation(CapitalOnlineSigner.KeyDerivation.SECRET_AMPERSAND)
                .build().start();
             CapitalOnlineMemcachedClient c = CapitalOnlineMemcachedClient.create(ClientConfig.builder()
                     .credentials(amp.credentials()).capitalOnlineKeyDerivation(CapitalOnlineSigner.KeyDerivation.SECRET_AMPERSAND)
                     .endpoint(amp.endpoint()).build())) {
            assertThat(c.memcachedInstanceList(b -> { }).data().total()).isZero();
        }
    }
}
