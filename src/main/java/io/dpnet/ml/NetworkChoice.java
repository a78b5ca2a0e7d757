package io.dpnet.ml;

import io.dpnet.config.RecipeLoader;
import io.dpnet.nn.NetworkBuilder;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.loss.Loss;
import java.io.File;
import java.util.Arrays;

/** The network the params describe: MLlib's perceptron from {@code layers}, or a recipe's from {@code configFile}. */
final class NetworkChoice {
    private NetworkChoice() {
    }

    static NetworkSpec of(NeuralNetParams params) {
        boolean layers = params.isDefined(params.layers());
        boolean recipe = params.isDefined(params.configFile());
        if (layers && recipe) {
            throw new IllegalArgumentException("set either layers or configFile, not both: the recipe's network "
                    + "section already says what layers " + Arrays.toString(params.getLayers()) + " would");
        }
        if (recipe) {
            return RecipeLoader.load(new File(params.getConfigFile())).network();
        }
        if (!layers) {
            throw new IllegalArgumentException("set layers (input size, hidden layer sizes, number of classes) or "
                    + "configFile (a dpnet recipe)");
        }
        return perceptron(params.getLayers(), params.getActivation());
    }

    /**
     * MultilayerPerceptronClassifier's network: dense layers with {@code activation} between them and a softmax
     * output under cross-entropy. Its flat weights are laid out as MLlib's: per layer, W (out x in, column-major),
     * then b.
     */
    static NetworkSpec perceptron(int[] sizes, String activation) {
        int outputs = sizes[sizes.length - 1];
        if (outputs < 2) {
            throw new IllegalArgumentException("layers " + Arrays.toString(sizes) + " ends in " + outputs
                    + " unit; the softmax output layer needs one unit per class, at least 2");
        }
        NetworkBuilder builder = NetworkBuilder.input(sizes[0]);
        for (int k = 1; k < sizes.length - 1; k++) {
            builder.dense(sizes[k]).activation(activation);
        }
        return builder.dense(outputs).softmax().loss(Loss.SOFTMAX_CROSS_ENTROPY);
    }
}
