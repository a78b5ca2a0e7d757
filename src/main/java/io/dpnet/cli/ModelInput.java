package io.dpnet.cli;

import io.dpnet.data.DataBlock;
import io.dpnet.data.DataCheck;
import io.dpnet.model.ModelFile;
import io.dpnet.nn.Model;
import io.dpnet.spark.DataFrames;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What evaluate and predict start from: a saved model and the one data set to run it on. */
final class ModelInput {

    @Option(names = "--model", paramLabel = "URI", required = true, description = "The saved model.")
    String model;

    @Mixin
    DataOptions data;

    /** The model and its data set, loaded and checked to be of the model's width, with a key for every row. */
    record Loaded(Model model, DataBlock data, String dataName, RowKeys keys) {
    }

    /** Loads both, the rows keyed by their numbers; {@code spark} starts only for a DataFrame source. */
    Loaded load(Configuration hadoop, LazySpark spark) throws IOException {
        return load(hadoop, spark, null);
    }

    /** Loads both, the rows keyed by their values of {@code keyCol} (a DataFrame's column) unless it is null. */
    Loaded load(Configuration hadoop, LazySpark spark, String keyCol) throws IOException {
        Model loaded = ModelFile.load(model, hadoop);
        DataBlock set;
        RowKeys keys;
        if (keyCol == null) {
            set = data.loadOne(loaded.spec(), hadoop, spark);
            keys = RowKeys.rowNumbers();
        } else {
            DataFrames.KeyedBlock keyed = data.loadOneKeyed(loaded.spec(), hadoop, spark, keyCol);
            set = keyed.data();
            keys = new RowKeys(keyed.keyType(), keyed.keys());
        }
        DataCheck.featureCount(set, loaded.spec().inputSize(), data.describeOne());
        return new Loaded(loaded, set, data.describeOne(), keys);
    }
}
