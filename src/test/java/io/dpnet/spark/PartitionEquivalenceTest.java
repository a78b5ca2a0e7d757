package io.dpnet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.data.DataBlock;
import io.dpnet.nn.Model;
import io.dpnet.nn.NetworkBuilder;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.loss.Loss;
import io.dpnet.train.EpochReport;
import io.dpnet.train.LocalTraining;
import io.dpnet.train.TrainingConfig;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Synchronous data-parallel SGD must not depend on the partitioning: 1 and 4 partitions (and the local engine) give
 * the same parameters after many steps, up to floating-point reassociation of the gradient sums.
 */
class PartitionEquivalenceTest {
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = LocalSpark.start(PartitionEquivalenceTest.class.getSimpleName(), 4);
    }

    @AfterAll
    static void stop() {
        sc.close();
    }

    /** Three Gaussian classes around separated centers, in 10 dimensions. */
    static DataBlock blobs(int n, long seed) {
        Random rng = new Random(seed);
        int dims = 10;
        double[] x = new double[n * dims];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(3);
            for (int j = 0; j < dims; j++) {
                x[i * dims + j] = rng.nextGaussian() + (j % 3 == y[i] ? 1.5 : 0);
            }
        }
        return DataBlock.ofFeatures(x, dims, y);
    }

    @Test
    void oneAndFourPartitionsGiveTheSameModel() {
        NetworkSpec spec = NetworkBuilder.input(10).dense(16).relu().dense(8).tanh().dense(3).softmax()
                .loss(Loss.SOFTMAX_CROSS_ENTROPY);
        // 1003 samples: the last batch of every epoch is short, and the partitions are uneven.
        DataBlock train = blobs(1003, 1);
        DataBlock test = blobs(300, 2);
        TrainingConfig config = TrainingConfig.builder().batchSize(64).epochs(3).seed(11)
                .sgd(0.05, 0.9, true, 1e-4).warmup(0.5).build();

        SparkTraining.Result one;
        try (SparkTraining t = new SparkTraining(sc, spec, config, train, test, 1)) {
            assertEquals(1, t.partitions());
            one = t.fit(null);
        }
        SparkTraining.Result four;
        try (SparkTraining t = new SparkTraining(sc, spec, config, train, test, 4)) {
            assertEquals(4, t.partitions());
            four = t.fit(null);
        }
        Model local = LocalTraining.fit(spec, config, train, null);

        double[] a = one.model().params();
        double[] b = four.model().params();
        double[] initial = spec.initialParams(config.initializer(), config.seed());
        double moved = 0;
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-9, "parameter " + i + ", 1 vs 4 partitions");
            assertEquals(a[i], local.params()[i], 1e-9, "parameter " + i + ", Spark vs local engine");
            moved = Math.max(moved, Math.abs(a[i] - initial[i]));
        }
        assertTrue(moved > 0.05, "training moved the weights by " + moved);
        EpochReport last = four.history().get(2);
        assertEquals(1003, last.samples());
        assertEquals(one.history().get(2).loss(), last.loss(), 1e-9);
        assertTrue(last.testAccuracy() > 0.85, "test accuracy " + last.testAccuracy());
    }
}
