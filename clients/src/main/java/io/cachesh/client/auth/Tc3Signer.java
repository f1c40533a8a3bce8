package io.cachesh.client.auth;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tencent Cloud API 3.0 signature, TC3-HMAC-SHA256 (seed tencent-redis-api3-and-legacy-v2.txt, signature v3
 * section, about lines 2759-4990). Used by the client to sign and by the emulator to verify.
 */
public final class Tc3Signer {

    public static final String ALGORITHM = "TC3-HMAC-SHA256";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private Tc3Signer() {
    }

    /** Everything that goes into one signature; signed headers are lower-cased names and lower-cased, trimmed values (seed, signature v3, step 1). */
    public record Input(String method, String canonicalUri, String canonicalQuery, Map<String, String> signedHeaders,
                        byte[] payload, String service, long timestampSeconds) {

        public Input {
            TreeMap<String, String> sorted = new TreeMap<>();
            signedHeaders.forEach((k, v) -> sorted.put(k.toLowerCase(java.util.Locale.ROOT), v.trim().toLowerCase(java.util.Locale.ROOT)));
            signedHeaders = sorted;
        }

        public String date() {
            return DATE.format(Instant.ofEpochSecond(timestampSeconds));
        }

        public String credentialScope() {
            return date() + "/" + service + "/tc3_request";
        }

        public String signedHeaderNames() {
            return String.join(";", signedHeaders.keySet());
        }
    }

    public static String canonicalRequest(Input in) {
        StringBuilder headers = new StringBuilder();
        in.signedHeaders().forEach((k, v) -> headers.append(k).append(':').append(v).append('\n'));
        return in.method() + '\n' + in.canonicalUri() + '\n' + in.canonicalQuery() + '\n' + headers + '\n'
                + in.signedHeaderNames() + '\n' + sha256Hex(in.payload());
    }

    public static String stringToSign(Input in) {
        return ALGORITHM + '\n' + in.timestampSeconds() + '\n' + in.credentialScope() + '\n'
                + sha256Hex(canonicalRequest(in).getBytes(StandardCharsets.UTF_8));
    }

    public static String signature(Secret secretKey, Input in) {
        byte[] secretDate = hmac(("TC3" + secretKey.reveal()).getBytes(StandardCharsets.UTF_8), in.date());
        byte[] secretService = hmac(secretDate, in.service());
        byte[] secretSigning = hmac(secretService, "tc3_request");
        return HEX.formatHex(hmac(secretSigning, stringToSign(in)));
    }

    /** The value of the {@code Authorization} header. */
    public static String authorization(Credentials credentials, Input in) {
        return ALGORITHM + " Credential=" + credentials.keyId() + '/' + in.credentialScope()
                + ", SignedHeaders=" + in.signedHeaderNames()
                + ", Signature=" + signature(credentials.secret(), in);
    }

    /** Parsed {@code Authorization} header, for verification; null fields when a part is missing. */
    public record Authorization(String algorithm, String keyId, String date, String service, String terminator,
                                String signedHeaders, String signature) {

        public static Authorization parse(String header) {
            if (header == null) return null;
            int space = header.indexOf(' ');
            if (space < 0) return null;
            String algorithm = header.substring(0, space);
            Map<String, String> parts = new TreeMap<>();
            for (String part : header.substring(space + 1).split(",")) {
                int eq = part.indexOf('=');
                if (eq > 0) parts.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
            String credential = parts.get("Credential");
            String[] scope = credential == null ? new String[0] : credential.split("/");
            if (scope.length != 4) return new Authorization(algorithm, null, null, null, null,
                    parts.get("SignedHeaders"), parts.get("Signature"));
            return new Authorization(algorithm, scope[0], scope[1], scope[2], scope[3],
                    parts.get("SignedHeaders"), parts.get("Signature"));
        }
    }

    public static String sha256Hex(byte[] data) {
        return HEX.formatHex(Crypto.sha256(data));
    }

    static byte[] hmac(byte[] key, String data) {
        return Crypto.hmac("HmacSHA256", key, data.getBytes(StandardCharsets.UTF_8));
    }
}
