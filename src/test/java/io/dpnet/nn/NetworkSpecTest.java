package io.dpnet.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.nn.init.Initializer;
import io.dpnet.nn.loss.Loss;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkSpecTest {

    @Test
    void laysParametersOutInOneVector() {
        NetworkSpec spec = NetworkBuilder.input(784).dense(128).relu().dense(64).relu().dense(10).softmax()
                .loss(Loss.SOFTMAX_CROSS_ENTROPY);
        assertEquals(784 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10, spec.paramCount());
        assertEquals(0, spec.offset(0));
        assertEquals(784 * 128 + 128, spec.offset(2));
        assertEquals(10, spec.outputSize());
        assertEquals(10, spec.numClasses());
    }

    @Test
    void xavierStaysWithinItsBound() {
        NetworkSpec spec = NetworkBuilder.input(30).dense(20).loss(Loss.MSE);
        double[] p = spec.initialParams(Initializer.XAVIER, 1);
        double bound = Math.sqrt(6.0 / 50);
        double max = 0;
        for (int i = 0; i < 600; i++) {
            max = Math.max(max, Math.abs(p[i]));
        }
        assertTrue(max <= bound && max > 0.9 * bound, "max |w| " + max + " vs bound " + bound);
        for (int i = 600; i < 620; i++) {
            assertEquals(0.0, p[i], "biases start at zero");
        }
        assertArrayEquals(p, spec.initialParams(Initializer.XAVIER, 1), "same seed, same weights");
    }

    @Test
    void describesItselfForModelFiles() {
        NetworkSpec spec = NetworkBuilder.input(4).dense(5).tanh().dense(3).softmax()
                .loss(Loss.SOFTMAX_CROSS_ENTROPY);
        NetworkSpec back = NetworkSpec.fromDescription(spec.describe());
        assertEquals(spec.toString(), back.toString());
        assertEquals(spec.describe(), back.describe());
    }

    @Test
    void configShorthandAddsTheActivation() {
        NetworkSpec spec = NetworkSpec.fromDescription(Map.of("input", List.of(4), "loss", "mse",
                "layers", List.of(Map.of("type", "dense", "units", 3, "activation", "sigmoid"))));
        assertEquals(2, spec.layers().size());
        assertEquals("sigmoid", spec.layers().get(1).type());
    }

    @Test
    void rejectsWhatCannotBeBuilt() {
        assertThrows(IllegalArgumentException.class, () -> NetworkBuilder.input(4).dense(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkBuilder.input(4).dense(1).loss(Loss.SOFTMAX_CROSS_ENTROPY));
        assertTrue(e.getMessage().contains("at least 2 outputs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NetworkSpec.fromDescription(Map.of(
                "input", List.of(4), "loss", "mse", "layers", List.of(Map.of("type", "swish")))));
        assertTrue(e.getMessage().contains("unknown layer type 'swish'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NetworkSpec.fromDescription(Map.of(
                "input", List.of(4), "loss", "mse",
                "layers", List.of(Map.of("type", "dense", "units", 2, "activation", "swish")))));
        assertTrue(e.getMessage().contains("unknown activation 'swish'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Loss.parse("hinge"));
        assertTrue(e.getMessage().contains("unknown loss 'hinge'"), e.getMessage());
        NetworkSpec spec = NetworkBuilder.input(4).dense(2).loss(Loss.MSE);
        e = assertThrows(IllegalArgumentException.class, () -> spec.checkParams(new double[3]));
        assertTrue(e.getMessage().contains("has 10 parameters but 3"), e.getMessage());
    }
}
