package io.dpnet.train;

/** Training produced a non-finite loss or gradient; carries the step where it happened. */
public final class DivergenceException extends RuntimeException {
    private final long step;

    public DivergenceException(long step, int epoch, String what) {
        super(what + " at step " + step + " (epoch " + epoch + "): training diverged; try a lower learning rate, "
                + "or features scaled to about [0, 1]");
        this.step = step;
    }

    public long step() {
        return step;
    }
}
