package io.dpnet.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.zip.ZipException;

/**
 * Parses the IDX files MNIST comes in: a big-endian header (magic number, then one int per dimension) and unsigned
 * bytes. Reads from a stream, so files and class-path resources share it; the caller undoes gzip and closes.
 */
final class IdxFormat {
    static final int IMAGES_MAGIC = 2051;
    static final int LABELS_MAGIC = 2049;

    /** {@code count} images of {@code rows x cols} pixels, row-major, image after image. */
    record Images(byte[] pixels, int count, int rows, int cols) {
    }

    private IdxFormat() {
    }

    static Images readImages(InputStream in, String source) throws IOException {
        try {
            ByteBuffer header = readHeader(in, source, IMAGES_MAGIC, 3);
            int count = header.getInt();
            int rows = header.getInt();
            int cols = header.getInt();
            if (count < 0 || rows <= 0 || cols <= 0) {
                throw new InvalidDataException(source + ": header announces " + count + " images of " + rows + "x"
                        + cols + " pixels");
            }
            String content = count + " images of " + rows + "x" + cols;
            byte[] pixels = readBody(in, source, (long) count * rows * cols, content);
            return new Images(pixels, count, rows, cols);
        } catch (EOFException | ZipException e) {
            throw Gzip.corrupt(source, e);
        }
    }

    /** The labels as ints 0..255. */
    static int[] readLabels(InputStream in, String source) throws IOException {
        try {
            int count = readHeader(in, source, LABELS_MAGIC, 1).getInt();
            if (count < 0) {
                throw new InvalidDataException(source + ": header announces " + count + " labels");
            }
            byte[] bytes = readBody(in, source, count, count + " labels");
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = bytes[i] & 0xff;
            }
            return labels;
        } catch (EOFException | ZipException e) {
            throw Gzip.corrupt(source, e);
        }
    }

    /** Checks the magic number and returns the {@code dimensions} ints that follow it. */
    static ByteBuffer readHeader(InputStream in, String source, int magic, int dimensions) throws IOException {
        byte[] magicBytes = in.readNBytes(4);
        if (magicBytes.length == 0) {
            throw new InvalidDataException(source + ": empty file, expected an IDX file with magic number " + magic);
        }
        if (magicBytes.length < 4) {
            throw new InvalidDataException(source + ": truncated header: " + magicBytes.length + " bytes");
        }
        int found = ByteBuffer.wrap(magicBytes).getInt();
        if (found != magic) {
            throw new InvalidDataException(source + ": magic number " + magic + " expected, found " + found
                    + describeMagic(found));
        }
        byte[] dims = in.readNBytes(4 * dimensions);
        if (dims.length < 4 * dimensions) {
            throw new InvalidDataException(source + ": truncated header: " + (4 + dims.length) + " bytes, "
                    + (4 + 4 * dimensions) + " expected");
        }
        return ByteBuffer.wrap(dims);
    }

    // Saying what a wrong magic number belongs to catches the common mistake of swapped file arguments.
    private static String describeMagic(int found) {
        return switch (found) {
            case IMAGES_MAGIC -> " (an IDX images file)";
            case LABELS_MAGIC -> " (an IDX labels file)";
            default -> "";
        };
    }

    /** Reads exactly {@code length} bytes, the whole rest of the stream, or fails saying how the size is off. */
    private static byte[] readBody(InputStream in, String source, long length, String content) throws IOException {
        if (length > ArrayLimits.MAX_LENGTH) {
            throw new InvalidDataException(source + ": header announces " + content + ", " + length
                    + " bytes, more than one array can hold");
        }
        // readNBytes grows its buffer as data arrives, so a corrupt header cannot make us allocate gigabytes up front.
        byte[] body = in.readNBytes((int) length);
        if (body.length < length) {
            throw new InvalidDataException(source + ": truncated: header announces " + content + " (" + length
                    + " bytes) but only " + body.length + " bytes follow");
        }
        long extra = in.transferTo(OutputStream.nullOutputStream());
        if (extra > 0) {
            throw new InvalidDataException(source + ": " + extra + " bytes after the " + content
                    + " the header announces");
        }
        return body;
    }
}
