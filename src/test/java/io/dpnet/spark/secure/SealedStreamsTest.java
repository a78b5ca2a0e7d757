package io.dpnet.spark.secure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The records' layer on its own, over byte arrays, so that a test can cut, flip and shuffle records at will. */
class SealedStreamsTest {
    private static final int OVERHEAD = RecordCipher.HEADER + RecordCipher.TAG;

    @Test
    void aLargeWriteIsSealedInFullRecordsAndSmallOnesOnFlush() throws IOException {
        byte[] data = LinkSecurityTest.randomBytes((1 << 20) + 10, 1);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        SealedOutputStream out = new SealedOutputStream(wire, key(1));
        out.write(data);
        assertEquals(16 * ((1 << 16) + OVERHEAD), wire.size(), "16 full records at once, 10 bytes held back");
        out.flush();
        out.write(data, 0, 3);
        out.write(7);
        out.flush();
        out.flush();
        assertEquals(18 * OVERHEAD + data.length + 4, wire.size(), "one record per flush that has something to seal");
        byte[] back = new byte[data.length + 4];
        DataInputStream in = new DataInputStream(new SealedInputStream(new ByteArrayInputStream(wire.toByteArray()),
                key(1)));
        in.readFully(back);
        assertArrayEquals(data, Arrays.copyOf(back, data.length));
        assertEquals(7, back[data.length + 3]);
        assertEquals(-1, in.read(), "the stream ends between records");
    }

    @Test
    void aFlippedBitAnywhereFails() throws IOException {
        byte[] wire = sealed(3, 1000);
        for (int at : new int[] {0, 3, RecordCipher.HEADER, 500, RecordCipher.HEADER + 999, wire.length - 1}) {
            for (int bit = 0; bit < 8; bit += 7) {
                byte[] bent = wire.clone();
                bent[at] ^= (byte) (1 << bit);
                assertThrows(IOException.class, () -> readAll(bent), "bit " + bit + " of byte " + at);
            }
        }
        assertEquals(3000, readAll(wire).length, "unbent, it reads");
    }

    @Test
    void aReplayedOrReorderedRecordFails() throws IOException {
        byte[] wire = sealed(2, 1000);
        int record = 1000 + OVERHEAD;
        byte[] first = Arrays.copyOfRange(wire, 0, record);
        byte[] second = Arrays.copyOfRange(wire, record, 2 * record);
        IOException replayed = assertThrows(IOException.class, () -> readAll(concat(first, first, second)));
        assertTrue(replayed.getMessage().contains("record 1 failed authentication"), replayed.getMessage());
        assertThrows(IOException.class, () -> readAll(concat(second, first)));
        assertThrows(IOException.class, () -> readAll(second), "a first record dropped");
    }

    @Test
    void aRecordCutShortFails() throws IOException {
        byte[] wire = sealed(2, 1000);
        assertThrows(EOFException.class, () -> readAll(Arrays.copyOf(wire, wire.length - 1)));
        assertThrows(EOFException.class, () -> readAll(Arrays.copyOf(wire, 1000 + OVERHEAD + 2)));
    }

    @Test
    void anotherKeyFails() throws IOException {
        byte[] wire = sealed(1, 100);
        assertThrows(IOException.class, () -> readAll(new SealedInputStream(new ByteArrayInputStream(wire), key(2))));
    }

    /** {@code records} records of {@code size} random bytes, under key(1). */
    private static byte[] sealed(int records, int size) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        SealedOutputStream out = new SealedOutputStream(wire, key(1));
        for (int r = 0; r < records; r++) {
            out.write(LinkSecurityTest.randomBytes(size, r));
            out.flush();
        }
        return wire.toByteArray();
    }

    private static byte[] readAll(byte[] wire) throws IOException {
        return readAll(new SealedInputStream(new ByteArrayInputStream(wire), key(1)));
    }

    private static byte[] readAll(SealedInputStream in) throws IOException {
        return in.readAllBytes();
    }

    /** A 32-byte key, new each time: a RecordCipher wipes the array it is given. */
    private static byte[] key(int seed) {
        return LinkSecurityTest.randomBytes(32, seed);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }
}
