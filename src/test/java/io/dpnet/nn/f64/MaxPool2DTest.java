package io.dpnet.nn.f64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.nn.BatchContext;
import io.dpnet.nn.Shape;
import io.dpnet.nn.layer.MaxPool2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaxPool2DTest {
    private static final BatchContext TRAINING = BatchContext.of(true, null);

    @ParameterizedTest(name = "input [{0},{1},{2}], pool {3}, stride {4}")
    @CsvSource({
        "2, 6, 6, 2, 2",
        "3, 4, 8, 2, 2",
        "2, 7, 7, 3, 2",
        "1, 9, 5, 3, 2",
        "2, 5, 5, 2, 2",
        "2, 6, 5, 3, 1"
    })
    void gradientsMatchFiniteDifferences(int channels, int height, int width, int size, int stride) {
        MaxPool2D spec = new MaxPool2D(size, stride);
        Shape in = Shape.of(channels, height, width);
        LayerGradientCheck check = new LayerGradientCheck(Layers.bind(spec, in, 0), in.size(),
                spec.outputShape(in).size(), 0, 4, TRAINING, 11);
        double worst = check.worstRelativeError();
        assertTrue(worst < 1e-6, "worst relative error " + worst);
    }

    @Test
    void takesEachWindowsMaximumAndRoutesTheGradientThere() {
        // One channel, 4 x 5; 2 x 2 windows, stride 2: the last column is left out (floor).
        double[] x = {
            1, 5, 2, 0, 9,
            3, 4, 8, 1, 9,
            0, -1, 6, 6, 9,
            7, 2, 6, 3, 9,
        };
        MaxPool2D spec = new MaxPool2D(2);
        assertEquals(Shape.of(1, 2, 2), spec.outputShape(Shape.of(1, 4, 5)));
        Layer layer = Layers.bind(spec, Shape.of(1, 4, 5), 0);
        double[] y = new double[4];
        layer.forward(null, 0, x, y, 1, TRAINING);
        assertArrayEquals(new double[] {5, 8, 7, 6}, y);
        double[] dx = new double[20];
        java.util.Arrays.fill(dx, 99);
        layer.backward(null, 0, x, y, new double[] {10, 20, 30, 40}, dx, null, 1);
        double[] expected = new double[20];
        expected[1] = 10;
        expected[7] = 20;
        expected[15] = 30;
        expected[12] = 40; // a tie between 6 and 6: the first in reading order wins
        assertArrayEquals(expected, dx);
    }

    @Test
    void overlappingWindowsAddTheirGradients() {
        // 1 x 1 x 5, pool 3 stride 2: windows [0..2] and [2..4] both have their maximum at index 2.
        Layer layer = Layers.bind(new MaxPool2D(3, 2), Shape.of(1, 3, 5), 0);
        double[] x = {
            0, 0, 9, 0, 0,
            0, 0, 0, 0, 0,
            0, 0, 0, 0, 0,
        };
        double[] y = new double[2];
        layer.forward(null, 0, x, y, 1, TRAINING);
        assertArrayEquals(new double[] {9, 9}, y);
        double[] dx = new double[15];
        layer.backward(null, 0, x, y, new double[] {1.5, 2.5}, dx, null, 1);
        assertEquals(4.0, dx[2]);
        assertEquals(4.0, java.util.Arrays.stream(dx).sum());
    }
}
