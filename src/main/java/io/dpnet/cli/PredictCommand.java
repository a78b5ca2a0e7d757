package io.dpnet.cli;

import io.dpnet.model.OutputFiles;
import io.dpnet.spark.SparkInference;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write the predicted class of every input row, one per line, in input order.")
final class PredictCommand implements Callable<Integer> {

    @Mixin
    ModelInput input;

    @Option(names = "--out", paramLabel = "URI", required = true, description = "Where to write the predictions.")
    String out;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() throws Exception {
        Configuration hadoop = spark.hadoopConfiguration();
        int[] predictions;
        try (LazySpark lazy = new LazySpark(spark, "dpnet predict")) {
            ModelInput.Loaded loaded = input.load(hadoop, lazy);
            JavaSparkContext sc = lazy.get();
            try (SparkInference shards = SparkInference.distribute(sc, loaded.model().spec(),
                    loaded.model().precision(), loaded.data(),
                    spark.runOptions(sc), "dpnet prediction data")) {
                predictions = shards.predict(loaded.model().params());
            }
        }
        try (Writer w = new BufferedWriter(new OutputStreamWriter(OutputFiles.create(out, hadoop),
                StandardCharsets.UTF_8))) {
            for (int p : predictions) {
                w.write(Integer.toString(p));
                w.write('\n');
            }
        }
        System.out.printf("%,d predictions written to %s%n", predictions.length, out);
        return 0;
    }
}
