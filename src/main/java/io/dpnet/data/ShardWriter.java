package io.dpnet.data;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Streams one shard (an IDX images file and an IDX labels file, both gzip) sample by sample, so that a shard of
 * any size is written in constant memory. Both files go to hidden temporary names and are renamed into place by
 * {@link #commit()}; closing without a commit deletes them, so a failed task leaves no half-written shard behind.
 * Opened by {@link IdxShards#openShard}.
 */
public final class ShardWriter implements Closeable {
    private static final int BUFFER_SIZE = 1 << 16;

    private final FileSystem fs;
    private final int index;
    private final int count;
    private final int pixelsPerImage;
    private final Path imagesTarget;
    private final Path labelsTarget;
    private final Path imagesTemp;
    private final Path labelsTemp;
    private OutputStream images;
    private OutputStream labels;
    private int written;
    private boolean finished;

    ShardWriter(FileSystem fs, Path dir, int index, int count, int rows, int cols) throws IOException {
        this.fs = fs;
        this.index = index;
        this.count = count;
        this.pixelsPerImage = rows * cols;
        this.imagesTarget = new Path(dir, IdxShards.imagesName(index));
        this.labelsTarget = new Path(dir, IdxShards.labelsName(index));
        String tag = ".tmp-" + UUID.randomUUID();
        this.imagesTemp = new Path(dir, "." + imagesTarget.getName() + tag);
        this.labelsTemp = new Path(dir, "." + labelsTarget.getName() + tag);
        try {
            images = gzip(fs.create(imagesTemp, false));
            images.write(ByteBuffer.allocate(16).putInt(IdxFormat.IMAGES_MAGIC).putInt(count).putInt(rows)
                    .putInt(cols).array());
            labels = gzip(fs.create(labelsTemp, false));
            labels.write(ByteBuffer.allocate(8).putInt(IdxFormat.LABELS_MAGIC).putInt(count).array());
        } catch (IOException | RuntimeException e) {
            close();
            throw new IOException(imagesTarget + ": cannot write: " + e.getMessage(), e);
        }
    }

    // The fastest deflate level: on digits it compresses nearly as well as the default, at a fraction of the CPU time
    // that generating millions of samples would otherwise spend compressing.
    private static OutputStream gzip(OutputStream raw) throws IOException {
        GZIPOutputStream gzip = new GZIPOutputStream(raw, BUFFER_SIZE) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
        return new BufferedOutputStream(gzip, BUFFER_SIZE);
    }

    /** Appends one sample: {@code rows x cols} pixels from {@code pixels[offset..]} and its label (0..255). */
    public void add(byte[] pixels, int offset, int label) throws IOException {
        if (finished) {
            throw new IllegalStateException("shard " + index + " is already committed or closed");
        }
        if (written == count) {
            throw new IllegalStateException("shard " + index + " was opened for " + count + " samples");
        }
        if (label < 0 || label > 255) {
            throw new IllegalArgumentException("label " + label + " does not fit an IDX labels file (0..255)");
        }
        images.write(pixels, offset, pixelsPerImage);
        labels.write(label);
        written++;
    }

    /** Finishes both files and moves them into place; fails if fewer samples were added than announced. */
    public ShardInfo commit() throws IOException {
        if (finished) {
            throw new IllegalStateException("shard " + index + " is already committed or closed");
        }
        if (written != count) {
            throw new IllegalStateException("shard " + index + " was opened for " + count + " samples but "
                    + written + " were added");
        }
        finished = true;
        try {
            images.close();
            images = null;
            labels.close();
            labels = null;
            // A retried or speculative task may have written the same shard already: identical bytes, so replace.
            moveIntoPlace(imagesTemp, imagesTarget);
            moveIntoPlace(labelsTemp, labelsTarget);
            return new ShardInfo(index, count, fs.getFileStatus(imagesTarget).getLen(),
                    fs.getFileStatus(labelsTarget).getLen());
        } finally {
            deleteTemporaries();
        }
    }

    private void moveIntoPlace(Path temp, Path target) throws IOException {
        if (fs.rename(temp, target)) {
            return;
        }
        fs.delete(target, false);
        if (!fs.rename(temp, target)) {
            throw new IOException("cannot rename " + temp + " to " + target);
        }
    }

    /** Abandons an uncommitted shard: its temporary files are deleted and nothing appears under the final names. */
    @Override
    public void close() throws IOException {
        finished = true;
        try {
            closeQuietly(images);
            closeQuietly(labels);
        } finally {
            images = null;
            labels = null;
            deleteTemporaries();
        }
    }

    private void deleteTemporaries() throws IOException {
        fs.delete(imagesTemp, false);
        fs.delete(labelsTemp, false);
    }

    private static void closeQuietly(OutputStream out) {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                // The files are about to be deleted; what matters is the error that made us abandon them.
            }
        }
    }
}
