package io.cachesh.client.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC and SHA-256 for the signers, with one {@link Mac} per algorithm and one {@link MessageDigest} per thread:
 * {@code Mac.getInstance}/{@code MessageDigest.getInstance} walk the security providers on every call, which the
 * profile showed at about 8 % of a small call's CPU. {@code Mac.init} and {@code digest} reset them, so reuse gives
 * the same bytes. A {@code Mac} keeps its key between calls ({@code doFinal} resets it to the state after
 * {@code init}), so it is initialised again only when the key changes: the signers use the same key call after call
 * (Huawei's SK, Tencent's derived signing key of the day).
 */
final class Crypto {

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });
    private static final ThreadLocal<Map<String, KeyedMac>> MACS = ThreadLocal.withInitial(() -> new ConcurrentHashMap<>(4));

    private Crypto() {
    }

    static byte[] sha256(byte[] data) {
        return SHA256.get().digest(data);
    }

    /** {@code algorithm}(key, data), e.g. {@code HmacSHA256}. */
    static byte[] hmac(String algorithm, byte[] key, byte[] data) {
        KeyedMac keyed = MACS.get().computeIfAbsent(algorithm, KeyedMac::new);
        if (keyed.key == null || !Arrays.equals(keyed.key, key)) {
            try {
                keyed.mac.init(new SecretKeySpec(key, algorithm));
            } catch (GeneralSecurityException e) {
                keyed.key = null;
                throw new IllegalStateException(e);
            }
            keyed.key = key.clone();
        }
        return keyed.mac.doFinal(data);
    }

    /** A thread's {@link Mac} of one algorithm and the key it was last initialised with. */
    private static final class KeyedMac {
        final Mac mac;
        byte[] key;

        KeyedMac(String algorithm) {
            try {
                this.mac = Mac.getInstance(algorithm);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
