package io.dpnet.cli;

import io.dpnet.config.Recipe;
import io.dpnet.config.RecipeLoader;
import io.dpnet.model.CheckpointLock;
import io.dpnet.model.CheckpointStore;
import io.dpnet.model.ModelFile;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.Precision;
import io.dpnet.spark.RunOptions;
import io.dpnet.spark.SparkTraining;
import io.dpnet.spark.StepExchange;
import io.dpnet.train.Checkpoints;
import io.dpnet.train.CollapseGuard;
import io.dpnet.train.EpochReport;
import io.dpnet.train.LossGuard;
import io.dpnet.train.Scaling;
import io.dpnet.train.Sync;
import io.dpnet.train.TrainingConfig;
import io.dpnet.train.TrainingState;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a network with synchronous data-parallel SGD on Spark.")
final class TrainCommand implements Callable<Integer> {
    /** Samples held and shuffled together under --stream when no --stream-window is given: about 160 MB of pixels. */
    static final int DEFAULT_STREAM_WINDOW = 200_000;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Recipe file (HOCON); what it leaves out comes from conf/defaults.conf.")
    File config;

    @Mixin
    DataOptions data;

    @Option(names = "--epochs", paramLabel = "N", converter = PositiveInteger.class,
            description = "Overrides the recipe's epochs.")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", converter = PositiveInteger.class,
            description = "Overrides the recipe's global batch size.")
    Integer batchSize;

    @Option(names = "--seed", paramLabel = "N", description = "Overrides the recipe's seed.")
    Long seed;

    @Option(names = "--sync", paramLabel = "MODE", converter = SyncConverter.class,
            description = "gradient (average gradients every step, the default) or average (model averaging).")
    Sync sync;

    @Option(names = "--local-steps", paramLabel = "K", converter = PositiveInteger.class,
            description = "Under --sync average: optimizer steps each partition runs between synchronizations.")
    Integer localSteps;

    @Option(names = "--precision", paramLabel = "TYPE", converter = PrecisionConverter.class,
            description = "Overrides the recipe's number type: float32 (the default) or float64.")
    Precision precision;

    @Option(names = "--scaling", paramLabel = "HOW", converter = ScalingConverter.class,
            description = "Overrides the recipe's input scaling, fitted on the training data and kept in the model: "
                    + "auto (the default: none for values within [-1, 1], else unit-range for features of one scale "
                    + "such as pixels, standardize for unrelated ones), none, unit-range, unit-range:MAX, min-max "
                    + "or standardize.")
    Scaling scaling;

    @Option(names = "--exchange", paramLabel = "HOW", converter = ExchangeConverter.class,
            description = "How gradients meet at each step: auto (the default), barrier (one barrier stage per epoch, "
                    + "tasks add the sums up around a ring and update the weights) or jobs (one Spark job per step). "
                    + "Same model either way.")
    StepExchange exchange;

    @Option(names = "--storage-level", paramLabel = "LEVEL",
            description = "Where executors cache the training data: memory-only (default), memory-and-disk, "
                    + "disk-only, or another Spark storage level name.")
    String storageLevel;

    @Option(names = "--stream",
            description = "Do not cache a sharded training set but stream it from its files at every epoch, about "
                    + "--stream-window samples in memory at a time and shuffled within those windows: for sets "
                    + "larger than the executors' memory.")
    boolean stream;

    @Option(names = "--stream-window", paramLabel = "N", converter = PositiveInteger.class,
            description = "Under --stream: samples shuffled together and held in memory at a time, over all "
                    + "partitions. Default: 200000.")
    Integer streamWindow;

    @Option(names = "--validation-split", paramLabel = "F",
            description = "Hold out this fraction of the training data (0 < F < 1; drawn with the seed, before "
                    + "partitioning) and evaluate every epoch on it.")
    Double validationSplit;

    @Option(names = "--validation-data", paramLabel = "URI",
            description = "A validation set to evaluate every epoch on, read as --test-data is.")
    String validationData;

    @Option(names = "--early-stop", paramLabel = "PATIENCE", converter = PositiveInteger.class,
            description = "Stop once PATIENCE epochs in a row have not lowered the validation loss, and keep the "
                    + "best epoch's weights. Needs --validation-split or --validation-data.")
    Integer earlyStop;

    @Option(names = "--checkpoint-dir", paramLabel = "URI",
            description = "Folder for checkpoints (parameters, optimizer state, step), written atomically.")
    String checkpointDir;

    @Option(names = "--checkpoint-every", paramLabel = "N", converter = PositiveInteger.class, defaultValue = "1",
            description = "Epochs between checkpoints (the last epoch always gets one). Default: ${DEFAULT-VALUE}.")
    int checkpointEvery;

    @Option(names = "--checkpoint-every-steps", paramLabel = "N", converter = PositiveInteger.class,
            description = "Also a checkpoint every N steps, inside epochs (gradient averaging only).")
    Integer checkpointEverySteps;

    @Option(names = "--keep-checkpoints", paramLabel = "K", converter = PositiveInteger.class, defaultValue = "3",
            description = "How many of the newest checkpoints to keep. Default: ${DEFAULT-VALUE}.")
    int keepCheckpoints;

    @Option(names = "--resume", description = "Continue from the newest valid checkpoint in --checkpoint-dir.")
    boolean resume;

    @Option(names = "--model-out", paramLabel = "URI", description = "Where to save the trained model.")
    String modelOut;

    @Option(names = "--metrics-out", paramLabel = "FILE", description = "Where to write metrics as JSON.")
    String metricsOut;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Where to draw loss and accuracy per epoch.")
    String plot;

    @Mixin
    SparkOptions spark;

    private static void save(CheckpointStore store, TrainingState state, NetworkSpec network, TrainingConfig config) {
        try {
            store.save(state, network, config);
        } catch (IOException e) {
            // The file is written aside and renamed: the checkpoints before it are whole, and --resume takes them.
            throw new UncheckedIOException(new IOException("cannot write the checkpoint of step " + state.step()
                    + ": " + e.getMessage() + "; the checkpoints before it are intact, and --resume continues from "
                    + "the newest", e));
        }
    }

    @Override
    public Integer call() throws Exception {
        Recipe recipe = config == null ? RecipeLoader.defaults() : RecipeLoader.load(config);
        TrainingConfig training = withOverrides(recipe.training());
        NetworkSpec network = recipe.network();
        Configuration hadoop = spark.hadoopConfiguration();
        StorageLevel level = storageLevel == null ? null : RunOptions.parseStorageLevel(storageLevel);
        if (streamWindow != null && !stream) {
            throw new IllegalArgumentException("--stream-window needs --stream");
        }
        if (stream && storageLevel != null) {
            throw new IllegalArgumentException("--stream caches no training data, so --storage-level does not apply");
        }
        if (earlyStop != null && validationSplit == null && validationData == null) {
            throw new IllegalArgumentException("--early-stop needs a validation set: --validation-split or "
                    + "--validation-data");
        }
        DataOptions.Holdout holdout = new DataOptions.Holdout(validationSplit, validationData, training.seed());
        if (checkpointEverySteps != null && checkpointDir == null) {
            throw new IllegalArgumentException("--checkpoint-every-steps needs --checkpoint-dir");
        }
        // Before Spark starts, as every check of the options.
        Checkpoints.checkEverySteps(checkpointEverySteps == null ? 0 : checkpointEverySteps, training.sync());
        OutputTargets.check(hadoop, "--model-out", modelOut, "--metrics-out", metricsOut, "--plot", plot);
        CheckpointStore store = checkpointDir == null ? null
                : new CheckpointStore(checkpointDir, hadoop, keepCheckpoints);
        try (CheckpointLock lock = store == null ? null : CheckpointLock.take(checkpointDir, hadoop);
             LazySpark lazy = new LazySpark(spark, "dpnet train")) {
            if (lock != null) {
                store.lockedBy(lock);
                if (lock.tookOver() != null) {
                    System.out.println("warning: " + lock.tookOver());
                }
            }
            CheckpointStore.Checkpoint from = resumePoint(store, network, training);
            if (from != null) {
                network = from.network();
                if (earlyStop != null) {
                    System.out.println("warning: early stopping starts afresh at the resumed epoch (checkpoints hold "
                            + "no best weights), so the model may differ from an uninterrupted run's");
                }
            }
            DataOptions.Sets sets = data.load(network, hadoop, lazy,
                    !stream ? null : streamWindow == null ? DEFAULT_STREAM_WINDOW : streamWindow, holdout);
            System.out.printf("training: %s, test: %s, batch %d, %d epochs, %s, %s%n", sets.train().describe(),
                    sets.test() == null ? "none" : String.format("%,d samples", sets.test().block().size()),
                    training.batchSize(), training.epochs(), training.sync() == Sync.AVERAGE
                            ? "model averaging every " + training.localSteps() + " steps" : "gradient averaging",
                    training.precision());
            // Spark starts (unless a DataFrame source started it) once the data has passed the driver's checks.
            try (SparkTraining trainer = SparkTraining.open(lazy::get, network, training, sets.train(), sets.test(),
                    sc -> runOptions(sc, level))) {
                trainer.summary().requireEveryClass();
                trainer.summary().lines().forEach(System.out::println);
                trainer.summary().warnings().forEach(w -> System.out.println("warning: " + w));
                if (sets.validation() != null) {
                    trainer.validation(sets.validation(), earlyStop == null ? 0 : earlyStop);
                    System.out.printf("validation: %,d samples (%s)%s%n", sets.validation().block().size(),
                            sets.validation().name(), earlyStop == null ? ""
                                    : ", early stopping after " + earlyStop + " epochs without a lower loss");
                }
                System.out.println("network: " + trainer.network());
                train(lazy.get(), trainer, from == null ? null : from.state(), store, training,
                        sets.test() != null, hadoop);
            }
        }
        return 0;
    }

    private void train(JavaSparkContext sc, SparkTraining trainer, TrainingState from, CheckpointStore store,
                       TrainingConfig training, boolean tested, Configuration hadoop) throws IOException {
        NetworkSpec network = trainer.network();
        System.out.printf("Spark %s, master %s, %d partitions%n", sc.version(), sc.master(), trainer.partitions());
        TrainingState start = from != null ? from
                : TrainingState.start(network.initialParams(training.initializer(), training.seed()));
        Checkpoints checkpoints = store == null ? Checkpoints.none()
                : new Checkpoints(checkpointEvery, checkpointEverySteps == null ? 0 : checkpointEverySteps,
                        state -> save(store, state, network, training));
        SparkTraining.Result result = trainer.fit(start, checkpoints, new ProgressPrinter(System.out));
        EpochReport kept = result.modelEpoch();
        EpochReport last = result.history().get(result.history().size() - 1);
        double seconds = last.elapsedSeconds();
        String stuck = CollapseGuard.neverLearnt(last, network.numClasses());
        if (stuck != null) {
            System.out.println("warning: " + stuck);
        }
        if (result.bestEpoch() > 0) {
            System.out.printf("early stopping: the model holds epoch %d's weights (validation loss %s)%n",
                    kept.epoch(), LossGuard.compact(kept.validationLoss()));
        }
        if (modelOut != null) {
            ModelFile.save(result.model(), modelOut, hadoop);
            System.out.println("model saved to " + modelOut);
        }
        if (metricsOut != null) {
            Metrics.ofTraining(result, training, trainer.summary(), trainer.partitions(), sc.master())
                    .write(metricsOut, hadoop);
        }
        if (plot != null) {
            Charts.writeTrainingCurves(result.history(), plot, hadoop);
            System.out.println("training curves drawn in " + plot);
        }
        System.out.printf("done: %s, %.1f s of training%n", !tested ? "no test set"
                : String.format("test accuracy %s, loss %s", ProgressPrinter.percent(kept.testAccuracy()),
                LossGuard.compact(kept.testLoss())), seconds);
    }

    /** The run's settings: the application's, with the command line's over them. */
    private RunOptions runOptions(JavaSparkContext sc, StorageLevel level) {
        RunOptions options = spark.runOptions(sc);
        if (exchange != null) {
            options = options.withExchange(exchange);
        }
        return level == null ? options : options.withStorageLevel(level);
    }

    /** The recipe's training settings with the command line's overrides applied. */
    private TrainingConfig withOverrides(TrainingConfig training) {
        if (localSteps != null && (sync != null ? sync : training.sync()) != Sync.AVERAGE) {
            throw new IllegalArgumentException("--local-steps applies to model averaging: add --sync average");
        }
        TrainingConfig.Builder b = training.toBuilder();
        if (epochs != null) {
            b.epochs(epochs);
        }
        if (batchSize != null) {
            b.batchSize(batchSize);
        }
        if (seed != null) {
            b.seed(seed);
        }
        if (sync != null || localSteps != null) {
            b.sync(sync != null ? sync : training.sync(), localSteps != null ? localSteps : training.localSteps());
        }
        if (precision != null) {
            b.precision(precision);
        }
        if (scaling != null) {
            b.scaling(scaling);
        }
        return b.build();
    }

    /** The checkpoint to continue from under --resume, or null to start afresh. */
    private CheckpointStore.Checkpoint resumePoint(CheckpointStore store, NetworkSpec network,
                                                   TrainingConfig training) throws IOException {
        if (!resume) {
            return null;
        }
        if (store == null) {
            throw new IllegalArgumentException("--resume needs --checkpoint-dir");
        }
        CheckpointStore.Checkpoint found = store.latest(network, training).orElse(null);
        TrainingState from = found == null ? null : found.state();
        if (from == null) {
            System.out.println("no checkpoint in " + checkpointDir + ": starting from the beginning");
        } else if (from.epochsDone() >= training.epochs()) {
            throw new IllegalArgumentException("the newest checkpoint in " + checkpointDir + " already covers "
                    + from.epochsDone() + " epochs; raise --epochs to train on");
        } else {
            System.out.println("resuming at step " + from.step() + " (" + from.epochsDone()
                    + " whole epochs done) from " + checkpointDir);
        }
        return found;
    }
}
