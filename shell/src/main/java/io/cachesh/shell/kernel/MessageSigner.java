package io.cachesh.shell.kernel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 over the four JSON frames (header, parent header, metadata, content), hex; no key, no signature. */
public final class MessageSigner {

    private final byte[] key;

    public MessageSigner(String key) {
        this.key = key == null ? new byte[0] : key.getBytes(StandardCharsets.UTF_8);
    }

    public String sign(byte[]... frames) {
        if (key.length == 0) return "";
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] f : frames) mac.update(f);
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Constant-time check of a received signature. */
    public boolean verify(String signature, byte[]... frames) {
        if (key.length == 0) return true;
        byte[] expected = sign(frames).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = (signature == null ? "" : signature).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }
}
