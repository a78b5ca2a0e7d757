package io.dpnet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxShardsTest {
    private static final int ROWS = 3;
    private static final int COLS = 4;
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path dir;

    private String uri;
    private DataBlock first;
    private DataBlock second;

    @BeforeEach
    void makeBlocks() {
        uri = dir.toUri().toString();
        first = block(0, 3, 1);
        second = block(3, 2, 2);
    }

    @Test
    void shardsRoundTripThroughAFileUriFolder() throws IOException {
        ShardManifest written = writeSet();

        ShardManifest manifest = IdxShards.validate(uri, CONF);
        DataBlock a = IdxShards.readShard(uri, manifest, 0, CONF);
        DataBlock b = IdxShards.readShard(uri, manifest, 1, CONF);

        assertEquals(written, manifest);
        assertEquals(5, manifest.totalCount());
        assertEquals(3, manifest.firstIndex(1));
        assertEquals(ROWS, manifest.rows());
        assertEquals(COLS, manifest.cols());
        assertEquals(99, manifest.seed());
        assertEquals("test blocks", manifest.generator());
        assertSameSamples(first, a);
        assertSameSamples(second, b);
        assertEquals(3, b.firstIndex());
        assertTrue(a.isPixels());
    }

    @Test
    void leavesOnlyTheShardsAndTheManifestNoChecksumOrTemporaryFiles() throws IOException {
        writeSet();

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("_dpnet-shards.json", "part-00000-images-idx3-ubyte.gz",
                    "part-00000-labels-idx1-ubyte.gz", "part-00001-images-idx3-ubyte.gz",
                    "part-00001-labels-idx1-ubyte.gz"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /** The shards are plain MNIST files: the existing reader takes them as they are. */
    @Test
    void shardsAreStandardGzipIdxFiles() throws IOException {
        writeSet();

        DataBlock read = new MnistIdxReader().read(dir.resolve(IdxShards.imagesName(1)).toString(),
                dir.resolve(IdxShards.labelsName(1)).toString());

        assertSameSamples(second, read);
        assertSameSamples(second, IdxShards.readShard(uri, 1, 3, CONF));
        assertEquals(3, IdxShards.readShard(uri, 1, 3, CONF).firstIndex());
    }

    @Test
    void aShardWriterClosedWithoutCommitLeavesNothing() throws IOException {
        IdxShards.startSet(uri, CONF);
        byte[] image = new byte[ROWS * COLS];
        try (ShardWriter writer = IdxShards.openShard(uri, 0, 2, ROWS, COLS, CONF)) {
            writer.add(image, 0, 1);
            IllegalStateException e = assertThrows(IllegalStateException.class, writer::commit);
            assertEquals("shard 0 was opened for 2 samples but 1 were added", e.getMessage());
        }

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
        assertFalse(IdxShards.isShardSet(uri, CONF));
    }

    @Test
    void rejectsLabelsThatDoNotFitAByte() throws IOException {
        try (ShardWriter writer = IdxShards.openShard(uri, 0, 1, ROWS, COLS, CONF)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> writer.add(new byte[ROWS * COLS], 0, 300));
            assertEquals("label 300 does not fit an IDX labels file (0..255)", e.getMessage());
        }
    }

    @Test
    void aFolderWithoutManifestIsAnUnfinishedSet() throws IOException {
        IdxShards.startSet(uri, CONF);
        IdxShards.writeShard(uri, 0, first, ROWS, COLS, CONF);

        assertTrue(IdxShards.isShardSet(uri, CONF));
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> IdxShards.validate(uri, CONF));

        assertOneLine(uri + ": no _dpnet-shards.json, so not a complete shard set (its writing did not finish,"
                + " or it is not a dpnet shard folder)", e);
    }

    @Test
    void startingANewSetRemovesTheOldManifest() throws IOException {
        writeSet();

        IdxShards.startSet(uri, CONF);

        assertThrows(InvalidDataException.class, () -> IdxShards.readManifest(uri, CONF));
    }

    @Test
    void namesAMissingFolder() {
        String missing = dir.resolve("nowhere").toUri().toString();

        FileNotFoundException e = assertThrows(FileNotFoundException.class,
                () -> IdxShards.readManifest(missing, CONF));

        assertEquals(missing + ": no such directory", e.getMessage());
    }

    @Test
    void namesAMissingShardFile() throws IOException {
        writeSet();
        Files.delete(dir.resolve("part-00001-labels-idx1-ubyte.gz"));

        InvalidDataException e = assertThrows(InvalidDataException.class, () -> IdxShards.validate(uri, CONF));

        assertOneLine(uri + "part-00001-labels-idx1-ubyte.gz: missing, but the manifest lists it (shard set of 2"
                + " shards)", e);
    }

    @Test
    void spotsATruncatedShardFromItsSize() throws IOException {
        ShardManifest manifest = writeSet();
        Path images = dir.resolve("part-00000-images-idx3-ubyte.gz");
        long size = Files.size(images);
        try (RandomAccessFile file = new RandomAccessFile(images.toFile(), "rw")) {
            file.setLength(size - 5);
        }

        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> IdxShards.readShard(uri, manifest, 0, CONF));

        assertOneLine(uri + "part-00000-images-idx3-ubyte.gz: " + (size - 5) + " bytes but the manifest says "
                + size + " (truncated or overwritten)", e);
        assertEquals(e.getMessage(), assertThrows(InvalidDataException.class,
                () -> IdxShards.validate(uri, CONF)).getMessage());
    }

    /**
     * A manifest that gives a shard more samples than its files could hold even as gzip is refused from the sizes it
     * records, before a file is opened.
     */
    @Test
    void spotsAManifestThatGivesAShardMoreThanItsFilesCanHold() throws IOException {
        ShardManifest written = writeSet();
        ShardInfo first = written.shards().get(0);
        int count = (int) (first.imagesBytes() * 1032 / (ROWS * COLS));
        IdxShards.writeManifest(uri, new ShardManifest(ROWS, COLS, 99, "test blocks", List.of(
                new ShardInfo(0, count, first.imagesBytes(), first.labelsBytes()), written.shards().get(1))), CONF);

        InvalidDataException e = assertThrows(InvalidDataException.class, () -> IdxShards.validate(uri, CONF));

        assertOneLine(uri + "part-00000-images-idx3-ubyte.gz: the manifest gives it " + count + " images of 3x4 ("
                + (12L * count) + " bytes), more than a file of " + first.imagesBytes() + " bytes can hold even as "
                + "gzip (deflate expands at most 1032-fold): the manifest is corrupt", e);
    }

    @Test
    void spotsCorruptGzipOfTheRightSize() throws IOException {
        ShardManifest manifest = writeSet();
        Path images = dir.resolve("part-00000-images-idx3-ubyte.gz");
        byte[] bytes = Files.readAllBytes(images);
        for (int i = 12; i < bytes.length - 8; i++) {
            bytes[i] ^= 0x5a;
        }
        Files.write(images, bytes);

        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> IdxShards.readShard(uri, manifest, 0, CONF));

        assertTrue(e.getMessage().startsWith(uri + "part-00000-images-idx3-ubyte.gz: truncated or corrupt gzip"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void namesAShardWhoseFilesAreSwapped() throws IOException {
        writeSet();
        Path images = dir.resolve("part-00001-images-idx3-ubyte.gz");
        Path labels = dir.resolve("part-00001-labels-idx1-ubyte.gz");
        Path aside = dir.resolve("aside");
        Files.move(images, aside);
        Files.move(labels, images);
        Files.move(aside, labels);

        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> IdxShards.readShard(uri, 1, 3, CONF));

        assertOneLine(uri + "part-00001-images-idx3-ubyte.gz: magic number 2051 expected, found 2049"
                + " (an IDX labels file)", e);
    }

    @Test
    void spotsASampleCountThatDiffersFromTheManifest() throws IOException {
        IdxShards.startSet(uri, CONF);
        ShardInfo real = IdxShards.writeShard(uri, 0, first, ROWS, COLS, CONF);
        ShardInfo claimed = new ShardInfo(0, 4, real.imagesBytes(), real.labelsBytes());
        ShardManifest manifest = new ShardManifest(ROWS, COLS, 1, "", List.of(claimed));
        IdxShards.writeManifest(uri, manifest, CONF);

        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> IdxShards.readShard(uri, IdxShards.readManifest(uri, CONF), 0, CONF));

        assertOneLine(uri + "part-00000-images-idx3-ubyte.gz: 3 images but the manifest says 4", e);
    }

    @Test
    void spotsImagesOfAnotherShapeThanTheManifest() throws IOException {
        IdxShards.startSet(uri, CONF);
        ShardInfo real = IdxShards.writeShard(uri, 0, first, ROWS, COLS, CONF);
        IdxShards.writeManifest(uri, new ShardManifest(COLS, ROWS, 1, "", List.of(real)), CONF);

        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> IdxShards.readShard(uri, IdxShards.readManifest(uri, CONF), 0, CONF));

        assertOneLine(uri + "part-00000-images-idx3-ubyte.gz: images are 3x4 but the manifest says 4x3", e);
    }

    @Test
    void namesShardFilesWithFiveDigits() {
        assertEquals("part-00042-images-idx3-ubyte.gz", IdxShards.imagesName(42));
        assertEquals("part-12345-labels-idx1-ubyte.gz", IdxShards.labelsName(12345));
    }

    private ShardManifest writeSet() throws IOException {
        IdxShards.startSet(uri, CONF);
        ShardInfo a = IdxShards.writeShard(uri, 0, first, ROWS, COLS, CONF);
        ShardInfo b = IdxShards.writeShard(uri, 1, second, ROWS, COLS, CONF);
        ShardManifest manifest = new ShardManifest(ROWS, COLS, 99, "test blocks", List.of(a, b));
        IdxShards.writeManifest(uri, manifest, CONF);
        return manifest;
    }

    private static DataBlock block(long firstIndex, int count, long seed) {
        byte[] pixels = new byte[count * ROWS * COLS];
        new Random(seed).nextBytes(pixels);
        int[] labels = new Random(seed).ints(count, 0, 256).toArray();
        return DataBlock.ofPixels(firstIndex, pixels, ROWS * COLS, labels);
    }

    private static void assertSameSamples(DataBlock expected, DataBlock actual) {
        assertEquals(expected.size(), actual.size());
        assertEquals(expected.featureCount(), actual.featureCount());
        byte[] e = new byte[expected.featureCount()];
        byte[] a = new byte[actual.featureCount()];
        for (int i = 0; i < expected.size(); i++) {
            expected.copyPixels(i, e, 0);
            actual.copyPixels(i, a, 0);
            assertArrayEquals(e, a, "sample " + i);
            assertEquals(expected.label(i), actual.label(i), "label " + i);
        }
    }

    private static void assertOneLine(String expected, Exception e) {
        assertEquals(expected, e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
