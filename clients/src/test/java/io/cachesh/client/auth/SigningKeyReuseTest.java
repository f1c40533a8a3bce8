package io.cachesh.client.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The signers keep a thread's last key ({@link Crypto}'s initialised {@code Mac}, TC3's derived key of the day): calls
 * that change secret, day or service in any order on one thread give the signatures computed from scratch, and the
 * hand-made dates are the formatter's.
 */
class SigningKeyReuseTest {

    private static final List<String> SECRETS = List.of("secret-one", "secret-two");
    private static final List<Long> TIMES = List.of(1_700_000_000L, 1_700_000_000L + 86_400, 1_700_000_000L + 3_600);
    private static final List<String> SERVICES = List.of("redis", "cvm");

    @Test
    void tc3SignaturesMatchAFreshDerivationWhateverCameBefore() throws Exception {
        for (int round = 0; round < 2; round++) {
            for (String secret : SECRETS) {
                for (long time : TIMES) {
                    for (String service : SERVICES) {
                        Tc3Signer.Input in = new Tc3Signer.Input("POST", "/", "",
                                Map.of("content-type", "application/json", "host", "redis.tencentcloudapi.com"),
                                "{}".getBytes(StandardCharsets.UTF_8), service, time);
                        assertThat(Tc3Signer.signature(Secret.of(secret), in))
                                .as(secret + " " + time + " " + service).isEqualTo(freshTc3(secret, in));
                    }
                }
            }
        }
    }

    @Test
    void hmacWithAlternatingKeysMatchesAFreshMac() throws Exception {
        for (int i = 0; i < 6; i++) {
            byte[] key = ("key-" + (i % 3)).getBytes(StandardCharsets.UTF_8);
            byte[] data = ("data-" + i).getBytes(StandardCharsets.UTF_8);
            assertThat(Crypto.hmac("HmacSHA256", key, data)).isEqualTo(fresh(key, data));
            assertThat(Crypto.hmac("HmacSHA256", key, data)).as("same key again").isEqualTo(fresh(key, data));
        }
    }

    @Test
    void handMadeDatesAreTheFormattersOnes() {
        DateTimeFormatter huawei = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
        DateTimeFormatter tencent = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
        for (String at : List.of("1970-01-01T00:00:00Z", "2024-02-29T23:59:59Z", "2026-11-30T03:04:05Z",
                "1999-12-31T09:08:07Z", "9999-12-31T23:59:59Z", "0999-01-01T00:00:00Z", "1969-12-31T23:59:59Z")) {
            Instant instant = Instant.parse(at);
            assertThat(HuaweiAkSkSigner.date(instant)).as(at).isEqualTo(huawei.format(instant));
            assertThat(Tc3Signer.date(instant.getEpochSecond())).as(at).isEqualTo(tencent.format(instant));
        }
    }

    private static String freshTc3(String secret, Tc3Signer.Input in) throws Exception {
        byte[] k = fresh(("TC3" + secret).getBytes(StandardCharsets.UTF_8), bytes(in.date()));
        k = fresh(k, bytes(in.service()));
        k = fresh(k, bytes("tc3_request"));
        return HexFormat.of().formatHex(fresh(k, bytes(Tc3Signer.stringToSign(in))));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] fresh(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }
}
