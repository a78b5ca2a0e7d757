package io.dpnet.train;

/**
 * Training went wrong beyond repair: a non-finite or exploding loss or gradient, or accuracy that collapsed to chance;
 * carries the step where it was seen.
 */
public final class DivergenceException extends RuntimeException {
    private final long step;

    public DivergenceException(long step, int epoch, String what) {
        super(what + " at step " + step + " (epoch " + epoch + "): training diverged; try a lower learning rate, "
                + "or features scaled to about [0, 1]");
        this.step = step;
    }

    /** {@code message} as it stands, seen after global step {@code step}. */
    public DivergenceException(String message, long step) {
        super(message);
        this.step = step;
    }

    public long step() {
        return step;
    }
}
