package io.dpnet.cli;

import io.dpnet.nn.Model;
import io.dpnet.nn.Precision;
import io.dpnet.spark.RunOptions;
import io.dpnet.spark.SparkInference;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write the predicted class of every input row with its key (the row number, or a column of a "
                + "DataFrame source) and optionally every class's probability: CSV in input order (key,prediction,"
                + "p0,p1,...), or a Parquet folder (the default for Parquet, ORC and JSON data).")
final class PredictCommand implements Callable<Integer> {

    @Mixin
    ModelInput input;

    @Option(names = "--out", paramLabel = "URI", required = true,
            description = "Where to write the predictions: a CSV file (replaced if it exists), or a new folder for "
                    + "Parquet.")
    String out;

    @Option(names = "--out-format", paramLabel = "FORMAT", converter = PredictionFormat.Converter.class,
            description = "csv or parquet. Default: parquet for Parquet, ORC and JSON data, csv for other data.")
    PredictionFormat outFormat;

    @Option(names = "--key-col", paramLabel = "NAME",
            description = "Parquet, ORC, JSON: the column whose values key the predictions (strings, numbers, "
                    + "booleans, dates or timestamps; none null). Default: the row number, from 0.")
    String keyCol;

    @Option(names = "--probabilities",
            description = "Also write every class's probability: columns p0, p1, ... in CSV, the array column "
                    + "probability in Parquet.")
    boolean probabilities;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() throws Exception {
        Configuration hadoop = spark.hadoopConfiguration();
        PredictionFormat format = outFormat != null ? outFormat
                : input.data.oneIsDataFrame(hadoop) ? PredictionFormat.PARQUET : PredictionFormat.CSV;
        if (format == PredictionFormat.PARQUET) {
            PredictionParquet.checkAbsent(out, hadoop);
        } else {
            OutputTargets.check(hadoop, "--out", out);
        }
        Predictions predictions;
        try (LazySpark lazy = new LazySpark(spark, "dpnet predict")) {
            ModelInput.Loaded loaded = input.load(hadoop, lazy, keyCol);
            Model model = loaded.model();
            JavaSparkContext sc = lazy.get();
            RunOptions options = spark.runOptions(sc);
            try (SparkInference shards = SparkInference.distribute(sc, model.spec(), model.precision(),
                    loaded.data(), options, "dpnet prediction data")) {
                predictions = new Predictions(loaded.keys(), shards.predict(model.params()),
                        probabilities ? shards.probabilities(model.params()) : null, model.spec().numClasses(),
                        model.precision() == Precision.FLOAT32);
            }
            if (format == PredictionFormat.PARQUET) {
                sc.setJobDescription("dpnet: write predictions");
                PredictionParquet.write(predictions, out, sc, options.partitions());
            }
        }
        if (format == PredictionFormat.CSV) {
            PredictionCsv.write(predictions, out, hadoop);
        }
        System.out.printf("%,d predictions written to %s (%s)%n", predictions.size(), out,
                format.name().toLowerCase(Locale.ROOT));
        return 0;
    }
}
