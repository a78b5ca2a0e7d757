package io.dpnet.nn.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.nn.LayerSpecs;
import io.dpnet.nn.NetworkBuilder;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.Precision;
import io.dpnet.nn.loss.Loss;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ScaleTest {
    private static final Scale PER_FEATURE = new Scale("min-max", new double[] {1, -2, 0.5}, new double[] {0.5, 4, 3});

    /** A network that starts with a scaling computes what the same network without it computes on scaled input. */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void aScaledNetworkEqualsTheBareOneOnScaledInput(Precision precision) {
        NetworkSpec bare = NetworkBuilder.input(3).dense(4).relu().dense(2).softmax().loss(Loss.SOFTMAX_CROSS_ENTROPY);
        NetworkSpec scaled = bare.withScaling(PER_FEATURE);
        assertEquals(bare.paramCount(), scaled.paramCount(), "a scaling has no parameters");
        double[] params = bare.initialParams(io.dpnet.nn.init.Initializer.XAVIER, 3);
        Random rng = new Random(5);
        int n = 6;
        double[] x = new double[3 * n];
        double[] byHand = new double[3 * n];
        for (int v = 0; v < x.length; v++) {
            x[v] = rng.nextGaussian() * 10;
            byHand[v] = (x[v] - PER_FEATURE.shift(v % 3)) * PER_FEATURE.factor(v % 3);
        }
        double[] expected = bare.newNetwork(precision).output(params, byHand, n).clone();
        double[] actual = scaled.newNetwork(precision).output(params, x, n).clone();
        assertArrayEquals(expected, actual, precision == Precision.FLOAT32 ? 1e-6 : 1e-14);
        assertEquals(PER_FEATURE, scaled.scaling().orElseThrow());
        assertEquals(bare.describe(), scaled.withScaling(null).describe());
    }

    @Test
    void itsDescriptionReadsBackAsTheSameLayer() {
        Map<String, Object> d = PER_FEATURE.describe();
        List<?> parsed = LayerSpecs.fromDescription(d);
        assertEquals(1, parsed.size());
        Scale back = (Scale) parsed.get(0);
        assertEquals(d, back.describe());
        assertEquals("min-max, per feature", back.toString());
        assertEquals("unit-range, x / 255", Scale.uniform("unit-range", 0, 1 / 255.0).toString());
        assertTrue(Scale.uniform("unit-range", 0, 1e-5).toString().endsWith("x / 100000"));
    }

    @Test
    void badValuesAndShapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Scale.uniform("x", 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Scale.uniform("x", Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> new Scale("x", new double[2], new double[] {1}));
        IllegalArgumentException wrongWidth = assertThrows(IllegalArgumentException.class,
                () -> NetworkBuilder.input(4).layer(PER_FEATURE).dense(2).loss(Loss.MSE));
        assertTrue(wrongWidth.getMessage().contains("fitted for 3 features cannot take 4"), wrongWidth.getMessage());
    }
}
