package io.dpnet.ml;

import io.dpnet.model.ModelFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLWriter;

/**
 * Saves a {@link NeuralNetClassificationModel} as MLlib models are saved: {@code metadata/} with the class, uid and
 * params, and {@code data/} with the network and its weights, here as a dpnet model file.
 */
final class NeuralNetModelWriter extends MLWriter {
    static final String MODEL_FILE = "model.dpnet";

    private final NeuralNetClassificationModel instance;

    NeuralNetModelWriter(NeuralNetClassificationModel instance) {
        this.instance = instance;
    }

    static String modelFile(String path) {
        return new Path(new Path(path, "data"), MODEL_FILE).toString();
    }

    @Override
    public void saveImpl(String path) {
        DefaultParamsWriter.saveMetadata(instance, path, sparkSession());
        try {
            ModelFile.save(instance.toModel(), modelFile(path), sc().hadoopConfiguration());
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the model to " + path + ": " + e.getMessage(), e);
        }
    }
}
