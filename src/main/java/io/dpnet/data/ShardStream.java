package io.dpnet.data;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.ZipException;

/**
 * One shard of a sharded IDX set read front to back, a slice of samples at a time, so that training can stream a set
 * far larger than memory. Opened by {@link IdxShards#openStream}, which checks the files against the manifest first.
 */
public final class ShardStream implements Closeable {
    private final String source;
    private final String labelsSource;
    private final InputStream images;
    private final InputStream labels;
    private final int rows;
    private final int cols;
    private final int width;
    private final int count;
    private final long firstIndex;
    private int position;

    /** Reads both headers; the caller checks the shape and count against what it expects. */
    ShardStream(String source, InputStream images, String labelsSource, InputStream labels, long firstIndex)
            throws IOException {
        this.source = source;
        this.labelsSource = labelsSource;
        this.images = images;
        this.labels = labels;
        this.firstIndex = firstIndex;
        try {
            ByteBuffer header = IdxFormat.readHeader(images, source, IdxFormat.IMAGES_MAGIC, 3);
            count = header.getInt();
            rows = header.getInt();
            cols = header.getInt();
            width = rows * cols;
        } catch (EOFException | ZipException e) {
            throw Gzip.corrupt(source, e);
        }
        try {
            int labelCount = IdxFormat.readHeader(labels, labelsSource, IdxFormat.LABELS_MAGIC, 1).getInt();
            if (labelCount != count) {
                throw new InvalidDataException(source + " has " + count + " images but " + labelsSource + " has "
                        + labelCount + " labels");
            }
        } catch (EOFException | ZipException e) {
            throw Gzip.corrupt(labelsSource, e);
        }
    }

    int rows() {
        return rows;
    }

    int cols() {
        return cols;
    }

    /** Samples in the shard, as its header says. */
    int count() {
        return count;
    }

    /** Samples not read yet. */
    public int remaining() {
        return count - position;
    }

    /** The next {@code n} samples as a block that keeps their global indices. */
    public DataBlock next(int n) throws IOException {
        checkRemaining(n);
        byte[] pixels = read(images, source, Math.multiplyExact(n, width));
        byte[] classes = read(labels, labelsSource, n);
        int[] ints = new int[n];
        for (int i = 0; i < n; i++) {
            ints[i] = classes[i] & 0xff;
        }
        DataBlock block = DataBlock.ofPixels(firstIndex + position, pixels, width, ints);
        position += n;
        return block;
    }

    private byte[] read(InputStream in, String name, int length) throws IOException {
        try {
            byte[] bytes = in.readNBytes(length);
            if (bytes.length < length) {
                throw new InvalidDataException(name + ": truncated after sample " + (firstIndex + position));
            }
            return bytes;
        } catch (EOFException | ZipException e) {
            throw Gzip.corrupt(name, e);
        }
    }

    /** Passes over the next {@code n} samples (gzip has no index: they are decompressed all the same). */
    public void skip(int n) throws IOException {
        checkRemaining(n);
        try {
            images.skipNBytes((long) n * width);
        } catch (EOFException | ZipException e) {
            throw Gzip.corrupt(source, e);
        }
        try {
            labels.skipNBytes(n);
        } catch (EOFException | ZipException e) {
            throw Gzip.corrupt(labelsSource, e);
        }
        position += n;
    }

    private void checkRemaining(int n) {
        if (n < 0 || n > remaining()) {
            throw new IllegalArgumentException(source + ": cannot read " + n + " samples, " + remaining() + " left");
        }
    }

    @Override
    public void close() throws IOException {
        try (labels) {
            images.close();
        }
    }
}
