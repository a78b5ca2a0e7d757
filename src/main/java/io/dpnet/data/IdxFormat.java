package io.dpnet.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.zip.ZipException;

/**
 * Parses the IDX files MNIST comes in: a big-endian header (magic number, then one int per dimension) and unsigned
 * bytes. Reads from a stream, so files and class-path resources share it; the caller undoes gzip and closes. What a
 * header announces is checked against the file's length and the heap before anything is allocated for it.
 */
final class IdxFormat {
    static final int IMAGES_MAGIC = 2051;
    static final int LABELS_MAGIC = 2049;

    /** {@code count} images of {@code rows x cols} pixels, row-major, image after image. */
    record Images(byte[] pixels, int count, int rows, int cols) {
    }

    private IdxFormat() {
    }

    /**
     * Reads an images file whose header must agree with the file's length and fit {@code room}: both are checked
     * before the pixels are allocated, which then happens once, at their size.
     */
    static Images readImages(SizedInput file, String source, HeapRoom room) throws IOException {
        InputStream in = file.stream();
        try {
            ByteBuffer header = readHeader(in, source, IMAGES_MAGIC, 3);
            int count = header.getInt();
            int rows = header.getInt();
            int cols = header.getInt();
            if (count < 0 || rows <= 0 || cols <= 0) {
                throw new InvalidDataException(source + ": header announces " + count + " images of " + rows + "x"
                        + cols + " pixels");
            }
            long width = (long) rows * cols;
            if (width > ArrayLimits.MAX_LENGTH) {
                throw new InvalidDataException(source + ": header announces images of " + rows + "x" + cols
                        + " pixels, more than one array can hold");
            }
            String content = count + " images of " + rows + "x" + cols;
            long length = count * width;
            checkLength(file, source, 16, length, content);
            if (length > ArrayLimits.MAX_LENGTH) {
                throw new InvalidDataException(source + ": header announces " + content + ", " + length
                        + " bytes, more than one array can hold: " + room.alternative());
            }
            room.check(count * (width + Integer.BYTES), source + ": the header announces " + content
                    + " pixels, which with their labels");
            byte[] pixels = readBody(in, source, (int) length, content);
            return new Images(pixels, count, rows, cols);
        } catch (EOFException | ZipException e) {
            throw Gzip.corrupt(source, e);
        }
    }

    /** The labels as ints 0..255, checked against the file's length and {@code room} before they are allocated. */
    static int[] readLabels(SizedInput file, String source, HeapRoom room) throws IOException {
        InputStream in = file.stream();
        try {
            int count = readHeader(in, source, LABELS_MAGIC, 1).getInt();
            if (count < 0) {
                throw new InvalidDataException(source + ": header announces " + count + " labels");
            }
            String content = count + " labels";
            checkLength(file, source, 8, count, content);
            room.check((long) Integer.BYTES * count, source + ": the header announces " + content + ", which");
            // Widened chunk by chunk: a byte array of them all would hold the labels twice.
            int[] labels = new int[count];
            byte[] chunk = new byte[Math.min(count, 1 << 16)];
            for (int done = 0; done < count; ) {
                int read = in.readNBytes(chunk, 0, Math.min(chunk.length, count - done));
                for (int i = 0; i < read; i++) {
                    labels[done + i] = chunk[i] & 0xff;
                }
                done += read;
                if (read == 0) {
                    throw truncated(source, content, count, done);
                }
            }
            checkNothingFollows(in, source, content);
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

    /**
     * Checks, before anything is read, that {@code length} bytes after a header of {@code headerBytes} are what the
     * file can hold: exactly its length if it is raw, at most what deflate expands it to if it is gzip.
     */
    private static void checkLength(SizedInput file, String source, int headerBytes, long length, String content)
            throws InvalidDataException {
        long room = file.maxBytes() - headerBytes;
        if (file.exact() && length > room) {
            throw truncated(source, content, length, room);
        }
        if (file.exact() && length < room) {
            throw new InvalidDataException(source + ": " + (room - length) + " bytes after the " + content
                    + " the header announces");
        }
        if (length > room) {
            throw new InvalidDataException(source + ": truncated or corrupt: header announces " + content + " ("
                    + length + " bytes), more than a gzip file of " + file.fileLength() + " bytes can hold (deflate "
                    + "expands at most " + Gzip.MAX_EXPANSION + "-fold)");
        }
    }

    /** Reads exactly {@code length} bytes, the whole rest of the stream, or fails saying how the size is off. */
    private static byte[] readBody(InputStream in, String source, int length, String content) throws IOException {
        // One array of the checked size: growing one as data arrives would hold the pixels twice at the end.
        byte[] body = new byte[length];
        int read = in.readNBytes(body, 0, length);
        if (read < length) {
            throw truncated(source, content, length, read);
        }
        checkNothingFollows(in, source, content);
        return body;
    }

    private static InvalidDataException truncated(String source, String content, long length, long follow) {
        return new InvalidDataException(source + ": truncated: header announces " + content + " (" + length
                + " bytes) but only " + follow + " bytes follow");
    }

    private static void checkNothingFollows(InputStream in, String source, String content) throws IOException {
        long extra = in.transferTo(OutputStream.nullOutputStream());
        if (extra > 0) {
            throw new InvalidDataException(source + ": " + extra + " bytes after the " + content
                    + " the header announces");
        }
    }
}
