package io.dpnet.train;

import java.io.Serializable;

/**
 * How the samples of a data set fall into steps: each epoch orders all {@code totalSamples} by an
 * {@link EpochShuffle} of the seed and cuts that order into global mini-batches of {@code batchSize} (the last one
 * shorter). The steps do not depend on how the samples are partitioned.
 */
public record BatchPlan(long totalSamples, int batchSize, long seed) implements Serializable {

    public BatchPlan {
        if (totalSamples <= 0) {
            throw new IllegalArgumentException("the training data is empty");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch-size must be positive, got " + batchSize);
        }
    }

    public int stepsPerEpoch() {
        return Math.toIntExact((totalSamples + batchSize - 1) / batchSize);
    }

    public EpochShuffle shuffle(int epoch) {
        return new EpochShuffle(totalSamples, seed, epoch);
    }
}
