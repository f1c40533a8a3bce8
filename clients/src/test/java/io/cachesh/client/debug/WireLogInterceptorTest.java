package io.cachesh.client.debug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cachesh.client.auth.Credentials;
import io.cachesh.client.auth.Secret;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.error.TransportException;
import io.cachesh.client.retry.RetryPolicy;
import io.cachesh.client.tencent.redis.TencentRedisClient;
import io.cachesh.client.tencent.redislegacy.TencentRedisLegacyClient;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The --debug wire log and the --dry-run stage over the real runtime, signer and HTTP: what they print and hide. */
class WireLogInterceptorTest {

    private static final String SECRET = "TOP-secret-key-must-not-leak-42";
    private static final String TOKEN = "TOP-session-token-must-not-leak";
    private static final String PASSWORD = "hunter2-Passw0rd";
    private static final Credentials CREDENTIALS = new Credentials("AKIDvisible", Secret.of(SECRET), Secret.of(TOKEN));

    private final MockWebServer server = new MockWebServer();
    private final List<String> log = new ArrayList<>();
    private final RetryPolicy retries = RetryPolicy.builder().maxAttempts(2).sleeper(d -> { }).build();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    private ClientConfig.Builder config(String endpoint) {
        return ClientConfig.builder().credentials(CREDENTIALS).region("ap-guangzhou").endpoint(endpoint)
                .retryPolicy(retries).rateLimiting(false);
    }

    @Test
    void logsTheSignedRequestAndTheAnswerWithSecretsMasked() throws Exception {
        server.enqueue(new MockResponse().setBody("{\"Response\":{\"TaskId\":42,\"RequestId\":\"r-1\"}}"));
        ClientConfig config = config("http://127.0.0.1:" + server.getPort())
                .addNetworkInterceptor(new WireLogInterceptor(log::add, retries)).build();
        try (TencentRedisClient client = TencentRedisClient.create(config)) {
            client.resetPassword(r -> r.instanceId("crs-1").password(PASSWORD));
        }
        String text = String.join("\n", log);
        assertThat(text).contains("> tencent-redis ResetPassword (attempt 1)", "POST http://127.0.0.1:",
                "Authorization: TC3-HMAC-SHA256 Credential=AKIDvisible/", "Signature=******", "X-TC-Token: ******",
                "X-TC-Action: ResetPassword", "\"InstanceId\":\"crs-1\"", "\"Password\":\"******\"",
                "< tencent-redis ResetPassword: 200 in ", "\"TaskId\":42");
        assertThat(text).doesNotContain(SECRET).doesNotContain(TOKEN).doesNotContain(PASSWORD);
        // what went on the wire did carry the password: the masking is in the log only
        assertThat(server.takeRequest().getBody().readUtf8()).contains(PASSWORD);
    }

    @Test
    void masksFormBodiesAndQuerySignaturesOfTheLegacyApi() {
        server.enqueue(new MockResponse().setBody("{\"code\":0,\"message\":\"\",\"codeDesc\":\"Success\",\"data\":{\"taskId\":7}}"));
        ClientConfig config = config("http://127.0.0.1:" + server.getPort())
                .addNetworkInterceptor(new WireLogInterceptor(log::add, retries)).build();
        try (TencentRedisLegacyClient client = TencentRedisLegacyClient.create(config)) {
            client.modifyRedisPassword(r -> r.redisId("crs-1").oldPassword(PASSWORD).password(PASSWORD + "-new"));
        }
        String text = String.join("\n", log);
        assertThat(text).contains("ModfiyRedisPassword", "Signature", "******").doesNotContain(PASSWORD)
                .doesNotContain(SECRET).doesNotContain(TOKEN);
    }

    @Test
    void saysWhatTheRetryPolicyDecides() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();   // closed again: connection refused
        }
        ClientConfig config = config("http://127.0.0.1:" + port)
                .addNetworkInterceptor(new WireLogInterceptor(log::add, retries)).build();
        try (TencentRedisClient client = TencentRedisClient.create(config)) {
            assertThat(catchThrowable(() -> client.describeInstances(r -> r.limit(1L))))
                    .isInstanceOf(TransportException.class);
        }
        assertThat(log).anyMatch(l -> l.startsWith("< tencent-redis DescribeInstances: transport failure"))
                .anyMatch(l -> l.startsWith("retry: retrying DescribeInstances (attempt 2 of 2"))
                .anyMatch(l -> l.equals("retry: giving up on DescribeInstances after 2 attempts"));
    }

    @Test
    void dryRunPrintsTheSignedRequestAndSendsNothing() {
        List<String> printed = new ArrayList<>();
        ClientConfig config = config("http://127.0.0.1:" + server.getPort())
                .addNetworkInterceptor(new DryRunInterceptor(printed::add)).build();
        try (TencentRedisClient client = TencentRedisClient.create(config)) {
            client.resetPassword(r -> r.instanceId("crs-1").password(PASSWORD));
        }
        assertThat(server.getRequestCount()).isZero();
        assertThat(printed).singleElement().asString().startsWith("POST http://127.0.0.1:")
                .contains("Signature=******", "\"Password\":\"******\"").doesNotContain(PASSWORD).doesNotContain(SECRET);
    }
}
