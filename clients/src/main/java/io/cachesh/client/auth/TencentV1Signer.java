package io.cachesh.client.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Tencent Cloud signature v1 ("签名方法 v1", seed tencent-redis-api3-and-legacy-v2.txt about lines 4993-5990), also
 * the signature of the legacy v2 API ({@code /v2/index.php}, seed tencent-cmem-memcached-v2.txt 425-575):
 * <ol>
 *   <li>every parameter but {@code Signature}, action parameters flattened ({@code InstanceIds.0},
 *       {@code Filters.0.Name}), sorted by name in ASCII order ({@code InstanceIds.12} before {@code InstanceIds.2});</li>
 *   <li>{@code name=value} joined by {@code &}, with raw (not URL-encoded) values;</li>
 *   <li>string to sign {@code METHOD + host + path + "?" + that};</li>
 *   <li>{@code Base64(HMAC(SecretKey, string to sign))}, HmacSHA256 only for {@code SignatureMethod=HmacSHA256};</li>
 *   <li>on the wire every value URL-encoded once (RFC 3986, upper-case hex), the signature included.</li>
 * </ol>
 * Used by the client to sign and by the emulator to verify.
 */
public final class TencentV1Signer {

    public static final String SIGNATURE = "Signature";

    private TencentV1Signer() {
    }

    /** Steps 1-2: the sorted {@code k=v&...} with raw values; a {@code Signature} parameter is left out. */
    public static String requestString(Map<String, String> params) {
        StringJoiner out = new StringJoiner("&");
        new TreeMap<>(params).forEach((k, v) -> {
            if (!SIGNATURE.equals(k)) out.add(k + "=" + v);
        });
        return out.toString();
    }

    /** Step 3: {@code POSTcvm.tencentcloudapi.com/?Action=...}. */
    public static String stringToSign(String method, String host, String path, Map<String, String> params) {
        return method.toUpperCase(java.util.Locale.ROOT) + host + path + "?" + requestString(params);
    }

    /** Step 4: the Base64 HMAC of {@code stringToSign}; {@code method} must be a v1 method. */
    public static String signature(Secret secretKey, SignatureMethod method, String stringToSign) {
        Objects.requireNonNull(secretKey, "secretKey == null");
        if (!method.isV1()) throw new IllegalArgumentException("not a v1 signature method: " + method);
        return Base64.getEncoder().encodeToString(Crypto.hmac(method.macAlgorithm(),
                secretKey.reveal().getBytes(StandardCharsets.UTF_8), stringToSign.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Signs {@code params} (which must hold the common parameters, {@code SignatureMethod} included when sent) and
     * returns them sorted with {@code Signature} added (raw, not yet URL-encoded).
     */
    public static SortedMap<String, String> sign(Secret secretKey, SignatureMethod method, String httpMethod, String host,
                                                 String path, Map<String, String> params) {
        SortedMap<String, String> signed = new TreeMap<>(params);
        signed.remove(SIGNATURE);
        signed.put(SIGNATURE, signature(secretKey, method, stringToSign(httpMethod, host, path, signed)));
        return signed;
    }

    /** Whether {@code params} carry the right {@code Signature}, with the method their {@code SignatureMethod} selects. */
    public static boolean verify(Secret secretKey, String httpMethod, String host, String path, Map<String, String> params) {
        String given = params.get(SIGNATURE);
        if (given == null) return false;
        String expected = signature(secretKey, SignatureMethod.ofV1Parameter(params.get("SignatureMethod")),
                stringToSign(httpMethod, host, path, params));
        return java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Action parameters from their JSON form: scalars as text, array elements as {@code Name.0}, {@code Name.1},
     * structure members as {@code Name.Field} (so {@code Filters.0.Name}); nulls are left out.
     */
    public static SortedMap<String, String> flatten(JsonNode parameters) {
        SortedMap<String, String> out = new TreeMap<>();
        if (parameters != null) flatten("", parameters, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, SortedMap<String, String> out) {
        if (node.isNull() || node.isMissingNode()) return;
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) flatten(prefix + "." + i, node.get(i), out);
        } else {
            if (prefix.isEmpty()) throw new IllegalArgumentException("parameters must be a JSON object, not " + node.getNodeType());
            out.put(prefix, node.asText());
        }
    }

    /**
     * Step 5 for one value: UTF-8, {@code %XY} with upper-case hex for everything but {@code A-Z a-z 0-9 - _ . ~ *}
     * (a space is {@code %20}, never {@code +}). Keeping {@code *} reproduces the doc's final URL (seed
     * tencent-redis-api3-and-legacy-v2.txt 5263-5269) and the SDK's form body; servers decode both spellings.
     */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%7E", "~");
    }

    /** The form body or query string of signed parameters: {@code k=encoded(v)&...} in sorted order. */
    public static String formEncode(Map<String, String> params) {
        StringJoiner out = new StringJoiner("&");
        new TreeMap<>(params).forEach((k, v) -> out.add(k + "=" + encode(v)));
        return out.toString();
    }
}
