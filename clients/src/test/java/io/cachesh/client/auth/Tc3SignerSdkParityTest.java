package io.cachesh.client.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.Sign;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.redis.v20180412.RedisClient;
import com.tencentcloudapi.redis.v20180412.models.DescribeTaskInfoRequest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * The official Tencent Cloud Java SDK (test scope: tencentcloud-sdk-java-redis 3.1.667, common 3.1.1481) as an
 * oracle for {@link Tc3Signer}: its request, captured by MockWebServer, must carry exactly the Authorization we
 * compute for the same host, timestamp and body. Note the SDK's quirk (spec/anchors.md 1.1): the scope's service
 * is {@code host.split(".")[0]}, i.e. {@code 127} for a loopback endpoint.
 */
class Tc3SignerSdkParityTest {

    private static final String SECRET_ID = "AKIDparity";
    private static final String SECRET_KEY = "parity-secret-key-0123456789abcd";

    @Test
    void officialSdkRequestCarriesTheAuthorizationWeCompute() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse().setBody("{\"Response\":{\"Status\":\"succeed\",\"RequestId\":\"r-1\"}}"));
            server.start();
            HttpProfile http = new HttpProfile();
            http.setProtocol("http://");
            http.setEndpoint("127.0.0.1:" + server.getPort());
            ClientProfile profile = new ClientProfile();
            profile.setHttpProfile(http);
            RedisClient sdk = new RedisClient(new Credential(SECRET_ID, SECRET_KEY), "ap-guangzhou", profile);
            DescribeTaskInfoRequest request = new DescribeTaskInfoRequest();
            request.setTaskId(18215L);
            assertThat(sdk.DescribeTaskInfo(request).getStatus()).isEqualTo("succeed");

            RecordedRequest sent = server.takeRequest();
            byte[] body = sent.getBody().readByteArray();
            long timestamp = Long.parseLong(sent.getHeader("X-TC-Timestamp"));
            Tc3Signer.Input ours = new Tc3Signer.Input("POST", "/", "",
                    Map.of("content-type", sent.getHeader("Content-Type"), "host", sent.getHeader("Host")),
                    body, "127", timestamp);

            assertThat(sent.getHeader("Content-Type")).isEqualTo("application/json; charset=utf-8");
            assertThat(sent.getHeader("Host")).isEqualTo("127.0.0.1:" + server.getPort());
            assertThat(new String(body, StandardCharsets.UTF_8)).contains("\"TaskId\":18215");
            assertThat(Tc3Signer.authorization(Credentials.of(SECRET_ID, SECRET_KEY), ours))
                    .isEqualTo(sent.getHeader("Authorization"));
        }
    }

    @Test
    void sdkSignPrimitivesComposeToOurSignatureForTheRedisScope() throws Exception {
        byte[] body = "{\"Limit\":2,\"Offset\":0}".getBytes(StandardCharsets.UTF_8);
        long timestamp = 1551113065L;
        String canonical = "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:redis.tencentcloudapi.com\n\n"
                + "content-type;host\n" + Sign.sha256Hex(body);
        String scope = "2019-02-25/redis/tc3_request";
        String toSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + scope + "\n" + Sign.sha256Hex(canonical);
        byte[] key = Sign.hmac256(("TC3" + SECRET_KEY).getBytes(StandardCharsets.UTF_8), "2019-02-25");
        key = Sign.hmac256(key, "redis");
        key = Sign.hmac256(key, "tc3_request");
        String sdkSignature = HexFormat.of().formatHex(Sign.hmac256(key, toSign));

        Tc3Signer.Input ours = new Tc3Signer.Input("POST", "/", "", Map.of("Content-Type",
                "application/json; charset=utf-8", "Host", "redis.tencentcloudapi.com"), body, "redis", timestamp);
        assertThat(Tc3Signer.canonicalRequest(ours)).isEqualTo(canonical);
        assertThat(Tc3Signer.stringToSign(ours)).isEqualTo(toSign);
        assertThat(Tc3Signer.signature(Secret.of(SECRET_KEY), ours)).isEqualTo(sdkSignature);
    }
}
