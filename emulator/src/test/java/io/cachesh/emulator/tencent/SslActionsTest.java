package io.cachesh.emulator.tencent;

import static io.cachesh.emulator.tencent.B1Support.error;
import static io.cachesh.emulator.tencent.B1Support.fake;
import static io.cachesh.emulator.tencent.B1Support.in;
import static io.cachesh.emulator.tencent.B1Support.ok;
import static io.cachesh.emulator.tencent.B1Support.waitTask;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.fleet.InstanceStatus;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OpenSSL, CloseSSL, DescribeSSLStatus: the state machine (no data plane needed). */
class SslActionsTest {

    static Emulator emulator;
    static Tc3TestClient client;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(100)).build().start();
        client = new Tc3TestClient(emulator.endpoint(), emulator.credentials());
    }

    @AfterAll
    static void stop() {
        if (emulator != null) emulator.close();
    }

    @Test
    void sslGoesThroughConfiguringToConfiguredBothWays() {
        fake(emulator, "crs-ssl00001", 15, 1024, 1, 1, InstanceStatus.RUNNING, 0);
        String i = in("crs-ssl00001");
        JsonNode initial = ok(client, "DescribeSSLStatus", i);
        assertThat(initial.path("SSLConfig").asBoolean()).isFalse();
        assertThat(initial.path("FeatureSupport").asBoolean()).isTrue();
        assertThat(initial.path("Status").asInt()).isEqualTo(2);
        assertThat(initial.path("CertDownloadUrl").asText()).startsWith("https://").endsWith("/TencentDB-SSL-CA.zip").contains("ap-guangzhou");
        assertThat(initial.path("UrlExpiredTime").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(error(client, "CloseSSL", i)).isEqualTo("UnsupportedOperation.InstanceNotOperation");

        long open = ok(client, "OpenSSL", i).path("TaskId").asLong();
        JsonNode configuring = ok(client, "DescribeSSLStatus", i);
        assertThat(configuring.path("SSLConfig").asBoolean()).isTrue();
        assertThat(configuring.path("Status").asInt()).isEqualTo(1);
        assertThat(error(client, "CloseSSL", i)).isEqualTo("ResourceUnavailable.InstanceStatusError");
        waitTask(client, open);
        JsonNode on = ok(client, "DescribeSSLStatus", i);
        assertThat(on.path("SSLConfig").asBoolean()).isTrue();
        assertThat(on.path("Status").asInt()).isEqualTo(2);
        assertThat(error(client, "OpenSSL", i)).isEqualTo("UnsupportedOperation.InstanceNotOperation");

        long close = ok(client, "CloseSSL", i).path("TaskId").asLong();
        assertThat(ok(client, "DescribeSSLStatus", i).path("Status").asInt()).isEqualTo(1);
        waitTask(client, close);
        JsonNode off = ok(client, "DescribeSSLStatus", i);
        assertThat(off.path("SSLConfig").asBoolean()).isFalse();
        assertThat(off.path("Status").asInt()).isEqualTo(2);
    }

    @Test
    void sslErrors() {
        assertThat(error(client, "OpenSSL", in("crs-nothere1"))).isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(error(client, "CloseSSL", in("crs-nothere1"))).isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(error(client, "DescribeSSLStatus", in("crs-nothere1"))).isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(error(client, "OpenSSL", "{}")).isEqualTo("MissingParameter");
        fake(emulator, "crs-ssl28ver", 2, 1024, 1, 1, InstanceStatus.RUNNING, 0);
        assertThat(error(client, "OpenSSL", in("crs-ssl28ver"))).isEqualTo("InvalidParameterValue.UnSupportedType");
        assertThat(error(client, "CloseSSL", in("crs-ssl28ver"))).isEqualTo("InvalidParameterValue.UnSupportedType");
        JsonNode unsupported = ok(client, "DescribeSSLStatus", in("crs-ssl28ver"));
        assertThat(unsupported.path("FeatureSupport").asBoolean()).isFalse();
        assertThat(unsupported.path("SSLConfig").asBoolean()).isFalse();
        fake(emulator, "crs-sslisol1", 15, 1024, 1, 1, InstanceStatus.ISOLATED, 0);
        assertThat(error(client, "OpenSSL", in("crs-sslisol1"))).isEqualTo("ResourceUnavailable.InstanceStatusError");
        // another region does not see the instance
        JsonNode elsewhere = client.send(c -> {
            c.action = "DescribeSSLStatus";
            c.region = "ap-shanghai";
            c.body = in("crs-ssl00001").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        });
        assertThat(elsewhere.path("Error").path("Code").asText()).isEqualTo("ResourceNotFound.InstanceNotExists");
    }
}
