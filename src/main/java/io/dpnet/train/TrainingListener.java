package io.dpnet.train;

/** Hears of training progress after each epoch, and if it wants, after each synchronization; may end training. */
public interface TrainingListener {

    void onEpoch(EpochReport report);

    /**
     * Asked after each epoch, once every listener has heard of it: true ends training there, a checkpoint written
     * (e.g. once it has converged).
     */
    default boolean stopAfter(EpochReport report) {
        return false;
    }

    /** After every step (every round under model averaging); called often, so it must be cheap. */
    default void onStep(StepProgress progress) {
    }
}
