package io.dpnet.cli;

import io.dpnet.data.DataCheck;
import io.dpnet.spark.SparkInference;
import io.dpnet.train.Evaluation;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Accuracy, loss and confusion matrix of a saved model on a data set.")
final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    ModelInput input;

    @Option(names = "--metrics-out", paramLabel = "FILE", description = "Where to write the figures as JSON.")
    String metricsOut;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Where to draw the confusion matrix.")
    String plot;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() throws Exception {
        Configuration hadoop = spark.hadoopConfiguration();
        OutputTargets.check(hadoop, "--metrics-out", metricsOut, "--plot", plot);
        Evaluation eval;
        String dataName;
        try (LazySpark lazy = new LazySpark(spark, "dpnet evaluate")) {
            ModelInput.Loaded loaded = input.load(hadoop, lazy);
            dataName = loaded.dataName();
            DataCheck.labelsInRange(loaded.data(), loaded.model().spec().numClasses(), loaded.dataName());
            JavaSparkContext sc = lazy.get();
            try (SparkInference shards = SparkInference.distribute(sc, loaded.model().spec(),
                    loaded.model().precision(), loaded.data(),
                    spark.runOptions(sc), "dpnet evaluation data")) {
                eval = shards.evaluate(loaded.model().params());
            }
        }
        System.out.printf("%,d samples  accuracy %s  loss %.6f%n", eval.count(),
                ProgressPrinter.percent(eval.accuracy()), eval.loss());
        System.out.print(ConfusionTable.format(eval.confusionMatrix()));
        if (metricsOut != null) {
            Metrics.ofEvaluation(eval, input.model, dataName).write(metricsOut, hadoop);
        }
        if (plot != null) {
            Charts.writeConfusionMatrix(eval.confusionMatrix(), plot, hadoop);
            System.out.println("confusion matrix drawn in " + plot);
        }
        return 0;
    }
}
