package io.cachesh.client.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.core.ClientRuntime;
import io.cachesh.client.core.FakeTime;
import io.cachesh.client.core.OperationInfo;
import io.cachesh.client.error.AuthException;
import io.cachesh.client.internal.Transport;
import io.cachesh.model.ApiModel;
import io.cachesh.model.Models;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * IAM token auth against MockWebServer playing both IAM ({@code POST /v3/auth/tokens}) and DCS: one token for many
 * calls, a new one after expiry and after a 401 (the call is sent again once), and neither the token nor the password
 * in any log line, message or {@code toString}.
 */
class HuaweiTokenAuthTest {

    private static final String PASSWORD = "P@ssw0rd-never-shown";
    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    private final FakeTime time = new FakeTime(START);
    private final List<String> log = new ArrayList<>();
    private final List<RecordedRequest> iamRequests = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> dcsRequests = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokens = new AtomicInteger();
    /** DCS answers 401 to every token in this list. */
    private final List<String> revoked = new CopyOnWriteArrayList<>();
    private volatile boolean iamRefuses;
    private MockWebServer server;
    private ApiModel model;

    @BeforeEach
    void start() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/io/cachesh/client/internal/huawei-dcs-test.json")) {
            model = Models.read(in);
        }
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getPath().equals("/v3/auth/tokens")) {
                    iamRequests.add(request);
                    if (iamRefuses) {
                        return new MockResponse().setResponseCode(401).setHeader("X-Request-Id", "iam-1")
                                .setBody("{\"error\":{\"code\":401,\"message\":\"The username or password is wrong.\",\"title\":\"Unauthorized\"}}");
                    }
                    String token = "MIItoken-" + tokens.incrementAndGet();
                    Instant expires = time.instant().plus(Duration.ofHours(24));
                    return new MockResponse().setResponseCode(201).setHeader("X-Subject-Token", token)
                            .setBody("{\"token\":{\"expires_at\":\"" + expires + "\",\"methods\":[\"password\"],"
                                    + "\"project\":{\"id\":\"proj-from-token\",\"name\":\"cn-north-4\"}}}");
                }
                dcsRequests.add(request);
                String token = request.getHeader("X-Auth-Token");
                if (token == null || revoked.contains(token)) {
                    return new MockResponse().setResponseCode(401).setHeader("X-Request-Id", "dcs-401")
                            .setBody("{\"error_code\":\"APIGW.0301\",\"error_msg\":\"Incorrect IAM authentication information\"}");
                }
                return new MockResponse().setBody("{\"instance_id\":\"i-1\",\"status\":\"RUNNING\"}");
            }
        });
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private ClientRuntime runtime() {
        String endpoint = "http://127.0.0.1:" + server.getPort();
        return ClientRuntime.create(model, ClientConfig.builder()
                .iamCredentials(IamPasswordCredentials.of("ops-user", PASSWORD, "acme-account", null))
                .region("cn-north-4").endpoint(endpoint).iamEndpoint(endpoint).clock(time).requestLog(log::add).build());
    }

    private JsonNode show(ClientRuntime runtime) {
        return runtime.invoke(OperationInfo.of(model, "ShowInstance"), Map.of("instance_id", "i-1"), JsonNode.class);
    }

    @Test
    void oneTokenServesManyCallsAndTheProjectComesFromIt() throws Exception {
        try (ClientRuntime runtime = runtime()) {
            for (int i = 0; i < 5; i++) assertThat(show(runtime).path("status").asText()).isEqualTo("RUNNING");
        }
        assertThat(iamRequests).hasSize(1);
        JsonNode body = Transport.MAPPER.readTree(iamRequests.get(0).getBody().readUtf8());
        assertThat(body).isEqualTo(Transport.MAPPER.readTree("""
                {"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"ops-user","password":"%s",
                 "domain":{"name":"acme-account"}}}},"scope":{"project":{"name":"cn-north-4"}}}}""".formatted(PASSWORD)));
        assertThat(iamRequests.get(0).getMethod()).isEqualTo("POST");
        assertThat(dcsRequests).hasSize(5).allSatisfy(r -> {
            assertThat(r.getHeader("X-Auth-Token")).isEqualTo("MIItoken-1");
            assertThat(r.getHeader("Authorization")).isNull();
            assertThat(r.getHeader("X-Sdk-Date")).isNull();
            assertThat(r.getPath()).isEqualTo("/v2/proj-from-token/instances/i-1");
        });
    }

    @Test
    void aTokenIsRenewedBeforeItExpires() {
        try (ClientRuntime runtime = runtime()) {
            show(runtime);
            time.advance(Duration.ofHours(23).plusMinutes(50));
            show(runtime);
            assertThat(iamRequests).hasSize(1);
            time.advance(Duration.ofMinutes(6)); // within the 5-minute margin of expires_at
            show(runtime);
            show(runtime);
        }
        assertThat(iamRequests).hasSize(2);
        assertThat(dcsRequests).extracting(r -> r.getHeader("X-Auth-Token"))
                .containsExactly("MIItoken-1", "MIItoken-1", "MIItoken-2", "MIItoken-2");
    }

    @Test
    void a401DropsTheTokenAndTheCallIsSentOnceMoreWithANewOne() {
        try (ClientRuntime runtime = runtime()) {
            show(runtime);
            revoked.add("MIItoken-1");
            assertThat(show(runtime).path("instance_id").asText()).isEqualTo("i-1");
            assertThat(dcsRequests).extracting(r -> r.getHeader("X-Auth-Token"))
                    .containsExactly("MIItoken-1", "MIItoken-1", "MIItoken-2");
            show(runtime);
            assertThat(iamRequests).hasSize(2);

            revoked.add("MIItoken-2");
            revoked.add("MIItoken-3");
            assertThatThrownBy(() -> show(runtime)).isInstanceOfSatisfying(AuthException.class, e -> {
                assertThat(e.code()).isEqualTo("APIGW.0301");
                assertThat(e.requestId()).isEqualTo("dcs-401");
            });
            assertThat(iamRequests).hasSize(3);
        }
    }

    @Test
    void neitherTheTokenNorThePasswordIsEverShown() {
        try (ClientRuntime runtime = runtime()) {
            show(runtime);
            revoked.add("MIItoken-1");
            show(runtime);
            assertThat(runtime.config().toString()).contains("ops-user").doesNotContain(PASSWORD);
        }
        assertThat(log).isNotEmpty().allSatisfy(line -> assertThat(line)
                .doesNotContain("MIItoken").doesNotContain(PASSWORD).contains("X-Auth-Token: ******"));
        HuaweiTokenAuth.Token token = new HuaweiTokenAuth.Token(Secret.of("MIItoken-x"), START, "p");
        assertThat(token.toString()).doesNotContain("MIItoken");
        assertThat(IamPasswordCredentials.of("u", PASSWORD, "d", "p").toString()).doesNotContain(PASSWORD);

        iamRefuses = true;
        try (ClientRuntime runtime = runtime()) {
            assertThatThrownBy(() -> show(runtime)).isInstanceOfSatisfying(AuthException.class, e -> {
                assertThat(e.code()).isEqualTo("IAM.401");
                assertThat(e.getMessage()).contains("username or password is wrong").doesNotContain(PASSWORD);
                assertThat(e.requestId()).isEqualTo("iam-1");
            });
        }
    }

    @Test
    void theDefaultIamEndpointFollowsTheRegion() {
        ClientConfig config = ClientConfig.builder().iamCredentials(IamPasswordCredentials.of("u", "p", "d", null))
                .region("cn-north-4").build();
        assertThat(HuaweiTokenAuth.iamEndpoint(config).toString()).isEqualTo("https://iam.cn-north-4.myhuaweicloud.com/");
        assertThat(HuaweiTokenAuth.iamEndpoint(config.toBuilder().iamEndpoint("iam.example.com:8443").build()).toString())
                .isEqualTo("https://iam.example.com:8443/");
    }
}
