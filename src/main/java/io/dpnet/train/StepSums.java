package io.dpnet.train;

import java.io.Serializable;

/**
 * Sums over the samples of one step (or one part of it): a vector, the summed loss, the sample count and the number
 * classified correctly. Parts add up; the trainer divides by the count only at the end, so a short part weighs exactly
 * as many samples as it has. The vector is the gradient of the summed loss when gradients are averaged, and the
 * parameters times the samples that produced them when models are averaged.
 */
public final class StepSums implements Serializable {
    private static final long serialVersionUID = 1L;
    public final double[] vector;
    public double loss;
    public long count;
    public long correct;
    /** Time spent computing, in the slowest of the parts that were added: the step's critical path. */
    public long computeNanos;

    public StepSums(int paramCount) {
        this.vector = new double[paramCount];
    }

    /** Back to all zeros, for reuse. */
    public void clear() {
        java.util.Arrays.fill(vector, 0.0);
        loss = 0;
        count = 0;
        correct = 0;
        computeNanos = 0;
    }

    /** Sets this to the sum of {@code parts}, added in their order, and returns this. */
    public StepSums setToSum(Iterable<StepSums> parts) {
        clear();
        for (StepSums part : parts) {
            add(part);
        }
        return this;
    }

    /** Adds {@code other} into this one and returns this. */
    public StepSums add(StepSums other) {
        double[] v = other.vector;
        if (v.length != vector.length) {
            throw new IllegalArgumentException("cannot add vectors of " + v.length + " and " + vector.length);
        }
        for (int i = 0; i < v.length; i++) {
            vector[i] += v[i];
        }
        return addScalars(other);
    }

    /** Adds the loss and counts of {@code other} (its compute time: the longer one) but not its vector. */
    public StepSums addScalars(StepSums other) {
        loss += other.loss;
        count += other.count;
        correct += other.correct;
        computeNanos = Math.max(computeNanos, other.computeNanos);
        return this;
    }
}
