package io.cachesh.client.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.redis.v20180412.RedisClient;
import com.tencentcloudapi.redis.v20180412.models.DescribeInstancesRequest;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.retry.RetryPolicy;
import io.cachesh.client.tencent.redis.TencentRedisClient;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * The official SDK in {@code ClientProfile.SIGN_SHA256} / {@code SIGN_SHA1} mode (test scope, common 3.1.1481) as an
 * oracle for {@link TencentV1Signer} and for the client's v1 wire form (spec/anchors.md 1.1, 1.3): the SDK's
 * {@code Signature} must be what we compute over its own parameters, and our request for the same call must carry
 * the same parameter names (less the SDK's own {@code RequestClient}) and values (less {@code Nonce} and
 * {@code Timestamp}).
 */
class TencentV1SdkParityTest {

    private static final String SECRET_ID = "AKIDparity";
    private static final String SECRET_KEY = "parity-secret-key-0123456789abcd";
    private static final String ANSWER = "{\"Response\":{\"TotalCount\":0,\"InstanceSet\":[],\"RequestId\":\"r-1\"}}";

    @Test
    void sdkSignSha256RequestCarriesTheSignatureWeComputeAndOurWireFormMatchesIt() throws Exception {
        assertParity(ClientProfile.SIGN_SHA256, SignatureMethod.HMAC_SHA256);
    }

    @Test
    void sdkSignSha1RequestCarriesTheSignatureWeComputeAndOurWireFormMatchesIt() throws Exception {
        assertParity(ClientProfile.SIGN_SHA1, SignatureMethod.HMAC_SHA1);
    }

    private void assertParity(String sdkMethod, SignatureMethod ours) throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse().setBody(ANSWER));
            server.enqueue(new MockResponse().setBody(ANSWER));
            server.start();
            String host = "127.0.0.1:" + server.getPort();

            HttpProfile http = new HttpProfile();
            http.setProtocol("http://");
            http.setEndpoint(host);
            RedisClient sdk = new RedisClient(new Credential(SECRET_ID, SECRET_KEY), "ap-guangzhou",
                    new ClientProfile(sdkMethod, http));
            DescribeInstancesRequest request = new DescribeInstancesRequest();
            request.setLimit(20L);
            request.setOffset(0L);
            request.setInstanceId("crs-1");
            request.setProductVersions(new String[] {"local", "cdc"});
            assertThat(sdk.DescribeInstances(request).getTotalCount()).isEqualTo(0L);
            RecordedRequest sdkSent = server.takeRequest();
            Map<String, String> sdkParams = formParams(sdkSent.getBody().readUtf8());

            assertThat(sdkSent.getMethod()).isEqualTo("POST");
            assertThat(sdkSent.getPath()).isEqualTo("/");
            assertThat(sdkParams).containsEntry("SignatureMethod", ours.wireName());
            assertThat(TencentV1Signer.signature(Secret.of(SECRET_KEY), ours,
                    TencentV1Signer.stringToSign("POST", host, "/", sdkParams)))
                    .isEqualTo(sdkParams.get("Signature"));
            assertThat(TencentV1Signer.verify(Secret.of(SECRET_KEY), "POST", host, "/", sdkParams)).isTrue();

            ClientConfig config = ClientConfig.builder().credentials(Credentials.of(SECRET_ID, SECRET_KEY))
                    .region("ap-guangzhou").endpoint("http://" + host).signatureMethod(ours)
                    .retryPolicy(RetryPolicy.none()).build();
            try (TencentRedisClient client = TencentRedisClient.create(config)) {
                client.describeInstances(r -> r.limit(20L).offset(0L).instanceId("crs-1")
                        .productVersions(java.util.List.of("local", "cdc")));
            }
            RecordedRequest oursSent = server.takeRequest();
            Map<String, String> ourParams = formParams(oursSent.getBody().readUtf8());
            assertThat(oursSent.getHeader("Content-Type")).isEqualTo(sdkSent.getHeader("Content-Type"));
            assertThat(TencentV1Signer.verify(Secret.of(SECRET_KEY), "POST", host, "/", ourParams)).isTrue();

            Map<String, String> sdkComparable = new TreeMap<>(sdkParams);
            Map<String, String> ourComparable = new TreeMap<>(ourParams);
            sdkComparable.remove("RequestClient");
            for (String volatileParam : new String[] {"Nonce", "Timestamp", "Signature"}) {
                assertThat(ourComparable.remove(volatileParam)).isNotNull();
                sdkComparable.remove(volatileParam);
            }
            assertThat(ourComparable).isEqualTo(sdkComparable);
        }
    }

    static Map<String, String> formParams(String body) {
        Map<String, String> params = new TreeMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }
}
