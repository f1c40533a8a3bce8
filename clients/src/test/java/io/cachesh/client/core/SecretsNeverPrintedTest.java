package io.cachesh.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cachesh.client.auth.Credentials;
import io.cachesh.client.auth.Secret;
import io.cachesh.client.error.TransportException;
import io.cachesh.client.retry.RetryPolicy;
import io.cachesh.client.tencent.redis.TencentRedisClient;
import io.cachesh.client.tencent.redis.model.ResetPasswordRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The secret key, the session token and request passwords show up nowhere: config, exceptions, logs, toString. */
class SecretsNeverPrintedTest {

    private static final String SECRET = "TOP-secret-key-must-not-leak-42";
    private static final String TOKEN = "TOP-session-token-must-not-leak";

    @Test
    void configToStringMasksTheSecretAndToken() {
        ClientConfig config = ClientConfig.builder()
                .credentials(new Credentials("AKIDvisible", Secret.of(SECRET), Secret.of(TOKEN))).region("ap-guangzhou").build();
        assertThat(config.toString()).contains("AKIDvisible").contains("******").doesNotContain(SECRET).doesNotContain(TOKEN);
    }

    @Test
    void transportFailuresAndTheRequestLogNeverContainTheSecret() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();   // closed again: connection refused
        }
        List<String> log = new ArrayList<>();
        ClientConfig config = ClientConfig.builder()
                .credentials(new Credentials("AKIDvisible", Secret.of(SECRET), Secret.of(TOKEN)))
                .endpoint("http://127.0.0.1:" + port).retryPolicy(RetryPolicy.none()).requestLog(log::add).build();
        try (TencentRedisClient client = TencentRedisClient.create(config)) {
            Throwable failure = catchThrowable(() -> client.resetPassword(r -> r.instanceId("crs-1").password("hunter2-pw")));
            assertThat(failure).isInstanceOf(TransportException.class);
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString()).doesNotContain(SECRET).doesNotContain(TOKEN).doesNotContain("hunter2-pw");
        }
        assertThat(log).singleElement().asString()
                .contains("X-TC-Token: ******").contains("Signature=******")
                .doesNotContain(SECRET).doesNotContain(TOKEN).doesNotContain("hunter2-pw");
    }

    @Test
    void generatedRequestToStringMasksPasswords() {
        ResetPasswordRequest request = ResetPasswordRequest.builder().instanceId("crs-1").password("hunter2-pw").build();
        assertThat(request.toString()).contains("Password=******").doesNotContain("hunter2-pw");
    }
}
