package io.cachesh.client.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC and SHA-256 for the signers, with one {@link Mac} per algorithm and one {@link MessageDigest} per thread:
 * {@code Mac.getInstance}/{@code MessageDigest.getInstance} walk the security providers on every call, which the
 * profile showed at about 8 % of a small call's CPU. {@code Mac.init} and {@code digest} reset them, so reuse gives
 * the same bytes.
 */
final class Crypto {

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });
    private static final ThreadLocal<Map<String, Mac>> MACS = ThreadLocal.withInitial(() -> new ConcurrentHashMap<>(4));

    private Crypto() {
    }

    static byte[] sha256(byte[] data) {
        return SHA256.get().digest(data);
    }

    /** {@code algorithm}(key, data), e.g. {@code HmacSHA256}. */
    static byte[] hmac(String algorithm, byte[] key, byte[] data) {
        Mac mac = MACS.get().computeIfAbsent(algorithm, Crypto::newMac);
        try {
            mac.init(new SecretKeySpec(key, algorithm));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return mac.doFinal(data);
    }

    private static Mac newMac(String algorithm) {
        try {
            return Mac.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
