package io.dpnet.train;

import java.util.Locale;

/**
 * Stops a run whose loss explodes before it turns into NaN: a step whose mean loss is more than {@value #FACTOR}
 * times the run's first step's (or than {@value #FACTOR} times {@value #FLOOR}, for a loss that starts near zero)
 * throws a {@link DivergenceException}, so that no checkpoint or model of the exploded weights is written. A sane run's
 * loss falls from its first step; one that grows ten thousandfold has diverged (a learning rate far too high, or
 * features far from unit scale).
 */
public final class LossGuard {
    static final double FACTOR = 1e4;
    static final double FLOOR = 1e-3;
    private double first = Double.NaN;

    /** Checks global step {@code step}'s sums; the first step with samples sets the reference. */
    void check(StepSums sum, long step, int epoch) {
        if (sum.count == 0) {
            return;
        }
        double mean = sum.loss / sum.count;
        if (Double.isNaN(first)) {
            first = mean;
            return;
        }
        double limit = FACTOR * Math.max(first, FLOOR);
        if (mean > limit) {
            throw new DivergenceException(step, epoch, "the loss is " + compact(mean) + ", more than "
                    + String.format(Locale.ROOT, "%,.0f", FACTOR) + " times the first step's " + compact(first));
        }
    }

    /** A loss as people read it: four decimals in the usual range, else three significant digits and an exponent. */
    public static String compact(double loss) {
        double magnitude = Math.abs(loss);
        boolean plain = loss == 0 || magnitude >= 1e-3 && magnitude < 1e5 || !Double.isFinite(loss);
        return String.format(Locale.ROOT, plain ? "%.4f" : "%.2e", loss);
    }
}
