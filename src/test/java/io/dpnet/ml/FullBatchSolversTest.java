package io.dpnet.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import breeze.linalg.DenseVector;
import breeze.optimize.DiffFunction;
import java.util.List;
import org.junit.jupiter.api.Test;
import scala.Function1;

/** The full-batch solvers on functions whose minimum is known, and Breeze's view of a function, without Spark. */
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
    void gradientDescentTakesFixedStepsAndStopsOnTolAsMllib() {
        double[] w = new double[3];
        List<Double> history = FullBatchSolvers.gradientDescent(QUADRATIC, w, 200, 0.3, 0);
        assertEquals(201, history.size());
        assertArrayEquals(new double[] {0, 1, 2}, w, 1e-9);
        // The first step is 0.3 times the gradient at 0, -(i+1) i, giving (0, 0.6, 1.8); the second 0.3 times
        // (i+1) (i - w_i). The first step is never tested against tol, the second is: with a huge tol, it converged,
        // and the loss after it is not evaluated.
        double[] v = new double[3];
        List<Double> stopped = FullBatchSolvers.gradientDescent(QUADRATIC, v, 200, 0.3, 1e9);
        assertArrayEquals(new double[] {0, 0.84, 1.98}, v, 1e-12);
        assertEquals(2, stopped.size());
        assertEquals(7.0, stopped.get(0), 1e-12); // 1/2 (2 * 1 + 3 * 4)
        assertEquals(0.22, stopped.get(1), 1e-12); // 1/2 (2 * 0.4^2 + 3 * 0.2^2)
        // maxIter 0: the loss at the start, nothing else.
        assertEquals(List.of(7.0), FullBatchSolvers.gradientDescent(QUADRATIC, new double[3], 0, 0.3, 0));
    }

    @Test
    void breezeSeesTheFunctionThroughEveryMethod() {
        DiffFunction<DenseVector<Object>> f = BreezeDiffFunction.of(ROSENBROCK);
        DenseVector<Object> x = new DenseVector<Object>(new double[] {-1.2, 1});
        assertEquals(24.2, (Double) f.calculate(x)._1(), 1e-12);
        assertArrayEquals(new double[] {-215.6, -88}, BreezeDiffFunction.values(f.calculate(x)._2()), 1e-9);
        assertEquals(24.2, f.apply(x), 1e-12); // Breeze's apply, returning double
        @SuppressWarnings("unchecked")
        Function1<Object, Object> asScalaFunction = (Function1<Object, Object>) (Object) f;
        assertEquals(24.2, (Double) asScalaFunction.apply(x), 1e-12); // Function1's, returning Object
        assertEquals(24.2, f.valueAt(x), 1e-12);
        assertArrayEquals(new double[] {-215.6, -88}, BreezeDiffFunction.values(f.gradientAt(x)), 1e-9);
        assertTrue(f.repr() == f);
        // A strided view (every other entry) is read as Breeze means it.
        DenseVector<Object> strided = new DenseVector<Object>(new double[] {9, -1.2, 9, 1}, 1, 2, 2);
        assertEquals(24.2, f.valueAt(strided), 1e-12);
        // Each call to of() gives a new view; the class behind them is defined once.
        assertTrue(BreezeDiffFunction.of(QUADRATIC).getClass() == f.getClass());
    }
}
