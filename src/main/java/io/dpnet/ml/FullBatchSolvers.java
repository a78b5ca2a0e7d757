package io.dpnet.ml;

import breeze.linalg.DenseVector;
import breeze.linalg.DenseVector$;
import breeze.optimize.FirstOrderMinimizer;
import breeze.optimize.LBFGS;
import java.util.ArrayList;
import java.util.List;
import scala.collection.Iterator;

/**
 * MultilayerPerceptronClassifier's solvers, {@code l-bfgs} and {@code gd}, over the full batch: each iteration
 * evaluates the loss and gradient over every row ({@link FullBatchObjective}). Both update the weights in place and
 * return the loss before the first iteration and after each one (MLlib's objective history).
 */
final class FullBatchSolvers {
    /** The corrections L-BFGS keeps, as MLlib's {@code LBFGS} sets them for MultilayerPerceptronClassifier. */
    static final int CORRECTIONS = 10;

    private FullBatchSolvers() {
    }

    /**
     * Gradient descent as MLlib's {@code GradientDescent} runs it for MultilayerPerceptronClassifier (with its
     * {@code ANNUpdater}): each iteration steps by {@code stepSize} times the gradient, the same step every time. It
     * ends after {@code maxIter} iterations, or once a step after the first moved the weights by less than
     * {@code tol * max(|w|, 1)}. The history holds the loss at the start and after each step, except after the step
     * that converged, which MLlib does not evaluate.
     */
    static List<Double> gradientDescent(DifferentiableFunction objective, double[] w, int maxIter, double stepSize,
                                        double tol) {
        double[] gradient = new double[w.length];
        List<Double> history = new ArrayList<>();
        for (int t = 1; ; t++) {
            history.add(objective.evaluate(w, gradient));
            if (t > maxIter) {
                return history;
            }
            double moved = 0;
            double norm = 0;
            for (int i = 0; i < w.length; i++) {
                double step = stepSize * gradient[i];
                w[i] -= step;
                moved += step * step;
                norm += w[i] * w[i];
            }
            if (t > 1 && Math.sqrt(moved) < tol * Math.max(Math.sqrt(norm), 1.0)) {
                return history;
            }
        }
    }

    /**
     * L-BFGS as MLlib runs it for MultilayerPerceptronClassifier: Breeze's {@code LBFGS} with 10 corrections, at most
     * {@code maxIter} iterations and its default convergence checks at {@code tol} (the loss within {@code tol}
     * times itself of the largest of the last 20, or the gradient's norm at most {@code tol} times the loss or 1e-8,
     * or the line search failing twice in a row). The history holds the loss of every state Breeze reports, the
     * start included, as MLlib's {@code LBFGS.runLBFGS} collects it.
     */
    static List<Double> lbfgs(DifferentiableFunction objective, double[] w, int maxIter, double tol) {
        LBFGS<DenseVector<Object>> lbfgs = new LBFGS<>(maxIter, CORRECTIONS, tol, DenseVector$.MODULE$.space_Double());
        Iterator<FirstOrderMinimizer.State<DenseVector<Object>, Object, Object>> states =
                lbfgs.iterations(BreezeDiffFunction.of(objective), new DenseVector<Object>(w.clone()));
        List<Double> history = new ArrayList<>();
        FirstOrderMinimizer.State<DenseVector<Object>, Object, Object> state = null;
        while (states.hasNext()) {
            state = states.next();
            history.add(state.value());
        }
        System.arraycopy(BreezeDiffFunction.values(state.x()), 0, w, 0, w.length);
        return history;
    }
}
