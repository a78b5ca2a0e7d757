package io.dpnet.train;

/** Hears of training progress after each epoch, and if it wants, after each synchronization. */
public interface TrainingListener {

    void onEpoch(EpochReport report);

    /** After every step (every round under model averaging); called often, so it must be cheap. */
    default void onStep(StepProgress progress) {
    }
}
