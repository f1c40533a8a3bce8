package io.cachesh.client.debug;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

/** What the wire log hides in headers, query strings and bodies of every shape the vendors use. */
class WireFormatTest {

    @Test
    void masksTokenHeadersAndTheSignatureButKeepsTheRest() {
        Request request = new Request.Builder().url("https://dcs.cn-north-4.myhuaweicloud.com/v2/p/instances?limit=5")
                .header("X-Auth-Token", "MIItoken-secret").header("X-Subject-Token", "MIIsubject-secret")
                .header("Authorization", "SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-sdk-date, Signature=abc123")
                .header("X-Sdk-Date", "20261130T000000Z").get().build();
        String text = WireFormat.request(request);
        assertThat(text).startsWith("GET https://dcs.cn-north-4.myhuaweicloud.com/v2/p/instances?limit=5\n")
                .contains("X-Auth-Token: ******", "X-Subject-Token: ******", "Access=AK1", "Signature=******",
                        "X-Sdk-Date: 20261130T000000Z")
                .doesNotContain("MIItoken-secret").doesNotContain("MIIsubject-secret").doesNotContain("abc123");
    }

    @Test
    void masksSecretMembersOfJsonBodiesAtAnyDepth() {
        String body = "{\"name\":\"orders\",\"password\":\"pw-1\",\"auth\":{\"identity\":{\"password\":{\"user\":"
                + "{\"name\":\"u\",\"password\":\"pw-2\"}}}},\"accounts\":[{\"AccountPassword\":\"pw-3\"}],\"no_password_access\":true}";
        Request request = new Request.Builder().url("http://127.0.0.1/")
                .post(RequestBody.create(body, MediaType.get("application/json"))).build();
        String text = WireFormat.request(request);
        assertThat(text).contains("\"name\":\"orders\"", "\"name\":\"u\"").doesNotContain("pw-1").doesNotContain("pw-2")
                .doesNotContain("pw-3");
    }

    @Test
    void masksFormMembersAndQuerySignatures() {
        Request request = new Request.Builder()
                .url("http://127.0.0.1/v2/index.php?Action=ResetRedisPassword&Signature=sig%2Bvalue&SecretId=AKID1")
                .post(new FormBody.Builder().add("redisId", "crs-1").add("password", "pw-form").add("oldPassword", "pw-old")
                        .add("Signature", "sig-in-body").build())
                .build();
        String text = WireFormat.request(request);
        assertThat(text).contains("Action=ResetRedisPassword", "redisId=crs-1")
                .doesNotContain("sig%2Bvalue").doesNotContain("pw-form").doesNotContain("pw-old").doesNotContain("sig-in-body");
    }

    @Test
    void masksAnswersToo() {
        assertThat(WireFormat.answer(Map.of("InstanceId", "crs-1", "Password", "pw-answer")))
                .contains("crs-1").doesNotContain("pw-answer");
    }
}
