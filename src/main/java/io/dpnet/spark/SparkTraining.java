package io.dpnet.spark;

import io.dpnet.nn.Model;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.Precision;
import io.dpnet.train.BatchPlan;
import io.dpnet.train.Checkpoints;
import io.dpnet.train.DataSummary;
import io.dpnet.train.EpochReport;
import io.dpnet.train.Evaluation;
import io.dpnet.train.GradientSource;
import io.dpnet.train.ShardAveraging;
import io.dpnet.train.ShardEvaluation;
import io.dpnet.train.ShardGradient;
import io.dpnet.train.Sync;
import io.dpnet.train.SyncSource;
import io.dpnet.train.Trainer;
import io.dpnet.train.TrainingConfig;
import io.dpnet.train.TrainingListener;
import io.dpnet.train.TrainingState;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The one way to train on Spark, for the command line, the Spark ML estimator and Java programs alike: synchronous
 * data-parallel training of a network on any {@link TrainingData}. {@link #open} checks the data against the network
 * and caches it on the executors as one shard per partition (and the test set, if any); {@link #fit} then runs the
 * common {@link Trainer} step loop, each step's sums computed where the data lives and exchanged as the
 * {@link RunOptions} say. The same seed gives the same model whatever the number of partitions.
 */
public final class SparkTraining implements AutoCloseable {
    private final JavaSparkContext sc;
    private final NetworkSpec network;
    private final TrainingConfig config;
    private final DataSummary summary;
    private final BatchPlan plan;
    private final TrainingData.Placed placed;
    private final ShardedData<?> shards;
    private final SyncSource sync;
    private final SparkInference test;
    private final RunOptions options;
    private SparkInference validation;
    private int patience;

    private SparkTraining(JavaSparkContext sc, NetworkSpec network, TrainingConfig config, DataSummary summary,
                          BatchPlan plan, TrainingData.Placed placed, ShardedData<?> shards, SyncSource sync,
                          SparkInference test, RunOptions options) {
        this.sc = sc;
        this.network = network;
        this.config = config;
        this.summary = summary;
        this.plan = plan;
        this.placed = placed;
        this.shards = shards;
        this.sync = sync;
        this.test = test;
        this.options = options;
    }

    /**
     * Checks {@code train} and {@code test} (held by the driver, or null for none) against {@code network}, then
     * summarizes the training data in one pass where it lives ({@link #summary}: labels beyond the network's outputs
     * fail here) and fits the config's input scaling to it, then caches both sets on the executors in
     * {@code options.partitions()} partitions (fewer for fewer samples or shards; partitioned blocks keep their own
     * partitions). What the driver can check fails here with an IllegalArgumentException that names the data (also
     * data that cannot fit where it is headed, {@link CacheRoom}); what only the executors see as they read (a bad
     * label in a shard, a bad DataFrame row) fails the caching with a message that names the shard or the row.
     */
    public static SparkTraining open(JavaSparkContext sc, NetworkSpec network, TrainingConfig config,
                                     TrainingData train, TestSet test, RunOptions options) {
        return open(() -> sc, network, config, train, test, context -> options);
    }

    /**
     * The same, with Spark and the run's options asked for only once the data has passed the driver's checks, so
     * that bad input fails before Spark starts (the command line's way).
     */
    public static SparkTraining open(Supplier<JavaSparkContext> spark, NetworkSpec given, TrainingConfig config,
                                     TrainingData train, TestSet test, Function<JavaSparkContext, RunOptions> run) {
        train.checkFits(given);
        if (test != null) {
            test.checkFits(given);
        }
        JavaSparkContext sc = spark.get();
        RunOptions options = run.apply(sc);
        train.checkRoom(sc, options);
        TrainingData.Placed placed = train.place(sc, given, options.partitions());
        ShardedData<?> shards = null;
        try {
            sc.setJobDescription("dpnet: summarize " + train.name());
            DataSummary summary = DataSummary.of(train.name(), train.summarize(placed), given, config.scaling());
            NetworkSpec network = summary.network(given);
            BatchPlan plan = config.plan(placed.count);
            JavaRDD<ShardGradient> gradients = train.gradients(placed, network, config.precision(), plan,
                    options.partitions());
            SyncSource sync;
            if (config.sync() == Sync.AVERAGE) {
                ShardedData<ShardAveraging> rounds = ShardedData.persist(gradients.map(ShardAveraging::new),
                        ShardAveraging::size, train.cacheName(), train.storageLevel(options), placed::close);
                shards = rounds;
                sync = new SparkAveraging(sc, rounds);
            } else {
                ShardedData<ShardGradient> steps = ShardedData.persist(gradients, ShardGradient::size,
                        train.cacheName(), train.storageLevel(options), placed::close);
                shards = steps;
                sync = new SparkGradientSource(sc, steps, network.paramCount(), config, options);
            }
            placed.cached();
            if (shards.count() != placed.count) {
                throw new IllegalStateException("the blocks hold " + shards.count() + " samples, not the "
                        + placed.count + " announced: did the data change between passes?");
            }
            SparkInference testShards = test == null ? null
                    : SparkInference.distribute(sc, network, config.precision(), test.block(), options,
                    "dpnet test data");
            return new SparkTraining(sc, network, config, summary, plan, placed, shards, sync, testShards, options);
        } catch (RuntimeException e) {
            if (shards != null) {
                shards.close();
            }
            placed.close();
            throw e;
        }
    }

    /**
     * The network as trained: the one given, with the input scaling that the config asks for fitted on the training
     * data in front (unless the given network has one already, as a checkpoint's does).
     */
    public NetworkSpec network() {
        return network;
    }

    /** The training data's summary, the scaling fitted to it and the warnings it drew. */
    public DataSummary summary() {
        return summary;
    }

    public int partitions() {
        return shards.partitions();
    }

    /**
     * Evaluates every epoch's weights on {@code set} (held by the driver, spread over the executors here) as well;
     * with a {@code patience} of 1 or more, training also stops once that many epochs in a row have not lowered its
     * loss, and ends with the best epoch's weights ({@link Result#bestEpoch}).
     */
    public SparkTraining validation(TestSet set, int patience) {
        set.checkFits(network);
        if (validation != null) {
            validation.close();
        }
        validation = SparkInference.distribute(sc, network, config.precision(), set.block(),
                options, "dpnet validation data");
        this.patience = patience;
        return this;
    }

    /** Samples in the training data. */
    public long samples() {
        return shards.count();
    }

    /** How the training data falls into steps: the config's batch size over its samples. */
    public BatchPlan plan() {
        return plan;
    }

    /** Trains from the config's seeded initialization, without checkpoints. */
    public Result fit(TrainingListener... listeners) {
        return fit(TrainingState.start(network.initialParams(config.initializer(), config.seed())), Checkpoints.none(),
                listeners);
    }

    /**
     * Trains on from {@code from} (a checkpoint, or {@link TrainingState#start}) to the config's last epoch, updating
     * its parameters in place and handing the state to {@code checkpoints} as they say.
     */
    public Result fit(TrainingState from, Checkpoints checkpoints, TrainingListener... listeners) {
        Trainer trainer = new Trainer(network, config).checkpoints(checkpoints);
        for (TrainingListener l : listeners) {
            trainer.listener(l);
        }
        if (validation != null) {
            trainer.validation(validation::evaluate, patience);
        }
        List<EpochReport> reports = trainer.fit(from, sync, plan, test == null ? null : test::evaluate);
        return new Result(new Model(network, from.params(), config.precision()), reports, trainer.bestEpoch());
    }

    /**
     * The gradient sums of the cached data, step by step as {@link #plan} cuts it, through the run's exchange: for
     * solvers of one's own (the Spark ML estimator runs MLlib's full-batch solvers on them). Gradient averaging only.
     */
    public GradientSource gradients() {
        if (!(sync instanceof GradientSource gradients)) {
            throw new IllegalStateException("gradient sums need gradient averaging, not " + config.sync());
        }
        return gradients;
    }

    /**
     * The mean loss of {@code params} over the training data, as evaluation computes it, where the data lives. It reads
     * the data again from its source (the driver's pieces, the shard files, the DataFrame's packed rows), not from
     * the cache: meant for a cached set of moderate size, as the Spark ML estimator's starting loss, not for a set
     * streamed because it is larger than memory.
     */
    public double trainingLoss(double[] params) {
        sc.setJobDescription("dpnet: loss over the training data");
        NetworkSpec net = network; // a field would take this object into the closure
        Precision precision = config.precision();
        List<Evaluation> parts = BroadcastWeights.during(sc, params, weights -> placed.blocks
                .map(block -> new ShardEvaluation(block, net, precision).evaluate(weights.value())).collect());
        return Evaluation.sum(network.numClasses(), parts).loss();
    }

    /** The trained model and its epochs; under early stopping, the epoch whose weights the model holds, else 0. */
    public record Result(Model model, List<EpochReport> history, int bestEpoch) {
        /** The epoch whose weights the model holds: the best one under early stopping, else the last. */
        public EpochReport modelEpoch() {
            return history.stream().filter(r -> r.epoch() == bestEpoch).findFirst()
                    .orElse(history.get(history.size() - 1));
        }
    }

    @Override
    public void close() {
        shards.close();
        if (test != null) {
            test.close();
        }
        if (validation != null) {
            validation.close();
        }
    }
}
