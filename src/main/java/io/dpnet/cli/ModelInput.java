package io.dpnet.cli;

import io.dpnet.data.DataBlock;
import io.dpnet.data.DataCheck;
import io.dpnet.model.ModelFile;
import io.dpnet.nn.Model;
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

    /** The model and its data set, loaded and checked to be of the model's width. */
    record Loaded(Model model, DataBlock data, String dataName) {
    }

    /** Loads both; {@code spark} starts only for a DataFrame source. */
    Loaded load(Configuration hadoop, LazySpark spark) throws IOException {
        Model loaded = ModelFile.load(model, hadoop);
        DataBlock set = data.loadOne(loaded.spec(), hadoop, spark);
        DataCheck.featureCount(set, loaded.spec().inputSize(), data.describeOne());
        return new Loaded(loaded, set, data.describeOne());
    }
}
