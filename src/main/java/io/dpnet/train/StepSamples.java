package io.dpnet.train;

import java.io.Serializable;

/** Where a {@link ShardGradient} finds its samples of each global step: in memory, or streamed from files. */
interface StepSamples extends Serializable {
    /** Samples of this shard. */
    long size();

    /** Readies global step {@code step} of {@code epoch}; returns how many of its samples this shard holds. */
    int select(int epoch, int step);

    /**
     * Samples {@code [from, to)} of the selected step, in epoch order: features into the columns of {@code x}, labels
     * into {@code y}, global indices into {@code index}.
     */
    void gather(int from, int to, double[] x, int[] y, long[] index);
}
