package io.dpnet.ml;

/**
 * A step length along a descent direction that satisfies the strong Wolfe conditions (Nocedal and Wright,
 * Numerical Optimization, 2nd ed., algorithms 3.5 and 3.6): enough decrease (c1 = 1e-4) and a small enough slope
 * (c2 = 0.9), the settings of Breeze's line search for L-BFGS. Each trial step costs one evaluation.
 */
final class StrongWolfeLineSearch {
    static final double C1 = 1e-4;
    static final double C2 = 0.9;
    static final int MAX_STEPS = 10;
    static final int MAX_ZOOMS = 10;

    /** No step length satisfied the conditions within the allowed evaluations. */
    static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failed(String message) {
            super(message, null, false, false);
        }
    }

    /** A trial step: its length, the value there and the slope along the direction, and the gradient. */
    record Trial(double t, double value, double slope, double[] gradient) {
    }

    private final DifferentiableFunction f;
    private final double[] x;
    private final double[] direction;
    private final double[] point;
    private final Trial start;

    /** The search from {@code x}, where the value is {@code value} and the gradient {@code gradient}. */
    StrongWolfeLineSearch(DifferentiableFunction f, double[] x, double value, double[] gradient, double[] direction) {
        this.f = f;
        this.x = x;
        this.direction = direction;
        this.point = new double[x.length];
        this.start = new Trial(0, value, dot(gradient, direction), gradient);
        if (!(start.slope < 0)) {
            throw new Failed("not a descent direction: slope " + start.slope);
        }
    }

    /** The accepted trial, beginning with step length {@code t}. */
    Trial search(double t) {
        Trial low = start;
        for (int i = 0; i < MAX_STEPS; i++) {
            Trial trial = evaluate(t);
            if (!Double.isFinite(trial.value)) {
                t /= 2; // stepped out of where the function is finite: come back
                continue;
            }
            if (trial.value > start.value + C1 * t * start.slope || (i > 0 && trial.value >= low.value)) {
                return zoom(low, trial);
            }
            if (Math.abs(trial.slope) <= -C2 * start.slope) {
                return trial;
            }
            if (trial.slope >= 0) {
                return zoom(trial, low);
            }
            low = trial;
            t *= 2;
        }
        throw new Failed("no step met the strong Wolfe conditions in " + MAX_STEPS + " trials");
    }

    /** Narrows the bracket between {@code low} (the lower value) and {@code high} down to an accepted step. */
    private Trial zoom(Trial low, Trial high) {
        for (int i = 0; i < MAX_ZOOMS; i++) {
            Trial trial = evaluate(interpolate(low, high));
            if (trial.value > start.value + C1 * trial.t * start.slope || trial.value >= low.value) {
                high = trial;
            } else {
                if (Math.abs(trial.slope) <= -C2 * start.slope) {
                    return trial;
                }
                if (trial.slope * (high.t - low.t) >= 0) {
                    high = low;
                }
                low = trial;
            }
        }
        throw new Failed("the strong Wolfe bracket did not close in " + MAX_ZOOMS + " zooms");
    }

    /**
     * The minimizer of the cubic through both ends' values and slopes (Nocedal and Wright, equation 3.59), kept
     * inside the middle 80% of the bracket; the midpoint where the cubic has none there.
     */
    static double interpolate(Trial a, Trial b) {
        double d1 = a.slope + b.slope - 3 * (a.value - b.value) / (a.t - b.t);
        double radicand = d1 * d1 - a.slope * b.slope;
        double lo = Math.min(a.t, b.t);
        double hi = Math.max(a.t, b.t);
        double margin = 0.1 * (hi - lo);
        if (radicand >= 0) {
            double d2 = Math.signum(b.t - a.t) * Math.sqrt(radicand);
            double t = b.t - (b.t - a.t) * (b.slope + d2 - d1) / (b.slope - a.slope + 2 * d2);
            if (Double.isFinite(t) && t >= lo + margin && t <= hi - margin) {
                return t;
            }
        }
        return (lo + hi) / 2;
    }

    private Trial evaluate(double t) {
        for (int i = 0; i < x.length; i++) {
            point[i] = x[i] + t * direction[i];
        }
        double[] gradient = new double[x.length];
        double value = f.evaluate(point, gradient);
        return new Trial(t, value, dot(gradient, direction), gradient);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
