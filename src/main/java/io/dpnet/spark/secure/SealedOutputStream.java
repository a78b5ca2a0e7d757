package io.dpnet.spark.secure;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import javax.crypto.Cipher;

/**
 * Plaintext in, sealed records out ({@link RecordCipher}). A record is sealed on {@link #flush} or when
 * {@value RecordCipher#MAX_PLAINTEXT} bytes are waiting; a large write is sealed straight from the caller's array, a
 * full record at a time, so a multi-megabyte chunk costs no copy and no per-byte call. Not for concurrent writers.
 */
final class SealedOutputStream extends OutputStream {
    private final OutputStream out;
    private final RecordCipher cipher;
    private final byte[] pending = new byte[RecordCipher.MAX_PLAINTEXT];
    private final byte[] record = new byte[RecordCipher.MAX_RECORD];
    private int buffered;

    SealedOutputStream(OutputStream out, byte[] key) {
        this.out = out;
        this.cipher = new RecordCipher(key, Cipher.ENCRYPT_MODE);
    }

    @Override
    public void write(int b) throws IOException {
        pending[buffered++] = (byte) b;
        if (buffered == pending.length) {
            sealPending();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        while (len > 0) {
            if (buffered == 0 && len >= pending.length) {
                send(b, off, pending.length);
                off += pending.length;
                len -= pending.length;
                continue;
            }
            int n = Math.min(len, pending.length - buffered);
            System.arraycopy(b, off, pending, buffered, n);
            buffered += n;
            off += n;
            len -= n;
            if (buffered == pending.length) {
                sealPending();
            }
        }
    }

    @Override
    public void flush() throws IOException {
        if (buffered > 0) {
            sealPending();
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            out.close();
        }
    }

    private void sealPending() throws IOException {
        send(pending, 0, buffered);
        buffered = 0;
    }

    private void send(byte[] plain, int off, int len) throws IOException {
        out.write(record, 0, cipher.seal(plain, off, len, record));
    }
}
