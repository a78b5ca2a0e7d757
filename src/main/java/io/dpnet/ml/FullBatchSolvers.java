package io.dpnet.ml;

import java.util.ArrayList;
import java.util.List;

/**
 * MultilayerPerceptronClassifier's solvers, {@code l-bfgs} and {@code gd}, over the full batch: each iteration
 * evaluates the loss and gradient over every row ({@link FullBatchObjective}). Both update the weights in place and
 * return the loss before the first iteration and after each one (MLlib's objective history).
 */
final class FullBatchSolvers {
    private FullBatchSolvers() {
    }

    /**
     * Gradient descent as MLlib's {@code GradientDescent} does it: iteration {@code t} (from 1) steps by
     * {@code stepSize / sqrt(t)} times the gradient, and the run ends after {@code maxIter} iterations or once an
     * iteration moved the weights by less than {@code tol * max(|w|, 1)}.
     */
    static List<Double> gradientDescent(DifferentiableFunction objective, double[] w, int maxIter, double stepSize,
                                        double tol) {
        double[] gradient = new double[w.length];
        List<Double> history = new ArrayList<>();
        history.add(objective.evaluate(w, gradient));
        for (int t = 1; t <= maxIter; t++) {
            double rate = stepSize / Math.sqrt(t);
            double moved = 0;
            double norm = 0;
            for (int i = 0; i < w.length; i++) {
                double step = rate * gradient[i];
                w[i] -= step;
                moved += step * step;
                norm += w[i] * w[i];
            }
            history.add(objective.evaluate(w, gradient));
            if (Math.sqrt(moved) < tol * Math.max(Math.sqrt(norm), 1.0)) {
                break;
            }
        }
        return history;
    }

    /** L-BFGS as MLlib runs it for MultilayerPerceptronClassifier; see {@link Lbfgs}. */
    static List<Double> lbfgs(DifferentiableFunction objective, double[] w, int maxIter, double tol) {
        return new Lbfgs(maxIter, tol).minimize(objective, w);
    }
}
