package io.dpnet.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dpnet.config.RecipeLoader;
import io.dpnet.data.BundledMnist;
import io.dpnet.data.DataBlock;
import io.dpnet.nn.Model;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.layer.Scale;
import io.dpnet.testing.LocalSpark;
import io.dpnet.testing.Tolerance;
import io.dpnet.train.LocalTraining;
import io.dpnet.train.Scaling;
import io.dpnet.train.TrainingConfig;
import java.io.IOException;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/**
 * A per-feature scaling fitted where the data lives (statistics of each partition's blocks merged on the driver)
 * equals the one the local engine fits on the whole block, and both train the same model.
 */
@LocalSpark
class ScaledTrainingTest {

    /** The first 1,500 bundled digits with raw 0..255 pixel values as double features. */
    private static DataBlock rawDigits() throws IOException {
        DataBlock digits = BundledMnist.load().train().slice(0, 1500);
        double[] features = new double[digits.size() * digits.featureCount()];
        int[] labels = new int[digits.size()];
        for (int i = 0; i < digits.size(); i++) {
            labels[i] = digits.label(i);
            for (int j = 0; j < digits.featureCount(); j++) {
                features[i * digits.featureCount() + j] = Math.rint(255 * digits.feature(i, j));
            }
        }
        return DataBlock.ofFeatures(features, digits.featureCount(), labels);
    }

    @Test
    void standardizingOnTheExecutorsMatchesTheLocalEngine(JavaSparkContext sc) throws IOException {
        DataBlock raw = rawDigits();
        NetworkSpec spec = RecipeLoader.defaults().network();
        TrainingConfig config = RecipeLoader.defaults().training().toBuilder().epochs(2).batchSize(100)
                .scaling(Scaling.parse("standardize")).build();
        Model local = LocalTraining.fit(spec, config, raw, null);
        SparkTraining.Result spread;
        try (SparkTraining training = SparkTraining.open(sc, spec, config,
                TrainingData.partitioned(sc.parallelize(raw.split(3), 3), raw.size()), null,
                RunOptions.defaults(sc))) {
            spread = training.fit();
        }
        Scale here = local.spec().scaling().orElseThrow();
        Scale there = spread.model().spec().scaling().orElseThrow();
        for (int j = 0; j < raw.featureCount(); j++) {
            assertEquals(here.shift(j), there.shift(j), 1e-12 * Math.max(1, Math.abs(here.shift(j))));
            assertEquals(here.factor(j), there.factor(j), 1e-12 * Math.max(1, Math.abs(here.factor(j))));
        }
        assertArrayEquals(local.params(), spread.model().params(), Tolerance.of(config.precision()));
    }
}
