package io.dpnet.cli;

import io.dpnet.data.DataBlock;
import io.dpnet.data.DataCheck;
import io.dpnet.model.ModelFile;
import io.dpnet.nn.Model;
import io.dpnet.spark.ShardedData;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;

/** What evaluate and predict start from: a saved model and the one data set to run it on, of the right width. */
record ModelInput(Model model, DataBlock data, String dataName) {

    static ModelInput load(String modelUri, DataOptions options, Configuration hadoop) throws IOException {
        Model model = ModelFile.load(modelUri, hadoop);
        DataBlock data = options.loadOne(model.spec().inputSize(), hadoop);
        DataCheck.featureCount(data, model.spec().inputSize(), options.describeOne());
        return new ModelInput(model, data, options.describeOne());
    }

    ShardedData distribute(JavaSparkContext sc, int partitions, String name) {
        return ShardedData.forInference(sc, data, model.spec(), partitions, name);
    }
}
