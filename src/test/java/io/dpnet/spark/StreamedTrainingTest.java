package io.dpnet.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.config.RecipeLoader;
import io.dpnet.data.BundledMnist;
import io.dpnet.data.MnistData;
import io.dpnet.data.ShardManifest;
import io.dpnet.data.ShardSetFixture;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.testing.LocalSpark;
import io.dpnet.testing.Tolerance;
import io.dpnet.train.Checkpoints;
import io.dpnet.train.TrainingConfig;
import io.dpnet.train.TrainingState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training that streams a sharded set from its files at every epoch: the model does not depend on the partitioning
 * or the exchange, a run resumed in the middle of an epoch (which reopens and skips into the files) ends where the
 * uninterrupted one does, and it learns.
 */
@LocalSpark(threads = 3)
class StreamedTrainingTest {
    private static final int WINDOW = 1000;
    private static JavaSparkContext sc;
    private static MnistData mnist;

    @TempDir
    static Path dir;
    private static String set;
    private static ShardManifest manifest;

    @BeforeAll
    static void start(JavaSparkContext context) throws IOException {
        sc = context;
        mnist = BundledMnist.load();
        set = dir.resolve("shards").toString();
        manifest = ShardSetFixture.write(set, mnist.train(), 28, 28, 700, 900, 400, 1000);
    }

    private static final NetworkSpec SPEC = RecipeLoader.defaults().network();
    private static final TrainingConfig CONFIG = RecipeLoader.defaults().training().toBuilder().epochs(2)
            .batchSize(128).build();

    private static SparkTraining.Result fit(int partitions, StepExchange exchange, TrainingState from,
                                            List<TrainingState> checkpoints) {
        try (SparkTraining training = SparkTraining.open(sc, SPEC, CONFIG, TrainingData.streamed(set, manifest, WINDOW),
                TestSet.of(mnist.test()), RunOptions.defaults(sc).withPartitions(partitions).withExchange(exchange))) {
            TrainingState start = from != null ? from
                    : TrainingState.start(SPEC.initialParams(CONFIG.initializer(), CONFIG.seed()));
            return training.fit(start, new Checkpoints(100, 10, checkpoints == null ? state -> { } : checkpoints::add));
        }
    }

    @Test
    void theModelDoesNotDependOnPartitionsOrExchangeAndItLearns() {
        SparkTraining.Result one = fit(1, StepExchange.JOBS, null, null);
        SparkTraining.Result three = fit(3, StepExchange.BARRIER, null, null);
        SparkTraining.Result threeByJobs = fit(3, StepExchange.JOBS, null, null);
        assertArrayEquals(one.model().params(), three.model().params(), Tolerance.of(CONFIG.precision()));
        assertArrayEquals(three.model().params(), threeByJobs.model().params());
        double accuracy = three.history().get(1).testAccuracy();
        assertTrue(accuracy > 0.8, "test accuracy after 2 epochs over 3,000 streamed digits: " + accuracy);
    }

    @Test
    void aRunResumedInTheMiddleOfAnEpochEndsWhereTheUninterruptedOneDoes() {
        List<TrainingState> checkpoints = new ArrayList<>();
        SparkTraining.Result whole = fit(2, StepExchange.BARRIER, null, checkpoints);
        TrainingState middle = checkpoints.stream().filter(s -> s.step() == 30).findFirst().orElseThrow();
        assertEquals(1, middle.epochsDone(), "step 30 is in the second epoch of 24 steps");
        SparkTraining.Result resumed = fit(2, StepExchange.BARRIER, middle, null);
        assertArrayEquals(whole.model().params(), resumed.model().params());
    }
}
