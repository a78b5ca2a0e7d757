package io.dpnet.train;

/** Gradient averaging: the sums over one global mini-batch, added up over all partitions. */
public non-sealed interface GradientSource extends SyncSource {

    /** The sums of global step {@code step} of {@code epoch} at {@code params}; may be reused by the next call. */
    StepSums stepGradient(double[] params, int epoch, int step);

    /**
     * The steps of {@code epoch}, each with its update, from {@code params} and {@code update}'s optimizer state. By
     * default every step's sums come from {@link #stepGradient} and {@code update} applies them here; a source may
     * instead apply the same update where the sums are (on Spark, the tasks of a barrier stage, each to a chunk of
     * the parameters), and then {@code params} and {@code update} are current only after {@link EpochSteps#sync} and
     * {@link EpochSteps#close}.
     */
    default EpochSteps beginEpoch(int epoch, double[] params, GradientUpdate update) {
        return new UpdateHere(this, epoch, params, update);
    }

    /** One epoch's steps, in order; closing it brings the parameters and optimizer state up to date. */
    interface EpochSteps extends AutoCloseable {

        /**
         * Runs step {@code step} of the epoch, global step {@code globalStep}: its sums, then the update. Returns
         * the step's loss and counts (its vector, the summed gradient, only where the update ran here).
         */
        StepSums step(int step, long globalStep);

        /** Brings the caller's parameters and optimizer state up to date with the steps run so far. */
        void sync();

        /** Ends the epoch, synced; after a step that threw, only releases what the epoch held. */
        @Override
        void close();
    }

    /** Steps whose sums come from {@link #stepGradient} and whose update is applied in this JVM. */
    final class UpdateHere implements EpochSteps {
        private final GradientSource source;
        private final int epoch;
        private final double[] params;
        private final GradientUpdate update;

        public UpdateHere(GradientSource source, int epoch, double[] params, GradientUpdate update) {
            this.source = source;
            this.epoch = epoch;
            this.params = params;
            this.update = update;
        }

        @Override
        public StepSums step(int step, long globalStep) {
            StepSums sum = source.stepGradient(params, epoch, step);
            update.apply(params, sum, globalStep, epoch);
            return sum;
        }

        @Override
        public void sync() {
            // Always current.
        }

        @Override
        public void close() {
            // Nothing held.
        }
    }
}
