package io.dpnet.train;

import io.dpnet.nn.optim.OptimizerSpec;

/** Computes the sums over one global mini-batch: locally, or across a Spark cluster. */
public interface GradientSource {

    StepSums stepGradient(double[] params, int epoch, int step);

    /** Model averaging: every shard's {@link TrainingShard#averagingRound}, added up. */
    StepSums averagingRound(double[] params, OptimizerSpec optimizer, int epoch, int firstStep, double[] rates);
}
