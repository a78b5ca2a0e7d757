package io.dpnet.train;

/**
 * Stops a run whose accuracy has fallen back to chance after it had learnt: an epoch whose training accuracy is within
 * a tenth of the way from chance (1 / classes) to perfect, after an earlier epoch of this run had been more than half
 * way. Such a fall is no plateau but a collapse (weights driven into saturation or dead units by too large a rate),
 * which more epochs do not undo; the checkpoint before it is the one to keep.
 */
public final class CollapseGuard {
    private final double chance;
    private double best;
    private int bestEpoch;

    CollapseGuard(int classes) {
        this.chance = 1.0 / Math.max(2, classes);
    }

    /** Checks epoch {@code report}, which ended after global step {@code step}. */
    void check(EpochReport report, long step) {
        double accuracy = report.trainAccuracy();
        if (best > chance + 0.5 * (1 - chance) && accuracy <= chance + 0.1 * (1 - chance)) {
            throw new DivergenceException(String.format("training accuracy fell to %s in epoch %d (chance is %s) "
                    + "after %s in epoch %d: training collapsed; try a lower learning rate, or features scaled to "
                    + "about [0, 1]", percent(accuracy), report.epoch(), percent(chance), percent(best), bestEpoch),
                    step);
        }
        if (accuracy > best) {
            best = accuracy;
            bestEpoch = report.epoch();
        }
    }

    /**
     * A warning when a run ended where it began, its last epoch's training accuracy near chance (within a tenth of the
     * way to 100%) for {@code classes} classes: such a run never learnt (a rate so high that the first steps killed the
     * units, or labels unrelated to the features), which no guard above catches. Null otherwise.
     */
    public static String neverLearnt(EpochReport last, int classes) {
        double chance = 1.0 / Math.max(2, classes);
        if (last.trainAccuracy() > chance + 0.1 * (1 - chance)) {
            return null;
        }
        return String.format("training accuracy ended at %s, about chance (%s): the network did not learn; try a "
                + "lower learning rate, scaled features, or check that the labels belong to the features",
                percent(last.trainAccuracy()), percent(chance));
    }

    private static String percent(double v) {
        return String.format("%.2f%%", 100 * v);
    }
}
