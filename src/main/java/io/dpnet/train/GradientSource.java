package io.dpnet.train;

/** Gradient averaging: the sums over one global mini-batch, added up over all partitions. */
public non-sealed interface GradientSource extends SyncSource {

    /** The sums of global step {@code step} of {@code epoch} at {@code params}; may be reused by the next call. */
    StepSums stepGradient(double[] params, int epoch, int step);

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
