package io.dpnet.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.nn.init.Initializer;
import io.dpnet.nn.layer.Conv2D;
import io.dpnet.nn.layer.Dropout;
import io.dpnet.nn.loss.Loss;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Image networks as specs: shapes, descriptions for model files, config shorthands and the errors of bad shapes. */
class ConvNetworkSpecTest {

    private static NetworkSpec lenet() {
        return NetworkBuilder.input(1, 28, 28).conv2d(6, 5, 1, 2).relu().maxPool(2).conv2d(16, 5).relu().maxPool(2)
                .flatten().dense(120).relu().dropout(0.25).dense(84).relu().dense(10).softmax()
                .loss(Loss.SOFTMAX_CROSS_ENTROPY);
    }

    @Test
    void infersShapesAndCountsParameters() {
        NetworkSpec spec = lenet();
        assertEquals(Shape.of(6, 28, 28), spec.shape(1));
        assertEquals(Shape.of(6, 14, 14), spec.shape(3));
        assertEquals(Shape.of(16, 10, 10), spec.shape(4));
        assertEquals(Shape.of(16, 5, 5), spec.shape(6));
        assertEquals(Shape.of(400), spec.shape(7));
        assertEquals(784, spec.inputSize());
        assertEquals((6 * 25 + 6) + (16 * 150 + 16) + (400 * 120 + 120) + (120 * 84 + 84) + (84 * 10 + 10),
                spec.paramCount());
    }

    @Test
    void describesItselfForModelFiles() {
        NetworkSpec spec = NetworkBuilder.input(3, 9, 8).conv2d(4, 3, 2, 1).maxPool(3, 2).layer(new Dropout(0.3, 77))
                .flatten().dense(2).loss(Loss.MSE);
        Map<String, Object> description = spec.describe();
        assertEquals(List.of(3, 9, 8), description.get("input"));
        assertEquals(Map.of("type", "conv2d", "filters", 4, "kernel", 3, "stride", 2, "padding", 1),
                ((List<?>) description.get("layers")).get(0));
        NetworkSpec back = NetworkSpec.fromDescription(description);
        assertEquals(spec.describe(), back.describe());
        assertEquals(spec.toString(), back.toString());
        assertEquals(77L, ((Dropout) back.layers().get(2)).seed());
    }

    @Test
    void configShorthandsAndDefaults() {
        NetworkSpec spec = NetworkSpec.fromDescription(Map.of("input", List.of(1, 12, 12), "loss", "mse",
                "layers", List.of(
                        Map.of("type", "conv2d", "filters", 2, "kernel", 3, "activation", "relu"),
                        Map.of("type", "maxpool2d", "size", 2),
                        Map.of("type", "dropout", "rate", 0.5),
                        Map.of("type", "flatten"),
                        Map.of("type", "dense", "units", 1))));
        assertEquals(List.of("conv2d", "relu", "maxpool2d", "dropout", "flatten", "dense"),
                spec.layers().stream().map(LayerSpec::type).toList());
        Conv2D conv = (Conv2D) spec.layers().get(0);
        assertEquals(1, conv.stride());
        assertEquals(0, conv.padding());
        assertEquals(Map.of("type", "maxpool2d", "size", 2, "stride", 2), spec.layers().get(2).describe());
        assertEquals(Shape.of(2, 5, 5), spec.shape(3));
    }

    @Test
    void shapeErrorsNameTheLayerAndTheValues() {
        assertMessage("layer 3 (maxpool2d) with input [2, 2, 2]: pool 3 does not fit in 2 rows",
                () -> NetworkBuilder.input(1, 4, 4).conv2d(2, 3).relu().maxPool(3).dense(2).loss(Loss.MSE));
        assertMessage("layer 1 (conv2d) with input [1, 28, 2]: kernel 5 with padding 1 does not fit in 2 columns",
                () -> NetworkBuilder.input(1, 28, 2).conv2d(6, 5, 1, 1).dense(2).loss(Loss.MSE));
        assertMessage("layer 2 (conv2d) with input [10]: conv2d expects an image input [channels, height, width], "
                + "got [10]", () -> NetworkBuilder.input(4).dense(10).conv2d(2, 3).dense(2).loss(Loss.MSE));
        assertMessage("layer 1 (maxpool2d) with input [784]: maxpool2d expects an image input",
                () -> NetworkBuilder.input(784).maxPool(2).dense(2).loss(Loss.MSE));
        assertMessage("layer conv2d has no setting 'strides' (it takes activation, filters, kernel, padding, stride)",
                () -> LayerSpecs.fromDescription(Map.of("type", "conv2d", "filters", 2, "kernel", 3, "strides", 2)));
        assertMessage("layer conv2d needs an integer 'kernel', got 2.5",
                () -> LayerSpecs.fromDescription(Map.of("type", "conv2d", "filters", 2, "kernel", 2.5)));
        assertMessage("dropout rate must be in [0, 1), got 1.0",
                () -> LayerSpecs.fromDescription(Map.of("type", "dropout", "rate", 1)));
        assertMessage("conv2d needs positive filters, kernel and stride",
                () -> LayerSpecs.fromDescription(Map.of("type", "conv2d", "filters", 2, "kernel", 3, "stride", 0)));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertTrue(e.getMessage().contains(expected), "message: " + e.getMessage());
    }

    @Test
    void anMlpTakesAnImageInputAsAVector() {
        NetworkSpec image = NetworkBuilder.input(1, 28, 28).dense(16).relu().dense(10).softmax()
                .loss(Loss.SOFTMAX_CROSS_ENTROPY);
        NetworkSpec flat = NetworkBuilder.input(784).dense(16).relu().dense(10).softmax()
                .loss(Loss.SOFTMAX_CROSS_ENTROPY);
        assertEquals(flat.paramCount(), image.paramCount());
        double[] params = flat.initialParams(Initializer.HE, 5);
        assertArrayEquals(params, image.initialParams(Initializer.HE, 5));
        double[] x = new Random(1).doubles(784 * 3).toArray();
        assertArrayEquals(new Model(flat, params, Precision.FLOAT64).output(x, 3),
                new Model(image, params, Precision.FLOAT64).output(x, 3));
    }

    /**
     * The property that sample keys exist for: with dropout, the gradient of a batch equals the sum of the gradients
     * of its parts, in any order, when every sample keeps its key.
     */
    @Test
    void withKeysTheGradientDoesNotDependOnHowTheBatchIsSplit() {
        NetworkSpec spec = NetworkBuilder.input(1, 6, 6).conv2d(2, 3).relu().dropout(0.5).flatten().dense(5).relu()
                .dropout(0.3).dense(3).loss(Loss.SOFTMAX_CROSS_ENTROPY);
        double[] params = spec.initialParams(Initializer.HE, 2);
        Random rng = new Random(8);
        int n = 6;
        double[] x = rng.doubles(36 * n).toArray();
        int[] labels = rng.ints(n, 0, 3).toArray();
        long[] keys = new long[n];
        for (int j = 0; j < n; j++) {
            keys[j] = SampleKeys.of(1, 3, 1000 + j);
        }
        double[] whole = new double[spec.paramCount()];
        double wholeLoss = spec.newNetwork(Precision.FLOAT64).gradient(params, x, labels, n, whole, null, keys);

        // The same samples as two parts, the second one first, each in its own order.
        int[][] parts = {{5, 3, 4}, {1, 0, 2}};
        double[] split = new double[spec.paramCount()];
        double splitLoss = 0;
        Network net = spec.newNetwork(Precision.FLOAT64);
        for (int[] part : parts) {
            double[] px = new double[36 * part.length];
            int[] py = new int[part.length];
            long[] pk = new long[part.length];
            for (int j = 0; j < part.length; j++) {
                System.arraycopy(x, part[j] * 36, px, j * 36, 36);
                py[j] = labels[part[j]];
                pk[j] = keys[part[j]];
            }
            splitLoss += net.gradient(params, px, py, part.length, split, null, pk);
        }
        assertEquals(wholeLoss, splitLoss, 1e-12 * Math.abs(wholeLoss));
        for (int i = 0; i < whole.length; i++) {
            assertEquals(whole[i], split[i], 1e-12 * (1 + Math.abs(whole[i])), "gradient " + i);
        }
        // And the masks matter: without keys (column indices) the split gradient differs.
        double[] byColumn = new double[spec.paramCount()];
        spec.newNetwork(Precision.FLOAT64).gradient(params, x, labels, n, byColumn, null);
        double difference = 0;
        for (int i = 0; i < whole.length; i++) {
            difference += Math.abs(whole[i] - byColumn[i]);
        }
        assertTrue(difference > 1e-6, "keys changed nothing");
    }

    @Test
    void keysMustCoverTheBatch() {
        NetworkSpec spec = NetworkBuilder.input(2).dense(2).loss(Loss.MSE);
        Network net = spec.newNetwork(Precision.FLOAT64);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net
                .gradient(new double[6], new double[6], new int[3], 3, new double[6], null, new long[2]));
        assertTrue(e.getMessage().contains("needs 3 sample keys, got 2"), e.getMessage());
    }
}
