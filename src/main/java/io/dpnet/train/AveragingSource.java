package io.dpnet.train;

import io.dpnet.nn.optim.OptimizerSpec;

/** Model averaging: every partition's {@link ShardAveraging#round}, added up. */
public non-sealed interface AveragingSource extends SyncSource {

    /**
     * Each partition's parameters after its own optimizer steps at {@code rates}, one on its share of each global
     * step from {@code firstStep} on, weighted by its samples and added up; may be reused by the next call.
     */
    StepSums averagingRound(double[] params, OptimizerSpec optimizer, int epoch, int firstStep, double[] rates);
}
