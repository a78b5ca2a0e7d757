package io.dpnet.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import io.dpnet.config.RecipeLoader;
import io.dpnet.data.BundledMnist;
import io.dpnet.data.DataBlock;
import io.dpnet.nn.LayerSpec;
import io.dpnet.nn.LayerSpecs;
import io.dpnet.nn.Model;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.Precision;
import io.dpnet.nn.Shape;
import io.dpnet.nn.init.Initializer;
import io.dpnet.nn.layer.Conv2D;
import io.dpnet.nn.layer.Dense;
import io.dpnet.nn.layer.Dropout;
import io.dpnet.nn.layer.Flatten;
import io.dpnet.nn.layer.MaxPool2D;
import io.dpnet.nn.layer.Relu;
import io.dpnet.nn.layer.Scale;
import io.dpnet.nn.layer.Sigmoid;
import io.dpnet.nn.layer.Softmax;
import io.dpnet.nn.layer.Tanh;
import io.dpnet.nn.loss.Loss;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Exported networks run in ONNX Runtime give what dpnet gives, on every sample of a test set: the same class as
 * {@code Model.predict} and probabilities within 1e-5 of those {@code predict --probabilities} writes. Weights are
 * seeded random ones, in both precisions (a float64 model's are rounded to float32 in the file; its inputs are the
 * float32 ones ONNX takes).
 */
class OnnxExportTest {
    private static final double TOLERANCE = 1e-5;
    private static final Shape DIGIT = Shape.of(784);
    private static final Shape IMAGE = Shape.of(1, 28, 28);

    /** The 2,000 bundled test digits, pixels in [0, 1]. */
    private static float[] digits;
    private static int count;

    @BeforeAll
    static void loadDigits() throws IOException {
        DataBlock test = BundledMnist.load().test();
        count = test.size();
        double[] x = new double[count * test.featureCount()];
        test.gather(0, count, x, new int[count]);
        digits = narrow(x);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void mlpWithEachHiddenActivation(Precision precision) throws OrtException {
        for (String activation : List.of("sigmoid", "tanh", "relu", "identity")) {
            NetworkSpec spec = new NetworkSpec(DIGIT, List.of(new Dense(32), LayerSpecs.activation(activation),
                    new Dense(10), new Softmax()), Loss.SOFTMAX_CROSS_ENTROPY);
            assertSameAsDpnet(model(spec, precision, Initializer.XAVIER), digits, count);
        }
    }

    /** The softmax that softmax cross-entropy applies itself is in the graph too. */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void softmaxLeftToTheLoss(Precision precision) throws OrtException {
        NetworkSpec spec = new NetworkSpec(DIGIT, List.of(new Dense(24), new Relu(), new Dense(10)),
                Loss.SOFTMAX_CROSS_ENTROPY);
        assertSameAsDpnet(model(spec, precision, Initializer.HE), digits, count);
    }

    /** conf/mnist-cnn.conf's network, with a dropout before its last dense layers. */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void cnnRecipe(Precision precision) throws OrtException {
        NetworkSpec recipe = RecipeLoader.load(new File("conf/mnist-cnn.conf")).network();
        List<LayerSpec> layers = new ArrayList<>(recipe.layers());
        int flatten = layers.indexOf(layers.stream().filter(Flatten.class::isInstance).findFirst().orElseThrow());
        layers.add(flatten + 1, new Dropout(0.5, 7));
        NetworkSpec spec = new NetworkSpec(recipe.input(), layers, recipe.loss());
        assertEquals(IMAGE, spec.input());
        assertSameAsDpnet(model(spec, precision, Initializer.HE), digits, count);
    }

    /**
     * Odd sizes that windows do not tile (the trailing rows and columns are left out), a strided and padded
     * convolution, overlapping pooling, a dense layer straight after an image and a softmax over a whole image.
     */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void imageLayersOnOddShapes(Precision precision) throws OrtException {
        NetworkSpec spec = new NetworkSpec(Shape.of(2, 11, 9), List.of(
                new Conv2D(4, 3, 2, 1), new Relu(), new MaxPool2D(2),
                new Conv2D(3, 2, 1, 1), new Softmax(), new MaxPool2D(3, 1),
                new Dense(5), new Tanh(), new Dense(4), new Softmax()), Loss.SOFTMAX_CROSS_ENTROPY);
        assertEquals(Shape.of(3, 2, 1), spec.shape(6));
        int n = 500;
        assertSameAsDpnet(model(spec, precision, Initializer.HE), gaussian(n * spec.inputSize(), 3), n);
    }

    /** x / 255 on raw pixels. */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void uniformScaling(Precision precision) throws OrtException {
        NetworkSpec spec = new NetworkSpec(DIGIT, List.of(Scale.uniform("unit-range", 0, 1 / 255.0), new Dense(16),
                new Tanh(), new Dense(10), new Softmax()), Loss.SOFTMAX_CROSS_ENTROPY);
        float[] pixels = digits.clone();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = Math.round(pixels[i] * 255);
        }
        assertSameAsDpnet(model(spec, precision, Initializer.XAVIER), pixels, count);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void perFeatureScaling(Precision precision) throws OrtException {
        NetworkSpec spec = new NetworkSpec(DIGIT, List.of(perFeature(784, 5), new Dense(16), new Relu(),
                new Dense(10), new Softmax()), Loss.SOFTMAX_CROSS_ENTROPY);
        assertSameAsDpnet(model(spec, precision, Initializer.HE), digits, count);
    }

    /** Per-feature constants of an image's shape, broadcast over the batch. */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void perFeatureScalingOfImages(Precision precision) throws OrtException {
        NetworkSpec spec = new NetworkSpec(IMAGE, List.of(perFeature(784, 6), new Conv2D(4, 3, 1, 0), new Relu(),
                new MaxPool2D(2), new Dense(10), new Softmax()), Loss.SOFTMAX_CROSS_ENTROPY);
        assertSameAsDpnet(model(spec, precision, Initializer.HE), digits, count);
    }

    /** One sigmoid unit under binary cross-entropy: probabilities [1 - p, p], class 1 where the logit passes 0. */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void singleSigmoidUnit(Precision precision) throws OrtException {
        NetworkSpec spec = new NetworkSpec(DIGIT, List.of(new Dense(16), new Tanh(), new Dense(1), new Sigmoid()),
                Loss.BINARY_CROSS_ENTROPY);
        assertSameAsDpnet(model(spec, precision, Initializer.XAVIER), digits, count);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void sigmoidLeftToTheLoss(Precision precision) throws OrtException {
        NetworkSpec single = new NetworkSpec(DIGIT, List.of(new Dense(16), new Relu(), new Dense(1)),
                Loss.BINARY_CROSS_ENTROPY);
        assertSameAsDpnet(model(single, precision, Initializer.HE), digits, count);
        NetworkSpec perClass = new NetworkSpec(DIGIT, List.of(new Dense(16), new Relu(), new Dense(10)),
                Loss.BINARY_CROSS_ENTROPY);
        assertSameAsDpnet(model(perClass, precision, Initializer.HE), digits, count);
    }

    /** Under MSE the outputs as they are; a single unit predicts class 1 above 0.5. */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void meanSquaredError(Precision precision) throws OrtException {
        NetworkSpec wide = new NetworkSpec(DIGIT, List.of(new Dense(16), new Sigmoid(), new Dense(10), new Sigmoid()),
                Loss.MSE);
        assertSameAsDpnet(model(wide, precision, Initializer.XAVIER), digits, count);
        NetworkSpec single = new NetworkSpec(DIGIT, List.of(new Dense(8), new Tanh(), new Dense(1)), Loss.MSE);
        assertSameAsDpnet(model(single, precision, Initializer.XAVIER), digits, count);
    }

    static void assertSameAsDpnet(Model model, float[] x, int n) throws OrtException {
        double[] wide = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            wide[i] = x[i];
        }
        int[] classes = model.predict(wide, n);
        double[] expected = Expected.probabilities(model, wide, n);
        OrtRun got = OrtRun.of(OnnxExport.toBytes(model), x, n, model.spec().input());
        int k = model.spec().numClasses();
        assertEquals(n, got.classes().length);
        assertEquals(n, got.probabilities().length);
        double worst = 0;
        for (int j = 0; j < n; j++) {
            int sample = j;
            assertEquals(classes[j], got.classes()[j], () -> "class of sample " + sample + " by " + model.spec());
            assertEquals(k, got.probabilities()[j].length);
            for (int c = 0; c < k; c++) {
                worst = Math.max(worst, Math.abs(expected[j * k + c] - got.probabilities()[j][c]));
            }
        }
        assertTrue(worst <= TOLERANCE, "a probability differs by " + worst + " from dpnet's, " + model.spec());
        // The comparison of classes means something only if the network tells samples apart.
        assertTrue(Arrays.stream(classes).distinct().count() > 1, "every sample in one class: " + model.spec());
    }

    static Model model(NetworkSpec spec, Precision precision, Initializer initializer) {
        return new Model(spec, spec.initialParams(initializer, 42), precision);
    }

    /** A scaling with a shift and a factor of its own for each feature, from a seed. */
    static Scale perFeature(int features, long seed) {
        Random rng = new Random(seed);
        double[] shift = new double[features];
        double[] factor = new double[features];
        for (int i = 0; i < features; i++) {
            shift[i] = rng.nextDouble() * 0.5;
            factor[i] = 0.5 + rng.nextDouble() * 3;
        }
        return new Scale("standardize", shift, factor);
    }

    private static float[] gaussian(int size, long seed) {
        Random rng = new Random(seed);
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return x;
    }

    private static float[] narrow(double[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) x[i];
        }
        return out;
    }
}
