package io.dpnet.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.nn.layer.Conv2D;
import io.dpnet.nn.layer.Scale;
import io.dpnet.nn.loss.Loss;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Analytic gradients against central finite differences, in double precision, over random inputs and a batch of
 * several samples. Every layer and loss is covered; activations sit between two dense layers so that their input
 * gradients are checked too (the first dense layer's weight gradient depends on them).
 */
class GradientCheckTest {
    private static final int BATCH = 5;
    private static final double EPS = 1e-6;
    private static final double TOLERANCE = 1e-6;

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of("dense + mse", NetworkBuilder.input(4).dense(3).loss(Loss.MSE)),
                Arguments.of("sigmoid", NetworkBuilder.input(4).dense(6).sigmoid().dense(3).loss(Loss.MSE)),
                Arguments.of("tanh", NetworkBuilder.input(4).dense(6).tanh().dense(3).loss(Loss.MSE)),
                Arguments.of("relu", NetworkBuilder.input(4).dense(6).relu().dense(3).loss(Loss.MSE)),
                Arguments.of("identity", NetworkBuilder.input(4).dense(6).identity().dense(3).loss(Loss.MSE)),
                Arguments.of("softmax layer under mse", NetworkBuilder.input(4).dense(3).softmax().loss(Loss.MSE)),
                Arguments.of("sigmoid output under mse", NetworkBuilder.input(4).dense(1).sigmoid().loss(Loss.MSE)),
                Arguments.of("softmax cross-entropy (fused)",
                        NetworkBuilder.input(4).dense(6).tanh().dense(3).softmax()
                                .loss(Loss.SOFTMAX_CROSS_ENTROPY)),
                Arguments.of("softmax cross-entropy on logits",
                        NetworkBuilder.input(4).dense(3).loss(Loss.SOFTMAX_CROSS_ENTROPY)),
                Arguments.of("binary cross-entropy (fused)",
                        NetworkBuilder.input(4).dense(5).relu().dense(1).sigmoid().loss(Loss.BINARY_CROSS_ENTROPY)),
                Arguments.of("binary cross-entropy, several outputs",
                        NetworkBuilder.input(4).dense(3).loss(Loss.BINARY_CROSS_ENTROPY)),
                Arguments.of("deep mixed", NetworkBuilder.input(7).dense(8).relu().dense(6).sigmoid().dense(5).tanh()
                        .dense(4).softmax().loss(Loss.SOFTMAX_CROSS_ENTROPY)),
                Arguments.of("cnn: conv-relu-pool-conv-relu-pool-flatten-dense-softmax",
                        NetworkBuilder.input(2, 10, 9).conv2d(4, 3).relu().maxPool(2).conv2d(5, 3, 1, 1).relu()
                                .maxPool(2).flatten().dense(3).softmax().loss(Loss.SOFTMAX_CROSS_ENTROPY)),
                Arguments.of("cnn: strided, padded, overlapping pool, dense on an image",
                        NetworkBuilder.input(1, 11, 11).conv2d(3, 3, 2, 1).tanh().maxPool(3, 2).dense(4).softmax()
                                .loss(Loss.SOFTMAX_CROSS_ENTROPY)),
                Arguments.of("input scaling per feature, then dense",
                        NetworkBuilder.input(4).layer(new Scale("standardize", new double[] {0.5, -1, 2, 0},
                                new double[] {2, 0.25, -3, 1})).dense(3).softmax().loss(Loss.SOFTMAX_CROSS_ENTROPY)),
                Arguments.of("a scaling between dense layers: its input gradient",
                        NetworkBuilder.input(4).dense(5).layer(Scale.uniform("unit-range", 0.3, 1.7)).tanh().dense(3)
                                .loss(Loss.MSE)),
                Arguments.of("conv after conv: the second one's input gradient",
                        NetworkBuilder.input(2, 6, 7).conv2d(3, 3, 1, 1).conv2d(2, 3, 2, 1).dense(2).loss(Loss.MSE)));
    }

    /** Networks with dropout: the check holds because the sample keys fix the masks. */
    static Stream<Arguments> dropoutNetworks() {
        return Stream.of(
                Arguments.of("dense-relu-dropout-dense", NetworkBuilder.input(6).dense(10).relu().dropout(0.4).dense(3)
                        .softmax().loss(Loss.SOFTMAX_CROSS_ENTROPY)),
                Arguments.of("cnn with dropout", NetworkBuilder.input(1, 8, 8).conv2d(3, 3).relu().maxPool(2)
                        .dropout(0.25).flatten().dense(8).relu().dropout(0.5).dense(3).softmax()
                        .loss(Loss.SOFTMAX_CROSS_ENTROPY)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void analyticGradientMatchesFiniteDifferences(String name, NetworkSpec spec) {
        check(name, spec, null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dropoutNetworks")
    void dropoutGradientMatchesFiniteDifferencesUnderFixedKeys(String name, NetworkSpec spec) {
        check(name, spec, new long[] {901, 17, -3, 1L << 50, 4});
    }

    /**
     * Weights of N(0, 0.7^2), or N(0, 0.3^2) in networks with convolutions: with 9 to 27 taps per output, 0.7 makes
     * losses in the thousands, whose rounding error (1e-16 times the loss, over a step of 1e-6) alone breaks the
     * tolerance; 0.3 is about He's scale for those fan-ins.
     */
    private static double weightScale(NetworkSpec spec) {
        return spec.layers().stream().anyMatch(layer -> layer instanceof Conv2D) ? 0.3 : 0.7;
    }

    /** With {@code keys}, the loss is the training loss (dropout masks applied), read from a gradient call. */
    private static void check(String name, NetworkSpec spec, long[] keys) {
        Random rng = new Random(42);
        double[] params = new double[spec.paramCount()];
        double scale = weightScale(spec);
        for (int i = 0; i < params.length; i++) {
            params[i] = rng.nextGaussian() * scale;
        }
        double[] x = new double[spec.inputSize() * BATCH];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        int[] labels = new int[BATCH];
        for (int j = 0; j < BATCH; j++) {
            labels[j] = rng.nextInt(spec.numClasses());
        }
        Network net = spec.newNetwork(Precision.FLOAT64);
        double[] grad = new double[spec.paramCount()];
        double loss = net.gradient(params, x, labels, BATCH, grad, null, keys);
        double[] scratch = new double[spec.paramCount()];
        ToDoubleFunction<double[]> lossAt = keys == null ? p -> net.loss(p, x, labels, BATCH)
                : p -> net.gradient(p, x, labels, BATCH, scratch, null, keys);
        assertEquals(loss, lossAt.applyAsDouble(params), 1e-12, "loss with and without gradient");

        double worst = 0;
        for (int i = 0; i < params.length; i++) {
            double saved = params[i];
            params[i] = saved + EPS;
            double up = lossAt.applyAsDouble(params);
            params[i] = saved - EPS;
            double down = lossAt.applyAsDouble(params);
            params[i] = saved;
            double numeric = (up - down) / (2 * EPS);
            double error = Math.abs(numeric - grad[i]) / Math.max(1e-3, Math.abs(numeric) + Math.abs(grad[i]));
            worst = Math.max(worst, error);
        }
        assertTrue(worst < TOLERANCE, name + ": worst relative error " + worst);
    }

    @Test
    void gradientsAccumulateUntilZeroed() {
        NetworkSpec spec = NetworkBuilder.input(3).dense(2).loss(Loss.SOFTMAX_CROSS_ENTROPY);
        double[] params = spec.initialParams(io.dpnet.nn.init.Initializer.XAVIER, 3);
        double[] x = {0.1, -0.2, 0.3, 0.5, 0.4, -0.1};
        int[] y = {0, 1};
        Network net = spec.newNetwork(Precision.FLOAT64);
        double[] once = new double[spec.paramCount()];
        net.gradient(params, x, y, 2, once, null);
        double[] twice = new double[spec.paramCount()];
        net.gradient(params, x, y, 2, twice, null);
        net.gradient(params, x, y, 2, twice, null);
        for (int i = 0; i < once.length; i++) {
            assertEquals(2 * once[i], twice[i], 1e-12);
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void crossEntropiesAreStableForHugeLogits(Precision precision) {
        // A dense layer with identity weights and no bias: its outputs are the logits, its gradient their gradient.
        NetworkSpec softmax = NetworkBuilder.input(3).dense(3).softmax().loss(Loss.SOFTMAX_CROSS_ENTROPY);
        double[] identity = {1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0};
        double[] grad = new double[identity.length];
        double loss = softmax.newNetwork(precision).gradient(identity, new double[] {1000, -1000, 0}, new int[] {0}, 1,
                grad, null);
        assertEquals(0.0, loss, 1e-12);
        for (double g : grad) {
            assertTrue(Double.isFinite(g), "gradient " + java.util.Arrays.toString(grad));
        }
        NetworkSpec sigmoid = NetworkBuilder.input(1).dense(1).sigmoid().loss(Loss.BINARY_CROSS_ENTROPY);
        double[] one = {1, 0};
        double[] bceGrad = new double[2];
        double bce = sigmoid.newNetwork(precision).gradient(one, new double[] {-800}, new int[] {1}, 1, bceGrad, null);
        assertEquals(800.0, bce, 1e-9);
        // d/dz at z = -800, label 1: sigmoid(z) - 1 = -1; times the input -800 for the weight.
        assertEquals(-1.0, bceGrad[1], 1e-12);
        assertEquals(800.0, bceGrad[0], 1e-9);
    }

    /**
     * The float32 engine, which is hand-written (the float64 one checked above is generated from it), computes what
     * the float64 one does to within float32 rounding, on every network of the finite-difference check.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void float32AgreesWithFloat64(String name, NetworkSpec spec) {
        Random rng = new Random(11);
        double[] params = Precision.FLOAT32.round(spec.initialParams(io.dpnet.nn.init.Initializer.XAVIER, 5));
        double[] x = Precision.FLOAT32.round(rng.doubles((long) spec.inputSize() * BATCH, -1, 1).toArray());
        int[] labels = rng.ints(BATCH, 0, spec.numClasses()).toArray();
        double[] grad64 = new double[spec.paramCount()];
        double[] grad32 = new double[spec.paramCount()];
        double loss64 = spec.newNetwork(Precision.FLOAT64).gradient(params, x, labels, BATCH, grad64, null);
        double loss32 = spec.newNetwork(Precision.FLOAT32).gradient(params, x, labels, BATCH, grad32, null);
        assertEquals(loss64, loss32, 1e-5 * (1 + Math.abs(loss64)), name + ": loss");
        double scale = 0;
        for (double g : grad64) {
            scale = Math.max(scale, Math.abs(g));
        }
        for (int i = 0; i < grad64.length; i++) {
            assertEquals(grad64[i], grad32[i], 1e-5 * (1 + scale), name + ": gradient " + i);
        }
    }
}
