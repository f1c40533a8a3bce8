package io.cachesh.client.auth;

import java.util.Objects;

/**
 * An access key pair (Tencent SecretId/SecretKey, Huawei AK/SK, CapitalOnline AccessKeyId/Secret) and an
 * optional session token. The key id is not secret; the key and token are.
 */
public record Credentials(String keyId, Secret secret, Secret token) {

    public Credentials {
        Objects.requireNonNull(keyId, "keyId == null");
        Objects.requireNonNull(secret, "secret == null");
        if (keyId.isBlank()) throw new IllegalArgumentException("keyId is blank");
    }

    public static Credentials of(String keyId, String secret) {
        return new Credentials(keyId, Secret.of(secret), null);
    }

    @Override
    public String toString() {
        return "Credentials[keyId=" + keyId + ", secret=" + Secret.MASK + (token == null ? "" : ", token=" + Secret.MASK) + "]";
    }
}
