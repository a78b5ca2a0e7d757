package io.dpnet.cli;

import io.dpnet.config.Recipe;
import io.dpnet.config.RecipeLoader;
import io.dpnet.data.DataCheck;
import io.dpnet.model.ModelFile;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.spark.SparkTraining;
import io.dpnet.train.EpochReport;
import io.dpnet.train.Sync;
import io.dpnet.train.TrainingConfig;
import java.io.File;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a network with synchronous data-parallel SGD on Spark.")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Recipe file (HOCON); what it leaves out comes from conf/defaults.conf.")
    File config;

    @Mixin
    DataOptions data;

    @Option(names = "--epochs", paramLabel = "N", converter = PositiveInteger.class, description = "Overrides the recipe's epochs.")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", converter = PositiveInteger.class, description = "Overrides the recipe's global batch size.")
    Integer batchSize;

    @Option(names = "--seed", paramLabel = "N", description = "Overrides the recipe's seed.")
    Long seed;

    @Option(names = "--sync", paramLabel = "MODE", converter = SyncConverter.class,
            description = "gradient (average gradients every step, the default) or average (model averaging).")
    Sync sync;

    @Option(names = "--local-steps", paramLabel = "K", converter = PositiveInteger.class,
            description = "Under --sync average: optimizer steps each partition runs between synchronizations.")
    Integer localSteps;

    @Option(names = "--model-out", paramLabel = "URI", description = "Where to save the trained model.")
    String modelOut;

    @Option(names = "--metrics-out", paramLabel = "FILE", description = "Where to write metrics as JSON.")
    String metricsOut;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() throws Exception {
        Recipe recipe = config == null ? RecipeLoader.defaults() : RecipeLoader.load(config);
        TrainingConfig training = recipe.training();
        if (epochs != null) {
            training = training.withEpochs(epochs);
        }
        if (batchSize != null) {
            training = training.withBatchSize(batchSize);
        }
        if (seed != null) {
            training = training.withSeed(seed);
        }
        if (sync != null || localSteps != null) {
            training = training.withSync(sync != null ? sync : training.sync(),
                    localSteps != null ? localSteps : training.localSteps());
            if (localSteps != null && training.sync() != Sync.AVERAGE) {
                throw new IllegalArgumentException("--local-steps applies to model averaging: add --sync average");
            }
        }
        NetworkSpec network = recipe.network();
        Configuration hadoop = spark.hadoopConfiguration();
        DataOptions.Sets sets = data.load(network.inputSize(), hadoop);
        DataCheck.fitsNetwork(sets.train(), network.inputSize(), network.numClasses(), sets.trainName());
        if (sets.test() != null) {
            DataCheck.fitsNetwork(sets.test(), network.inputSize(), network.numClasses(), sets.testName());
        }
        System.out.println("network: " + network);
        System.out.printf("training: %,d samples, test: %s, batch %d, %d epochs, %s%n", sets.train().size(),
                sets.test() == null ? "none" : String.format("%,d samples", sets.test().size()),
                training.batchSize(), training.epochs(), training.sync() == Sync.AVERAGE
                        ? "model averaging every " + training.localSteps() + " steps" : "gradient averaging");

        try (JavaSparkContext sc = spark.start("dpnet train");
             SparkTraining trainer = new SparkTraining(sc, network, training, sets.train(), sets.test(),
                     spark.partitions(sc))) {
            System.out.printf("Spark %s, master %s, %d partitions%n", sc.version(), sc.master(),
                    trainer.partitions());
            SparkTraining.Result result = trainer.fit(null, new ProgressPrinter(System.out));
            EpochReport last = result.history().get(result.history().size() - 1);
            if (modelOut != null) {
                ModelFile.save(result.model(), modelOut, hadoop);
                System.out.println("model saved to " + modelOut);
            }
            if (metricsOut != null) {
                Metrics.ofTraining(result.history(), training, trainer.partitions(), sc.master())
                        .write(metricsOut, hadoop);
            }
            System.out.printf("done: %s, %.1f s of training%n", sets.test() == null ? "no test set"
                    : String.format("test accuracy %s, loss %.4f", ProgressPrinter.percent(last.testAccuracy()),
                    last.testLoss()), last.elapsedSeconds());
        }
        return 0;
    }
}
