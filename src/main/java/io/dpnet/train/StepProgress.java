package io.dpnet.train;

/**
 * Where an epoch stands after a synchronization: {@code step} of {@code steps} global steps done, {@code samples}
 * trained on so far in the epoch, in {@code seconds}.
 */
public record StepProgress(int epoch, int epochs, int step, int steps, long samples, double seconds) {

    public double samplesPerSecond() {
        return samples / Math.max(seconds, 1e-9);
    }

    /** Seconds left in this epoch at the pace so far. */
    public double epochEtaSeconds() {
        return step == 0 ? Double.NaN : seconds / step * (steps - step);
    }
}
