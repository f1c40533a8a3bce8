package io.cachesh.client.auth;

import java.util.Objects;

/**
 * How a Tencent Cloud API 3.0 call is signed (the official SDK's {@code ClientProfile.SIGN_TC3_256},
 * {@code SIGN_SHA256}, {@code SIGN_SHA1}).
 */
public enum SignatureMethod {

    /** Signature v3: JSON body, {@code Authorization: TC3-HMAC-SHA256 ...} ({@link Tc3Signer}). The default. */
    TC3_HMAC_SHA256("TC3-HMAC-SHA256", "HmacSHA256"),
    /** Signature v1 with {@code SignatureMethod=HmacSHA256}: a signed form POST ({@link TencentV1Signer}). */
    HMAC_SHA256("HmacSHA256", "HmacSHA256"),
    /** Signature v1 with {@code SignatureMethod=HmacSHA1}: a signed form POST ({@link TencentV1Signer}). */
    HMAC_SHA1("HmacSHA1", "HmacSHA1");

    private final String wireName;
    private final String macAlgorithm;

    SignatureMethod(String wireName, String macAlgorithm) {
        this.wireName = wireName;
        this.macAlgorithm = macAlgorithm;
    }

    /** The name on the wire: the v1 {@code SignatureMethod} parameter, or the v3 algorithm. */
    public String wireName() {
        return wireName;
    }

    /** The JCA name of the MAC. */
    public String macAlgorithm() {
        return macAlgorithm;
    }

    /** True for the v1 methods, signed over sorted parameters. */
    public boolean isV1() {
        return this != TC3_HMAC_SHA256;
    }

    /**
     * The v1 method a server applies for a {@code SignatureMethod} parameter: HmacSHA256 only for exactly
     * {@code HmacSHA256}, HmacSHA1 for anything else, absence included (seed tencent-redis-api3-and-legacy-v2.txt,
     * signature v1; spec/tencent-redis-a.md 3.2).
     */
    public static SignatureMethod ofV1Parameter(String value) {
        return Objects.equals(value, HMAC_SHA256.wireName) ? HMAC_SHA256 : HMAC_SHA1;
    }
}
