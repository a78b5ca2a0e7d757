package io.dpnet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.data.DataBlock;
import io.dpnet.data.IdxShards;
import io.dpnet.data.ShardManifest;
import io.dpnet.data.ShardSetFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streamed shards, read from real files: every step gets exactly the samples the windowed order puts in it, in that
 * order, whatever the number of partitions; memory stays within two windows; going back re-reads correctly.
 */
class StreamedSamplesTest {
    private static final int[] SIZES = {37, 50, 13, 50, 22};
    private static final int TOTAL = 172;
    private static final int CLASSES = 3;
    private static final int BATCH = 16;
    private static final int WINDOW = 40;

    @TempDir
    Path dir;

    /** 2x2 images whose first two pixels spell the sample's index, labelled index mod 3 (or {@code badLabel}). */
    private ShardManifest writeSet(int badAt) throws IOException {
        byte[] pixels = new byte[TOTAL * 4];
        int[] labels = new int[TOTAL];
        for (int i = 0; i < TOTAL; i++) {
            pixels[i * 4] = (byte) (i & 0xff);
            pixels[i * 4 + 1] = (byte) (i >> 8);
            labels[i] = i == badAt ? CLASSES : i % CLASSES;
        }
        return ShardSetFixture.write(dir.toString(), DataBlock.ofPixels(pixels, 4, labels), 2, 2, SIZES);
    }

    private List<StreamedSamples> partitions(ShardManifest manifest, BatchPlan plan, int parts) {
        long[] counts = new long[SIZES.length];
        for (int k = 0; k < counts.length; k++) {
            counts[k] = SIZES[k];
        }
        String set = dir.toString();
        StreamedSamples.Opener opener = k -> IdxShards.openStream(set, manifest, k, new Configuration());
        int slice = StreamedSamples.sliceLength(WINDOW, SIZES.length);
        List<StreamedSamples> out = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            out.add(new StreamedSamples(counts, SIZES.length * p / parts, SIZES.length * (p + 1) / parts, slice,
                    CLASSES, plan, opener, set));
        }
        return out;
    }

    /** Global indices of step {@code step}'s samples in {@code samples}, checking pixels and labels on the way. */
    private static long[] step(StreamedSamples samples, int epoch, int step) {
        int n = samples.select(epoch, step);
        double[] x = new double[4 * n];
        int[] y = new int[n];
        long[] index = new long[n];
        samples.gather(0, n, x, y, index);
        for (int k = 0; k < n; k++) {
            long i = index[k];
            assertEquals(i & 0xff, Math.round(x[4 * k] * 255), "pixels of sample " + i);
            assertEquals(i >> 8, Math.round(x[4 * k + 1] * 255), "pixels of sample " + i);
            assertEquals(i % CLASSES, y[k], "label of sample " + i);
        }
        return index;
    }

    @Test
    void everyStepHoldsTheSamplesTheWindowedOrderPutsThereWhateverThePartitioning() throws IOException {
        ShardManifest manifest = writeSet(-1);
        BatchPlan plan = new BatchPlan(TOTAL, BATCH, 9);
        int slice = StreamedSamples.sliceLength(WINDOW, SIZES.length);
        long[] counts = {37, 50, 13, 50, 22};
        for (int parts : new int[] {1, 2, 3}) {
            List<StreamedSamples> shards = partitions(manifest, plan, parts);
            for (int epoch = 0; epoch < 2; epoch++) {
                WindowedOrder order = new WindowedOrder(counts, slice, 9, epoch);
                long[] positionOf = new long[TOTAL];
                for (int k = 0, first = 0; k < SIZES.length; first += SIZES[k], k++) {
                    for (int i = 0; i < SIZES[k]; i++) {
                        int j = i / slice;
                        positionOf[first + i] = order.position(j, order.sliceOffset(k, j) + i - j * slice);
                    }
                }
                Set<Long> epochSeen = new HashSet<>();
                for (int s = 0; s < plan.stepsPerEpoch(); s++) {
                    Set<Long> expected = new HashSet<>();
                    for (int i = 0; i < TOTAL; i++) {
                        if (positionOf[i] / BATCH == s) {
                            expected.add((long) i);
                        }
                    }
                    Set<Long> got = new HashSet<>();
                    for (StreamedSamples shard : shards) {
                        long last = -1;
                        for (long i : step(shard, epoch, s)) {
                            assertTrue(positionOf[(int) i] > last, "samples in epoch order");
                            last = positionOf[(int) i];
                            assertTrue(got.add(i), "sample " + i + " twice in step " + s);
                        }
                    }
                    assertEquals(expected, got, parts + " partitions, epoch " + epoch + ", step " + s);
                    epochSeen.addAll(got);
                }
                assertEquals(TOTAL, epochSeen.size(), "every sample once per epoch");
            }
            for (StreamedSamples shard : shards) {
                long owned = shard.size();
                assertTrue(shard.mostHeld() <= Math.min(owned, 2L * slice * SIZES.length),
                        "held " + shard.mostHeld() + " of " + owned + " samples at once");
            }
        }
    }

    @Test
    void goingBackReadsTheSameSamplesAgain() throws IOException {
        ShardManifest manifest = writeSet(-1);
        BatchPlan plan = new BatchPlan(TOTAL, BATCH, 9);
        StreamedSamples walked = partitions(manifest, plan, 1).get(0);
        for (int s = 0; s < plan.stepsPerEpoch(); s++) {
            step(walked, 0, s);
        }
        StreamedSamples fresh = partitions(manifest, plan, 1).get(0);
        // Back to the middle of the epoch just read (a repeated step), then a resume in the middle of an epoch.
        assertArrayEquals(step(fresh, 0, 5), step(walked, 0, 5));
        assertArrayEquals(step(partitions(manifest, plan, 1).get(0), 1, 8), step(walked, 1, 8));
        assertTrue(walked.mostHeld() < TOTAL, "held " + walked.mostHeld() + " of " + TOTAL);
    }

    @Test
    void aLabelOutOfRangeIsNamedWithItsShard() throws IOException {
        ShardManifest manifest = writeSet(100);
        StreamedSamples all = partitions(manifest, new BatchPlan(TOTAL, BATCH, 9), 1).get(0);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> {
            for (int s = 0; s < 11; s++) {
                all.select(0, s);
            }
        });
        assertTrue(e.getMessage().contains("shard 3") && e.getMessage().contains("labels must be in 0..2")
                && e.getMessage().contains("sample 100"), e.getMessage());
        // A retry (Spark's, on the same cached shard) meets the same error rather than the samples after it.
        UncheckedIOException again = assertThrows(UncheckedIOException.class, () -> {
            for (int s = 0; s < 11; s++) {
                all.select(0, s);
            }
        });
        assertEquals(e.getMessage(), again.getMessage());
    }
}
