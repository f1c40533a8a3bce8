package io.cachesh.client.auth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * CapitalOnline (首都在线) OpenAPI signature, {@code SignatureVersion=1.0}, {@code SignatureMethod=HMAC-SHA1}. The
 * Memcached seed lists "2.签名机制" in its table of contents but omits the section; this is the algorithm of
 * CapitalOnline's published OpenAPI documentation ("认证方式") and of its code sample {@code get_signature}:
 * <ol>
 *   <li>the common parameters {@code Action}, {@code AccessKeyId}, {@code SignatureMethod}, {@code SignatureNonce},
 *       {@code SignatureVersion}, {@code Timestamp} ({@code yyyy-MM-dd'T'HH:mm:ss'Z'}, UTC), {@code Version}, plus the
 *       action parameters when they travel in the query (GET); a POST's JSON body is not signed;</li>
 *   <li>sorted by name; name and value each {@link #percentEncode(String) percent-encoded} (RFC 3986: space
 *       {@code %20}, {@code *} {@code %2A}, {@code ~} kept), joined {@code name=value} with {@code &}: the canonical query;</li>
 *   <li>string to sign {@code METHOD + "&" + percentEncode("/") + "&" + percentEncode(canonical query)};</li>
 *   <li>{@code Base64(HMAC-SHA1(key, string to sign))}, sent as the {@code Signature} query parameter.</li>
 * </ol>
 * The key is where the public material disagrees with itself, see {@link KeyDerivation}. Used by the client to sign
 * and by the emulator to verify.
 */
public final class CapitalOnlineSigner {

    public static final String SIGNATURE = "Signature";
    public static final String SIGNATURE_METHOD = "HMAC-SHA1";
    public static final String SIGNATURE_VERSION = "1.0";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /**
     * The HMAC key. CapitalOnline's signature text says "计算签名时，RFC2104规定的Key值是您的AccessKeySecret并加上与号（&）"
     * (the key is the AccessKeySecret followed by {@code &}), as in Alibaba Cloud's RPC signature it copies; the code
     * sample printed right above that sentence, {@code hmac.new(access_key_secret, stringToSign, sha1)}, uses the bare
     * secret, and so do the public scripts that call the real service. We default to what works against the service
     * (the bare secret) and let a config switch to the documented text.
     */
    public enum KeyDerivation {
        /** {@code AccessKeySecret + "&"}: the documented rule (Alibaba-style). */
        SECRET_AMPERSAND,
        /** The bare {@code AccessKeySecret}: what the published Python sample and working clients compute. The default. */
        SECRET_ONLY;

        /** The key bytes for {@code secret}. */
        public byte[] key(Secret secret) {
            String value = Objects.requireNonNull(secret, "secret == null").reveal();
            return (this == SECRET_AMPERSAND ? value + "&" : value).getBytes(StandardCharsets.UTF_8);
        }
    }

    private CapitalOnlineSigner() {
    }

    /**
     * RFC 3986 percent-encoding of CapitalOnline's {@code percentEncode}: UTF-8, {@code A-Z a-z 0-9 - _ . ~} kept,
     * everything else {@code %XY} with upper-case hex (space {@code %20}, {@code *} {@code %2A}, {@code /} {@code %2F}).
     */
    public static String percentEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    /** The common parameters of one call, before signing. */
    public static SortedMap<String, String> commonParameters(String action, String accessKeyId, String version,
                                                             Instant timestamp, String nonce) {
        SortedMap<String, String> params = new TreeMap<>();
        params.put("Action", Objects.requireNonNull(action, "action == null"));
        params.put("AccessKeyId", Objects.requireNonNull(accessKeyId, "accessKeyId == null"));
        params.put("SignatureMethod", SIGNATURE_METHOD);
        params.put("SignatureNonce", Objects.requireNonNull(nonce, "nonce == null"));
        params.put("SignatureVersion", SIGNATURE_VERSION);
        params.put("Timestamp", timestamp(timestamp));
        params.put("Version", Objects.requireNonNull(version, "version == null"));
        return params;
    }

    /** {@code 2019-08-08T12:00:00Z}: UTC, whole seconds. */
    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    /** Step 2: the sorted, encoded {@code name=value&...}; a {@code Signature} parameter is left out. */
    public static String canonicalQuery(Map<String, String> params) {
        StringJoiner out = new StringJoiner("&");
        new TreeMap<>(params).forEach((k, v) -> {
            if (!SIGNATURE.equals(k)) out.add(percentEncode(k) + "=" + percentEncode(v));
        });
        return out.toString();
    }

    /** Step 3: {@code POST&%2F&Action%3D...}. */
    public static String stringToSign(String httpMethod, Map<String, String> params) {
        return httpMethod.toUpperCase(Locale.ROOT) + "&" + percentEncode("/") + "&" + percentEncode(canonicalQuery(params));
    }

    /** Step 4: {@code Base64(HMAC-SHA1(key, stringToSign))}. */
    public static String signature(Secret secret, KeyDerivation keyDerivation, String stringToSign) {
        return Base64.getEncoder().encodeToString(Crypto.hmac("HmacSHA1", keyDerivation.key(secret),
                stringToSign.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code params} sorted with {@code Signature} added (raw, not yet encoded). */
    public static SortedMap<String, String> sign(Secret secret, KeyDerivation keyDerivation, String httpMethod,
                                                 Map<String, String> params) {
        SortedMap<String, String> signed = new TreeMap<>(params);
        signed.remove(SIGNATURE);
        signed.put(SIGNATURE, signature(secret, keyDerivation, stringToSign(httpMethod, signed)));
        return signed;
    }

    /** Whether {@code params} (decoded query parameters) carry the right {@code Signature} for this key derivation. */
    public static boolean verify(Secret secret, KeyDerivation keyDerivation, String httpMethod, Map<String, String> params) {
        String given = params.get(SIGNATURE);
        if (given == null) return false;
        String expected = signature(secret, keyDerivation, stringToSign(httpMethod, params));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** The query string of signed parameters: {@code k=percentEncode(v)&...} in sorted order. */
    public static String queryString(Map<String, String> params) {
        StringJoiner out = new StringJoiner("&");
        new TreeMap<>(params).forEach((k, v) -> out.add(percentEncode(k) + "=" + percentEncode(v)));
        return out.toString();
    }
}
