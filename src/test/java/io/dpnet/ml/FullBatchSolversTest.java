package io.dpnet.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The full-batch solvers on functions whose minimum is known, without Spark. */
class FullBatchSolversTest {

    /** Rosenbrock's banana: minimum 0 at (1, 1), down a long curved valley. */
    private static final DifferentiableFunction ROSENBROCK = (w, g) -> {
        double a = 1 - w[0];
        double b = w[1] - w[0] * w[0];
        g[0] = -2 * a - 400 * w[0] * b;
        g[1] = 200 * b;
        return a * a + 100 * b * b;
    };

    /** sum_i (i+1) (w_i - i)^2 / 2: minimum 0 at (0, 1, 2, ...), conditioned 1 to n. */
    private static final DifferentiableFunction QUADRATIC = (w, g) -> {
        double f = 0;
        for (int i = 0; i < w.length; i++) {
            double d = w[i] - i;
            g[i] = (i + 1) * d;
            f += 0.5 * (i + 1) * d * d;
        }
        return f;
    };

    @Test
    void lbfgsFindsRosenbrocksMinimum() {
        double[] w = {-1.2, 1};
        List<Double> history = FullBatchSolvers.lbfgs(ROSENBROCK, w, 100, 1e-12);
        assertArrayEquals(new double[] {1, 1}, w, 1e-5);
        assertTrue(history.size() < 60, "iterations: " + (history.size() - 1));
        assertEquals(24.2, history.get(0), 1e-9);
        for (int i = 1; i < history.size(); i++) {
            assertTrue(history.get(i) <= history.get(i - 1), "the loss never rises: " + history);
        }
    }

    @Test
    void lbfgsSolvesAQuadraticInAboutAsManyIterationsAsDimensions() {
        double[] w = new double[8];
        List<Double> history = FullBatchSolvers.lbfgs(QUADRATIC, w, 100, 1e-9);
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6, 7}, w, 1e-4);
        assertTrue(history.size() <= 20, "iterations: " + (history.size() - 1));
    }

    @Test
    void lbfgsStopsAtMaxIterAndOnTheGradient() {
        double[] w = {-1.2, 1};
        assertEquals(4, FullBatchSolvers.lbfgs(ROSENBROCK, w, 3, 0).size());
        double[] atMinimum = {1, 1};
        assertEquals(1, FullBatchSolvers.lbfgs(ROSENBROCK, atMinimum, 100, 1e-6).size());
    }

    @Test
    void gradientDescentShrinksItsStepsAndStopsOnTol() {
        double[] w = new double[3];
        List<Double> history = FullBatchSolvers.gradientDescent(QUADRATIC, w, 200, 0.3, 0);
        assertEquals(201, history.size());
        assertArrayEquals(new double[] {0, 1, 2}, w, 1e-3);
        double[] v = new double[3];
        assertEquals(2, FullBatchSolvers.gradientDescent(QUADRATIC, v, 200, 0.3, 1e9).size());
        // The first step is stepSize times the gradient at 0, which is -(i+1) i.
        assertArrayEquals(new double[] {0, 0.6, 1.8}, v, 1e-12);
    }

    @Test
    void theLineSearchInterpolatesInsideItsBracket() {
        StrongWolfeLineSearch.Trial a = new StrongWolfeLineSearch.Trial(0, 1, -1, null);
        StrongWolfeLineSearch.Trial b = new StrongWolfeLineSearch.Trial(2, 1, 1, null);
        // The cubic through f(0)=1, f'(0)=-1, f(2)=1, f'(2)=1 is symmetric: its minimum is at 1.
        assertEquals(1.0, StrongWolfeLineSearch.interpolate(a, b), 1e-12);
        assertEquals(1.0, StrongWolfeLineSearch.interpolate(b, a), 1e-12);
    }
}
