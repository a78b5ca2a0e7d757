package io.dpnet.train;

import java.io.Serializable;

/**
 * Sums over the samples of one step (or one part of it): the gradient of the summed loss, the summed loss, the sample
 * count and the number classified correctly. Parts add up; the trainer divides by the count only at the end, so a
 * short part weighs exactly as many samples as it has.
 */
public final class GradientSum implements Serializable {
    private static final long serialVersionUID = 1L;
    public final double[] gradient;
    public double loss;
    public long count;
    public long correct;
    /** Time spent computing, in the slowest of the parts that were added: the step's critical path. */
    public long computeNanos;

    public GradientSum(int paramCount) {
        this.gradient = new double[paramCount];
    }

    /** Back to all zeros, for reuse. */
    public void clear() {
        java.util.Arrays.fill(gradient, 0.0);
        loss = 0;
        count = 0;
        correct = 0;
        computeNanos = 0;
    }

    /** Adds {@code other} into this one and returns this. */
    public GradientSum add(GradientSum other) {
        double[] g = other.gradient;
        if (g.length != gradient.length) {
            throw new IllegalArgumentException("cannot add gradients of " + g.length + " and " + gradient.length);
        }
        for (int i = 0; i < g.length; i++) {
            gradient[i] += g[i];
        }
        loss += other.loss;
        count += other.count;
        correct += other.correct;
        computeNanos = Math.max(computeNanos, other.computeNanos);
        return this;
    }
}
