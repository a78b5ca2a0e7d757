package io.dpnet.spark.secure;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 and the HKDF built on it (RFC 5869), for keys of one hash's length: all the link needs. */
final class Hkdf {
    static final int HASH_BYTES = 32;
    private static final String HMAC = "HmacSHA256";

    private Hkdf() {
    }

    /** HKDF-Extract: a pseudorandom key from {@code ikm}; an empty salt stands for the hash length's zeros. */
    static byte[] extract(byte[] salt, byte[] ikm) {
        return mac(salt.length == 0 ? new byte[HASH_BYTES] : salt, ikm);
    }

    /** HKDF-Expand to one hash's length: the first block, T(1) = HMAC(prk, info | 0x01). */
    static byte[] expand(byte[] prk, byte[]... info) {
        byte[][] parts = new byte[info.length + 1][];
        System.arraycopy(info, 0, parts, 0, info.length);
        parts[info.length] = new byte[] {1};
        return mac(prk, parts);
    }

    static byte[] mac(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + HMAC, e);
        }
    }
}
