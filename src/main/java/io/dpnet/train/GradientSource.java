package io.dpnet.train;

/** Computes the sums over one global mini-batch: locally, or across a Spark cluster. */
public interface GradientSource extends AutoCloseable {

    GradientSum stepGradient(double[] params, int epoch, int step);

    /** Loss and confusion on the training data itself. */
    Evaluation evaluate(double[] params);

    @Override
    default void close() {
    }
}
