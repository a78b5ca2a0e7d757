package io.dpnet.ml;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * Limited-memory BFGS (Nocedal and Wright, Numerical Optimization, 2nd ed., algorithms 7.4 and 7.5) with a strong
 * Wolfe line search, set up and stopped as MLlib runs Breeze's LBFGS for MultilayerPerceptronClassifier: 10
 * corrections; at most {@code maxIter} iterations; done when the loss is within {@code tol} times the first loss of
 * the largest of the last 20 losses, when the gradient's norm is at most {@code tol} times the loss (or 1e-8), or when
 * the line search fails twice in a row (the first failure only clears the corrections). It is written here rather
 * than run from Breeze because Java cannot implement Breeze's {@code DiffFunction}: that interface inherits
 * {@code apply} from Scala's {@code Function1}, returning Object, and from Breeze, returning double, and neither
 * javac nor a dynamic proxy accepts two methods that differ only in their return type.
 */
final class Lbfgs {
    static final int CORRECTIONS = 10;
    /** Losses the function-value test looks back over, as Breeze's default convergence check does. */
    static final int LOSS_MEMORY = 20;

    private final int maxIter;
    private final double tol;

    Lbfgs(int maxIter, double tol) {
        this.maxIter = maxIter;
        this.tol = tol;
    }

    /** Minimizes {@code f} from {@code w}, updated in place; returns the loss at the start and after each iteration. */
    List<Double> minimize(DifferentiableFunction f, double[] w) {
        double[] gradient = new double[w.length];
        double value = f.evaluate(w, gradient);
        double first = value;
        List<Double> history = new ArrayList<>(List.of(value));
        Deque<Double> recent = new ArrayDeque<>(List.of(Double.POSITIVE_INFINITY));
        Deque<double[]> steps = new ArrayDeque<>();
        Deque<double[]> gradientChanges = new ArrayDeque<>();
        boolean failedOnce = false;
        for (int iter = 0; iter < maxIter; ) {
            if (converged(value, first, gradient, recent)) {
                break;
            }
            double[] direction = direction(gradient, steps, gradientChanges);
            StrongWolfeLineSearch.Trial accepted;
            try {
                double t = iter == 0 ? 1 / Math.sqrt(StrongWolfeLineSearch.dot(direction, direction)) : 1;
                accepted = new StrongWolfeLineSearch(f, w, value, gradient, direction).search(t);
                if (accepted.t() * Math.sqrt(StrongWolfeLineSearch.dot(gradient, gradient)) < 1e-10) {
                    throw new StrongWolfeLineSearch.Failed("step size underflow");
                }
            } catch (StrongWolfeLineSearch.Failed e) {
                if (failedOnce) {
                    break;
                }
                failedOnce = true;
                steps.clear();
                gradientChanges.clear();
                continue;
            }
            failedOnce = false;
            double[] step = new double[w.length];
            double[] change = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                step[i] = accepted.t() * direction[i];
                change[i] = accepted.gradient()[i] - gradient[i];
                w[i] += step[i];
            }
            remember(steps, step);
            remember(gradientChanges, change);
            gradient = accepted.gradient();
            value = accepted.value();
            recent.addLast(value);
            if (recent.size() > LOSS_MEMORY) {
                recent.removeFirst();
            }
            history.add(value);
            iter++;
        }
        return history;
    }

    private boolean converged(double value, double first, double[] gradient, Deque<Double> recent) {
        boolean valuesSettled = recent.size() >= 2
                && Math.abs(value - Collections.max(recent)) <= tol * Math.abs(first);
        double gradientNorm = Math.sqrt(StrongWolfeLineSearch.dot(gradient, gradient));
        return valuesSettled || gradientNorm <= Math.max(tol * Math.abs(value), 1e-8);
    }

    private static void remember(Deque<double[]> memory, double[] v) {
        memory.addFirst(v);
        if (memory.size() > CORRECTIONS) {
            memory.removeLast();
        }
    }

    /** -H g by the two-loop recursion over the remembered pairs, newest first; H starts as a scaled identity. */
    static double[] direction(double[] gradient, Deque<double[]> steps, Deque<double[]> gradientChanges) {
        int k = steps.size();
        double[][] s = steps.toArray(new double[0][]);
        double[][] y = gradientChanges.toArray(new double[0][]);
        double[] q = gradient.clone();
        double[] alpha = new double[k];
        double[] rho = new double[k];
        for (int i = 0; i < k; i++) {
            rho[i] = 1 / StrongWolfeLineSearch.dot(y[i], s[i]);
            alpha[i] = rho[i] * StrongWolfeLineSearch.dot(s[i], q);
            axpy(-alpha[i], y[i], q);
        }
        double scale = k == 0 ? 1 : StrongWolfeLineSearch.dot(s[0], y[0]) / StrongWolfeLineSearch.dot(y[0], y[0]);
        for (int i = 0; i < q.length; i++) {
            q[i] *= scale;
        }
        for (int i = k - 1; i >= 0; i--) {
            double beta = rho[i] * StrongWolfeLineSearch.dot(y[i], q);
            axpy(alpha[i] - beta, s[i], q);
        }
        for (int i = 0; i < q.length; i++) {
            q[i] = -q[i];
        }
        return q;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
        }
    }
}
