package io.dpnet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MnistIdxReaderTest {
    private static final String IMAGES = Fixtures.path("mnist/images-3-idx3-ubyte");
    private static final String LABELS = Fixtures.path("mnist/labels-3-idx1-ubyte");

    private final MnistIdxReader reader = new MnistIdxReader();

    @TempDir
    Path dir;

    @Test
    void readsImagesAndLabelsAsPixelBlock() throws IOException {
        DataBlock block = reader.read(IMAGES, LABELS);

        assertEquals(3, block.size());
        assertEquals(4, block.featureCount());
        assertTrue(block.isPixels());
        assertEquals(7, block.label(0));
        assertEquals(0, block.label(1));
        assertEquals(9, block.label(2));
        assertEquals(0.0, block.feature(0, 0));
        assertEquals(1.0, block.feature(0, 1));
        assertEquals(128 / 255.0, block.feature(0, 2), 1e-12);
        assertEquals(40 / 255.0, block.feature(1, 3), 1e-12);
    }

    @Test
    void readsFileUris() throws IOException {
        DataBlock block = reader.read(Path.of(IMAGES).toUri().toString(), "file://" + LABELS);

        assertEquals(3, block.size());
        assertEquals(9, block.label(2));
    }

    @Test
    void tellsGzipFromRawByContentNotByName() throws IOException {
        Path images = Fixtures.writeGzip(dir.resolve("images-idx3-ubyte"), Fixtures.idxImages(2, 3, 3));
        Path labels = Fixtures.write(dir.resolve("labels-idx1-ubyte.gz"), Fixtures.idxLabels(4, 2));

        DataBlock block = reader.read(images.toString(), labels.toString());

        assertEquals(2, block.size());
        assertEquals(9, block.featureCount());
        assertEquals(17 / 255.0, block.feature(1, 8), 1e-12);
        assertEquals(2, block.label(1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "images-bad-magic-idx3-ubyte | labels-3-idx1-ubyte | {images}: magic number 2051 expected, found 5",
        "labels-3-idx1-ubyte | images-3-idx3-ubyte"
                + " | {images}: magic number 2051 expected, found 2049 (an IDX labels file)",
        "images-3-idx3-ubyte | images-3-idx3-ubyte"
                + " | {labels}: magic number 2049 expected, found 2051 (an IDX images file)",
        "images-truncated-idx3-ubyte | labels-3-idx1-ubyte"
                + " | {images}: truncated: header announces 3 images of 2x2 (12 bytes) but only 5 bytes follow",
        "images-3-idx3-ubyte | labels-truncated-idx1-ubyte"
                + " | {labels}: truncated: header announces 3 labels (3 bytes) but only 1 bytes follow",
        "images-3-idx3-ubyte | labels-2-idx1-ubyte | {images} has 3 images but {labels} has 2 labels",
        "images-empty-idx3-ubyte | labels-empty-idx1-ubyte | {images}: no images (the header count is 0)",
    })
    void rejectsCorruptFixtures(String imagesName, String labelsName, String expected) {
        String images = Fixtures.path("mnist/" + imagesName);
        String labels = Fixtures.path("mnist/" + labelsName);

        InvalidDataException e = assertThrows(InvalidDataException.class, () -> reader.read(images, labels));

        assertEquals(expected.replace("{images}", images).replace("{labels}", labels), e.getMessage());
    }

    @Test
    void rejectsBytesBeyondWhatTheHeaderAnnounces() {
        byte[] valid = Fixtures.idxImages(1, 2, 2);
        Path images = Fixtures.write(dir.resolve("long-idx3-ubyte"), Arrays.copyOf(valid, valid.length + 3));

        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> reader.read(images.toString(), LABELS));

        assertEquals(images + ": 3 bytes after the 1 images of 2x2 the header announces", e.getMessage());
    }

    @Test
    void rejectsEmptyFile() {
        Path images = Fixtures.write(dir.resolve("empty-idx3-ubyte"), new byte[0]);

        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> reader.read(images.toString(), LABELS));

        assertEquals(images + ": empty file, expected an IDX file with magic number 2051", e.getMessage());
    }

    @Test
    void rejectsTruncatedHeader() {
        Path images = Fixtures.write(dir.resolve("short-idx3-ubyte"), Arrays.copyOf(Fixtures.idxImages(1, 2, 2), 9));

        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> reader.read(images.toString(), LABELS));

        assertEquals(images + ": truncated header: 9 bytes, 16 expected", e.getMessage());
    }

    @Test
    void rejectsNonPositiveImageSize() {
        Path images = Fixtures.write(dir.resolve("flat-idx3-ubyte"), Fixtures.idxImages(2051, 3, 0, 2, new byte[0]));

        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> reader.read(images.toString(), LABELS));

        assertEquals(images + ": header announces 3 images of 0x2 pixels", e.getMessage());
    }

    @Test
    void rejectsTruncatedGzip() {
        byte[] gzip = Fixtures.gzip(Fixtures.idxImages(50, 28, 28));
        Path images = Fixtures.write(dir.resolve("cut-idx3-ubyte.gz"), Arrays.copyOf(gzip, gzip.length / 2));

        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> reader.read(images.toString(), LABELS));

        assertTrue(e.getMessage().startsWith(images + ": truncated or corrupt gzip data ("), e.getMessage());
    }

    /**
     * A gzip file cannot hold more than 1032 times its size: a header announcing more is refused before anything is
     * allocated for it (here 1.96 GB).
     */
    @Test
    void rejectsAGzipHeaderAnnouncingMoreThanTheFileCanHold() {
        byte[] header = Fixtures.idxImages(2051, 2_500_000, 28, 28, new byte[1000]);
        Path images = Fixtures.writeGzip(dir.resolve("small-idx3-ubyte.gz"), header);
        long size = images.toFile().length();

        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> reader.read(images.toString(), LABELS));

        assertEquals(images + ": truncated or corrupt: header announces 2500000 images of 28x28 (1960000000 bytes), "
                + "more than a gzip file of " + size + " bytes can hold (deflate expands at most 1032-fold)",
                e.getMessage());
    }

    /** A raw file holds exactly its length: a header announcing more is refused from it, before anything is read. */
    @Test
    void rejectsARawHeaderAnnouncingMoreThanTheFileHolds() {
        Path images = Fixtures.write(dir.resolve("raw-idx3-ubyte"),
                Fixtures.idxImages(2051, 3_000_000, 28, 28, new byte[5]));

        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> reader.read(images.toString(), LABELS));

        assertEquals(images + ": truncated: header announces 3000000 images of 28x28 (2352000000 bytes) but only 5 "
                + "bytes follow", e.getMessage());
    }

    /**
     * Images, with their labels, must fit the heap that is free, which the header lets the reader know before it
     * reads them: here a heap of 2,000 bytes with 1,000 free, so 50 images of 2x5 pixels fit (700 bytes with their
     * labels) and 100 do not (1,400).
     */
    @Test
    void rejectsImagesThatTheHeapCannotHold() throws IOException {
        MnistIdxReader small = new MnistIdxReader(new Configuration(), HeapRoom.fixed(1000, 2000));
        Path labels = Fixtures.writeGzip(dir.resolve("labels-idx1-ubyte.gz"), Fixtures.idxLabels(new int[50]));
        Path fifty = Fixtures.writeGzip(dir.resolve("fifty-idx3-ubyte.gz"), Fixtures.idxImages(50, 2, 5));
        assertEquals(50, small.read(fifty.toString(), labels.toString()).size());

        Path hundred = Fixtures.writeGzip(dir.resolve("hundred-idx3-ubyte.gz"), Fixtures.idxImages(100, 2, 5));
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> small.read(hundred.toString(), labels.toString()));

        assertEquals(hundred + ": the header announces 100 images of 2x5 pixels, which with their labels take 1.4 KiB "
                + "in memory, more than the 1000 bytes of heap free (of 2.0 KiB): give the JVM more heap "
                + "(JAVA_OPTS=-Xmx... for scripts/dpnet, --driver-memory for spark-submit), or train on a sharded set "
                + "(as generate writes) with --stream", e.getMessage());
    }

    /** Labels are checked on their own too: a labels file may announce more than its images file. */
    @Test
    void rejectsLabelsThatTheHeapCannotHold() {
        MnistIdxReader small = new MnistIdxReader(new Configuration(), HeapRoom.fixed(1000, 2000));
        Path labels = Fixtures.writeGzip(dir.resolve("many-idx1-ubyte.gz"), Fixtures.idxLabels(new int[300]));

        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> small.read(IMAGES, labels.toString()));

        assertTrue(e.getMessage().startsWith(labels + ": the header announces 300 labels, which take 1.2 KiB in "
                + "memory, more than the 1000 bytes of heap free"), e.getMessage());
    }

    @Test
    void namesMissingFile() {
        String missing = dir.resolve("nothing-idx3-ubyte").toString();

        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> reader.read(missing, LABELS));

        assertEquals(missing + ": no such file", e.getMessage());
    }

    @Test
    void rejectsDirectoryAsFile() {
        FileNotFoundException e = assertThrows(FileNotFoundException.class,
                () -> reader.read(dir.toString(), LABELS));

        assertEquals(dir + ": is a directory, expected a file", e.getMessage());
    }

    @Test
    void namesHdfsLocationWhenNameNodeIsUnreachable() {
        Configuration conf = new Configuration();
        conf.setInt("ipc.client.connect.max.retries", 0);
        String images = "hdfs://127.0.0.1:1/mnist/train-images-idx3-ubyte";

        IOException e = assertThrows(IOException.class, () -> new MnistIdxReader(conf).read(images, LABELS));

        assertTrue(e.getMessage().startsWith(images + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("Connection refused"), e.getMessage());
    }

    @Test
    void readsDirectoryOfStandardFilesGzipOrRaw() throws IOException {
        Fixtures.writeGzip(dir.resolve("train-images-idx3-ubyte.gz"), Fixtures.idxImages(3, 2, 5));
        Fixtures.write(dir.resolve("train-labels-idx1-ubyte"), Fixtures.idxLabels(1, 2, 3));
        Fixtures.write(dir.resolve("t10k-images-idx3-ubyte"), Fixtures.idxImages(2, 2, 5));
        Fixtures.writeGzip(dir.resolve("t10k-labels-idx1-ubyte.gz"), Fixtures.idxLabels(8, 9));

        MnistData data = reader.readDirectory(dir.toString());

        assertEquals(3, data.train().size());
        assertEquals(2, data.test().size());
        assertEquals(10, data.train().featureCount());
        assertEquals(9, data.test().label(1));
        assertEquals(2, data.rows());
        assertEquals(5, data.cols());
        assertArrayEquals(new int[] {1, 2, 5}, data.imageShape());
    }

    @Test
    void readsTheTestSetAloneWithoutNeedingTheTrainingFiles() throws IOException {
        Fixtures.write(dir.resolve("t10k-images-idx3-ubyte"), Fixtures.idxImages(2, 2, 5));
        Fixtures.writeGzip(dir.resolve("t10k-labels-idx1-ubyte.gz"), Fixtures.idxLabels(8, 9));

        DataBlock test = reader.readTestSet(dir.toString());

        assertEquals(2, test.size());
        assertEquals(8, test.label(0));
        FileNotFoundException e = assertThrows(FileNotFoundException.class,
                () -> reader.readDirectory(dir.toString()));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte[.gz]"), e.getMessage());
    }

    @Test
    void namesEveryMissingStandardFile() {
        Fixtures.write(dir.resolve("train-images-idx3-ubyte"), Fixtures.idxImages(3, 2, 5));
        Fixtures.write(dir.resolve("t10k-labels-idx1-ubyte"), Fixtures.idxLabels(1, 2));

        FileNotFoundException e = assertThrows(FileNotFoundException.class,
                () -> reader.readDirectory(dir.toString()));

        assertEquals(dir + ": missing MNIST file(s) train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz]",
                e.getMessage());
    }

    @Test
    void namesMissingDirectory() {
        String missing = dir.resolve("no-such-dir").toString();

        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> reader.readDirectory(missing));

        assertEquals(missing + ": no such directory", e.getMessage());
    }

    @Test
    void rejectsTestImagesOfAnotherShape() {
        Fixtures.write(dir.resolve("train-images-idx3-ubyte"), Fixtures.idxImages(1, 2, 5));
        Fixtures.write(dir.resolve("train-labels-idx1-ubyte"), Fixtures.idxLabels(1));
        Fixtures.write(dir.resolve("t10k-images-idx3-ubyte"), Fixtures.idxImages(1, 5, 2));
        Fixtures.write(dir.resolve("t10k-labels-idx1-ubyte"), Fixtures.idxLabels(1));

        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> reader.readDirectory(dir.toString()));

        assertEquals(dir.resolve("t10k-images-idx3-ubyte") + ": images are 5x2 but the training images in "
                + dir.resolve("train-images-idx3-ubyte") + " are 2x5", e.getMessage());
    }

    /** Reads the full MNIST that scripts/get-mnist.sh fetched, when DPNET_MNIST_DIR names its directory. */
    @Tag("integration")
    @Test
    @EnabledIfEnvironmentVariable(named = "DPNET_MNIST_DIR", matches = ".+")
    void readsFullMnist() throws IOException {
        MnistData data = reader.readDirectory(System.getenv("DPNET_MNIST_DIR"));

        assertEquals(60_000, data.train().size());
        assertEquals(10_000, data.test().size());
        assertArrayEquals(new int[] {1, 28, 28}, data.imageShape());
        DataCheck.fitsNetwork(data.train(), 784, 10, "full MNIST");
    }
}
