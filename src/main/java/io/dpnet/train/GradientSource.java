package io.dpnet.train;

import io.dpnet.nn.optim.OptimizerSpec;

/** Computes the sums over one global mini-batch: locally, or across a Spark cluster. */
public interface GradientSource {

    StepSums stepGradient(double[] params, int epoch, int step);

    /** Model averaging: every shard's {@link TrainingShard#averagingRound}, added up. */
    StepSums averagingRound(double[] params, OptimizerSpec optimizer, int epoch, int firstStep, double[] rates);

    /**
     * Announces that {@link #stepGradient} calls for {@code epoch} follow, until the returned scope is closed, so that
     * a source may hold something for the epoch (on Spark, a barrier stage whose tasks stay connected).
     */
    default EpochScope beginEpoch(int epoch) {
        return () -> { };
    }

    /** The steps of one epoch; closing it releases what the source held for them. */
    interface EpochScope extends AutoCloseable {
        @Override
        void close();
    }
}
