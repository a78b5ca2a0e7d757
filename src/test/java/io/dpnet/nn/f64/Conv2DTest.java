package io.dpnet.nn.f64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.nn.BatchContext;
import io.dpnet.nn.Shape;
import io.dpnet.nn.init.Initializer;
import io.dpnet.nn.layer.Conv2D;
import io.dpnet.nn.layer.ImageShape;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Conv2DTest {
    private static final BatchContext TRAINING = BatchContext.of(true, null);

    /** Input [C, H, W], filters, kernel, stride, padding, samples per im2col group (0: the default budget). */
    static Stream<Arguments> geometries() {
        return Stream.of(
                Arguments.of(new int[] {1, 6, 6}, 2, 3, 1, 0, 0),
                Arguments.of(new int[] {3, 7, 5}, 4, 3, 1, 0, 0),
                Arguments.of(new int[] {2, 6, 7}, 3, 3, 1, 1, 0),
                Arguments.of(new int[] {2, 7, 6}, 3, 3, 2, 0, 0),
                Arguments.of(new int[] {3, 8, 5}, 2, 3, 2, 1, 0),
                Arguments.of(new int[] {2, 5, 9}, 3, 2, 2, 1, 0),
                Arguments.of(new int[] {1, 4, 4}, 2, 5, 1, 2, 0),
                Arguments.of(new int[] {2, 6, 7}, 3, 3, 1, 1, 1),
                Arguments.of(new int[] {3, 8, 5}, 2, 3, 2, 1, 2));
    }

    private static Layer bind(int[] dims, int filters, int kernel, int stride, int padding, int group) {
        Conv2D spec = new Conv2D(filters, kernel, stride, padding);
        if (group == 0) {
            return Layers.bind(spec, Shape.of(dims), 0);
        }
        Shape out = spec.outputShape(Shape.of(dims));
        ImageShape in = ImageShape.of(Shape.of(dims), "conv2d");
        Im2Col im2col = new Im2Col(in, kernel, stride, padding, out.dim(1), out.dim(2));
        return new Conv2DLayer(im2col, in.size(), filters, group * im2col.positions() * im2col.taps());
    }

    @ParameterizedTest(name = "input {0}, {1} filters {2}x{2}, stride {3}, padding {4}, group {5}")
    @MethodSource("geometries")
    void gradientsMatchFiniteDifferences(int[] dims, int filters, int kernel, int stride, int padding, int group) {
        Conv2D spec = new Conv2D(filters, kernel, stride, padding);
        Shape in = Shape.of(dims);
        LayerGradientCheck check = new LayerGradientCheck(bind(dims, filters, kernel, stride, padding, group),
                in.size(), spec.outputShape(in).size(), spec.paramCount(in), 5, TRAINING, 7);
        double worst = check.worstRelativeError();
        assertTrue(worst < 1e-6, "worst relative error " + worst);
    }

    @ParameterizedTest(name = "input {0}, {1} filters {2}x{2}, stride {3}, padding {4}, group {5}")
    @MethodSource("geometries")
    void forwardMatchesDirectConvolution(int[] dims, int filters, int kernel, int stride, int padding, int group) {
        Conv2D spec = new Conv2D(filters, kernel, stride, padding);
        Shape in = Shape.of(dims);
        Shape out = spec.outputShape(in);
        int n = 4;
        Random rng = new Random(3);
        double[] params = new double[spec.paramCount(in) + 1];
        for (int i = 0; i < params.length; i++) {
            params[i] = rng.nextGaussian();
        }
        double[] x = new double[in.size() * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        double[] y = new double[out.size() * n];
        bind(dims, filters, kernel, stride, padding, group).forward(params, 1, x, y, n, TRAINING);
        double[] expected = directConvolution(params, 1, x, n, dims, filters, kernel, stride, padding, out);
        for (int i = 0; i < y.length; i++) {
            assertEquals(expected[i], y[i], 1e-12, "output value " + i);
        }
    }

    /** The definition, loop by loop: y[f, oh, ow] = b[f] + sum over (c, i, j) of w[f, c, i, j] x[c, ih, iw]. */
    private static double[] directConvolution(double[] params, int offset, double[] x, int n, int[] dims,
                                              int filters, int kernel, int stride, int padding, Shape out) {
        int channels = dims[0];
        int height = dims[1];
        int width = dims[2];
        int taps = channels * kernel * kernel;
        double[] y = new double[out.size() * n];
        for (int s = 0; s < n; s++) {
            for (int f = 0; f < filters; f++) {
                for (int oh = 0; oh < out.dim(1); oh++) {
                    for (int ow = 0; ow < out.dim(2); ow++) {
                        double sum = params[offset + taps * filters + f];
                        for (int c = 0; c < channels; c++) {
                            for (int i = 0; i < kernel; i++) {
                                for (int j = 0; j < kernel; j++) {
                                    int ih = oh * stride + i - padding;
                                    int iw = ow * stride + j - padding;
                                    if (ih >= 0 && ih < height && iw >= 0 && iw < width) {
                                        double w = params[offset + f * taps + (c * kernel + i) * kernel + j];
                                        sum += w * x[s * channels * height * width + (c * height + ih) * width + iw];
                                    }
                                }
                            }
                        }
                        y[s * out.size() + (f * out.dim(1) + oh) * out.dim(2) + ow] = sum;
                    }
                }
            }
        }
        return y;
    }

    @Test
    void outputShapeFloorsLikeOtherFrameworks() {
        assertEquals(Shape.of(6, 24, 24), new Conv2D(6, 5, 1, 0).outputShape(Shape.of(1, 28, 28)));
        assertEquals(Shape.of(6, 28, 28), new Conv2D(6, 5, 1, 2).outputShape(Shape.of(1, 28, 28)));
        assertEquals(Shape.of(4, 3, 2), new Conv2D(4, 3, 2, 0).outputShape(Shape.of(2, 8, 6)));
        assertEquals(6 * 25 + 6, new Conv2D(6, 5, 1, 0).paramCount(Shape.of(1, 28, 28)));
        assertEquals(16 * 150 + 16, new Conv2D(16, 5, 1, 0).paramCount(Shape.of(6, 12, 12)));
    }

    @Test
    void initializerSeesFanInAndFanOutOfTheKernel() {
        Conv2D spec = new Conv2D(16, 5, 1, 0);
        Shape in = Shape.of(6, 12, 12);
        double[] params = new double[spec.paramCount(in) + 2];
        params[params.length - 1] = 42;
        spec.initialize(in, Initializer.XAVIER, new Random(1), params, 1);
        double bound = Math.sqrt(6.0 / (6 * 25 + 16 * 25));
        double max = 0;
        for (int i = 1; i <= 16 * 150; i++) {
            max = Math.max(max, Math.abs(params[i]));
        }
        assertTrue(max <= bound && max > 0.95 * bound, "max |w| " + max + " against the bound " + bound);
        for (int i = 1 + 16 * 150; i < params.length - 1; i++) {
            assertEquals(0.0, params[i], "biases start at zero");
        }
        assertEquals(0.0, params[0], "nothing before the offset");
        assertEquals(42.0, params[params.length - 1], "nothing after the slice");
    }

    @Test
    void manyGroupsGiveTheSameGradientAsOne() {
        int[] dims = {2, 6, 7};
        int n = 7;
        Layer whole = bind(dims, 3, 3, 2, 1, 0);
        Layer grouped = bind(dims, 3, 3, 2, 1, 2);
        Shape out = new Conv2D(3, 3, 2, 1).outputShape(Shape.of(dims));
        int paramCount = new Conv2D(3, 3, 2, 1).paramCount(Shape.of(dims));
        Random rng = new Random(9);
        double[] params = rng.doubles(paramCount).toArray();
        double[] x = rng.doubles(2 * 6 * 7 * n).toArray();
        double[] dy = rng.doubles(out.size() * n).toArray();
        double[][] results = new double[4][];
        int k = 0;
        for (Layer layer : new Layer[] {whole, grouped}) {
            double[] y = new double[out.size() * n];
            double[] dx = new double[x.length];
            double[] grad = new double[paramCount];
            layer.forward(params, 0, x, y, n, TRAINING);
            layer.backward(params, 0, x, y, dy, dx, grad, n);
            results[k++] = dx;
            results[k++] = grad;
        }
        for (int i = 0; i < x.length; i++) {
            assertEquals(results[0][i], results[2][i], 1e-12, "dx " + i);
        }
        for (int i = 0; i < paramCount; i++) {
            assertEquals(results[1][i], results[3][i], 1e-12, "grad " + i);
        }
    }
}
