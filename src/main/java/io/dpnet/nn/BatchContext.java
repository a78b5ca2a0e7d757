package io.dpnet.nn;

/**
 * What a layer's forward pass may know about the batch beyond its values: whether the network is training, and a key
 * for each sample column. Layers with randomness (dropout) derive it from the keys rather than from a shared
 * generator, so that a sample's mask depends on the sample, not on which partition or column it landed in.
 *
 * <p>An engine's network owns one and refills it for every pass.
 */
public final class BatchContext {
    private boolean training;
    private long[] sampleKeys;

    BatchContext() {
    }

    /** A context for calling a bound layer directly, e.g. from a test or a benchmark. */
    public static BatchContext of(boolean training, long[] sampleKeys) {
        return new BatchContext().set(training, sampleKeys);
    }

    /** Refills this context for the next pass. */
    public BatchContext set(boolean training, long[] sampleKeys) {
        this.training = training;
        this.sampleKeys = sampleKeys;
        return this;
    }

    public boolean training() {
        return training;
    }

    /**
     * The key of the sample in {@code column}: the one given for it or, when the caller gave no keys, the column
     * index itself (deterministic, but the same for column j of every batch).
     */
    public long sampleKey(int column) {
        return sampleKeys == null ? column : sampleKeys[column];
    }
}
