package io.dpnet.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.nn.optim.AdamSpec;
import io.dpnet.nn.optim.LearningRateSchedule;
import io.dpnet.nn.optim.Optimizer;
import io.dpnet.nn.optim.SgdSpec;
import org.junit.jupiter.api.Test;

class OptimizerAndScheduleTest {

    @Test
    void warmUpRisesLinearlyAndNeverPassesTheBaseRate() {
        // 2.5 warm-up steps: a fractional period must not overshoot on its last step.
        LearningRateSchedule s = new LearningRateSchedule(1.0, 0.25, 0, 1);
        assertEquals(0.4, s.rate(0, 10), 1e-12);
        assertEquals(0.8, s.rate(1, 10), 1e-12);
        assertEquals(1.0, s.rate(2, 10), 1e-12);
        assertEquals(1.0, s.rate(3, 10), 1e-12);
    }

    @Test
    void stepDecayMultipliesEveryPeriod() {
        LearningRateSchedule s = new LearningRateSchedule(0.8, 0, 2, 0.5);
        assertEquals(0.8, s.rate(19, 10), 1e-12);
        assertEquals(0.4, s.rate(20, 10), 1e-12);
        assertEquals(0.2, s.rate(45, 10), 1e-12);
    }

    @Test
    void sgdWithMomentumAndDecayFollowsItsFormula() {
        Optimizer sgd = new SgdSpec(0.5, false, 0.1).create(1);
        double[] w = {1.0};
        sgd.step(w, new double[] {2.0}, 0.1); // g' = 2.1, v = 2.1, w = 1 - 0.21
        assertEquals(0.79, w[0], 1e-12);
        sgd.step(w, new double[] {0.0}, 0.1); // g' = 0.079, v = 1.05 + 0.079
        assertEquals(0.79 - 0.1 * 1.129, w[0], 1e-12);
    }

    @Test
    void adamsFirstStepMovesByTheRate() {
        Optimizer adam = new AdamSpec(0.9, 0.999, 1e-8, 0).create(2);
        double[] w = {0.0, 0.0};
        adam.step(w, new double[] {3.0, -0.002}, 0.01);
        assertEquals(-0.01, w[0], 1e-9);
        assertEquals(0.01, w[1], 1e-6);
    }

    /** Adam's state through float32 (as a float32 checkpoint holds it) gives back its step counter past 2^24. */
    @Test
    void adamsStepCounterSurvivesFloat32State() {
        Optimizer adam = new AdamSpec(0.9, 0.999, 1e-8, 0).create(1);
        double[] counter = {(1L << 24) + 1};
        adam.restore(new double[][] {{0.5}, {0.25}, counter});
        double[][] state = adam.state();
        for (double[] part : state) {
            Precision.FLOAT32.round(part);
        }
        Optimizer resumed = new AdamSpec(0.9, 0.999, 1e-8, 0).create(1);
        resumed.restore(state);
        double[] a = {1.0};
        double[] b = {1.0};
        adam.step(a, new double[] {0.3}, 0.01);
        resumed.step(b, new double[] {0.3}, 0.01);
        assertEquals(a[0], b[0], 0.0);
        assertEquals((1L << 24) + 2, resumed.state()[2][0] + resumed.state()[2][1] * (1L << 24), 0.0);
    }

    @Test
    void settingsThatAreNotNumbersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SgdSpec(Double.NaN, false, 0));
        assertThrows(IllegalArgumentException.class, () -> new SgdSpec(0.9, false, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new AdamSpec(Double.NaN, 0.999, 1e-8, 0));
        assertThrows(IllegalArgumentException.class, () -> new AdamSpec(0.9, 0.999, Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(0.1, Double.NaN, 0, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LearningRateSchedule(0.1, Double.POSITIVE_INFINITY, 0, 1));
        assertTrue(e.getMessage().contains("finite"), e.getMessage());
    }
}
