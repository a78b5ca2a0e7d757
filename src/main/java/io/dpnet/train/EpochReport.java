package io.dpnet.train;

/**
 * What one epoch did. {@code loss} and {@code trainAccuracy} are running means over the epoch's mini-batches (the
 * weights moved meanwhile); test figures are NaN when there is no test set.
 */
public record EpochReport(int epoch, int epochs, double loss, double trainAccuracy, double testAccuracy,
                          double testLoss, long samples, double elapsedSeconds, double epochSeconds) {

    public double samplesPerSecond() {
        return samples / Math.max(epochSeconds, 1e-9);
    }

    public double etaSeconds() {
        return elapsedSeconds / epoch * (epochs - epoch);
    }
}
