package io.dpnet.train;

/**
 * Where a training run stands after {@code epochsDone} whole epochs: the global step counter, the parameters and the
 * driver optimizer's state (empty under model averaging, whose optimizers live with the partitions). The epoch order
 * needs no generator state: it is a function of the seed and the epoch number.
 */
public record TrainingState(int epochsDone, long step, double[] params, double[][] optimizerState) {

    /** The start of a run from {@code params}, with a fresh optimizer. */
    public static TrainingState start(double[] params) {
        return new TrainingState(0, 0, params, null);
    }
}
