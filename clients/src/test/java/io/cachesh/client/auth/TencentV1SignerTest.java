package io.cachesh.client.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Signature v1 against the seeds' vectors ({@code tencent-v1-vectors.json}, each naming its seed lines): the API 3.0
 * doc's HmacSHA1 example reproduced byte for byte down to the final URL, its HmacSHA256 variant, and the legacy v2
 * ({@code /v2/index.php}, CMEM doc) examples in both algorithms. Where the doc prints a value with an OCR typo the
 * vector names the one-token fix, and the test checks that the fix, and nothing else, turns the print into ours.
 */
class TencentV1SignerTest {

    record Vector(String name, Credentials credentials, String method, String host, String path,
                  Map<String, String> params, JsonNode then) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> vectors() throws Exception {
        JsonNode cases;
        try (InputStream in = TencentV1SignerTest.class.getResourceAsStream("tencent-v1-vectors.json")) {
            cases = new ObjectMapper().readTree(in);
        }
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : cases) {
            JsonNode given = c.get("given");
            Map<String, String> params = new LinkedHashMap<>();
            given.get("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            out.add(Arguments.of(new Vector(c.get("name").asText(),
                    Credentials.of(given.get("secretId").asText(), given.get("secretKey").asText()),
                    given.get("method").asText(), given.get("host").asText(), given.get("path").asText(), params,
                    c.get("then"))));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void reproducesEveryStepOfTheVector(Vector v) {
        JsonNode then = v.then();
        SignatureMethod algorithm = SignatureMethod.valueOf(then.get("algorithm").asText());
        assertThat(SignatureMethod.ofV1Parameter(v.params().get("SignatureMethod"))).isEqualTo(algorithm);
        assertThat(TencentV1Signer.requestString(v.params())).isEqualTo(then.get("requestString").asText());
        String toSign = TencentV1Signer.stringToSign(v.method(), v.host(), v.path(), v.params());
        assertThat(toSign).isEqualTo(then.get("stringToSign").asText());
        String signature = TencentV1Signer.signature(v.credentials().secret(), algorithm, toSign);
        assertThat(signature).isEqualTo(then.get("signature").asText());
        if (then.has("encodedSignature")) {
            assertThat(TencentV1Signer.encode(signature)).isEqualTo(then.get("encodedSignature").asText());
        }
        SortedMap<String, String> signed = TencentV1Signer.sign(v.credentials().secret(), algorithm, v.method(),
                v.host(), v.path(), v.params());
        assertThat(signed).containsEntry("Signature", signature);
        assertThat(TencentV1Signer.verify(v.credentials().secret(), v.method(), v.host(), v.path(), signed)).isTrue();
        if (then.has("query")) {
            assertThat(TencentV1Signer.formEncode(signed)).isEqualTo(then.get("query").asText());
        }
        if (then.has("printed")) {
            String printed = then.get("printed").asText();
            JsonNode fix = then.get("printedFix");
            String corrected = fix == null ? printed : printed.replace(fix.get(0).asText(), fix.get(1).asText());
            assertThat(corrected).isEqualTo(signature);
        }
    }

    @Test
    void theCmemPrintsDifferFromTheTrueSignaturesOnlyByTheirTypos() {
        // seed tencent-cmem-memcached-v2.txt 543 and 561: 45 characters is not Base64 of a 32-byte digest
        assertThat("0EEem/HtGRr/VJXTAD9tYMth1Bzm3lLHz5RCDv1GdM8s=").hasSize(45);
        String toSign = "GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Nonce=11886"
                + "&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&SignatureMethod=HmacSHA256&Timestamp=1465185768";
        byte[] digest = java.util.Base64.getDecoder().decode(
                TencentV1Signer.signature(Secret.of("Gu5t9xGARNpq86cd98joQYCN3Cozk1qA"), SignatureMethod.HMAC_SHA256, toSign));
        assertThat(HexFormat.of().formatHex(digest)).isEqualTo("d04126fc7b4646bfd52574c00fdb5832d8750739b794b1f3e51083bf519d33cb");
    }

    @Test
    void sortsByAsciiSoIndex12ComesBeforeIndex2() {
        // spec/tencent-redis-a.md 4.2 step 1
        assertThat(TencentV1Signer.requestString(Map.of("InstanceIds.2", "b", "InstanceIds.12", "a", "Action", "X")))
                .isEqualTo("Action=X&InstanceIds.12=a&InstanceIds.2=b");
    }

    @Test
    void flattensArraysAndNestedStructuresWithZeroBasedIndexes() throws Exception {
        JsonNode json = new ObjectMapper().readTree("""
                {"InstanceIds":["ins-1","ins-2"],"Filters":[{"Name":"zone","Values":["gz-3"]}],"Limit":20,
                 "Size":1.5,"Force":true,"Gone":null,"Tags":{"env":"prod"}}""");
        assertThat(TencentV1Signer.flatten(json)).containsExactly(
                Map.entry("Filters.0.Name", "zone"), Map.entry("Filters.0.Values.0", "gz-3"), Map.entry("Force", "true"),
                Map.entry("InstanceIds.0", "ins-1"), Map.entry("InstanceIds.1", "ins-2"), Map.entry("Limit", "20"),
                Map.entry("Size", "1.5"), Map.entry("Tags.env", "prod"));
    }

    @Test
    void signsRawValuesAndEncodesThemOnceOnTheWire() {
        Map<String, String> params = Map.of("Action", "X", "Name", "a b/c+d=中", "SignatureMethod", "HmacSHA256");
        String toSign = TencentV1Signer.stringToSign("post", "h", "/", params);
        assertThat(toSign).isEqualTo("POSTh/?Action=X&Name=a b/c+d=中&SignatureMethod=HmacSHA256");
        assertThat(TencentV1Signer.formEncode(params)).isEqualTo("Action=X&Name=a%20b%2Fc%2Bd%3D%E4%B8%AD&SignatureMethod=HmacSHA256");
    }

    @Test
    void verifyRejectsATamperedParameterAndAMissingSignature() {
        Secret key = Secret.of("k");
        SortedMap<String, String> signed = TencentV1Signer.sign(key, SignatureMethod.HMAC_SHA1, "POST", "h", "/",
                Map.of("Action", "A", "Nonce", "1"));
        assertThat(TencentV1Signer.verify(key, "POST", "h", "/", signed)).isTrue();
        signed.put("Nonce", "2");
        assertThat(TencentV1Signer.verify(key, "POST", "h", "/", signed)).isFalse();
        assertThat(TencentV1Signer.verify(key, "POST", "h", "/", Map.of("Action", "A"))).isFalse();
    }

    @Test
    void onlyTheExactValueHmacSHA256SelectsSha256() {
        assertThat(SignatureMethod.ofV1Parameter("HmacSHA256")).isEqualTo(SignatureMethod.HMAC_SHA256);
        assertThat(SignatureMethod.ofV1Parameter("hmacsha256")).isEqualTo(SignatureMethod.HMAC_SHA1);
        assertThat(SignatureMethod.ofV1Parameter(null)).isEqualTo(SignatureMethod.HMAC_SHA1);
    }
}
