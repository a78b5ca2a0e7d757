package io.dpnet.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dpnet.nn.Model;
import io.dpnet.nn.NetworkBuilder;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.Precision;
import io.dpnet.nn.init.Initializer;
import io.dpnet.nn.loss.Loss;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Raw scores and probabilities for each kind of network: probabilities are a distribution over the classes, and the
 * largest raw score, the largest probability and dpnet's own prediction name the same class.
 */
class ClassScoresTest {

    private static void check(NetworkSpec network, ClassScores.Kind kind) {
        ClassScores scores = ClassScores.of(network, Precision.FLOAT64);
        assertEquals(kind, scores.kind(), network.toString());
        double[] params = network.initialParams(Initializer.HE, 5);
        Model model = new Model(network, params, Precision.FLOAT64);
        Random rng = new Random(9);
        for (int n = 0; n < 50; n++) {
            double[] x = new double[network.inputSize()];
            for (int i = 0; i < x.length; i++) {
                x[i] = 3 * rng.nextGaussian();
            }
            double[] raw = scores.raw(params, x);
            assertEquals(network.numClasses(), raw.length);
            double[] p = raw.clone();
            scores.probabilityInPlace(p);
            double sum = 0;
            for (double v : p) {
                sum += v;
            }
            assertEquals(1.0, sum, 1e-12);
            int predicted = model.predict(x, 1)[0];
            assertEquals(predicted, argmax(raw), "raw " + java.util.Arrays.toString(raw));
            assertEquals(predicted, argmax(p), "probability " + java.util.Arrays.toString(p));
        }
    }

    private static final double[] X = {0.5, -1, 2};
    private static final java.util.function.Function<NetworkSpec, double[]> PARAMS =
            network -> network.initialParams(Initializer.HE, 1);

    private static double[] probabilities(NetworkSpec network, double[] x) {
        ClassScores scores = ClassScores.of(network, Precision.FLOAT64);
        double[] p = scores.raw(PARAMS.apply(network), x);
        scores.probabilityInPlace(p);
        return p;
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void softmaxCrossEntropyGivesLogitsAndTheirSoftmax() {
        NetworkSpec network = NetworkBuilder.input(3).dense(4).sigmoid().dense(3).softmax()
                .loss(Loss.SOFTMAX_CROSS_ENTROPY);
        check(network, ClassScores.Kind.SOFTMAX);
        double[] p = probabilities(network, X);
        assertArrayEquals(new Model(network, PARAMS.apply(network), Precision.FLOAT64).output(X, 1), p, 1e-12);
    }

    @Test
    void aSingleLogisticUnitGivesTwoClassesAsLogisticRegressionDoes() {
        NetworkSpec network = NetworkBuilder.input(3).dense(4).tanh().dense(1).sigmoid()
                .loss(Loss.BINARY_CROSS_ENTROPY);
        check(network, ClassScores.Kind.SIGMOID_BINARY);
        double[] raw = ClassScores.of(network, Precision.FLOAT64).raw(PARAMS.apply(network), X);
        assertEquals(-raw[0], raw[1]);
        assertEquals(new Model(network, PARAMS.apply(network), Precision.FLOAT64).output(X, 1)[0],
                probabilities(network, X)[1], 1e-12);
    }

    @Test
    void otherOutputs() {
        check(NetworkBuilder.input(3).dense(3).loss(Loss.BINARY_CROSS_ENTROPY), ClassScores.Kind.SIGMOID_PER_CLASS);
        check(NetworkBuilder.input(3).dense(5).relu().dense(3).softmax().loss(Loss.MSE),
                ClassScores.Kind.DISTRIBUTION);
        check(NetworkBuilder.input(3).dense(5).relu().dense(3).loss(Loss.MSE), ClassScores.Kind.SCORES);
        check(NetworkBuilder.input(3).dense(1).sigmoid().loss(Loss.MSE), ClassScores.Kind.SCORES);
        check(NetworkBuilder.input(3).softmax().loss(Loss.SOFTMAX_CROSS_ENTROPY), ClassScores.Kind.DISTRIBUTION);
    }
}
