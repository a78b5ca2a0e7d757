package io.dpnet.spark;

import io.dpnet.data.DataBlock;
import io.dpnet.data.ShardManifest;
import io.dpnet.nn.Model;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.train.BatchPlan;
import io.dpnet.train.DataFit;
import io.dpnet.train.EpochReport;
import io.dpnet.train.Trainer;
import io.dpnet.train.TrainingConfig;
import io.dpnet.train.TrainingListener;
import io.dpnet.train.TrainingState;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Synchronous data-parallel training on Spark: caches the training (and test) data as shards, then runs the common
 * {@link Trainer} step loop with gradients computed by the cluster. The same seed gives the same model whatever the
 * number of partitions.
 */
public final class SparkTraining implements AutoCloseable {
    private final JavaSparkContext sc;
    private final NetworkSpec spec;
    private final TrainingConfig config;
    private final ShardedData train;
    private final ShardedData test;
    private final BatchPlan plan;

    public SparkTraining(JavaSparkContext sc, NetworkSpec spec, TrainingConfig config, DataBlock train,
                         DataBlock test, int partitions) {
        DataFit.check(train, spec, "training data");
        if (test != null) {
            DataFit.check(test, spec, "test data");
        }
        this.sc = sc;
        this.spec = spec;
        this.config = config;
        this.plan = config.plan(train.size());
        this.train = ShardedData.distribute(sc, train, spec, plan, partitions, "dpnet training data");
        this.test = test == null ? null
                : ShardedData.forInference(sc, test, spec, partitions, "dpnet test data");
    }

    private SparkTraining(JavaSparkContext sc, NetworkSpec spec, TrainingConfig config, BatchPlan plan,
                          ShardedData train, ShardedData test) {
        this.sc = sc;
        this.spec = spec;
        this.config = config;
        this.plan = plan;
        this.train = train;
        this.test = test;
    }

    /**
     * Training on blocks that already live on the executors, one or more per partition (e.g. packed from a DataFrame
     * where its rows are), so that no sample passes through the driver. Together the blocks must hold global indices
     * {@code 0..count-1}, each once, and fit the network; the caller checks that, as nothing is collected here.
     * There is no test set.
     */
    public static SparkTraining onPartitionedBlocks(JavaSparkContext sc, NetworkSpec spec, TrainingConfig config,
                                                    JavaRDD<DataBlock> blocks, long count) {
        return onPartitionedBlocks(sc, spec, config, blocks, count, null, 1);
    }

    /** The same, with a test set held by the driver (or null), spread over {@code testPartitions} partitions. */
    public static SparkTraining onPartitionedBlocks(JavaSparkContext sc, NetworkSpec spec, TrainingConfig config,
                                                    JavaRDD<DataBlock> blocks, long count, DataBlock test,
                                                    int testPartitions) {
        if (test != null) {
            DataFit.check(test, spec, "test data");
        }
        BatchPlan plan = config.plan(count);
        ShardedData train = ShardedData.cache(blocks, spec, plan, "dpnet training data");
        if (train.count() != count) {
            train.close();
            throw new IllegalStateException("the blocks hold " + train.count() + " samples, not the " + count
                    + " announced: did the data change between passes?");
        }
        return withTest(sc, spec, config, plan, train, test, testPartitions);
    }

    /**
     * Training on a sharded set that is not cached but streamed from its files at every epoch, about
     * {@code windowSamples} samples in memory at a time ({@link ShardSets#streamed}): for sets larger than the
     * executors' memory. The samples are shuffled within windows rather than over the whole set, so the model differs
     * from a cached run's, but not with the number of partitions. The test set (or null) is held by the driver.
     */
    public static SparkTraining streaming(JavaSparkContext sc, NetworkSpec spec, TrainingConfig config, String dir,
                                          ShardManifest manifest, long windowSamples, int partitions,
                                          DataBlock test) {
        if (test != null) {
            DataFit.check(test, spec, "test data");
        }
        if (manifest.rows() * manifest.cols() != spec.inputSize()) {
            throw new IllegalArgumentException(dir + ": samples have " + manifest.rows() * manifest.cols()
                    + " features but the network takes " + spec.inputSize());
        }
        BatchPlan plan = config.plan(manifest.totalCount());
        ShardedData train = ShardSets.streamed(sc, dir, manifest, partitions, spec, plan, windowSamples);
        return withTest(sc, spec, config, plan, train, test, partitions);
    }

    private static SparkTraining withTest(JavaSparkContext sc, NetworkSpec spec, TrainingConfig config,
                                          BatchPlan plan, ShardedData train, DataBlock test, int testPartitions) {
        return new SparkTraining(sc, spec, config, plan, train, test == null ? null
                : ShardedData.forInference(sc, test, spec, testPartitions, "dpnet test data"));
    }

    public int partitions() {
        return train.partitions();
    }

    /**
     * Trains from {@code initial} (or the config's seeded initialization when null) and returns the model and the
     * per-epoch reports.
     */
    public Result fit(double[] initial, TrainingListener... listeners) {
        double[] params = initial != null ? initial.clone() : spec.initialParams(config.initializer(), config.seed());
        return fit(new TrainingState(0, 0, params, null), 0, 0, null, listeners);
    }

    /**
     * Trains on from {@code from} (a checkpoint, or the start), handing the state to {@code checkpoints} every
     * {@code checkpointEvery} epochs and, unless it is 0, every {@code checkpointEverySteps} steps, when it is not
     * null.
     */
    public Result fit(TrainingState from, int checkpointEvery, int checkpointEverySteps,
                      Consumer<TrainingState> checkpoints, TrainingListener... listeners) {
        Trainer trainer = new Trainer(spec, config);
        for (TrainingListener l : listeners) {
            trainer.listener(l);
        }
        if (checkpoints != null) {
            trainer.checkpoints(checkpointEvery, checkpointEverySteps, checkpoints);
        }
        SparkGradientSource source = new SparkGradientSource(sc, train);
        List<EpochReport> reports = trainer.fit(from, source, plan,
                test == null ? null : p -> SparkEvaluation.evaluate(sc, test, p));
        return new Result(new Model(spec, from.params()), reports);
    }

    public record Result(Model model, List<EpochReport> history) {
    }

    @Override
    public void close() {
        train.close();
        if (test != null) {
            test.close();
        }
    }
}
