package io.dpnet.train;

/**
 * What one epoch did. {@code loss} and {@code trainAccuracy} are running means over the epoch's mini-batches (the
 * weights moved meanwhile); test and validation figures are those of the weights at the epoch's end, NaN when there is
 * no such set. Of the {@code stepSeconds} spent getting
 * gradients, {@code computeSeconds} is the math on the slowest partition; the rest is the distribution's overhead.
 * {@code steps} counts synchronizations: one per global step, or one per round under model averaging.
 */
public record EpochReport(int epoch, int epochs, double loss, double trainAccuracy, double testAccuracy,
                          double testLoss, double validationAccuracy, double validationLoss, long samples,
                          double elapsedSeconds, double epochSeconds, int steps, double stepSeconds,
                          double computeSeconds) {

    public double samplesPerSecond() {
        return samples / Math.max(epochSeconds, 1e-9);
    }

    /** Mean wall time of one step's gradient, in milliseconds. */
    public double stepMillis() {
        return 1000 * stepSeconds / Math.max(1, steps);
    }

    /** Mean time of one step's math on its slowest partition, in milliseconds. */
    public double computeMillis() {
        return 1000 * computeSeconds / Math.max(1, steps);
    }

    public double etaSeconds() {
        return elapsedSeconds / epoch * (epochs - epoch);
    }
}
