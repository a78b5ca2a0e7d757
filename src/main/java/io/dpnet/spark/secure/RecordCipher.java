package io.dpnet.spark.secure;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One direction of an encrypted link: AES-256-GCM records, each a 4-byte big-endian length (authenticated as the
 * record's associated data) and then the ciphertext with its 16-byte tag. Record n is sealed under the IV
 * 0x00000000 | n: the key is this connection's and direction's alone, so no IV repeats under it, and a record replayed,
 * reordered or dropped fails authentication where it lands.
 */
final class RecordCipher {
    static final int MAX_PLAINTEXT = 1 << 16;
    static final int HEADER = 4;
    static final int TAG = 16;
    static final int MAX_RECORD = HEADER + MAX_PLAINTEXT + TAG;
    private static final int IV_BYTES = 12;

    private final Cipher cipher;
    private final SecretKeySpec key;
    private final int mode;
    private final byte[] iv = new byte[IV_BYTES];
    private long counter;

    /** {@code mode}: {@link Cipher#ENCRYPT_MODE} or {@link Cipher#DECRYPT_MODE}. The key bytes are wiped here. */
    RecordCipher(byte[] key, int mode) {
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has AES/GCM/NoPadding", e);
        }
        this.key = new SecretKeySpec(key, "AES");
        Arrays.fill(key, (byte) 0);
        this.mode = mode;
    }

    /** Seals {@code len} (at most {@value #MAX_PLAINTEXT}) bytes into {@code record}; returns the record's size. */
    int seal(byte[] plain, int off, int len, byte[] record) throws IOException {
        int sealed = len + TAG;
        record[0] = (byte) (sealed >>> 24);
        record[1] = (byte) (sealed >>> 16);
        record[2] = (byte) (sealed >>> 8);
        record[3] = (byte) sealed;
        try {
            startRecord();
            cipher.updateAAD(record, 0, HEADER);
            return HEADER + cipher.doFinal(plain, off, len, record, HEADER);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing a record within bounds failed", e);
        }
    }

    /** The sealed length a record's header announces (not yet checked). */
    static int sealedLength(byte[] record) {
        return (record[0] & 0xff) << 24 | (record[1] & 0xff) << 16 | (record[2] & 0xff) << 8 | record[3] & 0xff;
    }

    /** Opens the record in {@code record} (header, then {@code sealed} bytes) into {@code plain}; returns its size. */
    int open(byte[] record, int sealed, byte[] plain) throws IOException {
        try {
            startRecord();
            cipher.updateAAD(record, 0, HEADER);
            return cipher.doFinal(record, HEADER, sealed, plain, 0);
        } catch (AEADBadTagException e) {
            throw new IOException("record " + (counter - 1) + " failed authentication: tampered with, out of order,"
                    + " replayed, or sealed under another key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("opening a record within bounds failed", e);
        }
    }

    private void startRecord() throws IOException, GeneralSecurityException {
        if (counter == Long.MAX_VALUE) {
            throw new IOException("the link's record counter is spent: reconnect"); // never reuse an IV
        }
        long n = counter++;
        for (int i = IV_BYTES - 1; i >= IV_BYTES - Long.BYTES; i--) {
            iv[i] = (byte) n;
            n >>>= 8;
        }
        cipher.init(mode, key, new GCMParameterSpec(TAG * 8, iv));
    }
}
