package io.dpnet.train;

/** Hears of training progress: after each epoch, and once at the end. */
public interface TrainingListener {

    void onEpoch(EpochReport report);
}
