package io.dpnet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LossGuardTest {

    private static StepSums step(double meanLoss, long count) {
        StepSums sums = new StepSums(0);
        sums.loss = meanLoss * count;
        sums.count = count;
        return sums;
    }

    @Test
    void aLossThatFallsOrWobblesPasses() {
        LossGuard guard = new LossGuard();
        double[] losses = {2.3, 1.9, 2.8, 40.0, 0.4, 0.001, 2000.0};
        for (int s = 0; s < losses.length; s++) {
            guard.check(step(losses[s], 64), s, 1);
        }
        guard.check(step(0, 0), losses.length, 1); // a step without samples says nothing
    }

    @Test
    void aLossTenThousandTimesTheFirstStepsStopsTheRunAtThatStep() {
        LossGuard guard = new LossGuard();
        guard.check(step(2.3, 64), 40, 1);
        guard.check(step(2.3e4 - 1, 64), 41, 1);
        DivergenceException e = assertThrows(DivergenceException.class, () -> guard.check(step(2.4e4, 64), 42, 1));
        assertEquals(42, e.step());
        String message = e.getMessage();
        assertTrue(message.contains("the loss is 24000.0000") && message.contains("2.3000"), message);
    }

    @Test
    void aFirstLossNearZeroIsMeasuredFromAFloor() {
        LossGuard guard = new LossGuard();
        guard.check(step(1e-9, 10), 0, 1);
        guard.check(step(9.0, 10), 1, 1);
        assertThrows(DivergenceException.class, () -> guard.check(step(11.0, 10), 2, 1));
    }

    @Test
    void lossesPrintCompactly() {
        assertEquals("3.27e+71", LossGuard.compact(3.27e71));
        assertEquals("0.1234", LossGuard.compact(0.12341));
        assertEquals("99999.0000", LossGuard.compact(99999));
        assertEquals("1.00e+05", LossGuard.compact(1e5));
        assertEquals("4.00e-05", LossGuard.compact(4e-5));
        assertEquals("0.0000", LossGuard.compact(0));
        assertEquals("NaN", LossGuard.compact(Double.NaN));
    }
}
