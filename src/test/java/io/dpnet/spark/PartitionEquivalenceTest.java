package io.dpnet.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.data.DataBlock;
import io.dpnet.nn.Model;
import io.dpnet.nn.NetworkBuilder;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.Precision;
import io.dpnet.nn.loss.Loss;
import io.dpnet.testing.LocalSpark;
import io.dpnet.testing.Tolerance;
import io.dpnet.train.EpochReport;
import io.dpnet.train.LocalTraining;
import io.dpnet.train.TrainingConfig;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Synchronous data-parallel SGD must not depend on the partitioning: 1 and 4 partitions (and the local engine) give
 * the same parameters after many steps, up to floating-point reassociation of the gradient sums.
 */
@LocalSpark(threads = 4)
class PartitionEquivalenceTest {
    private static JavaSparkContext sc;

    @BeforeAll
    static void start(JavaSparkContext context) {
        sc = context;
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

    @ParameterizedTest
    @EnumSource(Precision.class)
    void oneAndFourPartitionsGiveTheSameModel(Precision precision) {
        // Dropout's masks are keyed by sample, epoch and seed: they too must not depend on the partitioning.
        NetworkSpec spec = NetworkBuilder.input(10).dense(16).relu().dropout(0.2).dense(8).tanh().dense(3).softmax()
                .loss(Loss.SOFTMAX_CROSS_ENTROPY);
        // 1003 samples: the last batch of every epoch is short, and the partitions are uneven.
        DataBlock train = blobs(1003, 1);
        DataBlock test = blobs(300, 2);
        TrainingConfig config = TrainingConfig.builder().batchSize(64).epochs(3).seed(11)
                .sgd(0.05, 0.9, true, 1e-4).warmup(0.5).precision(precision).build();
        double tolerance = Tolerance.of(precision);

        SparkTraining.Result one;
        try (SparkTraining t = open(spec, config, train, test, 1)) {
            assertEquals(1, t.partitions());
            one = t.fit();
        }
        SparkTraining.Result four;
        try (SparkTraining t = open(spec, config, train, test, 4)) {
            assertEquals(4, t.partitions());
            four = t.fit();
        }
        Model local = LocalTraining.fit(spec, config, train, null);

        double[] a = one.model().params();
        double[] b = four.model().params();
        double[] initial = spec.initialParams(config.initializer(), config.seed());
        double moved = 0;
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], tolerance, "parameter " + i + ", 1 vs 4 partitions");
            assertEquals(a[i], local.params()[i], tolerance, "parameter " + i + ", Spark vs local engine");
            moved = Math.max(moved, Math.abs(a[i] - initial[i]));
        }
        assertTrue(moved > 0.05, "training moved the weights by " + moved);
        EpochReport last = four.history().get(2);
        assertEquals(1003, last.samples());
        assertEquals(one.history().get(2).loss(), last.loss(), tolerance);
        assertTrue(last.testAccuracy() > 0.85, "test accuracy " + last.testAccuracy());
    }

    /** A small CNN with dropout: its layer specs travel to the tasks too (through Kryo), and must agree. */
    @Test
    void aConvolutionalNetworkTrainsTheSameOnOneAndThreePartitions() {
        NetworkSpec spec = NetworkBuilder.input(1, 8, 8).conv2d(4, 3, 1, 1).relu().maxPool(2).conv2d(6, 3).relu()
                .flatten().dropout(0.1).dense(3).softmax().loss(Loss.SOFTMAX_CROSS_ENTROPY);
        // Three classes of 8x8 images: a bright row, a bright column, or a bright diagonal, in noise.
        Random rng = new Random(3);
        int n = 301;
        double[] x = new double[n * 64];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(3);
            int at = rng.nextInt(8);
            for (int p = 0; p < 64; p++) {
                int r = p / 8;
                int c = p % 8;
                boolean on = y[i] == 0 ? r == at : y[i] == 1 ? c == at : r == c;
                x[i * 64 + p] = (on ? 1.0 : 0.0) + 0.2 * rng.nextGaussian();
            }
        }
        DataBlock images = DataBlock.ofFeatures(x, 64, y);
        TrainingConfig config = TrainingConfig.builder().batchSize(32).epochs(3).seed(2).sgd(0.05, 0.9, false, 0)
                .build();
        SparkTraining.Result three;
        try (SparkTraining t = open(spec, config, images, images, 3)) {
            three = t.fit();
        }
        Model local = LocalTraining.fit(spec, config, images, null);
        assertArrayEquals(local.params(), three.model().params(), Tolerance.of(config.precision()));
        assertTrue(three.history().get(2).testAccuracy() > 0.8,
                "learned; accuracy " + three.history().get(2).testAccuracy());
    }

    /**
     * A barrier stage per epoch and a job per step are two transports of the same arithmetic: with Adam (whose state
     * travels to the tasks and back) and an uneven last batch, they must agree to the bit, and the barrier stage must
     * really have replaced the per-step jobs.
     */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void barrierStageAndJobPerStepGiveTheSameModelToTheBit(Precision precision) {
        NetworkSpec spec = NetworkBuilder.input(10).dense(16).relu().dense(3).softmax()
                .loss(Loss.SOFTMAX_CROSS_ENTROPY);
        DataBlock train = blobs(1003, 7);
        TrainingConfig config = TrainingConfig.builder().batchSize(64).epochs(3).seed(5)
                .adam(0.01).precision(precision).build();
        JobCounter jobs = new JobCounter();
        sc.sc().addSparkListener(jobs);
        try {
            SparkTraining.Result barrier = fitWithExchange(spec, config, train, StepExchange.BARRIER);
            int barrierJobs = jobs.takeCount();
            SparkTraining.Result perStep = fitWithExchange(spec, config, train, StepExchange.JOBS);
            int perStepJobs = jobs.takeCount();
            assertTrue(perStepJobs >= 3 * 16, perStepJobs + " jobs for 3 epochs of 16 steps");
            assertTrue(barrierJobs <= 3 + 2, barrierJobs + " jobs: one per epoch and the caching");
            assertArrayEquals(perStep.model().params(), barrier.model().params());
            for (int e = 0; e < 3; e++) {
                assertEquals(perStep.history().get(e).loss(), barrier.history().get(e).loss(), 0.0);
                assertEquals(perStep.history().get(e).trainAccuracy(), barrier.history().get(e).trainAccuracy(), 0.0);
            }
        } finally {
            sc.sc().removeSparkListener(jobs);
        }
    }

    /** Data cached on disk only trains the same model: each task reads its shard back once per epoch. */
    @Test
    void diskOnlyStorageTrainsTheSameModel() {
        NetworkSpec spec = NetworkBuilder.input(10).dense(8).relu().dense(3).softmax().loss(Loss.SOFTMAX_CROSS_ENTROPY);
        DataBlock train = blobs(500, 12);
        TrainingConfig config = TrainingConfig.builder().batchSize(50).epochs(2).seed(3).sgd(0.05, 0.9, false, 0)
                .build();
        java.util.Set<String> levels = new java.util.HashSet<>();
        SparkTraining.Result onDisk;
        try (SparkTraining t = SparkTraining.open(sc, spec, config, TrainingData.of(train), null,
                RunOptions.defaults(sc).withPartitions(2).withStorageLevel(StorageLevel.DISK_ONLY()))) {
            onDisk = t.fit(report -> sc.getPersistentRDDs().values().stream()
                    .filter(rdd -> "dpnet training data".equals(rdd.name()))
                    .forEach(rdd -> levels.add(rdd.getStorageLevel().description())));
        }
        assertEquals(java.util.Set.of(StorageLevel.DISK_ONLY().description()), levels);
        assertArrayEquals(LocalTraining.fit(spec, config, train, null).params(), onDisk.model().params(),
                Tolerance.of(config.precision()));
    }

    @Test
    void aForcedBarrierExchangeWithMorePartitionsThanSlotsFailsAtOnce() {
        NetworkSpec spec = NetworkBuilder.input(10).dense(3).softmax().loss(Loss.SOFTMAX_CROSS_ENTROPY);
        TrainingConfig config = TrainingConfig.builder().batchSize(64).epochs(1).seed(5).adam(0.01).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fitWithExchange(spec, config, blobs(300, 9), StepExchange.BARRIER, 5));
        assertTrue(e.getMessage().contains("5 partitions, 4 slots"), e.getMessage());
    }

    /** Training on {@code train} held by the driver, with {@code test} (or null) as test set. */
    private static SparkTraining open(NetworkSpec spec, TrainingConfig config, DataBlock train, DataBlock test,
                                      int partitions) {
        return SparkTraining.open(sc, spec, config, TrainingData.of(train), test == null ? null : TestSet.of(test),
                RunOptions.defaults(sc).withPartitions(partitions));
    }

    private static SparkTraining.Result fitWithExchange(NetworkSpec spec, TrainingConfig config, DataBlock train,
                                                        StepExchange exchange) {
        return fitWithExchange(spec, config, train, exchange, 4);
    }

    private static SparkTraining.Result fitWithExchange(NetworkSpec spec, TrainingConfig config, DataBlock train,
                                                        StepExchange exchange, int partitions) {
        try (SparkTraining t = SparkTraining.open(sc, spec, config, TrainingData.of(train), null,
                RunOptions.defaults(sc).withPartitions(partitions).withExchange(exchange))) {
            return t.fit();
        }
    }

    /** Counts the jobs Spark starts. */
    static final class JobCounter extends org.apache.spark.scheduler.SparkListener {
        private final java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart jobStart) {
            count.incrementAndGet();
        }

        int takeCount() {
            return count.getAndSet(0);
        }
    }

    /**
     * Model averaging after a single plain SGD step is gradient averaging: the sample-weighted mean of the partitions'
     * w - rate * g_p is w - rate * (global mean gradient). A test of the averaging arithmetic and its weights.
     */
    @Test
    void modelAveragingEveryStepEqualsGradientAveraging() {
        NetworkSpec spec = NetworkBuilder.input(10).dense(12).tanh().dense(3).softmax()
                .loss(Loss.SOFTMAX_CROSS_ENTROPY);
        DataBlock train = blobs(701, 3);
        TrainingConfig gradient = TrainingConfig.builder().batchSize(50).epochs(2).seed(4)
                .sgd(0.1, 0, false, 1e-3).build();
        TrainingConfig averaging = gradient.toBuilder().modelAveraging(1).build();
        Model reference = LocalTraining.fit(spec, gradient, train, null);
        try (SparkTraining t = open(spec, averaging, train, null, 3)) {
            double[] averaged = t.fit().model().params();
            for (int i = 0; i < averaged.length; i++) {
                assertEquals(reference.params()[i], averaged[i], Tolerance.of(gradient.precision()), "parameter " + i);
            }
        }
    }

    @Test
    void modelAveragingWithLocalStepsLearnsAndIsReproducible() {
        NetworkSpec spec = NetworkBuilder.input(10).dense(16).relu().dense(3).softmax()
                .loss(Loss.SOFTMAX_CROSS_ENTROPY);
        DataBlock train = blobs(2000, 5);
        DataBlock test = blobs(400, 6);
        TrainingConfig config = TrainingConfig.builder().batchSize(64).epochs(3).seed(8)
                .sgd(0.05, 0.9, false, 0).modelAveraging(4).build();
        SparkTraining.Result first;
        SparkTraining.Result second;
        try (SparkTraining t = open(spec, config, train, test, 4)) {
            first = t.fit();
        }
        try (SparkTraining t = open(spec, config, train, test, 4)) {
            second = t.fit();
        }
        EpochReport last = first.history().get(2);
        assertTrue(last.testAccuracy() > 0.85, "test accuracy " + last.testAccuracy());
        assertEquals(8, last.steps(), "32 global steps an epoch in rounds of 4 local steps");
        assertEquals(2000, last.samples());
        double[] a = first.model().params();
        double[] b = second.model().params();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 0.0, "same seed and partitions, same model");
        }
    }
}
