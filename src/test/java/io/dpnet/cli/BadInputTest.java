package io.dpnet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input ends with one line naming the problem and the file or option, exit status 2, no stack
 * trace, and leaves an existing model file alone. Most cases fail before Spark starts.
 */
class BadInputTest {
    private static final String[] STANDARD = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
        "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

    @TempDir
    Path dir;

    static void assertBadInput(CliRun run, String... expected) {
        assertEquals(2, run.status(), "exit status; stderr:\n" + run.err());
        String lines = run.errorLines();
        assertEquals(1, lines.lines().count(), "exactly one error line:\n" + run.err());
        for (String e : expected) {
            assertTrue(lines.contains(e), "error line should contain '" + e + "':\n" + lines);
        }
        assertFalse(run.err().contains("\tat "), "no stack trace without --verbose:\n" + run.err());
    }

    /** A folder with the four MNIST files: the bundled subset, with some files replaced by test fixtures. */
    private Path mnistFolder(String... replacements) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("mnist"));
        for (String name : STANDARD) {
            copyResource("/io/dpnet/data/mnist-subset/" + name + ".gz", folder.resolve(name + ".gz"));
        }
        for (int i = 0; i < replacements.length; i += 2) {
            Files.delete(folder.resolve(replacements[i] + ".gz"));
            copyResource("/io/dpnet/data/mnist/" + replacements[i + 1], folder.resolve(replacements[i]));
        }
        return folder;
    }

    private static void copyResource(String resource, Path target) throws IOException {
        try (InputStream in = BadInputTest.class.getResourceAsStream(resource)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private Path text(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void missingDataFolder() {
        assertBadInput(CliRun.of("train", "--data", dir.resolve("nowhere").toString()), "nowhere");
    }

    @Test
    void missingFileInTheFolder() throws IOException {
        Path folder = mnistFolder();
        Files.delete(folder.resolve("t10k-labels-idx1-ubyte.gz"));
        assertBadInput(CliRun.of("train", "--data", folder.toString()), "t10k-labels-idx1-ubyte");
    }

    @Test
    void wrongMagicNumber() throws IOException {
        Path folder = mnistFolder("train-images-idx3-ubyte", "images-bad-magic-idx3-ubyte");
        assertBadInput(CliRun.of("train", "--data", folder.toString()), "train-images-idx3-ubyte",
                "magic number 2051 expected");
    }

    @Test
    void truncatedFile() throws IOException {
        Path folder = mnistFolder("t10k-images-idx3-ubyte", "images-truncated-idx3-ubyte");
        assertBadInput(CliRun.of("train", "--data", folder.toString()), "t10k-images-idx3-ubyte", "truncated");
    }

    @Test
    void imageAndLabelCountsDiffer() throws IOException {
        Path folder = mnistFolder("train-images-idx3-ubyte", "images-3-idx3-ubyte",
                "train-labels-idx1-ubyte", "labels-2-idx1-ubyte");
        assertBadInput(CliRun.of("train", "--data", folder.toString()), "3", "2");
    }

    @Test
    void featureCountDiffersFromTheNetwork() throws IOException {
        Path csv = text("small.csv", "0,0.1,0.2,0.3\n1,0.3,0.2,0.1\n");
        assertBadInput(CliRun.of("train", "--data", csv.toString()), "small.csv",
                "3 features but the network takes 784");
    }

    @Test
    void labelOutOfRange() throws IOException {
        Path csv = text("labels.csv", "0,0.1,0.2\n12,0.3,0.2\n");
        Path config = text("two.conf", "network { input = [2], layers = [{type = dense, units = 10}] }");
        assertBadInput(CliRun.of("train", "--config", config.toString(), "--data", csv.toString()), "labels.csv",
                "labels must be in 0..9, found 12");
    }

    @Test
    void notANumberInFeatures() throws IOException {
        Path csv = text("nan.csv", "0,0.1,0.2\n1,NaN,0.2\n");
        assertBadInput(CliRun.of("train", "--data", csv.toString()), "nan.csv", "line 2");
    }

    @Test
    void emptyDataSet() throws IOException {
        Path csv = text("empty.csv", "");
        assertBadInput(CliRun.of("train", "--data", csv.toString()), "empty.csv");
    }

    @Test
    void unknownOption() {
        assertBadInput(CliRun.of("train", "--epoch", "3"), "--epoch");
    }

    @Test
    void invalidValues() throws IOException {
        assertBadInput(CliRun.of("train", "--epochs", "many"), "--epochs", "many");
        assertBadInput(CliRun.of("train", "--epochs", "0"), "--epochs", "must be at least 1, got 0");
        assertBadInput(CliRun.of("train", "--batch-size", "-5"), "--batch-size", "must be at least 1, got -5");
        assertBadInput(CliRun.of("train", "--format", "feather"), "invalid format 'feather'");
        assertBadInput(CliRun.of("train", "--partitions", "0"), "--partitions");
        assertBadInput(CliRun.of("train", "--exchange", "carrier-pigeon"), "unknown exchange 'carrier-pigeon'");
        assertBadInput(CliRun.of("train", "--checkpoint-every-steps", "10"), "needs --checkpoint-dir");
        assertBadInput(CliRun.of("train", "--storage-level", "sometimes"), "unknown storage level 'sometimes'");
        assertBadInput(CliRun.of("train", "--stream-window", "1000"), "--stream-window needs --stream");
        assertBadInput(CliRun.of("train", "--stream", "--storage-level", "disk-only"), "does not apply");
        assertBadInput(CliRun.of("train", "--stream"), "--stream needs a sharded set");
        assertBadInput(CliRun.of("train", "--format", "csv"), "--format needs --data");
        assertBadInput(CliRun.of("train", "--sync", "average", "--checkpoint-every-steps", "10", "--checkpoint-dir",
                dir.resolve("ckpt").toString()), "need gradient averaging");
        Path zeroEpochs = text("zero.conf", "training { epochs = 0 }");
        assertBadInput(CliRun.of("train", "--config", zeroEpochs.toString()), "zero.conf", "epochs must be positive");
    }

    @Test
    void badConfig() throws IOException {
        Path wrongType = text("type.conf", "training { batch-size = lots }");
        assertBadInput(CliRun.of("train", "--config", wrongType.toString()), "type.conf", "batch-size");
        Path config = text("bad.conf", "network { layers = [{type = convolution}] }");
        assertBadInput(CliRun.of("train", "--config", config.toString()), "bad.conf",
                "unknown layer type 'convolution'");
        Path broken = text("broken.conf", "training { epochs = [ }");
        assertBadInput(CliRun.of("train", "--config", broken.toString()), "broken.conf");
        assertBadInput(CliRun.of("train", "--config", dir.resolve("absent.conf").toString()), "absent.conf");
    }

    @Test
    void missingOrCorruptModel() throws IOException {
        assertBadInput(CliRun.of("evaluate", "--model", dir.resolve("none.model").toString()), "none.model");
        Path corrupt = text("corrupt.model", "DPNETMDL but not really a model");
        assertBadInput(CliRun.of("evaluate", "--model", corrupt.toString()), "corrupt.model");
        Path foreign = text("foreign.model", "PK\u0003\u0004 a zip file, say");
        assertBadInput(CliRun.of("predict", "--model", foreign.toString(), "--out", dir.resolve("p").toString()),
                "foreign.model", "not a dpnet model");
        byte[] header = "{\"format\":\"dpnet-model\"}".getBytes(StandardCharsets.UTF_8);
        java.nio.ByteBuffer headless = java.nio.ByteBuffer.allocate(16 + header.length + 8);
        headless.put("DPNETMDL".getBytes(StandardCharsets.US_ASCII)).putInt(1).putInt(header.length).put(header);
        Path noNetwork = Files.write(dir.resolve("headless.model"), headless.array());
        assertBadInput(CliRun.of("evaluate", "--model", noNetwork.toString()), "headless.model",
                "no 'network' description");
    }

    /**
     * A 190-byte model file whose header declares a network of 1.6G parameters (12.8 GB once read) is refused from its
     * length, in one line, before anything is allocated for them: not an out-of-memory error.
     */
    @Test
    void aTinyModelFileDeclaringAHugeNetwork() throws IOException {
        String header = "{\"format\":\"dpnet-model\",\"version\":2,\"network\":{\"input\":[40000],\"layers\":"
                + "[{\"type\":\"dense\",\"units\":40000}],\"loss\":\"mse\"},\"param_count\":1600040000,"
                + "\"precision\":\"float32\"}";
        Path model = Files.write(dir.resolve("huge.model"),
                io.dpnet.model.HandWritten.container("DPNETMDL".getBytes(StandardCharsets.US_ASCII), 2, header, 4));
        assertBadInput(CliRun.of("evaluate", "--model", model.toString()), "huge.model",
                "declares 1600040000 float32 values", "but the file holds 190: it is truncated or corrupt");
    }

    /**
     * A 2 MB gzip IDX file whose header announces 2^31 - 9 images of 1x1 pixels (a file of that size could hold
     * them), 10 GiB with their labels, more than the tests' heap: refused from the header, before reading the pixels,
     * with what it needs and what to do instead.
     */
    @Test
    void anIdxFileAnnouncingMoreImagesThanTheHeapHolds() throws IOException {
        int count = Integer.MAX_VALUE - 8;
        long needed = 5L * count;
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() < needed,
                "a heap of less than 10 GiB");
        Path folder = mnistFolder();
        Path images = folder.resolve("train-images-idx3-ubyte.gz");
        byte[] noise = new byte[2_100_000];
        new java.util.Random(1).nextBytes(noise);
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(images))) {
            out.write(java.nio.ByteBuffer.allocate(16).putInt(2051).putInt(count).putInt(1).putInt(1).array());
            out.write(noise);
        }
        long start = System.nanoTime();
        assertBadInput(CliRun.of("train", "--data", folder.toString()), images.toString(),
                "the header announces 2147483639 images of 1x1 pixels, which with their labels take 10.0 GiB in "
                        + "memory, more than the ", "of heap free", "give the JVM more heap (JAVA_OPTS=-Xmx",
                "or train on a sharded set (as generate writes) with --stream");
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "refused from the header, without reading on");
    }

    /**
     * A sharded set of 20M images, 14.7 GiB with their labels, more than the driver's heap in local mode, is not
     * refused for that (Spark caches what fits and reads the rest again): its shards are read, and fail to read, since
     * they hold random bytes of the sizes the manifest records, large enough for what it announces.
     */
    @Test
    void aShardedSetLargerThanTheDriversHeapIsReadNotRefused() throws IOException {
        int shards = 8;
        int perShard = 2_500_000;
        long needed = (long) shards * perShard * (784 + 4);
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() < needed
                && Runtime.getRuntime().maxMemory() > 3L * perShard * 788, "a heap between 5.5 and 14.7 GiB");
        Path set = Files.createDirectories(dir.resolve("set"));
        java.util.Random random = new java.util.Random(1);
        java.util.List<io.dpnet.data.ShardInfo> infos = new java.util.ArrayList<>();
        for (int k = 0; k < shards; k++) {
            byte[] images = new byte[(int) ((16 + 784L * perShard) / 1032 + 1)];
            byte[] labels = new byte[(8 + perShard) / 1032 + 1];
            random.nextBytes(images);
            random.nextBytes(labels);
            Files.write(set.resolve(io.dpnet.data.IdxShards.imagesName(k)), images);
            Files.write(set.resolve(io.dpnet.data.IdxShards.labelsName(k)), labels);
            infos.add(new io.dpnet.data.ShardInfo(k, perShard, images.length, labels.length));
        }
        io.dpnet.data.IdxShards.writeManifest(set.toString(), new io.dpnet.data.ShardManifest(28, 28, 0, "random",
                infos), new org.apache.hadoop.conf.Configuration());

        assertBadInput(CliRun.of("train", "--data", set.toString()), "part-0000", "magic number 2051 expected");
        assertBadInput(CliRun.of("train", "--data", set.toString(), "--storage-level", "disk-only"),
                "part-0000", "magic number 2051 expected");
    }

    @Test
    void testDataOnlyForTraining() throws IOException {
        Path model = dir.resolve("m.model");
        io.dpnet.nn.NetworkSpec network = io.dpnet.config.RecipeLoader.defaults().network();
        io.dpnet.model.ModelFile.save(new io.dpnet.nn.Model(network, new double[network.paramCount()],
                io.dpnet.nn.Precision.FLOAT32), model.toString(),
                new org.apache.hadoop.conf.Configuration());
        Path csv = text("rows.csv", "0,0.1\n");
        assertBadInput(CliRun.of("evaluate", "--model", model.toString(), "--data", csv.toString(), "--test-data",
                csv.toString()), "--test-data is for train");
    }

    @Test
    void failedRunLeavesTheEarlierModelAlone() throws IOException {
        Path model = dir.resolve("keep.model");
        byte[] earlier = "an earlier model".getBytes(StandardCharsets.UTF_8);
        Files.write(model, earlier);
        Path csv = text("nan.csv", "0,0.1\n1,NaN\n");
        assertBadInput(CliRun.of("train", "--data", csv.toString(), "--model-out", model.toString()), "nan.csv");
        assertArrayEquals(earlier, Files.readAllBytes(model));
    }

    @Test
    void verboseShowsTheStackTrace() {
        CliRun run = CliRun.of("train", "--data", dir.resolve("nowhere").toString(), "--verbose");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("\tat "), run.err());
    }
}
