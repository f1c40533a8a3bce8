package io.cachesh.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachesh.client.auth.Credentials;
import io.cachesh.client.error.ThrottlingException;
import io.cachesh.client.internal.DefaultClientRuntime;
import io.cachesh.client.retry.RetryPolicy;
import io.cachesh.client.tencent.redis.TencentRedisClient;
import io.cachesh.client.tencent.redis.model.DescribeTaskInfoResponse;
import io.cachesh.model.Models;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The call pipeline: stage order, application vs network interceptors, short-circuits and broken contracts. */
class InterceptorChainTest {

    private final MockWebServer server = new MockWebServer();
    private final FakeTime time = new FakeTime();
    private final List<String> seen = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    ClientConfig.Builder config() {
        return ClientConfig.builder().credentials(Credentials.of("AKIDtest", "secret")).region("ap-guangzhou")
                .endpoint("http://127.0.0.1:" + server.getPort()).clock(time).rateLimiting(false)
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).sleeper(time).random(() -> 0).build())
                .requestLog(line -> seen.add("log"));
    }

    private void succeed() {
        server.enqueue(new MockResponse().setBody("{\"Response\":{\"Status\":\"succeed\",\"RequestId\":\"r\"}}"));
    }

    record Marker(String name) implements Interceptor {
        @Override
        public Object intercept(Chain chain) {
            return chain.proceed(chain.request());
        }
    }

    @Test
    void stagesRunInOkHttpOrderWithTheUsersAroundRetryAndAroundTheWire() {
        ClientConfig config = config().addInterceptor(new Marker("app")).addNetworkInterceptor(new Marker("network")).build();
        try (DefaultClientRuntime runtime = new DefaultClientRuntime(Models.load("tencent-redis"), config)) {
            assertThat(runtime.interceptors())
                    .extracting(i -> i instanceof Marker m ? m.name() : i.getClass().getSimpleName())
                    .containsExactly("app", "RetryInterceptor", "RateLimitInterceptor", "SigningInterceptor", "network",
                            "LoggingInterceptor", "CallServerInterceptor");
        }
    }

    @Test
    void applicationInterceptorSeesOneCallNetworkInterceptorSeesEverySignedAttempt() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(503));
        succeed();
        ClientConfig config = config()
                .addInterceptor(chain -> {
                    seen.add("app attempt=" + chain.request().attempt() + " signed=" + (chain.request().httpRequest() != null));
                    return chain.proceed(chain.request());
                })
                .addNetworkInterceptor(chain -> {
                    seen.add("net attempt=" + chain.request().attempt() + " auth="
                            + chain.request().httpRequest().header("Authorization").startsWith("TC3-HMAC-SHA256"));
                    return chain.proceed(chain.request());
                }).build();
        try (TencentRedisClient client = TencentRedisClient.create(config)) {
            assertThat(client.describeTaskInfo(r -> r.taskId(1L)).status()).isEqualTo("succeed");
        }
        assertThat(seen).containsExactly("app attempt=0 signed=false", "net attempt=1 auth=true", "log",
                "net attempt=2 auth=true", "log");
    }

    @Test
    void aNetworkInterceptorCanInjectThrottlingThatTheRetryStageRecoversFrom() {
        succeed();
        ClientConfig config = config().addNetworkInterceptor(chain -> {
            if (chain.request().attempt() == 1) {
                throw new ThrottlingException("tencent", "RequestLimitExceeded", "injected", null, 200);
            }
            return chain.proceed(chain.request());
        }).build();
        try (TencentRedisClient client = TencentRedisClient.create(config)) {
            assertThat(client.describeTaskInfo(r -> r.taskId(1L)).status()).isEqualTo("succeed");
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(time.sleeps).hasSize(1);
    }

    @Test
    void anApplicationInterceptorCanAnswerWithoutSendingForADryRun() {
        List<String> planned = new ArrayList<>();
        ClientConfig config = config().addInterceptor(chain -> {
            planned.add(chain.request().operation().name() + " " + chain.request().bodyUtf8());
            return chain.request().bind("{\"Status\":\"dry-run\",\"RequestId\":\"none\"}");
        }).build();
        try (TencentRedisClient client = TencentRedisClient.create(config)) {
            DescribeTaskInfoResponse response = client.describeTaskInfo(r -> r.taskId(7L));
            assertThat(response.status()).isEqualTo("dry-run");
        }
        assertThat(planned).containsExactly("DescribeTaskInfo {\"TaskId\":7}");
        assertThat(server.getRequestCount()).isZero();
        assertThat(seen).isEmpty();
    }

    @Test
    void anInterceptorReturningNullOrTheWrongTypeFailsWithAnExactMessage() {
        Interceptor returnsNull = new Interceptor() {
            @Override
            public Object intercept(Chain chain) {
                return null;
            }

            @Override
            public String toString() {
                return "ReturnsNull";
            }
        };
        try (TencentRedisClient client = TencentRedisClient.create(config().addInterceptor(returnsNull).build())) {
            assertThatThrownBy(() -> client.describeTaskInfo(r -> r.taskId(1L)))
                    .isInstanceOf(NullPointerException.class).hasMessage("interceptor ReturnsNull returned null");
        }
        Interceptor returnsString = new Interceptor() {
            @Override
            public Object intercept(Chain chain) {
                return "oops";
            }

            @Override
            public String toString() {
                return "ReturnsString";
            }
        };
        try (TencentRedisClient client = TencentRedisClient.create(config().addInterceptor(returnsString).build())) {
            assertThatThrownBy(() -> client.describeTaskInfo(r -> r.taskId(1L)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("interceptor ReturnsString returned a String, not a DescribeTaskInfoResponse");
        }
    }

    @Test
    void nullInterceptorsAreRejectedByName() {
        assertThatThrownBy(() -> ClientConfig.builder().addInterceptor(null))
                .isInstanceOf(NullPointerException.class).hasMessage("interceptor == null");
        assertThatThrownBy(() -> ClientConfig.builder().addNetworkInterceptor(null))
                .isInstanceOf(NullPointerException.class).hasMessage("interceptor == null");
        assertThatThrownBy(() -> ClientConfig.builder().signatureMethod(null))
                .isInstanceOf(NullPointerException.class).hasMessage("signatureMethod == null");
    }

    @Test
    void toBuilderKeepsInterceptorsAndSignatureMethod() {
        Interceptor noop = chain -> chain.proceed(chain.request());
        ClientConfig config = config().addInterceptor(noop).addNetworkInterceptor(noop)
                .signatureMethod(io.cachesh.client.auth.SignatureMethod.HMAC_SHA1).build();
        ClientConfig copy = config.toBuilder().build();
        assertThat(copy.interceptors()).containsExactly(noop);
        assertThat(copy.networkInterceptors()).containsExactly(noop);
        assertThat(copy.signatureMethod()).isEqualTo(io.cachesh.client.auth.SignatureMethod.HMAC_SHA1);
        assertThat(config.toString()).contains("signatureMethod=HMAC_SHA1");
    }
}
