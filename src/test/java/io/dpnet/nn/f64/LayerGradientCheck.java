package io.dpnet.nn.f64;

import io.dpnet.nn.BatchContext;
import java.util.Random;

/**
 * Finite-difference check of one bound layer, inputs and parameters alike, through the scalar L = sum(r * y) for a
 * fixed random r: then dL/dy = r, and backward must give dL/dx and dL/dparams. The parameters sit at a nonzero offset
 * of a longer vector and the gradient slice starts out nonzero, so that offsets and "adds into grad" are checked too.
 */
final class LayerGradientCheck {
    /**
     * Larger than GradientCheckTest's 1e-6: L is linear, or piecewise linear (max pooling), in each value, so a
     * central difference has no truncation error at any step, and a larger step divides the rounding error of L down.
     */
    private static final double EPS = 1e-4;
    private static final int OFFSET = 3;

    private final Layer layer;
    private final int inSize;
    private final int outSize;
    private final int paramCount;
    private final int n;
    private final BatchContext batch;
    final double[] params;
    final double[] x;
    private final double[] r;

    LayerGradientCheck(Layer layer, int inSize, int outSize, int paramCount, int n, BatchContext batch, long seed) {
        this.layer = layer;
        this.inSize = inSize;
        this.outSize = outSize;
        this.paramCount = paramCount;
        this.n = n;
        this.batch = batch;
        Random rng = new Random(seed);
        params = new double[OFFSET + paramCount + 2];
        for (int i = 0; i < params.length; i++) {
            params[i] = rng.nextGaussian() * 0.5;
        }
        x = new double[inSize * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        r = new double[outSize * n];
        for (int i = 0; i < r.length; i++) {
            r[i] = rng.nextGaussian();
        }
    }

    private double objective() {
        double[] y = new double[outSize * n];
        layer.forward(params, OFFSET, x, y, n, batch);
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += r[i] * y[i];
        }
        return sum;
    }

    /** The worst relative error over every input and parameter, as in GradientCheckTest. */
    double worstRelativeError() {
        double[] y = new double[outSize * n];
        layer.forward(params, OFFSET, x, y, n, batch);
        double[] dx = new double[inSize * n];
        java.util.Arrays.fill(dx, Double.NaN);
        double[] grad = new double[params.length];
        double[] before = new double[params.length];
        for (int i = 0; i < grad.length; i++) {
            before[i] = grad[i] = 0.25 * i;
        }
        layer.backward(params, OFFSET, x, y, r.clone(), dx, grad, n);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, error(numeric(x, i), dx[i]));
        }
        for (int i = 0; i < params.length; i++) {
            boolean own = i >= OFFSET && i < OFFSET + paramCount;
            double numeric = own ? numeric(params, i) : 0.0;
            worst = Math.max(worst, error(numeric, grad[i] - before[i]));
        }
        return worst;
    }

    private double numeric(double[] values, int i) {
        double saved = values[i];
        values[i] = saved + EPS;
        double up = objective();
        values[i] = saved - EPS;
        double down = objective();
        values[i] = saved;
        return (up - down) / (2 * EPS);
    }

    static double error(double numeric, double analytic) {
        if (Double.isNaN(analytic)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.abs(numeric - analytic) / Math.max(1e-3, Math.abs(numeric) + Math.abs(analytic));
    }
}
