package io.dpnet.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A data set split into IDX shards in one folder on any Hadoop file system:
 *
 * <pre>
 * part-00000-images-idx3-ubyte.gz   part-00000-labels-idx1-ubyte.gz
 * part-00001-images-idx3-ubyte.gz   part-00001-labels-idx1-ubyte.gz
 * ...
 * _dpnet-shards.json                the {@link ShardManifest}, written last
 * </pre>
 *
 * Each shard is a pair of standard MNIST-format files, so other tools read them too. Shards are written in parallel
 * (one task each) and the manifest by whoever collected their {@link ShardInfo}s, after all of them: a folder without
 * a manifest is a set whose writing did not finish. Names starting with {@code _} or {@code .} are skipped by Hadoop
 * input formats, which keeps the manifest and the temporary files out of any glob over the shards.
 */
public final class IdxShards {
    public static final String MANIFEST = "_dpnet-shards.json";

    private IdxShards() {
    }

    public static String imagesName(int shard) {
        return String.format("part-%05d-images-idx3-ubyte.gz", shard);
    }

    public static String labelsName(int shard) {
        return String.format("part-%05d-labels-idx1-ubyte.gz", shard);
    }

    /** True when {@code dir} holds a shard manifest or at least shard 0, complete or not. */
    public static boolean isShardSet(String dir, Configuration conf) throws IOException {
        Path folder = new Path(dir);
        return DataFiles.isFile(new Path(folder, MANIFEST), conf)
                || DataFiles.isFile(new Path(folder, imagesName(0)), conf);
    }

    /**
     * Makes {@code dir} ready for a new set: creates it, and deletes a manifest left by an earlier set, so that the
     * folder reads as incomplete until the new manifest is written. Call once, before any shard is written.
     */
    public static void startSet(String dir, Configuration conf) throws IOException {
        Path folder = new Path(dir);
        FileSystem fs = DataFiles.writableFileSystem(folder, conf);
        if (!fs.mkdirs(folder)) {
            throw new IOException(dir + ": cannot create the folder");
        }
        fs.delete(new Path(folder, MANIFEST), false);
    }

    /** Opens shard {@code shard} of {@code dir} for {@code count} images of {@code rows x cols} pixels. */
    public static ShardWriter openShard(String dir, int shard, int count, int rows, int cols, Configuration conf)
            throws IOException {
        if (shard < 0 || shard > 99_999 || count < 0 || rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("shard " + shard + " of " + count + " images of " + rows + "x" + cols
                    + " (shards are numbered 0..99999)");
        }
        Path folder = new Path(dir);
        return new ShardWriter(DataFiles.writableFileSystem(folder, conf), folder, shard, count, rows, cols);
    }

    /** Writes all samples of {@code block} (pixels of {@code rows x cols}) as shard {@code shard} of {@code dir}. */
    public static ShardInfo writeShard(String dir, int shard, DataBlock block, int rows, int cols, Configuration conf)
            throws IOException {
        if (!block.isPixels() || block.featureCount() != rows * cols) {
            throw new IllegalArgumentException("a shard of " + rows + "x" + cols + " images needs a pixel block of "
                    + rows * cols + " features, got " + (block.isPixels() ? "" : "a double block of ")
                    + block.featureCount());
        }
        byte[] image = new byte[rows * cols];
        try (ShardWriter writer = openShard(dir, shard, block.size(), rows, cols, conf)) {
            for (int i = 0; i < block.size(); i++) {
                block.copyPixels(i, image, 0);
                writer.add(image, 0, block.label(i));
            }
            return writer.commit();
        }
    }

    /** Writes the manifest of {@code dir} (atomically: a temporary name, then a rename), once every shard is in. */
    public static void writeManifest(String dir, ShardManifest manifest, Configuration conf) throws IOException {
        Path folder = new Path(dir);
        FileSystem fs = DataFiles.writableFileSystem(folder, conf);
        Path target = new Path(folder, MANIFEST);
        Path temp = new Path(folder, "." + MANIFEST + ".tmp-" + UUID.randomUUID());
        try {
            try (OutputStream out = fs.create(temp, false)) {
                out.write(manifest.toJson().getBytes(StandardCharsets.UTF_8));
            }
            fs.delete(target, false);
            if (!fs.rename(temp, target)) {
                throw new IOException("cannot rename " + temp + " to " + target);
            }
        } finally {
            fs.delete(temp, false);
        }
    }

    /** Reads the manifest of {@code dir}; a folder without one is an unfinished (or no) shard set. */
    public static ShardManifest readManifest(String dir, Configuration conf) throws IOException {
        Path folder = new Path(dir);
        if (!DataFiles.isDirectory(folder, conf)) {
            throw new FileNotFoundException(dir + ": no such directory");
        }
        String file = location(dir, MANIFEST);
        if (!DataFiles.isFile(new Path(file), conf)) {
            throw new InvalidDataException(dir + ": no " + MANIFEST + ", so not a complete shard set (its writing"
                    + " did not finish, or it is not a dpnet shard folder)");
        }
        String text;
        try (InputStream in = DataFiles.open(file, conf)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return ShardManifest.fromJson(text, file);
    }

    /**
     * Reads the manifest and checks that every shard file it lists is there with the size it had when written,
     * without decompressing anything: a quick check before a job starts reading.
     */
    public static ShardManifest validate(String dir, Configuration conf) throws IOException {
        ShardManifest manifest = readManifest(dir, conf);
        for (int k = 0; k < manifest.shardCount(); k++) {
            checkFiles(dir, manifest, k, conf);
        }
        return manifest;
    }

    /**
     * Reads shard {@code shard} of a set whose manifest is {@code manifest}, checking its files against it; the
     * block's first global index is the samples of the shards before it.
     */
    public static DataBlock readShard(String dir, ShardManifest manifest, int shard, Configuration conf)
            throws IOException {
        String images = checkedImages(dir, manifest, shard, conf);
        IdxFormat.Images pixels = readImages(images, conf);
        matchesManifest(images, pixels.rows(), pixels.cols(), pixels.count(), manifest, shard);
        return withLabels(pixels, images, location(dir, labelsName(shard)), manifest.firstIndex(shard), conf);
    }

    /**
     * Opens shard {@code shard} for reading front to back, slice by slice, after checking its files against the
     * manifest; its samples keep their global indices.
     */
    public static ShardStream openStream(String dir, ShardManifest manifest, int shard, Configuration conf)
            throws IOException {
        String images = checkedImages(dir, manifest, shard, conf);
        InputStream pixels = DataFiles.open(images, conf);
        InputStream labels = null;
        try {
            String labelsFile = location(dir, labelsName(shard));
            labels = DataFiles.open(labelsFile, conf);
            ShardStream stream = new ShardStream(images, pixels, labelsFile, labels, manifest.firstIndex(shard));
            matchesManifest(images, stream.rows(), stream.cols(), stream.count(), manifest, shard);
            return stream;
        } catch (IOException | RuntimeException e) {
            try (InputStream a = pixels; InputStream b = labels) {
                throw e;
            }
        }
    }

    /** The images file of shard {@code shard}, once the shard is known to the manifest and its files match it. */
    private static String checkedImages(String dir, ShardManifest manifest, int shard, Configuration conf)
            throws IOException {
        if (shard < 0 || shard >= manifest.shardCount()) {
            throw new IllegalArgumentException("shard " + shard + " of a set of " + manifest.shardCount());
        }
        checkFiles(dir, manifest, shard, conf);
        return location(dir, imagesName(shard));
    }

    /** The images of shard {@code shard} have the manifest's shape and count. */
    private static void matchesManifest(String images, int rows, int cols, int count, ShardManifest manifest,
                                        int shard) throws InvalidDataException {
        if (rows != manifest.rows() || cols != manifest.cols()) {
            throw new InvalidDataException(images + ": images are " + rows + "x" + cols + " but the manifest says "
                    + manifest.rows() + "x" + manifest.cols());
        }
        if (count != manifest.count(shard)) {
            throw new InvalidDataException(images + ": " + count + " images but the manifest says "
                    + manifest.count(shard));
        }
    }

    /** Reads shard {@code shard} of {@code dir} without a manifest, as samples {@code firstIndex ..}. */
    public static DataBlock readShard(String dir, int shard, long firstIndex, Configuration conf) throws IOException {
        String images = location(dir, imagesName(shard));
        IdxFormat.Images pixels = readImages(images, conf);
        return withLabels(pixels, images, location(dir, labelsName(shard)), firstIndex, conf);
    }

    /** Reads a whole images file in a task, which holds it in its executor until cached. */
    private static IdxFormat.Images readImages(String images, Configuration conf) throws IOException {
        try (SizedInput in = DataFiles.openSized(images, conf)) {
            return IdxFormat.readImages(in, images, HeapRoom.task());
        }
    }

    private static DataBlock withLabels(IdxFormat.Images pixels, String images, String labels, long firstIndex,
            Configuration conf) throws IOException {
        int[] classes;
        try (SizedInput in = DataFiles.openSized(labels, conf)) {
            classes = IdxFormat.readLabels(in, labels, HeapRoom.task());
        }
        if (classes.length != pixels.count()) {
            throw new InvalidDataException(images + " has " + pixels.count() + " images but " + labels + " has "
                    + classes.length + " labels");
        }
        return DataBlock.ofPixels(firstIndex, pixels.pixels(), pixels.rows() * pixels.cols(), classes);
    }

    /** A file of the folder as the user spelled the folder (Hadoop's Path would turn file:///x into file:/x). */
    private static String location(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    /**
     * Both files of a shard exist with the sizes the manifest recorded (a mismatch means truncated or replaced), and
     * files of those sizes can hold the samples it gives the shard.
     */
    private static void checkFiles(String dir, ShardManifest manifest, int shard, Configuration conf)
            throws IOException {
        ShardInfo info = manifest.shards().get(shard);
        checkFile(dir, imagesName(shard), info.imagesBytes(), manifest, conf);
        checkFile(dir, labelsName(shard), info.labelsBytes(), manifest, conf);
        int count = info.count();
        long pixels = ArrayLimits.product(ArrayLimits.product(count, manifest.rows()), manifest.cols());
        checkHolds(location(dir, imagesName(shard)), info.imagesBytes(), 16, pixels,
                count + " images of " + manifest.rows() + "x" + manifest.cols());
        checkHolds(location(dir, labelsName(shard)), info.labelsBytes(), 8, count, count + " labels");
    }

    /**
     * A file of {@code fileBytes} holds a header of {@code headerBytes} and {@code bytes} of content, even as gzip
     * (which a shard's files are, though a set written by other tools may hold raw ones, which hold less).
     */
    private static void checkHolds(String location, long fileBytes, int headerBytes, long bytes, String content)
            throws InvalidDataException {
        if (bytes > ArrayLimits.product(fileBytes, Gzip.MAX_EXPANSION) - headerBytes) {
            throw new InvalidDataException(location + ": the manifest gives it " + content + " (" + bytes
                    + " bytes), more than a file of " + fileBytes + " bytes can hold even as gzip (deflate expands at "
                    + "most " + Gzip.MAX_EXPANSION + "-fold): the manifest is corrupt");
        }
    }

    private static void checkFile(String dir, String name, long expected, ShardManifest manifest, Configuration conf)
            throws IOException {
        String location = location(dir, name);
        Path file = new Path(location);
        FileStatus status;
        try {
            status = file.getFileSystem(conf).getFileStatus(file);
        } catch (FileNotFoundException e) {
            throw new InvalidDataException(location + ": missing, but the manifest lists it (shard set of "
                    + manifest.shardCount() + " shards)");
        } catch (IOException e) {
            throw new IOException(location + ": " + e.getMessage(), e);
        }
        if (status.getLen() != expected) {
            throw new InvalidDataException(location + ": " + status.getLen() + " bytes but the manifest says "
                    + expected + " (truncated or overwritten)");
        }
    }
}
