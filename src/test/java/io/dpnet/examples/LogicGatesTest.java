package io.dpnet.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.dpnet.data.DataBlock;
import io.dpnet.nn.Model;
import io.dpnet.nn.NetworkBuilder;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.loss.Loss;
import io.dpnet.train.LocalTraining;
import io.dpnet.train.TrainingConfig;
import org.junit.jupiter.api.Test;

/** The classic first networks: logic gates by a single logistic unit, and XOR, which needs a hidden layer. */
class LogicGatesTest {
    private static final double[] TWO_INPUTS = {0, 0, 0, 1, 1, 0, 1, 1};

    private static int[] train(NetworkSpec spec, double[] x, int[] labels, int epochs) {
        DataBlock data = DataBlock.ofFeatures(x, spec.inputSize(), labels);
        TrainingConfig config = TrainingConfig.builder().batchSize(labels.length).epochs(epochs).seed(5)
                .sgd(0.5, 0.9, false, 0).build();
        Model model = LocalTraining.fit(spec, config, data, null);
        return model.predict(x, labels.length);
    }

    private static NetworkSpec logisticRegression(int inputs) {
        return NetworkBuilder.input(inputs).dense(1).sigmoid().loss(Loss.BINARY_CROSS_ENTROPY);
    }

    @Test
    void andWithOneUnit() {
        int[] and = {0, 0, 0, 1};
        assertArrayEquals(and, train(logisticRegression(2), TWO_INPUTS, and, 300));
    }

    @Test
    void orWithOneUnit() {
        int[] or = {0, 1, 1, 1};
        assertArrayEquals(or, train(logisticRegression(2), TWO_INPUTS, or, 300));
    }

    @Test
    void notWithOneUnit() {
        int[] not = {1, 0};
        assertArrayEquals(not, train(logisticRegression(1), new double[] {0, 1}, not, 300));
    }

    @Test
    void xorWithOneHiddenLayer() {
        int[] xor = {0, 1, 1, 0};
        NetworkSpec spec = NetworkBuilder.input(2).dense(4).tanh().dense(1).sigmoid()
                .loss(Loss.BINARY_CROSS_ENTROPY);
        assertArrayEquals(xor, train(spec, TWO_INPUTS, xor, 1000));
    }

    @Test
    void theLibraryRefusesLabelsTheNetworkCannotPredict() {
        DataBlock data = DataBlock.ofFeatures(TWO_INPUTS, 2, new int[] {0, 1, 2, 1});
        TrainingConfig config = TrainingConfig.builder().batchSize(4).epochs(1).build();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LocalTraining.fit(logisticRegression(2), config, data, null));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("labels must be in 0..1, found 2"),
                e.getMessage());
    }

    @Test
    void xorWithSoftmaxOutputsAndMeanSquaredError() {
        int[] xor = {0, 1, 1, 0};
        NetworkSpec spec = NetworkBuilder.input(2).dense(8).sigmoid().dense(2).softmax().loss(Loss.MSE);
        assertArrayEquals(xor, train(spec, TWO_INPUTS, xor, 3000));
    }
}
