package io.dpnet.model;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * Container files written by hand as docs/MODEL_FORMAT.md describes them, independently of {@link ChecksummedFile}:
 * what an older build, a newer one, or a writer in another language, produces.
 */
public final class HandWritten {
    private HandWritten() {
    }

    /** Magic, {@code version}, the header's length and bytes, the arrays as 4- or 8-byte values, the CRC-32. */
    public static byte[] container(byte[] magic, int version, String header, int valueBytes, double[]... arrays)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CRC32 crc = new CRC32();
        DataOutputStream out = new DataOutputStream(new CheckedOutputStream(bytes, crc));
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        out.write(magic);
        out.writeInt(version);
        out.writeInt(json.length);
        out.write(json);
        for (double[] array : arrays) {
            for (double v : array) {
                if (valueBytes == 4) {
                    out.writeFloat((float) v);
                } else {
                    out.writeDouble(v);
                }
            }
        }
        out.flush();
        new DataOutputStream(bytes).writeLong(crc.getValue());
        return bytes.toByteArray();
    }
}
