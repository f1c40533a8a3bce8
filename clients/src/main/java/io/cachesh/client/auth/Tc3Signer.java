package io.cachesh.client.auth;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
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
            return Tc3Signer.date(timestampSeconds);
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
        return HEX.formatHex(hmac(signingKey(secretKey, in.date(), in.service()), stringToSign(in)));
    }

    /**
     * The derived key {@code HMAC(HMAC(HMAC("TC3" + SecretKey, date), service), "tc3_request")}; it changes once a
     * day, so each thread keeps the last one (three HMACs per call saved).
     */
    static byte[] signingKey(Secret secretKey, String date, String service) {
        String secret = secretKey.reveal();
        SigningKey last = SIGNING_KEY.get();
        if (last != null && last.secret.equals(secret) && last.date.equals(date) && last.service.equals(service)) {
            return last.key;
        }
        byte[] secretDate = hmac(("TC3" + secret).getBytes(StandardCharsets.UTF_8), date);
        byte[] secretService = hmac(secretDate, service);
        byte[] key = hmac(secretService, "tc3_request");
        SIGNING_KEY.set(new SigningKey(secret, date, service, key));
        return key;
    }

    private static final ThreadLocal<SigningKey> SIGNING_KEY = new ThreadLocal<>();

    /** A thread's last derived key and what it was derived from (no {@code toString}: it holds the secret). */
    private static final class SigningKey {
        final String secret;
        final String date;
        final String service;
        final byte[] key;

        SigningKey(String secret, String date, String service, byte[] key) {
            this.secret = secret;
            this.date = date;
            this.service = service;
            this.key = key;
        }
    }

    /** {@code yyyy-MM-dd} (UTC) of a timestamp; {@code LocalDate.toString} is that format for years 1000-9999. */
    static String date(long timestampSeconds) {
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(timestampSeconds, 86_400L));
        return day.getYear() >= 1000 && day.getYear() <= 9999 ? day.toString() : DATE.format(Instant.ofEpochSecond(timestampSeconds));
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
