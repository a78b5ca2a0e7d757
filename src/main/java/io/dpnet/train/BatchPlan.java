package io.dpnet.train;

import java.io.Serializable;

/**
 * How the samples of a data set fall into steps: each epoch orders all {@code totalSamples} by an
 * {@link EpochShuffle} of the seed and cuts that order into global mini-batches of {@code batchSize} (the last one
 * shorter). The steps do not depend on how the samples are partitioned.
 *
 * <p>A class rather than a record: it travels inside cached shards, and Kryo cannot rebuild records.
 */
public final class BatchPlan implements Serializable {
    private static final long serialVersionUID = 1L;
    private final long totalSamples;
    private final int batchSize;
    private final long seed;

    public BatchPlan(long totalSamples, int batchSize, long seed) {
        if (totalSamples <= 0) {
            throw new IllegalArgumentException("the training data is empty");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch-size must be positive, got " + batchSize);
        }
        this.totalSamples = totalSamples;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    public long totalSamples() {
        return totalSamples;
    }

    public long seed() {
        return seed;
    }

    public int batchSize() {
        return batchSize;
    }

    public int stepsPerEpoch() {
        return Math.toIntExact((totalSamples + batchSize - 1) / batchSize);
    }

    public EpochShuffle shuffle(int epoch) {
        return new EpochShuffle(totalSamples, seed, epoch);
    }
}
