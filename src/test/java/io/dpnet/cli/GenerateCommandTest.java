package io.dpnet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.data.BundledMnist;
import io.dpnet.data.DataBlock;
import io.dpnet.data.IdxShards;
import io.dpnet.data.ShardManifest;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate} writes the same samples whatever the number of shards and tasks, and never over a full folder. */
class GenerateCommandTest {
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path dir;

    private static ShardManifest generate(Path out, int shards) {
        CliRun run = CliRun.of("generate", "--master", "local[2]", "--out", out.toString(), "--size", "12001",
                "--seed", "7", "--shards", Integer.toString(shards));
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("12,001 samples in " + shards + " shards"), run.out());
        try {
            return IdxShards.validate(out.toString(), CONF);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] image(DataBlock block, int i) {
        byte[] pixels = new byte[block.featureCount()];
        block.copyPixels(i, pixels, 0);
        return pixels;
    }

    @Test
    void theSetDoesNotDependOnItsSharding() throws IOException {
        ShardManifest three = generate(dir.resolve("three"), 3);
        ShardManifest five = generate(dir.resolve("five"), 5);
        assertEquals(12001, three.totalCount());
        assertEquals(12001, five.totalCount());
        DataBlock originals = BundledMnist.load().train();
        // Sample i of one set, found in whichever shard of the other holds it.
        for (long i : new long[] {0, 4321, 9999, 10000, 10001, 12000}) {
            byte[] a = sample(dir.resolve("three"), three, i);
            byte[] b = sample(dir.resolve("five"), five, i);
            assertArrayEquals(a, b, "sample " + i);
            if (i < originals.size()) {
                assertArrayEquals(image(originals, (int) i), a, "the first samples are the originals");
            } else {
                assertTrue(!java.util.Arrays.equals(image(originals, (int) (i % originals.size())), a),
                        "sample " + i + " is a distortion of its source");
            }
        }
    }

    private static byte[] sample(Path set, ShardManifest manifest, long i) throws IOException {
        for (int k = 0; k < manifest.shardCount(); k++) {
            long first = manifest.firstIndex(k);
            if (i >= first && i < first + manifest.count(k)) {
                return image(IdxShards.readShard(set.toString(), manifest, k, CONF), (int) (i - first));
            }
        }
        throw new AssertionError("no shard holds sample " + i);
    }

    @Test
    void trainsOnTheGeneratedSetStreamedFromItsFiles() throws IOException {
        Path set = dir.resolve("streamed");
        generate(set, 3);
        Path metrics = dir.resolve("streamed.json");
        CliRun run = CliRun.of("train", "--master", "local[2]", "--data", set.toString(), "--stream",
                "--stream-window", "3000", "--test-data", "src/main/resources/io/dpnet/data/mnist-subset",
                "--epochs", "1", "--metrics-out", metrics.toString());
        assertEquals(0, run.status(), run.err());
        double accuracy = new com.fasterxml.jackson.databind.ObjectMapper().readTree(metrics.toFile())
                .get("test_accuracy").asDouble();
        assertTrue(accuracy > 0.85, "test accuracy after 1 streamed epoch of 12,001 digits: " + accuracy);
    }

    @Test
    void refusesAFolderThatIsNotEmpty() throws IOException {
        Path out = dir.resolve("full");
        generate(out, 2);
        CliRun again = CliRun.of("generate", "--master", "local[2]", "--out", out.toString(), "--size", "10");
        assertEquals(2, again.status(), again.err());
        assertTrue(again.errorLines().contains("is not empty"), again.err());
        assertEquals(12001, IdxShards.validate(out.toString(), CONF).totalCount(), "the earlier set is intact");
    }
}
