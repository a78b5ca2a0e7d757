package io.dpnet.nn.f64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.nn.BatchContext;
import io.dpnet.nn.Shape;
import io.dpnet.nn.layer.Dropout;
import io.dpnet.nn.layer.Flatten;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FlattenAndDropoutTest {
    private static final long[] KEYS = {17, -4, 1L << 40, 5, 123456789};

    @Test
    void flattenKeepsTheValuesAndChangesTheShape() {
        Flatten spec = new Flatten();
        Shape in = Shape.of(3, 4, 5);
        assertEquals(Shape.of(60), spec.outputShape(in));
        LayerGradientCheck check = new LayerGradientCheck(Layers.bind(spec, in, 0), 60, 60, 0, 3,
                BatchContext.of(true, null), 5);
        assertTrue(check.worstRelativeError() < 1e-6);
        double[] y = new double[180];
        Layers.bind(spec, in, 0).forward(null, 0, check.x, y, 3, BatchContext.of(false, null));
        assertArrayEquals(check.x, y);
    }

    @Test
    void dropoutGradientHoldsForAFixedMask() {
        Dropout spec = new Dropout(0.4);
        Shape in = Shape.of(2, 3, 3);
        LayerGradientCheck check = new LayerGradientCheck(Layers.bind(spec, in, 2), 18, 18, 0, KEYS.length,
                BatchContext.of(true, KEYS), 6);
        assertTrue(check.worstRelativeError() < 1e-6);
    }

    @Test
    void dropoutIsTheIdentityAtInference() {
        Layer layer = Layers.bind(new Dropout(0.5), Shape.of(10), 1);
        double[] x = new Random(1).doubles(50).toArray();
        double[] y = new double[50];
        layer.forward(null, 0, x, y, 5, BatchContext.of(false, KEYS));
        assertArrayEquals(x, y);
        double[] dy = new Random(2).doubles(50).toArray();
        double[] dx = new double[50];
        layer.backward(null, 0, x, y, dy, dx, null, 5);
        assertArrayEquals(dy, dx);
    }

    @Test
    void dropoutKeepsTheExpectedValueAndDropsAtItsRate() {
        double rate = 0.3;
        int size = 1000;
        int n = 200;
        Layer layer = Layers.bind(new Dropout(rate), Shape.of(size), 0);
        double[] x = new double[size * n];
        Arrays.fill(x, 2.0);
        double[] y = new double[size * n];
        layer.forward(null, 0, x, y, n, BatchContext.of(true, null));
        long zeros = Arrays.stream(y).filter(v -> v == 0).count();
        double mean = Arrays.stream(y).average().orElseThrow();
        // Binomial: the share of zeros has a standard deviation of sqrt(0.3 * 0.7 / 200000) ~ 0.001.
        assertEquals(rate, zeros / (double) y.length, 0.005);
        assertEquals(2.0, mean, 2.0 * 0.005 / (1 - rate));
        assertTrue(Arrays.stream(y).allMatch(v -> v == 0 || Math.abs(v - 2.0 / (1 - rate)) < 1e-12));
    }

    @Test
    void theMaskDependsOnTheKeyNotOnTheColumn() {
        Layer layer = Layers.bind(new Dropout(0.5), Shape.of(64), 3);
        double[] x = new Random(4).doubles(64 * 3).toArray();
        double[] y = new double[64 * 3];
        layer.forward(null, 0, x, y, 3, BatchContext.of(true, new long[] {7, 8, 9}));
        // The sample with key 9 alone, in column 0 of another batch: the same mask.
        double[] lone = new double[64];
        layer.forward(null, 0, Arrays.copyOfRange(x, 128, 192), lone, 1, BatchContext.of(true, new long[] {9}));
        assertArrayEquals(Arrays.copyOfRange(y, 128, 192), lone);
        // Another key, or the same key at another position in the network: another mask.
        layer.forward(null, 0, Arrays.copyOfRange(x, 128, 192), lone, 1, BatchContext.of(true, new long[] {10}));
        assertNotEquals(Arrays.toString(Arrays.copyOfRange(y, 128, 192)), Arrays.toString(lone));
        Layers.bind(new Dropout(0.5), Shape.of(64), 4).forward(null, 0, Arrays.copyOfRange(x, 128, 192), lone, 1,
                BatchContext.of(true, new long[] {9}));
        assertNotEquals(Arrays.toString(Arrays.copyOfRange(y, 128, 192)), Arrays.toString(lone));
        // Without keys, column j's key is j.
        double[] byColumn = new double[64 * 3];
        layer.forward(null, 0, x, byColumn, 3, BatchContext.of(true, null));
        double[] explicit = new double[64 * 3];
        layer.forward(null, 0, x, explicit, 3, BatchContext.of(true, new long[] {0, 1, 2}));
        assertArrayEquals(explicit, byColumn);
    }

    @Test
    void dropoutRejectsRatesOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(Double.NaN));
    }
}
