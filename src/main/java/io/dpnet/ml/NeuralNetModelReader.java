package io.dpnet.ml;

import io.dpnet.model.ModelFile;
import io.dpnet.nn.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;
import scala.Option;

/** Loads what {@link NeuralNetModelWriter} saved: the same uid, params, network and weights. */
final class NeuralNetModelReader extends MLReader<NeuralNetClassificationModel> {

    @Override
    public NeuralNetClassificationModel load(String path) {
        DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sparkSession(),
                NeuralNetClassificationModel.class.getName());
        Model model;
        try {
            model = ModelFile.load(NeuralNetModelWriter.modelFile(path), sc().hadoopConfiguration());
        } catch (IOException e) {
            throw new UncheckedIOException("could not load the model from " + path + ": " + e.getMessage(), e);
        }
        NeuralNetClassificationModel loaded = new NeuralNetClassificationModel(metadata.uid(), model);
        metadata.getAndSetParams(loaded, Option.empty());
        return loaded;
    }
}
