package io.dpnet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeatureStatsTest {

    /** Blocks summarized apart and merged give what a two-pass computation over all samples gives. */
    @Test
    void mergedPiecesEqualTheWholeComputedDirectly() {
        int n = 1000;
        int features = 3;
        Random rng = new Random(9);
        double[] values = new double[n * features];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(4) == 0 ? 3 : rng.nextInt(2);
            values[i * features] = 1e6 + rng.nextGaussian(); // a large mean: summing squares would cancel
            values[i * features + 1] = rng.nextInt(256);
            values[i * features + 2] = -7;
        }
        DataBlock all = DataBlock.ofFeatures(values, features, labels);
        FeatureStats merged = FeatureStats.merge(List.of(FeatureStats.of(all.slice(0, 1)),
                FeatureStats.of(all.slice(1, 400)), FeatureStats.of(all.slice(400, 400)),
                FeatureStats.of(all.slice(400, n))));
        assertEquals(n, merged.count());
        for (int j = 0; j < features; j++) {
            double mean = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                mean += values[i * features + j] / n;
                min = Math.min(min, values[i * features + j]);
                max = Math.max(max, values[i * features + j]);
            }
            double squares = 0;
            for (int i = 0; i < n; i++) {
                squares += Math.pow(values[i * features + j] - mean, 2);
            }
            assertEquals(mean, merged.mean(j), 1e-9 * Math.max(1, Math.abs(mean)), "mean of feature " + j);
            assertEquals(Math.sqrt(squares / n), merged.std(j), 1e-9, "deviation of feature " + j);
            assertEquals(min, merged.min(j));
            assertEquals(max, merged.max(j));
        }
        int[] perClass = new int[4];
        for (int label : labels) {
            perClass[label]++;
        }
        for (int c = 0; c < 4; c++) {
            assertEquals(perClass[c], merged.classCount(c));
        }
        assertEquals(0, merged.classCount(2), "class 2 is never drawn");
        assertEquals(4, merged.labelRange());
        assertEquals(-7, merged.min());
        assertEquals(1e6 + 10, merged.maxAbs(), 10);
    }

    @Test
    void pixelsCountAsTheirScaledValues() {
        DataBlock pixels = DataBlock.ofPixels(new byte[] {0, (byte) 255, 51, 0}, 2, new int[] {1, 0});
        FeatureStats s = FeatureStats.of(pixels);
        assertEquals(1.0, s.max(1));
        assertEquals(0.2, s.max(0), 1e-12);
        assertEquals(0.1, s.mean(0), 1e-12);
    }
}
