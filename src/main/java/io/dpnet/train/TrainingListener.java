package io.dpnet.train;

/** Hears of training progress after each epoch. */
public interface TrainingListener {

    void onEpoch(EpochReport report);
}
