package io.dpnet.spark.secure;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import javax.crypto.Cipher;

/**
 * Sealed records in, plaintext out ({@link RecordCipher}), one record at a time through reused buffers. A length
 * outside what a record can be is refused before anything more is read; the stream may end only between records.
 * Not for concurrent readers.
 */
final class SealedInputStream extends InputStream {
    private final InputStream in;
    private final RecordCipher cipher;
    private final byte[] record = new byte[RecordCipher.MAX_RECORD];
    private final byte[] plain = new byte[RecordCipher.MAX_PLAINTEXT];
    private int position;
    private int limit;

    SealedInputStream(InputStream in, byte[] key) {
        this.in = in;
        this.cipher = new RecordCipher(key, Cipher.DECRYPT_MODE);
    }

    @Override
    public int read() throws IOException {
        return hasPlaintext() ? plain[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!hasPlaintext()) {
            return -1;
        }
        int n = Math.min(len, limit - position);
        System.arraycopy(plain, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return limit - position;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Opens records until one holds plaintext; false at the end of the stream. */
    private boolean hasPlaintext() throws IOException {
        while (position == limit) {
            int header = readUpTo(0, RecordCipher.HEADER);
            if (header == 0) {
                return false;
            }
            if (header < RecordCipher.HEADER) {
                throw new EOFException("the link ended inside a record's header");
            }
            int sealed = RecordCipher.sealedLength(record);
            if (sealed < RecordCipher.TAG || sealed > RecordCipher.MAX_RECORD - RecordCipher.HEADER) {
                throw new IOException("absurd record length " + Integer.toUnsignedString(sealed)
                        + ": not a sealed exchange stream");
            }
            if (readUpTo(RecordCipher.HEADER, sealed) < sealed) {
                throw new EOFException("the link ended inside a record of " + sealed + " bytes");
            }
            limit = cipher.open(record, sealed, plain);
            position = 0;
        }
        return true;
    }

    /** Reads into {@code record} until {@code len} bytes have come or the stream ends; returns how many came. */
    private int readUpTo(int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int n = in.read(record, off + done, len - done);
            if (n < 0) {
                break;
            }
            done += n;
        }
        return done;
    }
}
